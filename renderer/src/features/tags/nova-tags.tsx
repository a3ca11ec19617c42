/**
 * Nova's 1D tags (plain strings) of one server, shown where present.
 */
import { createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import { ErrorPanel } from '../../components/error-panel';
import { ServerPicker } from '../../components/server-picker';
import { useApi } from '../../lib/api-context';
import { useScope, useServers } from '../../stores/app-context';

/** Picks a server and lists its Nova 1D tags. */
export function NovaTags() {
  const api = useApi();
  const [scope] = useScope();
  const [servers] = useServers();
  const id = createUniqueId();
  const [serverId, setServerId] = createSignal('');
  const [tags, { refetch }] = createResource(
    () => (scope.scope && serverId() ? { ...scope.scope, id: serverId() } : undefined),
    (arg) => api.invoke('tags.nova', arg),
  );
  const value = () => {
    const r = tags.error ? undefined : tags();
    return r?.ok ? r.value.tags : undefined;
  };
  const error = () => {
    const r = tags.error ? undefined : tags();
    return r && !r.ok ? r.error : undefined;
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Nova 1D tags</h3>
      <label for={`${id}-srv`}>Server for Nova tags</label>{' '}
      <ServerPicker id={`${id}-srv`} servers={servers.items} value={serverId()} onChange={setServerId} />
      <Show when={error()}>
        {(e) => (
          <ErrorPanel title="Could not load the Nova tags" error={e()} onRetry={() => void refetch()} />
        )}
      </Show>
      <Show when={value()}>
        {(list) => (
          <Show when={list().length} fallback={<p class="muted">This server has no Nova tags.</p>}>
            <ul aria-label="Nova tags">
              <For each={list()}>{(t) => <li class="mono">{t}</li>}</For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
