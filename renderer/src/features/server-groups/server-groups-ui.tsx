/**
 * Whether the create server group dialog is open, shared by the pane and the command palette.
 */
import { createContext, createSignal, useContext, type Accessor, type JSX } from 'solid-js';

/** The create dialog's open state. */
export interface ServerGroupsUi {
  creating: Accessor<boolean>;
  setCreating(open: boolean): void;
}

const Ctx = createContext<ServerGroupsUi>();

/** Provides the server groups pane's dialog state to the pane and the palette. */
export function ServerGroupsUiProvider(props: { children: JSX.Element }) {
  const [creating, setCreating] = createSignal(false);
  return <Ctx.Provider value={{ creating, setCreating }}>{props.children}</Ctx.Provider>;
}

/** The server groups dialog state; throws outside {@link ServerGroupsUiProvider}. */
export function useServerGroupsUi(): ServerGroupsUi {
  const ui = useContext(Ctx);
  if (!ui) throw new Error('useServerGroupsUi() outside ServerGroupsUiProvider');
  return ui;
}
