/**
 * UI state of the servers pane that outlives a pane switch and is reached from the command
 * palette: filters, sort, the open dialog.
 */
import { createContext, createEffect, createSignal, useContext, type Accessor, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { asRecord, asString, loadPersisted, savePersisted } from '../../lib/persisted';
import { useServers, useUi } from '../../stores/app-context';
import { EMPTY_FILTER, type ServerFilter, type SortKey, type SortSpec } from './server-filter';
import { useOpenServer } from './servers-pane';

/** Dialogs of the servers pane. */
export type ServersDialog =
  { kind: 'start' | 'stop' | 'reboot' | 'delete' | 'tag'; ids: string[] } | { kind: 'create' };

/** What the drawer's single-server actions can be asked to do (from the palette). */
export type SingleServerAction =
  | 'start'
  | 'stop'
  | 'reboot'
  | 'lock'
  | 'unlock'
  | 'delete'
  | 'resize'
  | 'rename'
  | 'rebuild'
  | 'reinstall'
  | 'changeOs'
  | 'migrate'
  | 'createImage';

/** State and actions of the servers pane UI. */
export interface ServersUi {
  filter: ServerFilter;
  setFilter<K extends keyof ServerFilter>(key: K, value: ServerFilter[K]): void;
  clearFilter(): void;
  sort: Accessor<SortSpec>;
  setSort(s: SortSpec): void;
  dialog: Accessor<ServersDialog | undefined>;
  openDialog(d: ServersDialog | undefined): void;
  /** A request for the server drawer showing `id` to run one of its actions (then cleared). */
  serverAction: Accessor<{ id: string; kind: SingleServerAction } | undefined>;
  requestServerAction(r: { id: string; kind: SingleServerAction } | undefined): void;
}

const Ctx = createContext<ServersUi>();

const STORE_KEY = 'servers-ui.v1';
const SORT_KEYS: readonly SortKey[] = ['name', 'status', 'flavor', 'ips', 'az', 'tags', 'created'];

/** The filters and sort stored by an earlier session, if they are valid (anything else is ignored). */
export function validateServersUi(raw: unknown): { filter: ServerFilter; sort: SortSpec } | undefined {
  const o = asRecord(raw);
  const f = asRecord(o?.filter);
  const s = asRecord(o?.sort);
  if (!f || !s) return undefined;
  const filter = { ...EMPTY_FILTER };
  for (const k of Object.keys(EMPTY_FILTER) as (keyof ServerFilter)[]) {
    const v = f[k] === undefined ? '' : asString(f[k]);
    if (v === undefined) return undefined;
    filter[k] = v;
  }
  const key = SORT_KEYS.find((k) => k === s.key);
  if (!key || (s.dir !== 'asc' && s.dir !== 'desc')) return undefined;
  return { filter, sort: { key, dir: s.dir } };
}

/** Creates the servers pane UI state (plain, for tests and the provider); filters and sort persist. */
export function createServersUi(): ServersUi {
  const saved = loadPersisted(STORE_KEY, validateServersUi);
  const [filter, setFilterStore] = createStore<ServerFilter>({ ...(saved?.filter ?? EMPTY_FILTER) });
  const [sort, setSort] = createSignal<SortSpec>(saved?.sort ?? { key: 'name', dir: 'asc' });
  createEffect(() => savePersisted(STORE_KEY, { filter: { ...filter }, sort: sort() }));
  const [dialog, openDialog] = createSignal<ServersDialog | undefined>();
  const [serverAction, requestServerAction] = createSignal<
    { id: string; kind: SingleServerAction } | undefined
  >();
  return {
    filter,
    setFilter: (key, value) => setFilterStore(key, value),
    clearFilter: () => setFilterStore({ ...EMPTY_FILTER }),
    sort,
    setSort,
    dialog,
    openDialog: (d) => openDialog(() => d),
    serverAction,
    requestServerAction: (r) => requestServerAction(() => r),
  };
}

/** Provides the servers pane UI state to the whole app (the pane and the palette). */
export function ServersUiProvider(props: { children: JSX.Element }) {
  const ui = createServersUi();
  return (
    <Ctx.Provider value={ui}>
      <DrawerMemory />
      {props.children}
    </Ctx.Provider>
  );
}

const DRAWER_KEY = 'server-drawer.v1';

/** Remembers which server's drawer is open and opens it again after a reload. */
function DrawerMemory() {
  const [ui] = useUi();
  const [state, servers] = useServers();
  const open = useOpenServer();
  const saved = loadPersisted(DRAWER_KEY, (raw) => {
    const id = asString(raw, 200);
    return id && /^[\w-]+$/.test(id) ? id : undefined;
  });
  // Reopen once the server has arrived (the drawer's title needs its name); not at all if the
  // list completes without it (deleted since, or another scope).
  let pending = saved;
  createEffect(() => {
    if (!pending) return;
    if (servers.get(pending)) {
      open(pending);
      pending = undefined;
    } else if (state.complete) pending = undefined;
  });
  createEffect(() => {
    if (pending) return; // keep the stored drawer until it is reopened

    const key = ui.drawer?.key;
    savePersisted(DRAWER_KEY, key?.startsWith('server:') ? key.slice('server:'.length) : null);
  });
  return null;
}

/** The servers pane UI state; throws outside {@link ServersUiProvider}. */
export function useServersUi(): ServersUi {
  const ui = useContext(Ctx);
  if (!ui) throw new Error('useServersUi() must be called inside <ServersUiProvider>.');
  return ui;
}
