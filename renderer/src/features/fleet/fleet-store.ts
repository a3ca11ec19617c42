/**
 * The fleet store: the rows of every scope as pages arrive (`fleet.page` events), each scope's
 * status (`fleet.scope`), the fleet batches (`fleet.batch`), sort, filters and selection.
 *
 * Pages are applied once per animation frame, within a time budget: each page is sorted on its
 * own and merged into the sorted rows (linear), so 50,000 rows fill in without a long task and
 * without rows already shown jumping around except to make room in sort order.
 */
import { batch, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { ErrorData } from '../../../../shared/errors';
import type {
  FleetBatchView,
  FleetPageEvent,
  FleetScopeRef,
  FleetScopeStatus,
} from '../../../../shared/fleet';
import type { Api, InvokeArg, Result } from '../../../../shared/ipc/contract';
import { createSelection, type Selection } from '../../stores/selection-store';
import {
  EMPTY_FLEET_FILTER,
  filterRows,
  makeRow,
  mergeSorted,
  scopeKey,
  sortRows,
  type FleetFilter,
  type FleetRow,
  type FleetSort,
} from './fleet-model';
import { narrowingFilter } from '../../lib/narrowing-filter';

/** Milliseconds of page work per frame before the rest waits for the next frame. */
const FRAME_BUDGET_MS = 8;
/**
 * Rows of a page applied in one go: a page of 1,000 made into rows, sorted and merged at once took
 * 30-50 ms on a busy machine (a long task with the frame's layout); slices keep each step small so
 * the budget above can end a frame between them.
 */
const SLICE_ROWS = 250;

/** State and actions of the fleet. */
export interface FleetStore {
  /** Every row, sorted. */
  rows: Accessor<readonly FleetRow[]>;
  /** The rows passing the filters, sorted: what the table shows. */
  shown: Accessor<FleetRow[]>;
  /** Each scope's status, in the order the listing gave them. */
  scopes: Accessor<FleetScopeStatus[]>;
  filter: FleetFilter;
  setFilter<K extends keyof FleetFilter>(key: K, value: FleetFilter[K]): void;
  clearFilter(): void;
  sort: Accessor<FleetSort>;
  setSort(s: FleetSort): void;
  selection: Selection;
  batches: Accessor<FleetBatchView[]>;
  /** Whether a listing was started since the app opened. */
  listed: Accessor<boolean>;
  /** When the first rows were applied (performance.now()), for the benchmark. */
  firstRowsAt: Accessor<number | undefined>;
  /** Lists every enabled scope (or only `scopes`); resolves with the error when the call failed. */
  refresh(scopes?: FleetScopeRef[]): Promise<ErrorData | undefined>;
  /** Runs a batch; resolves with the batch or the error. */
  runBatch(arg: InvokeArg<'fleet.batch'>): Promise<Result<FleetBatchView>>;
}

const raf: (fn: () => void) => void =
  typeof requestAnimationFrame === 'function'
    ? (fn) => requestAnimationFrame(fn)
    : (fn) => setTimeout(fn, 16);

/** Creates the fleet store over the API (subscribes to its events until the owner is disposed). */
export function createFleetStore(api: Api): FleetStore {
  const [rows, setRows] = createSignal<readonly FleetRow[]>([], { equals: false });
  const [order, setOrder] = createSignal<string[]>([]);
  const [statuses, setStatuses] = createStore<Record<string, FleetScopeStatus>>({});
  const [filter, setFilterStore] = createStore<FleetFilter>({ ...EMPTY_FLEET_FILTER });
  const [sort, setSortSignal] = createSignal<FleetSort>({ key: 'account', dir: 'asc' });
  const [batches, setBatches] = createSignal<FleetBatchView[]>([]);
  const [listed, setListed] = createSignal(false);
  const [firstRowsAt, setFirstRowsAt] = createSignal<number | undefined>();
  const selection = createSelection();
  const current = new Map<string, string>();
  // The full listing in flight: its events may come before its answer names the scopes.
  let allListing: string | undefined;
  const fromEvents = new Map<string, string>();
  const isCurrent = (key: string, listingId: string): boolean => {
    const c = current.get(key);
    if (c === undefined && listingId === allListing) current.set(key, listingId);
    return current.get(key) === listingId;
  };
  const names = new Map<string, string>();

  // Work waiting for the next frame: pages to merge and scopes whose older rows are to go.
  const pages: FleetPageEvent[] = [];
  // `keep`: the listing whose rows stay ('' for none); `from`: the listing whose status asked.
  const prunes: { key: string; keep: string; from: string }[] = [];
  // The keys of the rows, to find a server listed again without scanning every row per page.
  const present = new Set<string>();
  /** `all` without the rows `drop` picks (the same array when none is), their keys forgotten. */
  const dropRows = (all: readonly FleetRow[], drop: (r: FleetRow) => boolean): FleetRow[] => {
    const kept = all.filter((r) => {
      if (!drop(r)) return true;
      present.delete(r.key);
      return false;
    });
    return kept.length === all.length ? (all as FleetRow[]) : kept;
  };
  let scheduled = false;
  let firstPage = true;
  let completeMarked = false;

  const flush = (): void => {
    scheduled = false;
    const start = performance.now();
    let next = rows() as FleetRow[];
    let changed = false;
    while (pages.length > 0 && performance.now() - start < FRAME_BUDGET_MS) {
      const p = pages.shift()!;
      const key = scopeKey(p);
      if (!isCurrent(key, p.listingId)) continue;
      const scope = { accountId: p.accountId, region: p.region, accountName: names.get(key) ?? p.accountId };
      const incoming = sortRows(
        p.servers.map((s) => makeRow(s, scope, p.listingId)),
        sort(),
      );
      // A server listed again replaces its earlier row (looked up in the page, not in every row).
      if (incoming.some((r) => present.has(r.key))) {
        const keys = new Set(incoming.map((r) => r.key));
        next = next.filter((r) => !keys.has(r.key));
      }
      for (const r of incoming) present.add(r.key);
      next = mergeSorted(next, incoming, sort());
      changed = true;
    }
    if (pages.length === 0)
      while (prunes.length > 0) {
        const { key, keep, from } = prunes.shift()!;
        // The scope was listed again since (a retry): its new rows are not this listing's to drop.
        if (current.get(key) !== from) continue;
        const kept = dropRows(next, (r) => r.listingId !== keep && scopeKey(r) === key);
        // Usually nothing goes (the scope's rows are all from this listing): no new rows then.
        if (kept === next) continue;
        next = kept;
        changed = true;
      }
    if (changed) {
      if (firstRowsAt() === undefined && next.length > 0) setFirstRowsAt(performance.now());
      setRows(next);
    }
    if (pages.length > 0 || prunes.length > 0) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    raf(flush);
  };

  // A mark for the benchmark: every scope of the listing finished.
  const checkComplete = (): void => {
    const keys = order();
    if (completeMarked || keys.length === 0) return;
    if (keys.every((k) => statuses[k] && statuses[k].state !== 'loading')) {
      completeMarked = true;
      performance.mark('ecs:fleet-complete');
    }
  };

  const applyStatus = (listingId: string, s: FleetScopeStatus, fromEvent = true): void => {
    const key = scopeKey(s);
    if (!isCurrent(key, listingId)) return;
    // The answer's "loading" must not undo a status that an earlier event already moved on.
    if (!fromEvent && fromEvents.get(key) === listingId) return;
    if (fromEvent) fromEvents.set(key, listingId);
    names.set(key, s.accountName);
    setStatuses(key, reconcile(s));
    // A finished scope keeps only what this listing delivered (or the cache it fell back to).
    if (s.state !== 'loading') {
      // A failed scope shows none of its servers: what came before the failure is incomplete.
      prunes.push({ key, keep: s.state === 'failed' ? '' : listingId, from: listingId });
      schedule();
      checkComplete();
    }
  };

  // Event listeners read the current values when an event comes; nothing here needs tracking.
  const offs = [
    // eslint-disable-next-line solid/reactivity
    api.on('fleet.page', (p) => {
      for (let i = 0; i < p.servers.length; i += SLICE_ROWS)
        pages.push({ ...p, servers: p.servers.slice(i, i + SLICE_ROWS) });
      // Marks for the benchmark: when the first page of data reached the renderer.
      if (firstPage) {
        firstPage = false;
        performance.mark('ecs:fleet-first-page');
        // The first rows go in at once: waiting for the next frame only delayed them.
        flush();
        return;
      }
      schedule();
    }),
    // eslint-disable-next-line solid/reactivity
    api.on('fleet.scope', (e) => applyStatus(e.listingId, e.status)),
    api.on('fleet.batch', (b) => setBatches((list) => [b, ...list.filter((x) => x.id !== b.id)])),
  ];
  onCleanup(() => offs.forEach((off) => off()));
  void api.invoke('fleet.batches', {}).then((res) => {
    if (res.ok)
      setBatches((list) => [...list, ...res.value.batches.filter((b) => !list.some((x) => x.id === b.id))]);
  });

  // Typing more of the search text only narrows: the next result is filtered from the last one,
  // not from all 50,000 rows, as long as the rows and the other filters are the same.
  const narrow = narrowingFilter(filterRows, (x) => x.text.trim().toLowerCase());
  const shown = createMemo(() => narrow(rows(), { ...filter }));

  return {
    rows,
    shown,
    scopes: () =>
      order()
        .map((k) => statuses[k]!)
        .filter(Boolean),
    filter,
    setFilter: (key, value) => setFilterStore(key, value),
    clearFilter: () => setFilterStore({ ...EMPTY_FLEET_FILTER }),
    sort,
    setSort(s) {
      batch(() => {
        setSortSignal(s);
        setRows(sortRows(rows().slice(), s));
      });
    },
    selection,
    batches,
    listed,
    firstRowsAt,
    async refresh(only) {
      setListed(true);
      completeMarked = false;
      // The id is ours, so pages that arrive before the answer are already recognised.
      const listingId = crypto.randomUUID();
      for (const s of only ?? []) current.set(scopeKey(s), listingId);
      if (!only) {
        allListing = listingId;
        for (const k of order()) current.set(k, listingId);
      }
      const res = await api.invoke('fleet.list', only ? { listingId, scopes: only } : { listingId });
      if (!res.ok) return res.error;
      batch(() => {
        for (const s of res.value.scopes) {
          current.set(scopeKey(s), res.value.listingId);
          applyStatus(res.value.listingId, s, false);
        }
        if (!only) {
          const keys = res.value.scopes.map(scopeKey);
          // Scopes no longer enabled leave the fleet.
          const gone = new Set(order().filter((k) => !keys.includes(k)));
          if (gone.size > 0) setRows(dropRows(rows(), (r) => gone.has(scopeKey(r))));
          setOrder(keys);
        } else setOrder((o) => [...o, ...res.value.scopes.map(scopeKey).filter((k) => !o.includes(k))]);
      });
      checkComplete();
      return undefined;
    },
    async runBatch(arg) {
      const res = await api.invoke('fleet.batch', arg);
      if (res.ok) setBatches((list) => [res.value, ...list.filter((x) => x.id !== res.value.id)]);
      return res;
    },
  };
}
