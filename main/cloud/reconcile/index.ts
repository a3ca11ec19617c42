/**
 * The reconciliation table: one rule per non-idempotent operation that the app sends, next to the
 * operation table (`../ops/index.ts`). An operation with a rule is never re-sent blindly after a
 * failure that may have reached the server, even when its row says `idempotent` (a repeated stop
 * or detach can fail where the first one worked): the rule reads the state first.
 *
 * Tag writes need no rule: §5.9.3/§5.9.4 make batch create/delete of tags idempotent, so their
 * rows are re-sent like any idempotent call. createServers needs none: it carries X-Client-Token.
 */
import type { OperationId } from '../../../shared/ecs/operations';
import { nicRules } from './nics';
import { serverRules } from './servers';
import type { ReconcileRule } from './types';
import { volumeRules } from './volumes';

export { observedCompletion, type ObservedCompletion, type ReconcileRule } from './types';

/** Reconciliation rules by operation id. */
export const reconcileRules: Partial<Record<OperationId, ReconcileRule>> = {
  ...serverRules,
  ...volumeRules,
  ...nicRules,
} satisfies Partial<Record<OperationId, ReconcileRule>>;
