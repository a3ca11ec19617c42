/**
 * The polling policy, as pure functions of the job's age, its poll count and the learned duration
 * of its kind: poll first around the earliest expected end, then every `min` while the job is
 * within its usual range, then back off toward `max` while it runs long.
 */
import type { DurationEstimate } from './durations';

/** Inputs of {@link nextPollDelay}. */
export interface PollContext {
  /** Milliseconds since the job was registered. */
  elapsedMs: number;
  /** Polls already made. */
  polls: number;
  estimate: DurationEstimate | undefined;
  minIntervalMs: number;
  maxIntervalMs: number;
  /** Throttling multiplier of the job's account (1 when not throttled). */
  slowFactor: number;
}

/** Share of the job's age used as the interval when nothing better is known (cold start, running long). */
const AGE_FRACTION = 0.25;

/** Milliseconds to wait before the job's next status request. */
export function nextPollDelay(ctx: PollContext): number {
  const { elapsedMs, polls, estimate, minIntervalMs: min, maxIntervalMs: max } = ctx;
  let delay: number;
  if (estimate !== undefined) {
    // Most jobs of this kind are done by `high`; a margin of one interval keeps noise from
    // tipping a normal job into back-off.
    const longAfter = estimate.high * 1.25 + min;
    if (polls === 0) delay = Math.max(min, estimate.low - elapsedMs);
    else if (elapsedMs < longAfter) delay = min;
    else delay = clamp(min + (elapsedMs - longAfter) * AGE_FRACTION, min, max);
  } else {
    // Cold start: intervals proportional to age keep the relative lateness bounded while the
    // number of polls grows only with the logarithm of the duration.
    delay = polls === 0 ? min : clamp(elapsedMs * AGE_FRACTION, min, max);
  }
  return Math.round(delay * Math.max(1, ctx.slowFactor));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
