/**
 * Reconciliation rules: what the client does after a non-idempotent call failed in a way that
 * leaves its fate unknown (the connection was reset or timed out after the request may have left,
 * or a 5xx came back). Re-sending blindly could do the work twice (a second disk, a second NIC, a
 * stop that fails because the first stop is under way); giving up could hide work that was done.
 * A rule reads the state instead and says whether the request took effect.
 *
 * Rules are data, one per operation id, next to the operation table (`index.ts`); the client's
 * driver (`run.ts`) calls them. Operations that carry an `X-Client-Token` need no rule: the
 * server de-duplicates their re-sends.
 */
import type { EcsOperations, OperationId } from '../../../shared/ecs/operations';
import type { RequestInput } from '../request';

/** A read through the same client (retried like any read; errors are AppErrors). */
export type ReadCall = <K extends OperationId>(
  id: K,
  input?: {
    path?: EcsOperations[K]['path'];
    query?: EcsOperations[K]['query'];
    body?: EcsOperations[K]['body'];
  },
) => Promise<EcsOperations[K]['result']>;

/** What a rule sees. */
export interface ReconcileContext {
  read: ReadCall;
  /** The input as last sent (with any marker `prepare` added). */
  input: RequestInput;
  /** Epoch ms when the first attempt started: effects older than this are not ours. */
  sentAt: number;
  /** What `before` read, if the rule has one. */
  baseline: unknown;
  /**
   * True once the settle window has passed since `sentAt`: a request the cloud accepted would
   * show its effect by now, so "nothing visible" means "not done".
   */
  settled: boolean;
}

/** A rule's answer. */
export type Verdict =
  /** The request took effect: `result` is returned to the caller as the call's answer. */
  | { kind: 'applied'; result: unknown }
  /** It did not (or only partly): safe to send `input` (default: the same input) again. */
  | { kind: 'absent'; input?: RequestInput }
  /** Cannot tell yet (work visibly under way, or not settled): look again shortly. */
  | { kind: 'pending' };

/** The reconciliation of one operation. */
export interface ReconcileRule {
  /**
   * Adds a client-chosen marker to the input before the first send (`marker` is a fresh UUID per
   * logical call), so that the created resource can be found again.
   */
  prepare?(input: RequestInput, marker: string): RequestInput;
  /** Reads what `check` will compare against, before the first send (costs a request per call). */
  before?(read: ReadCall, input: RequestInput): Promise<unknown>;
  /** Decides from the state. */
  check(ctx: ReconcileContext): Promise<Verdict>;
  /**
   * How long (nominal ms, scaled like the duration priors) a committed request may stay invisible;
   * default: twice the operation's duration prior, or 0 when it has none (the effect is immediate).
   */
  settleMs?: number;
}

/**
 * How a job-returning call whose job id was lost is completed: the servers reach `serverStatus`
 * (the tracker then follows the servers instead of the job; no job is lost).
 */
export interface ObservedCompletion {
  serverStatus: string;
}

const observed = new WeakMap<object, ObservedCompletion>();

/** A call result standing for a job whose id was lost but whose effect was found. */
export function observedResult(serverStatus: string): Record<string, never> {
  const body: Record<string, never> = {};
  observed.set(body, { serverStatus });
  return body;
}

/** The completion a reconciled job-returning call should be tracked by, if it was reconciled. */
export function observedCompletion(result: unknown): ObservedCompletion | undefined {
  return typeof result === 'object' && result !== null ? observed.get(result) : undefined;
}
