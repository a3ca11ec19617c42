/**
 * The Fleet pane: every enabled account x region in one virtualized list with account and region
 * columns, filled as each scope answers; the per-scope status strip with retry; search, filters
 * and sort across the fleet; batch actions across scopes; export of the current view.
 */
import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import type { FleetAction } from '../../../../shared/fleet';
import { useScope, useToasts } from '../../stores/app-context';
import { distinct } from '../servers/server-filter';
import { saveTextFile } from '../../components/readonly-text';
import { useFleet } from './fleet-context';
import { FleetBatchDialog } from './fleet-batch-dialog';
import { toCsv, toJson, type FleetRow } from './fleet-model';
import { FleetStatusStrip, servers as nServers } from './fleet-status-strip';
import { FleetTable } from './fleet-table';

const ACTIONS: { action: FleetAction; label: string; danger?: boolean }[] = [
  { action: 'start', label: 'Start' },
  { action: 'stop', label: 'Stop' },
  { action: 'reboot', label: 'Reboot' },
  { action: 'tag', label: 'Tag…' },
  { action: 'delete', label: 'Delete…', danger: true },
];

/** The Fleet pane. */
export function FleetPane() {
  const fleet = useFleet();
  const [scope] = useScope();
  const [, toasts] = useToasts();
  const ids = createUniqueId();
  const [dialog, setDialog] = createSignal<{ action: FleetAction; rows: FleetRow[] } | undefined>();
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(timer));

  const refresh = async (only?: { accountId: string; region: string }[]) => {
    const err = await fleet.refresh(only);
    if (err) toasts.error('Could not list the fleet', err);
  };
  onMount(() => {
    if (!fleet.listed()) void refresh();
  });

  const rows = fleet.shown;
  const statuses = createMemo(() => distinct(fleet.rows(), (s) => s.status));
  const regions = createMemo(() => [...new Set(fleet.scopes().map((s) => s.region))].sort());
  const accounts = createMemo(() => scope.accounts.filter((a) => !a.hidden));
  const selected = createMemo(() => {
    const sel = fleet.selection.ids();
    return sel.size === 0 ? [] : fleet.rows().filter((r) => sel.has(r.key));
  });
  const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');

  return (
    <section class="pane fleet-pane" aria-labelledby={`${ids}-h`}>
      <header class="pane-header">
        <h2 id={`${ids}-h`}>Fleet</h2>
        <span class="muted" role="status" aria-live="polite">
          {rows().length === fleet.rows().length
            ? nServers(fleet.rows().length)
            : `${rows().length.toLocaleString()} of ${nServers(fleet.rows().length)}`}
        </span>
        <div class="spacer" />
        <button type="button" onClick={() => void refresh()}>
          Refresh all
        </button>
        <button
          type="button"
          disabled={rows().length === 0}
          onClick={() => saveTextFile(`fleet-${stamp()}.csv`, 'text/csv;charset=utf-8', toCsv(rows()))}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={rows().length === 0}
          onClick={() => saveTextFile(`fleet-${stamp()}.json`, 'application/json', toJson(rows()))}
        >
          Export JSON
        </button>
      </header>

      <FleetStatusStrip scopes={fleet.scopes()} now={now()} onRetry={(s) => void refresh([s])} />

      <div class="filters" role="search" aria-label="Filter the fleet">
        <input
          type="search"
          aria-label="Search the fleet by name, ID, IP, account or region"
          placeholder="Search name, ID, IP, account, region"
          value={fleet.filter.text}
          onInput={(e) => fleet.setFilter('text', e.currentTarget.value)}
        />
        <select
          aria-label="Filter by account"
          value={fleet.filter.accountId}
          onChange={(e) => fleet.setFilter('accountId', e.currentTarget.value)}
        >
          <option value="">Any account</option>
          <For each={accounts()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
        </select>
        <select
          aria-label="Filter by region"
          value={fleet.filter.region}
          onChange={(e) => fleet.setFilter('region', e.currentTarget.value)}
        >
          <option value="">Any region</option>
          <For each={regions()}>{(r) => <option value={r}>{r}</option>}</For>
        </select>
        <select
          aria-label="Filter by status"
          value={fleet.filter.status}
          onChange={(e) => fleet.setFilter('status', e.currentTarget.value)}
        >
          <option value="">Any status</option>
          <For each={statuses()}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
        <input
          aria-label="Filter by tag (key or key=value)"
          placeholder="Tag: key or key=value"
          value={fleet.filter.tag}
          onInput={(e) => fleet.setFilter('tag', e.currentTarget.value)}
        />
        <button type="button" onClick={() => fleet.clearFilter()}>
          Clear filters
        </button>
      </div>

      <div class="batch-bar" role="toolbar" aria-label="Actions on selected fleet servers">
        <span>{selected().length.toLocaleString()} selected</span>
        <For each={ACTIONS}>
          {(a) => (
            <button
              type="button"
              classList={{ danger: !!a.danger }}
              disabled={!selected().length}
              onClick={() => setDialog({ action: a.action, rows: selected() })}
            >
              {a.label}
            </button>
          )}
        </For>
        <button type="button" disabled={!selected().length} onClick={() => fleet.selection.clear()}>
          Clear selection
        </button>
      </div>

      <FleetTable
        rows={rows}
        selection={fleet.selection}
        sort={fleet.sort()}
        onSort={(s) => fleet.setSort(s)}
      />
      <Show when={fleet.scopes().length === 0 && fleet.listed()}>
        <p class="muted">No enabled accounts and regions: add an account, or show a hidden one.</p>
      </Show>

      <Show when={dialog()} keyed>
        {(d) => (
          <FleetBatchDialog
            action={d.action}
            rows={d.rows}
            fleet={fleet}
            onClose={() => setDialog(undefined)}
          />
        )}
      </Show>
    </section>
  );
}
