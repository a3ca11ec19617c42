/**
 * The servers store: every server of the selected scope, loaded page by page with server-side
 * paging (`servers.list` with `marker` until the last page), merged with `reconcile` so rows keep
 * their identity, refreshed on `servers.changed` and polled while a server transitions.
 */
import { batch, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { createStore, produce, reconcile, unwrap } from 'solid-js/store';
import type { Api } from '../../../shared/ipc/contract';
import type { ErrorData } from '../../../shared/errors';
import type { Scope, ServerView } from '../../../shared/ipc/views';
import { isTransitional } from '../lib/server-status';
import { storedAsIs } from '../lib/stored-as-is';

/** State of the servers store. */
export interface ServersState {
  items: ServerView[];
  /** True while pages are being fetched. */
  loading: boolean;
  /** True once the last page arrived. */
  complete: boolean;
  error: ErrorData | undefined;
  /** When the data was fetched (ISO 8601). */
  fetchedAt: string | undefined;
  /** True when the data came from the offline cache. */
  fromCache: boolean;
  offlineError: ErrorData | undefined;
}

/** Actions of the servers store. */
export interface ServersActions {
  /** Reloads every page of the current scope (rows already shown stay until the new list is complete). */
  reload(): Promise<void>;
  /** Re-reads these servers one by one (a 404 removes the row). */
  refreshIds(ids: readonly string[]): Promise<void>;
  /** Changes fields of one row locally (an optimistic edit); returns the previous row to roll back with {@link ServersActions.put}. */
  patch(id: string, fields: Partial<ServerView>): ServerView | undefined;
  /** Puts a whole row back (or adds it). */
  put(server: ServerView): void;
  /** The row with this id. */
  get(id: string): ServerView | undefined;
  /** Ids of the rows still transitioning. */
  transitioning(): string[];
  /**
   * Bumped after every change to `items` (added, removed or changed fields): lets a computation
   * read the plain rows (`unwrap`) without tracking each field of 10,000 store rows.
   */
  version: Accessor<number>;
}

/** Options of {@link createServersStore}. */
export interface ServersStoreOptions {
  /** Servers per `servers.list` page (1-1000). */
  pageSize?: number;
  /** Poll period while servers transition, in milliseconds. */
  pollMs?: number;
  /** Above this many transitioning servers, a poll reloads the list instead of reading each. */
  maxPerServerPolls?: number;
}

const mark = (name: string) => {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
};

const stripRaw = (s: ServerView & { raw?: unknown }): ServerView => {
  const { raw: _raw, ...rest } = s;
  return rest;
};

/** Creates the servers store for `scope()`; reloads when the scope changes, and stops everything with the owner. */
export function createServersStore(
  api: Api,
  scope: Accessor<Scope | undefined>,
  opts: ServersStoreOptions = {},
): [ServersState, ServersActions] {
  const pageSize = opts.pageSize ?? 1000;
  const pollMs = opts.pollMs ?? 3000;
  const maxPerServerPolls = opts.maxPerServerPolls ?? 50;
  const [state, setRawState] = createStore<ServersState>({
    items: [],
    loading: false,
    complete: false,
    error: undefined,
    fetchedAt: undefined,
    fromCache: false,
    offlineError: undefined,
  });
  const [version, setVersion] = createSignal(0);
  // Every write goes through here so `version` follows every change of the rows.
  const setState = ((...args: unknown[]) => {
    batch(() => {
      (setRawState as (...a: unknown[]) => void)(...args);
      if (args[0] === 'items' || (typeof args[0] === 'object' && args[0] !== null && 'items' in args[0]))
        setVersion((v) => v + 1);
    });
  }) as typeof setRawState;
  // Each load gets a number; a load whose number is no longer current stops (scope switched).
  let generation = 0;
  let disposed = false;
  const same = (a: Scope | undefined, b: Scope | undefined) =>
    !!a && !!b && a.accountId === b.accountId && a.region === b.region;

  // The scope whose rows `items` holds: a switch clears them at once, so one scope's servers (or
  // its error, or its "0 servers") never show under another scope's name.
  let shown: string | undefined;
  const reload = async () => {
    const sc = scope();
    const gen = ++generation;
    const key = sc && `${sc.accountId}|${sc.region}`;
    if (key !== shown) {
      shown = key;
      setState({
        items: [],
        complete: false,
        error: undefined,
        fetchedAt: undefined,
        fromCache: false,
        offlineError: undefined,
      });
    }
    if (!sc) {
      setState({ loading: false });
      return;
    }
    setState({ loading: true, error: undefined });
    const seen = new Set<string>();
    let fromCache = false;
    let first = true;
    const fetchPage = (marker: string | undefined) =>
      api.invoke('servers.list', { ...sc, limit: pageSize, ...(marker ? { marker } : {}) });
    let next = fetchPage(undefined);
    for (;;) {
      const res = await next;
      if (gen !== generation || disposed) return;
      if (!res.ok) {
        setState({ loading: false, error: res.error });
        return;
      }
      const page = res.value;
      // Marks for the benchmark (test/bench/ui.bench.ts), taken as data arrives; visible in DevTools too.
      if (first) mark('ecs:servers-first-page');
      first = false;
      fromCache ||= page.fromCache;
      const marker = page.nextMarker;
      const done = !marker || page.items.length === 0;
      // The next page is asked for before this one is merged: main fetches it while we render.
      if (!done) next = fetchPage(marker);
      batch(() => {
        mergePage(page.items, seen);
        // Rows not in the new list go once it is complete (until then they may still come).
        if (done && seen.size < state.items.length) keepRows((s) => seen.has(s.id));
        setState({
          fetchedAt: page.fetchedAt,
          fromCache,
          offlineError: page.offlineError,
          loading: !done,
          complete: done,
        });
      });
      if (done) {
        mark('ecs:servers-complete');
        return;
      }
    }
  };

  // id -> index, rebuilt once per change of the rows: `get` is O(1) and tracks one row, not 10,000.
  const index = createMemo(() => {
    version();
    const m = new Map<string, number>();
    unwrap(state.items).forEach((s, i) => m.set(s.id, i));
    return m;
  });
  /**
   * Puts one page into `items` without reordering what is shown: rows already there are updated
   * in place (reconcile, row identity kept), new rows are appended in arrival order. O(page), not
   * O(all rows), so each page is a short task however many rows came before.
   */
  const mergePage = (page: readonly ServerView[], seen: Set<string>) => {
    const fresh: ServerView[] = [];
    for (const s of page) {
      if (seen.has(s.id)) continue; // a row listed twice (it moved between pages) keeps its first place
      seen.add(s.id);
      const i = index().get(s.id);
      if (i === undefined) fresh.push(s);
      else setState('items', i, reconcile(s));
    }
    if (fresh.length)
      setState(
        'items',
        // Rows just parsed from the page: the store need not walk them (see storedAsIs).
        produce((list) => void list.push(...fresh.map(storedAsIs))),
      );
  };

  /**
   * Removes the rows failing `keep`, in place. Not `setState('items', list => list.filter(...))`:
   * a store setter given a new array unwraps it deeply, walking every field of every row
   * (hundreds of ms at 10,000 rows); moving the store's own rows costs O(1) each.
   */
  const keepRows = (keep: (s: ServerView) => boolean) =>
    setState(
      'items',
      produce((list) => {
        const raw = unwrap(list);
        let w = 0;
        for (let r = 0; r < raw.length; r++) {
          if (!keep(raw[r]!)) continue;
          // The store's own row (a proxy) is put back as is, without walking its fields.
          if (w !== r) list[w] = list[r]!;
          w++;
        }
        list.length = w;
      }),
    );

  const get = (id: string) => {
    const i = index().get(id);
    return i === undefined ? undefined : state.items[i];
  };

  const put = (server: ServerView) => {
    const i = index().get(server.id);
    if (i !== undefined) setState('items', i, reconcile(server));
    else setState('items', state.items.length, server);
  };

  const refreshIds = async (ids: readonly string[]) => {
    const sc = scope();
    if (!sc) return;
    const gen = generation;
    // A few at a time: the limiter in main queues the rest anyway, this keeps the UI responsive.
    const queue = ids.slice();
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const res = await api.invoke('servers.get', { ...sc, id });
        if (gen !== generation || disposed) return;
        if (res.ok) put(stripRaw(res.value));
        else if (res.error.status === 404 || res.error.apiCode === 'Ecs.0114') keepRows((s) => s.id !== id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, queue.length) }, worker));
  };

  // Plain rows: one pass per change, no subscription per row.
  const transitioning = createMemo(() => {
    version();
    return unwrap(state.items)
      .filter(isTransitional)
      .map((s) => s.id);
  });

  createEffect(on(scope, () => void reload(), { defer: false }));

  // eslint-disable-next-line solid/reactivity -- an event listener, not a computation
  const off = api.on('servers.changed', (p) => {
    const sc = scope();
    if (!sc || p.accountId !== sc.accountId || p.region !== sc.region) return;
    if (p.ids.length === 0) void reload();
    else void refreshIds(p.ids);
  });

  // Poll while something transitions; the timer stops as soon as nothing does.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer !== undefined || disposed) return;
    timer = setTimeout(async () => {
      const ids = transitioning();
      const sc = scope();
      try {
        if (ids.length > maxPerServerPolls) await reload();
        else if (ids.length > 0) await refreshIds(ids);
      } finally {
        timer = undefined;
        if (same(sc, scope()) && transitioning().length > 0) schedule();
      }
    }, pollMs);
  };
  createEffect(() => {
    if (transitioning().length > 0) schedule();
  });

  onCleanup(() => {
    disposed = true;
    off();
    if (timer !== undefined) clearTimeout(timer);
  });

  return [
    state,
    {
      reload,
      refreshIds,
      patch(id, fields) {
        const i = index().get(id);
        if (i === undefined) return undefined;
        const before = structuredClone(unwrap(state.items[i]!));
        setState('items', i, fields);
        return before;
      },
      put,
      get,
      transitioning,
      version,
    },
  ];
}
