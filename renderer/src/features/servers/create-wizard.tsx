/**
 * The create-servers wizard (filled in by the next commit).
 */
import { Dialog } from '../../components/dialog';

/** The create-servers wizard dialog. */
export function CreateWizard(props: { onClose(): void }) {
  return (
    <Dialog title="Create servers" onClose={() => props.onClose()}>
      <p>Coming next.</p>
    </Dialog>
  );
}
