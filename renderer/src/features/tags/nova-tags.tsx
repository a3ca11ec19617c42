/**
 * Nova's 1D tags (plain strings) of one server, shown where present. The list is loaded with
 * `createScopedData` by a component mounted per server, and a scope switch forgets the picked
 * server: one server's or scope's tags never show under another's name.
 */
import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js';
import { ErrorPanel } from '../../components/error-panel';
import { ServerPicker } from '../../components/server-picker';
import { useApi } from '../../lib/api-context';
import { useScope } from '../../stores/app-context';
import { usePickableServers } from '../../stores/pickable-servers';
import { createScopedData } from '../../stores/scoped-data';

/** Picks a server and lists its Nova 1D tags. */
export function NovaTags() {
  const [scope] = useScope();
  const servers = usePickableServers();
  const id = createUniqueId();
  const [serverId, setServerId] = createSignal('');
  createEffect(
    on(
      () => (scope.scope ? `${scope.scope.accountId}|${scope.scope.region}` : undefined),
      () => setServerId(''),
      { defer: true },
    ),
  );
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Nova 1D tags</h3>
      <label for={`${id}-srv`}>Server for Nova tags</label>{' '}
      <ServerPicker id={`${id}-srv`} servers={servers()} value={serverId()} onChange={setServerId} />
      <Show when={serverId()} keyed>
        {(sid) => <ServerNovaTags serverId={sid} />}
      </Show>
    </section>
  );
}

/** The Nova tags of one server (the component is keyed on it). */
function ServerNovaTags(props: { serverId: string }) {
  const api = useApi();
  // eslint-disable-next-line solid/reactivity -- keyed on the server: the id never changes here
  const serverId = props.serverId;
  const [tags, { reload }] = createScopedData(
    (sc) => api.invoke('tags.nova', { ...sc, id: serverId }),
    false,
  );
  return (
    <>
      <Show when={tags.loading && !tags.value}>
        <p class="muted" role="status">
          Loading Nova tags…
        </p>
      </Show>
      <Show when={tags.error}>
        {(e) => <ErrorPanel title="Could not load the Nova tags" error={e()} onRetry={() => void reload()} />}
      </Show>
      <Show when={tags.value?.tags}>
        {(list) => (
          <Show when={list().length} fallback={<p class="muted">This server has no Nova tags.</p>}>
            <ul aria-label="Nova tags">
              <For each={list()}>{(t) => <li class="mono">{t}</li>}</For>
            </ul>
          </Show>
        )}
      </Show>
    </>
  );
}
