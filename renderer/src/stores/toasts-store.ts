/**
 * The toasts store: short, non-blocking messages (and errors) in a corner of the window.
 */
import { createStore, produce } from 'solid-js/store';
import type { ErrorData } from '../../../shared/errors';

/** One toast. */
export interface Toast {
  id: number;
  level: 'info' | 'success' | 'warning' | 'error';
  message: string;
  error?: ErrorData;
}

/** Actions of the toasts store. */
export interface ToastsActions {
  /** Shows a toast; returns its id. Info and success toasts go away by themselves after `timeoutMs`. */
  show(t: Omit<Toast, 'id'>, timeoutMs?: number): number;
  /** Shows an error as a toast with its code, API code and hint. */
  error(message: string, error: ErrorData): number;
  dismiss(id: number): void;
}

/** Creates the toasts store. */
export function createToastsStore(): [{ toasts: Toast[] }, ToastsActions] {
  const [state, setState] = createStore<{ toasts: Toast[] }>({ toasts: [] });
  let next = 1;
  const actions: ToastsActions = {
    show(t, timeoutMs = 6000) {
      const id = next++;
      setState(
        'toasts',
        produce((list) => {
          list.push({ ...t, id });
          // Keep the corner readable: at most 5 toasts.
          if (list.length > 5) list.shift();
        }),
      );
      if (t.level === 'info' || t.level === 'success') setTimeout(() => actions.dismiss(id), timeoutMs);
      return id;
    },
    error(message, error) {
      return actions.show({ level: 'error', message, error });
    },
    dismiss(id) {
      setState('toasts', (list) => list.filter((t) => t.id !== id));
    },
  };
  return [state, actions];
}
