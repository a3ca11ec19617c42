/**
 * The app's stores, built once in {@link AppProvider} and read with `useX()` hooks that throw
 * outside the provider.
 */
import { createContext, createEffect, onMount, useContext, type JSX } from 'solid-js';
import { asString, loadPersisted, savePersisted } from '../lib/persisted';
import { useApi } from '../lib/api-context';
import { createJobsStore, type JobsActions, type JobsState } from './jobs-store';
import { createScopeStore, type ScopeActions, type ScopeState } from './scope-store';
import { createSelection, type Selection } from './selection-store';
import {
  createServersStore,
  type ServersActions,
  type ServersState,
  type ServersStoreOptions,
} from './servers-store';
import { createToastsStore, type Toast, type ToastsActions } from './toasts-store';
import { createUiStore, type UiActions, type UiState } from './ui-store';

interface AppStores {
  scope: [ScopeState, ScopeActions];
  servers: [ServersState, ServersActions];
  selection: Selection;
  jobs: [JobsState, JobsActions];
  toasts: [{ toasts: Toast[] }, ToastsActions];
  ui: [UiState, UiActions];
}

const AppContext = createContext<AppStores>();
const PANE_KEY = 'pane.v1';

/** Options of {@link AppProvider} (tests shorten the poll period). */
export interface AppProviderProps {
  initialPane?: string;
  servers?: ServersStoreOptions;
  children: JSX.Element;
}

/** Builds every store once (inside an `ApiProvider`) and loads accounts and jobs. */
export function AppProvider(props: AppProviderProps) {
  const api = useApi();
  const scope = createScopeStore(api);
  // eslint-disable-next-line solid/reactivity -- options are read once, at start
  const servers = createServersStore(api, () => scope[0].scope, props.servers);
  const stores: AppStores = {
    scope,
    servers,
    selection: createSelection(),
    jobs: createJobsStore(api),
    toasts: createToastsStore(),
    ui: createUiStore(props.initialPane ?? loadPersisted(PANE_KEY, (raw) => asString(raw, 64)) ?? 'servers'),
  };
  // The open pane survives a reload (an id no pane has falls back to the first pane in the frame).
  createEffect(() => savePersisted(PANE_KEY, stores.ui[0].pane));
  onMount(() => {
    void scope[1].load();
    void stores.jobs[1].load();
  });
  return <AppContext.Provider value={stores}>{props.children}</AppContext.Provider>;
}

function useStores(hook: string): AppStores {
  const s = useContext(AppContext);
  if (!s) throw new Error(`${hook}() must be called inside <AppProvider>.`);
  return s;
}

/** The scope store (accounts, regions, selected scope, connectivity). */
export function useScope(): [ScopeState, ScopeActions] {
  return useStores('useScope').scope;
}
/** The servers store of the selected scope. */
export function useServers(): [ServersState, ServersActions] {
  return useStores('useServers').servers;
}
/** The selection of the servers pane (shared with the command palette). */
export function useServerSelection(): Selection {
  return useStores('useServerSelection').selection;
}
/** The jobs store. */
export function useJobs(): [JobsState, JobsActions] {
  return useStores('useJobs').jobs;
}
/** The toasts store. */
export function useToasts(): [{ toasts: Toast[] }, ToastsActions] {
  return useStores('useToasts').toasts;
}
/** The UI store (pane, drawer, palette, confirm). */
export function useUi(): [UiState, UiActions] {
  return useStores('useUi').ui;
}
