/**
 * Every NIC of the selected scope (20,000 and more), streamed page by page from `nics.listAll`
 * (the VPC port list): the first page is small so rows show at once, the next pages are large and
 * each is asked for before the last one is merged. Rows are plain objects in one array (no store
 * proxies): a page appends, a row already shown is replaced in place, so nothing shown moves.
 * A scope switch clears the rows at once (one scope's NICs never show under another's name); one
 * server's NICs can be re-read alone after its NICs changed.
 */
import { batch, createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { Api } from '../../../../shared/ipc/contract';
import type { PortRowView, Scope } from '../../../../shared/ipc/views';

/** The first page: small, so the first rows paint quickly. */
export const FIRST_PAGE = 500;
/** The following pages: the VPC port list's own page. */
export const PAGE = 2000;
/** Above this many changed servers, a `servers.changed` event reloads the list instead of reading each. */
const MAX_SERVER_REFRESHES = 20;

/** The NICs and how their loading goes. */
export interface AllNics {
  /** The rows, in the API's order (a page appends; re-read rows keep their place). */
  rows: Accessor<readonly PortRowView[]>;
  /** True while pages are being fetched. */
  loading: Accessor<boolean>;
  /** True once the last page arrived. */
  complete: Accessor<boolean>;
  error: Accessor<ErrorData | undefined>;
  /** Reads every page again (rows shown stay, updated in place, until the new list is complete). */
  reload(): Promise<void>;
  /** Re-reads one server's NICs: removed ones go, new ones are appended, the others stay put. */
  refreshServer(serverId: string): Promise<void>;
}

const mark = (name: string) => {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
};

/** Creates the store for `scope()`: loads now and on every scope switch; stops with its owner. */
export function createAllNics(api: Api, scope: Accessor<Scope | undefined>): AllNics {
  // One array, mutated in place and announced with a new signal value (equals: false): copying
  // 20,000 rows per page would cost more than every reader's work together.
  let list: PortRowView[] = [];
  const [rows, setRows] = createSignal<readonly PortRowView[]>(list, { equals: false });
  const [loading, setLoading] = createSignal(false);
  const [complete, setComplete] = createSignal(false);
  const [error, setError] = createSignal<ErrorData | undefined>();
  // port id -> index in `list`, kept with every change.
  let index = new Map<string, number>();
  let generation = 0;
  let disposed = false;
  // The ports the running reload has seen: a port re-read by refreshServer meanwhile counts too,
  // or the reload's end would drop a NIC added after its pages went by.
  let seenNow: Set<string> | undefined;
  onCleanup(() => (disposed = true));

  const reindex = () => {
    index = new Map();
    list.forEach((n, i) => index.set(n.portId, i));
  };
  const clear = () => {
    list = [];
    index = new Map();
    batch(() => {
      setRows(list);
      setComplete(false);
      setError(undefined);
    });
  };
  /** Puts rows in place (update) or at the end (new): O(page). */
  const merge = (page: readonly PortRowView[], seen?: Set<string>) => {
    for (const n of page) {
      seen?.add(n.portId);
      const i = index.get(n.portId);
      if (i === undefined) {
        index.set(n.portId, list.length);
        list.push(n);
      } else list[i] = n;
    }
  };

  const reload = async () => {
    const sc = scope();
    const gen = ++generation;
    if (!sc) return;
    batch(() => {
      setLoading(true);
      setError(undefined);
    });
    const seen = new Set<string>();
    seenNow = seen;
    let first = true;
    const fetchPage = (marker: string | undefined) =>
      api.invoke('nics.listAll', { ...sc, limit: first ? FIRST_PAGE : PAGE, ...(marker ? { marker } : {}) });
    let next = fetchPage(undefined);
    for (;;) {
      const res = await next;
      if (gen !== generation || disposed) return;
      if (!res.ok) {
        batch(() => {
          setLoading(false);
          setError(res.error);
        });
        return;
      }
      if (first) mark('ecs:nics-first-page');
      first = false;
      const marker = res.value.nextMarker;
      const done = !marker;
      // The next page is asked for before this one is merged: main fetches it while we render.
      if (!done) next = fetchPage(marker);
      merge(res.value.nics, seen);
      if (done && seen.size < list.length) {
        // Rows not in the new list go once it is complete (until then they may still come).
        list = list.filter((n) => seen.has(n.portId));
        reindex();
      }
      batch(() => {
        setRows(list);
        setLoading(!done);
        setComplete(done);
      });
      if (done) {
        mark('ecs:nics-complete');
        return;
      }
    }
  };

  const refreshServer = async (serverId: string) => {
    const sc = scope();
    const gen = generation;
    if (!sc) return;
    const res = await api.invoke('nics.listAll', { ...sc, serverId, limit: PAGE });
    // A reload (or a scope switch) since: its answer wins.
    if (gen !== generation || disposed || !res.ok) return;
    const fresh = new Set(res.value.nics.map((n) => n.portId));
    if (list.some((n) => n.serverId === serverId && !fresh.has(n.portId))) {
      list = list.filter((n) => n.serverId !== serverId || fresh.has(n.portId));
      reindex();
    }
    merge(res.value.nics, seenNow);
    setRows(list);
  };

  const scopeKey = () => {
    const sc = scope();
    return sc ? `${sc.accountId}|${sc.region}` : undefined;
  };
  // The first page is asked for right away, not from an effect after the pane has rendered: the
  // request travels (and main answers it) while the rest of the pane is built.
  let shown = scopeKey();
  void reload();
  createEffect(
    on(
      scopeKey,
      (key) => {
        if (key === shown) return;
        shown = key;
        generation++;
        clear();
        void reload();
      },
      { defer: true },
    ),
  );

  // Servers created, deleted or changed by a job elsewhere: their NICs change with them.
  onCleanup(
    api.on('servers.changed', (p) => {
      const sc = scope();
      if (!sc || p.accountId !== sc.accountId || p.region !== sc.region) return;
      if (p.ids.length === 0 || p.ids.length > MAX_SERVER_REFRESHES) void reload();
      else for (const id of p.ids) void refreshServer(id);
    }),
  );

  return { rows, loading, complete, error, reload, refreshServer };
}
