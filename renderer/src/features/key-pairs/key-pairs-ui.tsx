/**
 * Which key pairs dialog is open, shared by the pane and the command palette.
 */
import { createContext, createSignal, useContext, type Accessor, type JSX } from 'solid-js';

/** Dialogs of the key pairs pane. */
export type KeyPairsDialog = 'create' | 'import';

/** The open dialog and how to change it. */
export interface KeyPairsUi {
  dialog: Accessor<KeyPairsDialog | undefined>;
  openDialog(d: KeyPairsDialog | undefined): void;
}

const Ctx = createContext<KeyPairsUi>();

/** Provides the key pairs pane's dialog state to the pane and the palette. */
export function KeyPairsUiProvider(props: { children: JSX.Element }) {
  const [dialog, openDialog] = createSignal<KeyPairsDialog>();
  return <Ctx.Provider value={{ dialog, openDialog }}>{props.children}</Ctx.Provider>;
}

/** The key pairs dialog state; throws outside {@link KeyPairsUiProvider}. */
export function useKeyPairsUi(): KeyPairsUi {
  const ui = useContext(Ctx);
  if (!ui) throw new Error('useKeyPairsUi() outside KeyPairsUiProvider');
  return ui;
}
