/**
 * The one pattern of every asynchronous action: call the operation in the argument's scope, then
 * register what it started with the job tracker and answer `{ jobId, cloudJobId? }`.
 */
import type { OperationId } from '../../../shared/ecs/operations';
import type { Scope } from '../../../shared/ipc/views';
import type { CallInput } from '../../cloud/client';
import type { JobTarget } from '../../jobs/types';
import type { IpcContext } from '../types';

/** How {@link callAndTrack} registers the job. */
export interface TrackOptions {
  /** The resources the job acts on (the servers to refresh when it ends). */
  targets: JobTarget[];
  /**
   * Keep the call's input so the job can be retried. Only for idempotent operations whose input
   * holds no secret (SECURITY: a password or user data must never reach the journal).
   */
  retryable?: boolean;
}

/** Calls `operation` in `scope` and tracks the job (or server-status wait) it started. */
export async function callAndTrack<K extends OperationId>(
  ctx: IpcContext,
  scope: Scope,
  operation: K,
  input: CallInput<K>,
  opts: TrackOptions,
): Promise<{ jobId: string; cloudJobId?: string }> {
  const result = await (await ctx.client(scope)).call(operation, input);
  return ctx.track({
    scope: { accountId: scope.accountId, region: scope.region },
    operation,
    targets: opts.targets,
    result,
    ...(opts.retryable ? { retryInput: input } : {}),
  });
}
