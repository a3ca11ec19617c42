/**
 * Provides the fleet store to the whole app (the Fleet pane, the palette and Activity), built once.
 */
import { createContext, useContext, type JSX } from 'solid-js';
import { useApi } from '../../lib/api-context';
import { createFleetStore, type FleetStore } from './fleet-store';

const Ctx = createContext<FleetStore>();

/** Builds the fleet store once for the app. */
export function FleetProvider(props: { children: JSX.Element }) {
  const store = createFleetStore(useApi());
  return <Ctx.Provider value={store}>{props.children}</Ctx.Provider>;
}

/** The fleet store; throws outside {@link FleetProvider}. */
export function useFleet(): FleetStore {
  const f = useContext(Ctx);
  if (!f) throw new Error('useFleet() must be called inside <FleetProvider>.');
  return f;
}

/** The fleet store when a provider is there (Activity also renders in tests without one). */
export function useFleetIfAny(): FleetStore | undefined {
  return useContext(Ctx);
}
