/**
 * UI state of the servers pane that outlives a pane switch and is reached from the command
 * palette: filters, sort, the open dialog.
 */
import { createContext, createSignal, useContext, type Accessor, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { EMPTY_FILTER, type ServerFilter, type SortSpec } from './server-filter';

/** Dialogs of the servers pane. */
export type ServersDialog =
  { kind: 'start' | 'stop' | 'reboot' | 'delete' | 'tag'; ids: string[] } | { kind: 'create' };

/** State and actions of the servers pane UI. */
export interface ServersUi {
  filter: ServerFilter;
  setFilter<K extends keyof ServerFilter>(key: K, value: ServerFilter[K]): void;
  clearFilter(): void;
  sort: Accessor<SortSpec>;
  setSort(s: SortSpec): void;
  dialog: Accessor<ServersDialog | undefined>;
  openDialog(d: ServersDialog | undefined): void;
}

const Ctx = createContext<ServersUi>();

/** Creates the servers pane UI state (plain, for tests and the provider). */
export function createServersUi(): ServersUi {
  const [filter, setFilterStore] = createStore<ServerFilter>({ ...EMPTY_FILTER });
  const [sort, setSort] = createSignal<SortSpec>({ key: 'name', dir: 'asc' });
  const [dialog, openDialog] = createSignal<ServersDialog | undefined>();
  return {
    filter,
    setFilter: (key, value) => setFilterStore(key, value),
    clearFilter: () => setFilterStore({ ...EMPTY_FILTER }),
    sort,
    setSort,
    dialog,
    openDialog: (d) => openDialog(() => d),
  };
}

/** Provides the servers pane UI state to the whole app (the pane and the palette). */
export function ServersUiProvider(props: { children: JSX.Element }) {
  const ui = createServersUi();
  return <Ctx.Provider value={ui}>{props.children}</Ctx.Provider>;
}

/** The servers pane UI state; throws outside {@link ServersUiProvider}. */
export function useServersUi(): ServersUi {
  const ui = useContext(Ctx);
  if (!ui) throw new Error('useServersUi() must be called inside <ServersUiProvider>.');
  return ui;
}
