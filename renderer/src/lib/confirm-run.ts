/**
 * The confirm-then-run flow of destructive actions (delete a key pair or a server group, remove a
 * member, delete NICs): in the selected scope, ask with the confirm dialog, and only on yes run
 * the call with its toast. The scope is read once, when the user acts, so the confirm text and
 * the call name the same account and region.
 */
import type { Result } from '../../../shared/ipc/contract';
import type { Scope } from '../../../shared/ipc/views';
import { useScope, useUi } from '../stores/app-context';
import type { ConfirmRequest } from '../stores/ui-store';
import { useRunOp } from './run-op';

/** Asks `confirm(scope)`, then runs `call(scope)` reporting it as `label`; undefined when declined or failed. */
export type ConfirmThenRun = <T>(
  confirm: (scope: Scope) => ConfirmRequest,
  label: string,
  call: (scope: Scope) => Promise<Result<T>>,
) => Promise<T | undefined>;

/** Returns a {@link ConfirmThenRun} bound to the scope, the confirm dialog and the toasts. */
export function useConfirmThenRun(): ConfirmThenRun {
  const [scope] = useScope();
  const [, ui] = useUi();
  const run = useRunOp();
  return async (confirm, label, call) => {
    const sc = scope.scope;
    if (!sc) return undefined;
    if (!(await ui.confirm(confirm(sc)))) return undefined;
    return run(label, () => call(sc));
  };
}
