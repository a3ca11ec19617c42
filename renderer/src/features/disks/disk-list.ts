/**
 * The disks of the selected scope, streamed page by page (`disks.list` with `offset`/`limit`): the
 * first rows show as soon as the first page answers, each later page is appended in the API's
 * order, so rows already on screen never move while the rest arrives. A scope switch clears the
 * rows at once (one scope's disks never show under another's name); a reload of the same scope
 * keeps the rows shown, updates them in place as pages arrive and drops the vanished ones once the
 * new list is complete, so a refresh never flashes an empty grid.
 *
 * Rows are plain objects in a signal, never in a store: 20,000 disks cost no proxy or
 * subscription per row, and a page costs O(rows) array work, a few ms.
 */
import { batch, createEffect, createSignal, on, type Accessor } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { ErrorData } from '../../../../shared/errors';
import type { Api } from '../../../../shared/ipc/contract';
import type { DiskView, Scope } from '../../../../shared/ipc/views';

/** State of {@link createDiskList}. */
export interface DiskListState {
  /** True while pages are being fetched (a first load or a reload). */
  loading: boolean;
  /** True once the last page of the current scope arrived (stays true during a reload). */
  complete: boolean;
  /** The last load's failure, until a load succeeds. */
  error: ErrorData | undefined;
}

/** Actions of {@link createDiskList}. */
export interface DiskListActions {
  /** Every disk loaded so far, in the API's order (plain objects; replaced, never mutated). */
  rows: Accessor<readonly DiskView[]>;
  /** Reads every page again; resolves when the list is complete, failed or superseded. */
  reload(): Promise<void>;
}

/** Options of {@link createDiskList}. */
export interface DiskListOptions {
  /** Disks in the first page: small, so the first rows show quickly (default 250). */
  firstPage?: number;
  /** Disks in each later page (default 1,000, the API's most). */
  pageSize?: number;
}

const EMPTY: readonly DiskView[] = Object.freeze([]);

const mark = (name: string) => {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
};

/** Streams the disks of `scope()`; reloads when the scope changes. Call inside a component. */
export function createDiskList(
  api: Api,
  scope: Accessor<Scope | undefined>,
  opts: DiskListOptions = {},
): [DiskListState, DiskListActions] {
  const firstPage = opts.firstPage ?? 250;
  const pageSize = opts.pageSize ?? 1000;
  const [rows, setRows] = createSignal<readonly DiskView[]>(EMPTY);
  const [state, setState] = createStore<DiskListState>({
    loading: false,
    complete: false,
    error: undefined,
  });
  // id -> index in rows(), kept in step with every setRows.
  let index = new Map<string, number>();
  // Each load gets a number; an answer for an older one is dropped (a newer load or a scope switch won).
  let seq = 0;

  const reindex = (list: readonly DiskView[]) => {
    index = new Map();
    list.forEach((d, i) => index.set(d.id, i));
  };

  /**
   * Puts one page into the rows: known rows are replaced where they are, new ones appended in
   * the page's order. A disk listed twice (it moved between pages while a disk was created or
   * deleted) keeps its first place. When `done`, rows this load never saw are dropped.
   */
  const merge = (page: readonly DiskView[], seen: Set<string>, done: boolean) => {
    const before = rows();
    // Copied once per page, on its first new or changed row (the rows shown are never mutated).
    let list: DiskView[] | undefined;
    for (const d of page) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      list ??= before.slice();
      const i = index.get(d.id);
      if (i === undefined) {
        index.set(d.id, list.length);
        list.push(d);
      } else list[i] = d;
    }
    const current = list ?? before;
    if (done && seen.size < current.length) {
      list = current.filter((d) => seen.has(d.id));
      reindex(list);
    }
    if (list !== undefined) setRows(list);
  };

  const reload = async () => {
    const sc = scope();
    if (!sc) return;
    const mine = ++seq;
    setState('loading', true);
    const seen = new Set<string>();
    const fetchPage = (offset: number, limit: number) => api.invoke('disks.list', { ...sc, offset, limit });
    let next = fetchPage(0, firstPage);
    let first = true;
    for (;;) {
      const r = await next;
      if (mine !== seq) return;
      if (!r.ok) {
        setState({ loading: false, error: r.error });
        return;
      }
      const { disks, nextOffset } = r.value;
      const done = nextOffset === undefined || disks.length === 0;
      // The next page is asked for before this one is shown: main fetches it while we render.
      if (!done) next = fetchPage(nextOffset, pageSize);
      batch(() => {
        merge(disks, seen, done);
        setState({ error: undefined, loading: !done, ...(done ? { complete: true } : {}) });
      });
      // Marks for the benchmark (test/bench/ui.bench.ts); visible in DevTools too.
      if (first) mark('ecs:disks-first-page');
      first = false;
      if (done) {
        mark('ecs:disks-complete');
        return;
      }
    }
  };

  createEffect(
    on(
      () => {
        const sc = scope();
        return sc ? `${sc.accountId}|${sc.region}` : undefined;
      },
      () => {
        seq++; // an answer still on its way belongs to the old scope
        index = new Map();
        batch(() => {
          setRows(EMPTY);
          setState({ loading: false, complete: false, error: undefined });
        });
        void reload();
      },
    ),
  );

  return [state, { rows, reload }];
}
