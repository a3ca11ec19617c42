/**
 * State of the NICs pane that outlives a pane switch and that the palette reaches: the chosen
 * server and the search over every NIC of the region.
 */
import { createContext, createSignal, useContext, type JSX } from 'solid-js';

/** The NICs pane's shared UI state. */
export interface NicsUi {
  serverId(): string;
  setServerId(id: string): void;
  /** The search text of the list of every NIC (IP, MAC, server or subnet). */
  query(): string;
  setQuery(q: string): void;
}

const Ctx = createContext<NicsUi>();

/** Provides {@link NicsUi} to the pane and the palette. */
export function NicsUiProvider(props: { children: JSX.Element }) {
  const [serverId, setServerId] = createSignal('');
  const [query, setQuery] = createSignal('');
  return <Ctx.Provider value={{ serverId, setServerId, query, setQuery }}>{props.children}</Ctx.Provider>;
}

/** The NICs pane's UI state; throws outside {@link NicsUiProvider}. */
export function useNicsUi(): NicsUi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useNicsUi() outside NicsUiProvider');
  return v;
}
