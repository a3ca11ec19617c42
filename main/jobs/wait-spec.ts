/** How the completion of an asynchronous operation is observed, from the operation table. */
import { ValidationError } from '../cloud/errors';
import { operations } from '../cloud/ops/index';
import { observedCompletion } from '../cloud/reconcile/index';
import { novaGoalFor } from './interpret';
import type { WaitSpec } from './types';

/** How the completion of `operation` is observed, given its answer; throws when it is not asynchronous. */
export function waitSpecFor(operation: string, result: unknown): WaitSpec {
  // The answer was lost but its effect found (cloud/reconcile): follow the servers instead of the job.
  const observed = observedCompletion(result);
  if (observed) return { kind: 'serverStatus', goal: { status: observed.serverStatus } };
  const def = (operations as Record<string, { completion: string } | undefined>)[operation];
  if (def?.completion === 'job') {
    const jobId = (result as { job_id?: unknown } | undefined)?.job_id;
    if (typeof jobId !== 'string' || jobId === '')
      throw new ValidationError(`${operation} answered without a job id.`);
    return { kind: 'ecsJob', jobId };
  }
  const goal = novaGoalFor(operation);
  if (def?.completion === 'server-status' && goal) return { kind: 'serverStatus', goal };
  throw new ValidationError(`${operation} is not an asynchronous operation.`);
}
