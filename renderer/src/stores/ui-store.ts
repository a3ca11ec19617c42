/**
 * The UI store: which pane shows, the detail drawer, the command palette and the confirm dialog.
 */
import type { JSX } from 'solid-js';
import { createStore } from 'solid-js/store';

/** What the detail drawer shows: a title and a render function (called inside the app's providers). */
export interface DrawerRequest {
  /** Identifies the content, e.g. `server:<id>`; opening the same key again keeps the drawer. */
  key: string;
  title: string;
  render: () => JSX.Element;
}

/** A confirmation request: destructive ones say exactly what will happen. */
export interface ConfirmRequest {
  title: string;
  /** What will happen, in plain words (one paragraph). */
  message: string;
  /** Exactly which resources are affected (listed in the dialog). */
  items?: string[];
  confirmLabel: string;
  destructive?: boolean;
  /** When set, the user must type this text before the confirm button works. */
  typeToConfirm?: string;
}

/** State of the UI store. */
export interface UiState {
  pane: string;
  drawer: DrawerRequest | undefined;
  paletteOpen: boolean;
  confirm: (ConfirmRequest & { resolve(ok: boolean): void }) | undefined;
}

/** Actions of the UI store. */
export interface UiActions {
  showPane(id: string): void;
  openDrawer(req: DrawerRequest): void;
  closeDrawer(): void;
  setPalette(open: boolean): void;
  /** Asks the user to confirm; resolves true when they do, false when they cancel. */
  confirm(req: ConfirmRequest): Promise<boolean>;
}

/** Creates the UI store, starting on `initialPane`. */
export function createUiStore(initialPane: string): [UiState, UiActions] {
  const [state, setState] = createStore<UiState>({
    pane: initialPane,
    drawer: undefined,
    paletteOpen: false,
    confirm: undefined,
  });
  return [
    state,
    {
      showPane: (id) => setState('pane', id),
      openDrawer: (req) => setState('drawer', req),
      closeDrawer: () => setState('drawer', undefined),
      setPalette: (open) => setState('paletteOpen', open),
      confirm(req) {
        // A second request answers the first with "cancel": one confirm dialog at a time.
        state.confirm?.resolve(false);
        return new Promise<boolean>((resolve) => {
          setState('confirm', {
            ...req,
            resolve: (ok: boolean) => {
              setState('confirm', undefined);
              resolve(ok);
            },
          });
        });
      },
    },
  ];
}
