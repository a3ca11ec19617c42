/**
 * Adds or removes tags on the selected servers, enforcing the API's limits inline (including
 * "at most 10 tags per server" against each server's current tags).
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { ServerView, TagView } from '../../../../shared/ipc/views';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { TagEditor, tagListErrors, tagListValid } from '../../components/tag-editor';
import { useApi } from '../../lib/api-context';
import { MAX_TAGS_PER_SERVER, tagCountError } from '../../lib/rules';
import { useScope, useServers, useToasts } from '../../stores/app-context';
import { formatCount } from '../../lib/units';

/** Servers that would carry more than 10 tags after adding `tags`. */
export function serversOverTagLimit(servers: readonly ServerView[], tags: readonly TagView[]): ServerView[] {
  const keys = tags.map((t) => t.key).filter(Boolean);
  return servers.filter(
    (s) =>
      tagCountError(
        s.tags.map((t) => t.key),
        keys,
      ) !== undefined,
  );
}

/** The batch tag dialog. */
export function BatchTagDialog(props: { servers: ServerView[]; onClose(): void }) {
  const api = useApi();
  const [scope] = useScope();
  const [, serversStore] = useServers();
  const [, toasts] = useToasts();
  const [mode, setMode] = createSignal<'add' | 'remove'>('add');
  const [tags, setTags] = createSignal<TagView[]>([{ key: '', value: '' }]);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorData>();
  const [failures, setFailures] = createSignal<{ id: string; error: ErrorData }[]>([]);
  const over = createMemo(() => (mode() === 'add' ? serversOverTagLimit(props.servers, tags()) : []));
  const listError = () =>
    over().length
      ? `${formatCount(over().length, 'server')} would have more than ${MAX_TAGS_PER_SERVER} tags: ${over()
          .slice(0, 5)
          .map((s) => s.name)
          .join(', ')}${over().length > 5 ? ', …' : ''}.`
      : undefined;
  const valid = () =>
    tags().length > 0 &&
    over().length === 0 &&
    (mode() === 'add'
      ? tagListValid(tagListErrors(tags()))
      : tagListValid(tagListErrors(tags().map((t) => ({ key: t.key, value: '' })))));
  const submit = async () => {
    const sc = scope.scope;
    if (!sc || !valid()) return;
    setBusy(true);
    setError(undefined);
    const ids = props.servers.map((s) => s.id);
    const res =
      mode() === 'add'
        ? await api.invoke('tags.batchAdd', { ...sc, ids, tags: tags() })
        : await api.invoke('tags.batchDelete', {
            ...sc,
            ids,
            tags: tags().map((t) => (t.value ? { key: t.key, value: t.value } : { key: t.key })),
          });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    void serversStore.refreshIds(ids);
    if (res.value.failed.length) {
      setFailures(res.value.failed);
      return;
    }
    toasts.show({
      level: 'success',
      message: `${mode() === 'add' ? 'Tagged' : 'Untagged'} ${formatCount(res.value.succeeded.length, 'server')}`,
    });
    props.onClose();
  };
  const nameOf = (id: string) => props.servers.find((s) => s.id === id)?.name ?? id;
  return (
    <Dialog
      title={`Tag ${formatCount(props.servers.length, 'server')}`}
      onClose={() => props.onClose()}
      footer={
        <>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="button" class="primary" disabled={!valid() || busy()} onClick={() => void submit()}>
            {mode() === 'add' ? 'Add tags' : 'Remove tags'}
          </button>
        </>
      }
    >
      <fieldset class="radio-row">
        <legend>Action</legend>
        <label>
          <input type="radio" name="tag-mode" checked={mode() === 'add'} onChange={() => setMode('add')} />{' '}
          Add or replace
        </label>
        <label>
          <input
            type="radio"
            name="tag-mode"
            checked={mode() === 'remove'}
            onChange={() => setMode('remove')}
          />{' '}
          Remove (an empty value removes the key whatever its value)
        </label>
      </fieldset>
      <TagEditor tags={tags()} onChange={setTags} listError={listError()} />
      <p class="muted">
        On:{' '}
        {props.servers
          .slice(0, 10)
          .map((s) => s.name)
          .join(', ')}
        {props.servers.length > 10 ? ` and ${props.servers.length - 10} more` : ''}
      </p>
      <Show when={error()}>{(e) => <ErrorPanel title="Tagging failed" error={e()} />}</Show>
      <Show when={failures().length}>
        <div role="alert" class="error-panel">
          <strong>Some servers were not tagged:</strong>
          <ul>
            <For each={failures()}>
              {(f) => (
                <li>
                  {nameOf(f.id)}: {f.error.apiCode ? `${f.error.apiCode} ` : ''}
                  {f.error.message}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </Dialog>
  );
}
