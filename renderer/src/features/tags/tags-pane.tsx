/**
 * The tags pane: the project's tag keys and values with how many servers carry them; find servers
 * by tags (all of / none of) through `tags.filterServers`; bulk tag and untag the selected servers
 * with the servers pane's tag dialog (the selection is shared with the servers pane).
 */
import { createEffect, createMemo, createSignal, createUniqueId, For, Index, on, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { InvokeResults } from '../../../../shared/ipc/contract';
import type { ProjectTagView, TagView } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { SimpleTable, type TableColumn } from '../../components/simple-table';
import { PaneHeader } from '../../components/pane-header';
import { useApi } from '../../lib/api-context';
import { useScope, useServers, useServerSelection } from '../../stores/app-context';
import { createScopedData } from '../../stores/scoped-data';
import { BatchTagDialog } from '../servers/batch-tag-dialog';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { formatCount } from '../../lib/units';
import { NovaTags } from './nova-tags';
import { sortProjectTags, tagCounts, toFilterTags, type TagCondition } from './tag-conditions';

type FilterResult = InvokeResults['tags.filterServers'];

/** Edits one list of tag conditions (keys and values from the project's tags). */
function ConditionList(props: {
  label: string;
  conds: TagCondition[];
  onChange(c: TagCondition[]): void;
  keys: { key: string; values: string[] }[];
}) {
  const update = (i: number, patch: Partial<TagCondition>) =>
    props.onChange(props.conds.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const valuesOf = (key: string) => props.keys.find((k) => k.key === key)?.values ?? [];
  return (
    <fieldset class="tag-conditions">
      <legend>{props.label}</legend>
      <Index each={props.conds}>
        {(c, i) => (
          <div class="tag-row">
            <select
              aria-label={`${props.label}: key ${i + 1}`}
              value={c().key}
              onChange={(e) => update(i, { key: e.currentTarget.value, value: '' })}
            >
              <option value="">Choose a key…</option>
              <For each={props.keys}>{(k) => <option value={k.key}>{k.key}</option>}</For>
            </select>
            <select
              aria-label={`${props.label}: value ${i + 1}`}
              value={c().value}
              onChange={(e) => update(i, { value: e.currentTarget.value })}
            >
              <option value="">Any value</option>
              <For each={valuesOf(c().key)}>{(v) => <option value={v}>{v || '(empty)'}</option>}</For>
            </select>
            <button
              type="button"
              class="icon-button"
              aria-label={`Remove condition ${i + 1} of ${props.label}`}
              onClick={() => props.onChange(props.conds.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        )}
      </Index>
      <button
        type="button"
        disabled={props.conds.length >= 10}
        onClick={() => props.onChange([...props.conds, { key: '', value: '' }])}
      >
        {`Add condition to ${props.label}`}
      </button>
    </fieldset>
  );
}

/** Columns of the matching servers (a VirtualTable: a tag can match 10,000 servers). */
const MATCH_COLUMNS: VirtualColumn<{ id: string; name: string; tags: TagView[] }>[] = [
  { id: 'name', label: 'Name', cell: (s) => s().name },
  {
    id: 'tags',
    label: 'Tags',
    cell: (s) =>
      s()
        .tags.map((t) => (t.value ? `${t.key}=${t.value}` : t.key))
        .join(', ') || '—',
  },
];

/** The tags pane. */
export function TagsPane() {
  const api = useApi();
  const [scope] = useScope();
  const [servers, serversActions] = useServers();
  const selection = useServerSelection();
  const hid = createUniqueId();

  const [project, { reload: reloadProject }] = createScopedData(
    (sc) => api.invoke('tags.project', sc),
    'key',
  );
  const refetchProject = () => void reloadProject();
  const projectTags = createMemo(() => sortProjectTags(project.value?.tags ?? []));
  const projectError = (): ErrorData | undefined => project.error;
  const counts = createMemo(() => tagCounts(servers.items));

  const [allOf, setAllOf] = createSignal<TagCondition[]>([{ key: '', value: '' }]);
  const [noneOf, setNoneOf] = createSignal<TagCondition[]>([]);
  const [result, setResult] = createSignal<FilterResult>();
  const [filterError, setFilterError] = createSignal<ErrorData>();
  const [busy, setBusy] = createSignal(false);
  const [tagging, setTagging] = createSignal(false);

  const scopeKey = () => (scope.scope ? `${scope.scope.accountId}|${scope.scope.region}` : undefined);
  // The search and its matches belong to the scope they ran in: a switch clears them at once.
  createEffect(
    on(
      scopeKey,
      () => {
        setAllOf([{ key: '', value: '' }]);
        setNoneOf([]);
        setResult(undefined);
        setFilterError(undefined);
        setBusy(false);
      },
      { defer: true },
    ),
  );

  const hasConditions = () => toFilterTags(allOf()).length + toFilterTags(noneOf()).length > 0;
  const find = async () => {
    const sc = scope.scope;
    if (!sc || !hasConditions()) return;
    const asked = scopeKey();
    setBusy(true);
    setFilterError(undefined);
    const tags = toFilterTags(allOf());
    const notTags = toFilterTags(noneOf());
    const res = await api.invoke('tags.filterServers', {
      ...sc,
      ...(tags.length ? { tags } : {}),
      ...(notTags.length ? { notTags } : {}),
      limit: 1000,
    });
    if (scopeKey() !== asked) return; // answered for a scope no longer shown
    setBusy(false);
    if (!res.ok) {
      setResult(undefined);
      return setFilterError(res.error);
    }
    setResult(res.value);
  };
  const resultIds = () => result()?.servers.map((s) => s.id) ?? [];
  const selectedServers = createMemo(() => {
    const ids = selection.ids();
    return servers.items.filter((s) => ids.has(s.id));
  });
  const n = () => selectedServers().length;

  const tagColumns: TableColumn<ProjectTagView>[] = [
    { label: 'Key', rowHeader: true, cell: (t) => t.key },
    { label: 'Servers', cell: (t) => counts().get(t.key) ?? 0 },
    {
      label: 'Values (servers)',
      cell: (t) =>
        t.values.map((v) => `${v || '(empty)'} (${counts().get(`${t.key}=${v}`) ?? 0})`).join(', '),
    },
  ];

  return (
    <section class="pane tags-pane" aria-labelledby={`${hid}-h`}>
      <PaneHeader
        headingId={`${hid}-h`}
        title="Tags"
        list={project}
        noun="tag key"
        count={projectTags().length}
        onRefresh={refetchProject}
        refreshLabel="Refresh tags"
      >
        <button type="button" class="primary" disabled={!n()} onClick={() => setTagging(true)}>
          {`Tag or untag ${formatCount(n(), 'selected server')}…`}
        </button>
      </PaneHeader>
      <Show when={projectError()}>
        {(e) => <ErrorPanel title="Could not load the project's tags" error={e()} onRetry={refetchProject} />}
      </Show>
      <Show when={project.value}>
        <SimpleTable
          label="Project tags"
          rows={projectTags()}
          columns={tagColumns}
          empty={<p class="muted">No tags in this project yet.</p>}
        />
      </Show>

      <form
        role="search"
        aria-label="Find servers by tags"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <h3>Find servers by tags</h3>
        <ConditionList label="All of" conds={allOf()} onChange={setAllOf} keys={projectTags()} />
        <ConditionList label="None of" conds={noneOf()} onChange={setNoneOf} keys={projectTags()} />
        <button type="submit" class="primary" disabled={!hasConditions() || busy()}>
          Find servers
        </button>
      </form>
      <Show when={filterError()}>
        {(e) => <ErrorPanel title="Could not filter the servers" error={e()} onRetry={() => void find()} />}
      </Show>
      <Show when={result()}>
        {(r) => (
          <section aria-label="Matching servers">
            <div class="batch-bar" role="toolbar" aria-label="Select matching servers">
              <span role="status">{formatCount(r().total, 'matching server')}</span>
              <button type="button" disabled={!r().servers.length} onClick={() => selection.set(resultIds())}>
                Select all matches
              </button>
              <button type="button" disabled={!n()} onClick={() => selection.clear()}>
                Clear selection
              </button>
            </div>
            <Show when={r().servers.length} fallback={<p class="muted">No server matches.</p>}>
              <VirtualTable
                label="Servers matching the tags"
                idPrefix="tagrow"
                rows={() => r().servers}
                rowKey={(s) => s.id}
                rowName={(s) => s.name}
                noun="matching servers"
                selection={selection}
                columns={MATCH_COLUMNS}
                template="minmax(180px, 1fr) minmax(240px, 2fr)"
              />
            </Show>
          </section>
        )}
      </Show>
      <NovaTags />
      <Show when={tagging()}>
        <BatchTagDialog
          servers={selectedServers()}
          onClose={() => {
            setTagging(false);
            refetchProject();
            void serversActions.refreshIds(selectedServers().map((s) => s.id));
            if (result()) void find();
          }}
        />
      </Show>
    </section>
  );
}
