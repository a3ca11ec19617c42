/**
 * The servers pane: search and filters, batch actions on the selection, the virtualized grid,
 * the offline banner and load errors.
 */
import { createEffect, createMemo, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { ServerView } from '../../../../shared/ipc/views';
import { CacheBanner } from '../../components/cache-banner';
import { ErrorPanel } from '../../components/error-panel';
import { formatFlavor } from '../../lib/format';
import { formatCount, formatInteger } from '../../lib/units';
import { useServers, useServerSelection, useUi } from '../../stores/app-context';
import { BatchDeleteDialog } from './batch-delete-dialog';
import { BatchPowerDialog } from './batch-power-dialog';
import { BatchTagDialog } from './batch-tag-dialog';
import { CreateWizard } from './create-wizard';
import { distinct, makeIncrementalFilter, makeIncrementalSort, parseTagFilter } from './server-filter';
import { ServerDrawer } from './server-drawer';
import { ServerTable } from './server-table';
import { useServersUi } from './servers-ui';

/** Opens the detail drawer of one server. */
export function useOpenServer(): (id: string) => void {
  const [, ui] = useUi();
  const [, servers] = useServers();
  return (id) =>
    ui.openDrawer({
      key: `server:${id}`,
      title: `Server ${servers.get(id)?.name ?? id}`,
      render: () => <ServerDrawer id={id} />,
    });
}

/** The servers pane. */
export function ServersPane() {
  const [state, servers] = useServers();
  const selection = useServerSelection();
  const sui = useServersUi();
  const open = useOpenServer();
  const ids = createUniqueId();

  // The grid works on the plain rows (unwrap): no proxy and no subscription per row or field;
  // `servers.version()` re-runs it when any row changes (the grid then re-reads its visible rows).
  const plain = createMemo(
    () => {
      servers.version();
      return unwrap(state.items) as ServerView[];
    },
    undefined,
    { equals: false },
  );
  // Sort once per data or sort change (merging in a page that arrived rather than sorting again),
  // then filter the sorted rows: a keystroke costs one linear pass, not a sort of 10,000 rows.
  const sortIncrementally = makeIncrementalSort();
  const sorted = createMemo(() => sortIncrementally(plain(), sui.sort()));
  const filterIncrementally = makeIncrementalFilter();
  const rows = createMemo(() => filterIncrementally(sorted(), { ...sui.filter }));
  const tagError = () => {
    if (!sui.filter.tag.trim()) return undefined;
    const t = parseTagFilter(sui.filter.tag);
    return t.ok ? undefined : t.error;
  };
  const statuses = createMemo(() => distinct(plain(), (s) => s.status));
  const azs = createMemo(() => distinct(plain(), (s) => s.availabilityZone));
  const flavors = createMemo(() => {
    const m = new Map<string, ServerView['flavor']>();
    for (const s of plain()) if (!m.has(s.flavor.id)) m.set(s.flavor.id, s.flavor);
    return [...m.values()].sort((a, b) => (a.vcpus ?? 0) - (b.vcpus ?? 0) || (a.ramMb ?? 0) - (b.ramMb ?? 0));
  });
  // Rows that disappear (deleted, scope switch) leave the selection; not while a list is still
  // arriving (rows not reached yet would be dropped).
  createEffect(() => {
    if (state.loading) return;
    selection.retain(new Set(plain().map((s) => s.id)));
  });
  const selected = createMemo(() => {
    const sel = selection.ids();
    return sel.size ? plain().filter((s) => sel.has(s.id)) : [];
  });
  const selectedIds = () => selected().map((s) => s.id);
  const dialogServers = () => {
    const d = sui.dialog();
    if (!d || d.kind === 'create') return [];
    const set = new Set(d.ids);
    return plain().filter((s) => set.has(s.id));
  };
  const close = () => sui.openDialog(undefined);

  return (
    <section class="pane servers-pane" aria-labelledby={`${ids}-h`}>
      <header class="pane-header">
        <h2 id={`${ids}-h`}>Servers</h2>
        <span class="muted" role="status" aria-live="polite">
          {state.loading && !plain().length
            ? 'Loading servers…'
            : rows().length === plain().length
              ? formatCount(plain().length, 'server')
              : `${formatInteger(rows().length)} of ${formatCount(plain().length, 'server')}`}
          {state.loading && plain().length ? ' (loading…)' : ''}
        </span>
        <div class="spacer" />
        <button type="button" onClick={() => void servers.reload()} disabled={state.loading}>
          Refresh
        </button>
        <button type="button" class="primary" onClick={() => sui.openDialog({ kind: 'create' })}>
          Create servers
        </button>
      </header>

      <CacheBanner
        fromCache={state.fromCache}
        fetchedAt={state.fetchedAt}
        offlineError={state.offlineError}
        onRetry={() => void servers.reload()}
      />
      <Show when={state.error}>
        {(e) => (
          <ErrorPanel title="Could not load the servers" error={e()} onRetry={() => void servers.reload()} />
        )}
      </Show>

      <div class="filters" role="search" aria-label="Filter servers">
        <input
          type="search"
          aria-label="Search by name or ID"
          placeholder="Search name or ID"
          value={sui.filter.text}
          onInput={(e) => sui.setFilter('text', e.currentTarget.value)}
        />
        <select
          aria-label="Filter by status"
          value={sui.filter.status}
          onChange={(e) => sui.setFilter('status', e.currentTarget.value)}
        >
          <option value="">Any status</option>
          <For each={statuses()}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
        <select
          aria-label="Filter by flavor"
          value={sui.filter.flavor}
          onChange={(e) => sui.setFilter('flavor', e.currentTarget.value)}
        >
          <option value="">Any flavor</option>
          <For each={flavors()}>{(f) => <option value={f.id}>{formatFlavor(f)}</option>}</For>
        </select>
        <select
          aria-label="Filter by availability zone"
          value={sui.filter.az}
          onChange={(e) => sui.setFilter('az', e.currentTarget.value)}
        >
          <option value="">Any AZ</option>
          <For each={azs()}>{(z) => <option value={z}>{z}</option>}</For>
        </select>
        <input
          id={`${ids}-tag`}
          aria-label="Filter by tag (key or key=value)"
          placeholder="Tag: env or env=prod,dev"
          value={sui.filter.tag}
          aria-invalid={tagError() ? 'true' : undefined}
          aria-describedby={tagError() ? `${ids}-tag-error` : undefined}
          onInput={(e) => sui.setFilter('tag', e.currentTarget.value)}
        />
        <input
          aria-label="Filter by IP address"
          placeholder="IP"
          value={sui.filter.ip}
          onInput={(e) => sui.setFilter('ip', e.currentTarget.value)}
        />
        <button type="button" onClick={() => sui.clearFilter()}>
          Clear filters
        </button>
        <Show when={tagError()}>
          {(e) => (
            <span class="field-error" id={`${ids}-tag-error`}>
              Tag filter not applied: {e()}
            </span>
          )}
        </Show>
      </div>

      <div class="batch-bar" role="toolbar" aria-label="Actions on selected servers">
        <span>{selected().length} selected</span>
        <button
          type="button"
          disabled={!selected().length}
          onClick={() => sui.openDialog({ kind: 'start', ids: selectedIds() })}
        >
          Start
        </button>
        <button
          type="button"
          disabled={!selected().length}
          onClick={() => sui.openDialog({ kind: 'stop', ids: selectedIds() })}
        >
          Stop
        </button>
        <button
          type="button"
          disabled={!selected().length}
          onClick={() => sui.openDialog({ kind: 'reboot', ids: selectedIds() })}
        >
          Reboot
        </button>
        <button
          type="button"
          disabled={!selected().length}
          onClick={() => sui.openDialog({ kind: 'tag', ids: selectedIds() })}
        >
          Tags…
        </button>
        <button
          type="button"
          class="danger"
          disabled={!selected().length}
          onClick={() => sui.openDialog({ kind: 'delete', ids: selectedIds() })}
        >
          Delete…
        </button>
        <button type="button" disabled={!selected().length} onClick={() => selection.clear()}>
          Clear selection
        </button>
      </div>

      <ServerTable
        rows={rows}
        selection={selection}
        sort={sui.sort()}
        onSort={(s) => sui.setSort(s)}
        onOpen={open}
      />
      <Show when={!state.loading && state.complete && state.items.length === 0 && !state.error}>
        <p class="muted">No servers in this region yet. Create some with “Create servers”.</p>
      </Show>

      <Switch>
        <Match when={sui.dialog()?.kind === 'create'}>
          <CreateWizard onClose={close} />
        </Match>
        <Match when={sui.dialog()?.kind === 'delete'}>
          <BatchDeleteDialog servers={dialogServers()} onClose={close} />
        </Match>
        <Match when={sui.dialog()?.kind === 'tag'}>
          <BatchTagDialog servers={dialogServers()} onClose={close} />
        </Match>
        <Match
          when={
            sui.dialog()?.kind === 'start' || sui.dialog()?.kind === 'stop' || sui.dialog()?.kind === 'reboot'
          }
        >
          <BatchPowerDialog
            kind={sui.dialog()!.kind as 'start' | 'stop' | 'reboot'}
            servers={dialogServers()}
            onClose={close}
          />
        </Match>
      </Switch>
    </section>
  );
}
