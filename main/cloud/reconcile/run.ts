/**
 * The driver of a reconciled call: send; after a failure that may have reached the server, ask the
 * operation's rule what the state says (waiting while work is visibly under way or not settled
 * yet); then either answer with what was found, or send again (only what is missing). A re-send
 * that the cloud refuses is checked the same way: "not found" after the first attempt deleted the
 * thing is a success, not an error.
 */
import { priorRange } from '../../jobs/priors';
import { ApiError } from '../errors';
import type { RequestInput } from '../request';
import { maybeDelivered } from '../retry';
import type { ReadCall, ReconcileRule, Verdict } from './types';

/**
 * Shortest settle window in real ms, whatever the time scale: on a busy machine timers and jobs
 * run late, and concluding "not done" too early would do the work twice.
 */
export const MIN_SETTLE_MS = 1000;

/**
 * Re-sends after reconciling, at most: 8 sends in all, as many attempts as the retry policy gives
 * a call the cloud answers but fails (retry.ts). With 4, about one reconciled call in 3,000 still
 * failed under the fault scenario's one-in-five failing requests.
 */
export const MAX_RESENDS = 7;

/** What reconciliation did, for benchmarks and tests. */
export interface ReconcileCounts {
  /** Failures whose fate was looked up in the state. */
  reconciliations: number;
  /** ...that found the request had taken effect (answered without re-sending). */
  found: number;
  /** ...that found it had not, and sent it again. */
  resent: number;
}

/** What the driver needs from the client. */
export interface ReconcileDeps {
  read: ReadCall;
  /** One send of `input`, with the retries that are safe for a non-idempotent call. */
  send(input: RequestInput): Promise<unknown>;
  /** Real ms per nominal ms of the settle windows (the duration priors' scale). */
  timeScale: number;
  counts: ReconcileCounts;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Backoff before re-send number `n` (1-based). */
  backoff(err: unknown, n: number): number;
  signal?: AbortSignal;
}

/** The outcome: the answer of a send, or what a rule found. */
export type Reconciled = { sent: unknown } | { found: unknown };

/**
 * Runs operation `id` through its rule. Throws the send's error when the state cannot tell
 * (still ambiguous after the wait) or confirms a refusal.
 */
export async function runReconciled(
  id: string,
  rule: ReconcileRule,
  input: RequestInput,
  marker: string,
  deps: ReconcileDeps,
): Promise<Reconciled> {
  let current = rule.prepare ? rule.prepare(input, marker) : input;
  const baseline = rule.before ? await rule.before(deps.read, current) : undefined;
  const nominal = rule.settleMs ?? 2 * (priorRange(id)?.high ?? 0);
  const settleMs = nominal > 0 ? Math.max(MIN_SETTLE_MS, nominal * deps.timeScale) : 0;
  // Work under way for much longer than it usually takes is left to the caller as the original failure.
  const maxWaitMs = settleMs * 4 + 20_000 * Math.min(1, deps.timeScale);
  const pollMs = Math.min(2000, Math.max(25, settleMs / 8));
  for (let round = 0; ; round++) {
    // Per send: the settle window and "since" checks concern the latest send.
    const sentAt = deps.now();
    try {
      return { sent: await deps.send(current) };
    } catch (err) {
      const refusedResend = round > 0 && err instanceof ApiError && !maybeDelivered(err);
      if (!(maybeDelivered(err) || refusedResend) || round >= MAX_RESENDS || deps.signal?.aborted) throw err;
      deps.counts.reconciliations++;
      let verdict: Verdict;
      for (;;) {
        const now = deps.now();
        try {
          verdict = await rule.check({
            read: deps.read,
            input: current,
            sentAt,
            baseline,
            settled: now - sentAt >= settleMs,
          });
        } catch {
          // The state could not be read: the call's fate stays unknown, which the original error says.
          throw err;
        }
        if (verdict.kind !== 'pending') break;
        if (now - sentAt >= maxWaitMs) throw err;
        await deps.sleep(pollMs, deps.signal);
      }
      if (verdict.kind === 'applied') {
        deps.counts.found++;
        return { found: verdict.result };
      }
      // Not done: a refusal of the re-send stands.
      if (refusedResend) throw err;
      deps.counts.resent++;
      current = verdict.input ?? current;
      await deps.sleep(deps.backoff(err, round + 1), deps.signal);
    }
  }
}
