/**
 * The toasts corner: messages announced politely, errors assertively, each dismissable.
 */
import { For, Show } from 'solid-js';
import { useToasts } from '../stores/app-context';
import { ErrorPanel } from './error-panel';

/** Renders the toasts of the toasts store. */
export function ToastHost() {
  const [state, toasts] = useToasts();
  return (
    <section class="toasts" aria-label="Notifications" aria-live="polite">
      <For each={state.toasts}>
        {(t) => (
          <div class={`toast toast-${t.level}`}>
            <Show
              when={t.error}
              fallback={<p role={t.level === 'warning' ? 'alert' : undefined}>{t.message}</p>}
            >
              {(err) => <ErrorPanel compact title={t.message} error={err()} />}
            </Show>
            <button
              type="button"
              class="icon-button"
              aria-label={`Dismiss notification: ${t.message}`}
              onClick={() => toasts.dismiss(t.id)}
            >
              ×
            </button>
          </div>
        )}
      </For>
    </section>
  );
}
