/**
 * Provides the {@link Api} to components, so tests can hand in a fake one.
 */
import { createContext, useContext, type JSX } from 'solid-js';
import type { Api } from '../../../shared/ipc/contract';

const ApiContext = createContext<Api>();

/** Makes `api` available to every component below through {@link useApi}. */
export function ApiProvider(props: { api: Api; children: JSX.Element }) {
  // eslint-disable-next-line solid/reactivity -- the bridge is fixed for the life of the app
  return <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>;
}

/** The bridge to main; throws when called outside an {@link ApiProvider}. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() must be called inside <ApiProvider>.');
  return api;
}
