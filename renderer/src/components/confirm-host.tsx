/**
 * Renders the confirm dialog requested through `useUi()[1].confirm(...)`.
 */
import { Show } from 'solid-js';
import { useUi } from '../stores/app-context';
import { ConfirmDialog } from './confirm-dialog';

/** Shows the pending confirmation, if any. */
export function ConfirmHost() {
  const [ui] = useUi();
  return (
    <Show when={ui.confirm} keyed>
      {(req) => (
        <ConfirmDialog
          title={req.title}
          message={req.message}
          items={req.items}
          confirmLabel={req.confirmLabel}
          destructive={req.destructive}
          typeToConfirm={req.typeToConfirm}
          onConfirm={() => req.resolve(true)}
          onCancel={() => req.resolve(false)}
        />
      )}
    </Show>
  );
}
