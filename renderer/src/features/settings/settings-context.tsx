/**
 * The app settings in the renderer: the persisted settings (welcome dismissed, update check), the
 * update check's status (pushed by main as `app.update`), and whether the "About & settings"
 * dialog is open. Also tells main the selected scope, so the window title names it, and answers
 * `jobs.reveal` (a click on a job's desktop notification) by showing the job in Activity.
 */
import { createContext, createEffect, on, onCleanup, onMount, useContext, type JSX } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { AppSettings, SettingsView, UpdateStatus } from '../../../../shared/ipc/contract';
import type { ErrorData } from '../../../../shared/errors';
import { useApi } from '../../lib/api-context';
import { useScope, useUi } from '../../stores/app-context';
import { revealJobRow } from './reveal-job';

/** State of the settings store. */
export interface SettingsState {
  /** The settings, once read from main (undefined until then, or when the read failed). */
  settings: SettingsView | undefined;
  error: ErrorData | undefined;
  update: UpdateStatus | undefined;
  dialogOpen: boolean;
}

/** Actions of the settings store. */
export interface SettingsActions {
  load(): Promise<void>;
  /** Changes settings in main; resolves the error when it failed. */
  set(patch: Partial<AppSettings>): Promise<ErrorData | undefined>;
  checkForUpdates(): Promise<void>;
  dismissUpdate(version: string): Promise<void>;
  openDialog(): void;
  closeDialog(): void;
}

const SettingsContext = createContext<[SettingsState, SettingsActions]>();

/** Builds the settings store (inside the AppProvider) and wires the desktop events. */
export function SettingsProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const [scope, scopeActions] = useScope();
  const [, ui] = useUi();
  const [state, setState] = createStore<SettingsState>({
    settings: undefined,
    error: undefined,
    update: undefined,
    dialogOpen: false,
  });

  const actions: SettingsActions = {
    async load() {
      const [settings, update] = await Promise.all([
        api.invoke('settings.get', {}),
        api.invoke('updates.status', {}),
      ]);
      if (settings.ok) setState({ settings: settings.value, error: undefined });
      else setState('error', settings.error);
      if (update.ok) setState('update', reconcile(update.value));
    },
    async set(patch) {
      const res = await api.invoke('settings.set', patch);
      if (!res.ok) return res.error;
      setState('settings', reconcile(res.value));
      // Turning the check on or off changes what the update status says.
      if (patch.updateCheck !== undefined) {
        const update = await api.invoke('updates.status', {});
        if (update.ok) setState('update', reconcile(update.value));
      }
      return undefined;
    },
    async checkForUpdates() {
      setState('update', 'checking', true);
      const res = await api.invoke('updates.check', {});
      if (res.ok) setState('update', reconcile(res.value));
      else setState('update', { enabled: true, checking: false, lastError: res.error.message });
    },
    async dismissUpdate(version) {
      const res = await api.invoke('updates.dismiss', { version });
      if (res.ok) setState('update', reconcile(res.value));
    },
    openDialog: () => setState('dialogOpen', true),
    closeDialog: () => setState('dialogOpen', false),
  };

  const offUpdate = api.on('app.update', (status) => setState('update', reconcile(status)));
  const offReveal = api.on('jobs.reveal', ({ id }) => {
    ui.closeDrawer();
    ui.showPane('activity');
    revealJobRow(id);
  });
  const offOpen = api.on('app.openSettings', () => actions.openDialog());
  onCleanup(() => {
    offUpdate();
    offReveal();
    offOpen();
  });
  onMount(() => void actions.load());

  // The window title names the account and region: main looks the name up from the id.
  createEffect(
    on(
      () => [scope.scope?.accountId, scope.scope?.region, scopeActions.account()?.name] as const,
      ([accountId, region]) => {
        if (accountId && region) void api.invoke('app.setScope', { accountId, region });
      },
    ),
  );

  return <SettingsContext.Provider value={[state, actions]}>{props.children}</SettingsContext.Provider>;
}

/** The settings store; throws outside {@link SettingsProvider}. */
export function useAppSettings(): [SettingsState, SettingsActions] {
  const s = useContext(SettingsContext);
  if (!s) throw new Error('useAppSettings() must be called inside <SettingsProvider>.');
  return s;
}

/** The settings store, or undefined outside {@link SettingsProvider} (components tests render alone). */
export function useAppSettingsOptional(): [SettingsState, SettingsActions] | undefined {
  return useContext(SettingsContext);
}
