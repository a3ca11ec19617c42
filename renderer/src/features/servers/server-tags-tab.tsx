/**
 * The Tags tab of the server drawer: edits the server's 2D tags with the API's limits; saving is
 * optimistic (the list shows the new tags at once) and rolls back when the API refuses. Nova 1D
 * tags are shown where present.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { ServerView, TagView } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { TagEditor, tagListErrors, tagListValid } from '../../components/tag-editor';
import { useApi } from '../../lib/api-context';
import { useScope, useServers, useToasts } from '../../stores/app-context';

/** What to add and what to remove to go from `before` to `after`. */
export function tagDiff(
  before: readonly TagView[],
  after: readonly TagView[],
): { add: TagView[]; remove: TagView[] } {
  const add = after.filter((t) => !before.some((b) => b.key === t.key && b.value === t.value));
  const remove = before.filter((b) => !after.some((t) => t.key === b.key));
  return { add, remove };
}

/** The tags editor of one server. */
export function ServerTagsTab(props: { server: ServerView }) {
  const api = useApi();
  const [scope] = useScope();
  const [, servers] = useServers();
  const [, toasts] = useToasts();
  // eslint-disable-next-line solid/reactivity -- the editor starts from the tags at open time
  const [draft, setDraft] = createSignal<TagView[]>(props.server.tags.map((t) => ({ ...t })));
  const [error, setError] = createSignal<ErrorData>();
  const [busy, setBusy] = createSignal(false);
  const [nova] = createResource(
    () => scope.scope && { ...scope.scope, id: props.server.id },
    async (a) => {
      const r = await api.invoke('tags.nova', a);
      return r.ok ? r.value.tags : [];
    },
  );
  const valid = () => tagListValid(tagListErrors(draft()));
  const save = async () => {
    const sc = scope.scope;
    if (!sc || !valid()) return;
    const id = props.server.id;
    const { add, remove } = tagDiff(props.server.tags, draft());
    if (!add.length && !remove.length) return;
    setBusy(true);
    setError(undefined);
    const before = servers.patch(id, { tags: draft().map((t) => ({ ...t })) });
    try {
      if (remove.length) {
        const r = await api.invoke('tags.batchDelete', {
          ...sc,
          ids: [id],
          tags: remove.map((t) => ({ key: t.key })),
        });
        if (!r.ok) throw r.error;
        if (r.value.failed[0]) throw r.value.failed[0].error;
      }
      if (add.length) {
        const r = await api.invoke('tags.batchAdd', { ...sc, ids: [id], tags: add });
        if (!r.ok) throw r.error;
        if (r.value.failed[0]) throw r.value.failed[0].error;
      }
      toasts.show({ level: 'success', message: `Saved the tags of ${props.server.name}` });
    } catch (e) {
      // Roll back the optimistic edit, then re-read what the cloud really has.
      if (before) servers.put(before);
      setError(e as ErrorData);
      void servers.refreshIds([id]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <TagEditor tags={draft()} onChange={setDraft} label={`Tags of ${props.server.name}`} />
      <div class="actions">
        <button type="button" class="primary" disabled={!valid() || busy()} onClick={() => void save()}>
          Save tags
        </button>
        <button type="button" onClick={() => setDraft(props.server.tags.map((t) => ({ ...t })))}>
          Reset
        </button>
      </div>
      <Show when={error()}>{(e) => <ErrorPanel title="The tags were not saved" error={e()} />}</Show>
      <Show when={nova()?.length}>
        <h3>Nova tags (1D)</h3>
        <ul>
          <For each={nova()}>{(t) => <li class="mono">{t}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
