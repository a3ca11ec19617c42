/**
 * The detail drawer on the right of the main pane: non-modal, Escape (inside it) closes it.
 */
import { Show } from 'solid-js';
import { useUi } from '../stores/app-context';

/** Renders `useUi()`'s drawer request, if any. */
export function Drawer() {
  const [ui, actions] = useUi();
  return (
    <Show when={ui.drawer} keyed>
      {(req) => (
        <aside
          class="drawer"
          aria-label={req.title}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              actions.closeDrawer();
            }
          }}
        >
          <header class="drawer-header">
            <h2>{req.title}</h2>
            <button
              type="button"
              class="icon-button"
              aria-label="Close details"
              onClick={() => actions.closeDrawer()}
            >
              ×
            </button>
          </header>
          <div class="drawer-body">{req.render()}</div>
        </aside>
      )}
    </Show>
  );
}
