/**
 * The root component: the bridge, the stores, the panes' providers and the frame.
 */
import { Show, type Component, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Api } from '../../shared/ipc/contract';
import { ApiProvider } from './lib/api-context';
import { getApi, missingBridgeApi } from './lib/api';
import type { PaneDef } from './lib/pane-registry';
import { PANES } from './panes';
import { AppProvider, type AppProviderProps } from './stores/app-context';
import { Frame } from './components/frame';
import { SettingsButton } from './features/settings/settings-button';
import { SettingsProvider } from './features/settings/settings-context';
import { AccountsButtons } from './features/accounts/accounts-manager';

/** Wraps `children` in every pane's provider (outermost first). */
function PaneProviders(props: {
  providers: readonly Component<{ children: JSX.Element }>[];
  children: JSX.Element;
}) {
  return (
    <Show when={props.providers[0]} fallback={props.children}>
      {(P) => (
        <Dynamic component={P()}>
          <PaneProviders providers={props.providers.slice(1)}>{props.children}</PaneProviders>
        </Dynamic>
      )}
    </Show>
  );
}

/** Props of {@link App}; tests pass a fake api and store options. */
export interface AppProps {
  api?: Api;
  panes?: readonly PaneDef[];
  options?: Omit<AppProviderProps, 'children'>;
}

/** The app: reads `window.api` (or the given api) and renders the frame with every pane. */
export function App(props: AppProps) {
  // eslint-disable-next-line solid/reactivity -- fixed for the life of the app
  const api = props.api ?? getApi() ?? missingBridgeApi();
  // eslint-disable-next-line solid/reactivity -- fixed for the life of the app
  const panes = props.panes ?? PANES;
  return (
    <ApiProvider api={api}>
      <AppProvider {...props.options}>
        <SettingsProvider>
          <PaneProviders providers={panes.flatMap((p) => (p.provider ? [p.provider] : []))}>
            <Frame panes={panes} accountTools={AccountsButtons} footerTools={SettingsButton} />
          </PaneProviders>
        </SettingsProvider>
      </AppProvider>
    </ApiProvider>
  );
}
