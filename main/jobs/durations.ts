/**
 * Learns how long each kind of job takes, so the first poll can be scheduled near the expected end.
 *
 * A kind is the operation id plus a bucket of the number of targets (a batch of 200 servers takes
 * longer than one). For each kind the learner keeps a ring of the most recent durations rather than
 * a single EWMA: the scheduler needs a low quantile (when do the fastest jobs end?), which an
 * average cannot give, and a bounded ring still forgets old behaviour like an EWMA does. The rings
 * are plain data, persisted with the journal.
 *
 * Before a kind has any sample, the estimate comes from the per-operation priors (`priors.ts`), so
 * a cold start polls near the usual end instead of every second; the first sample replaces it.
 */
import { priorRange } from './priors';

/** Recent durations (ms) per job kind, as persisted in the journal. */
export type DurationSamples = Record<string, number[]>;

/** Durations kept per kind. */
export const SAMPLES_PER_KIND = 32;

/** Bucket of a target count: exact up to 3, then powers of two (4, 8, 16, ...). */
export function countBucket(n: number): number {
  if (n <= 3) return Math.max(1, n);
  return 2 ** Math.ceil(Math.log2(n));
}

/** The learner's key for an operation run on `targetCount` targets. */
export function kindKey(operation: string, targetCount: number): string {
  return `${operation}#${countBucket(targetCount)}`;
}

function opKey(operation: string): string {
  return `${operation}#*`;
}

/** The `q` quantile (0..1) of a non-empty list, by nearest rank on a sorted copy. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx]!;
}

/** Expected duration of a kind: the range most jobs end in, in ms. */
export interface DurationEstimate {
  /** Early quantile: few jobs of this kind end before it. */
  low: number;
  /** Late quantile: few jobs run longer; beyond it the job is "running long". */
  high: number;
  samples: number;
}

/** Per-kind duration learner. */
export class DurationLearner {
  private readonly samples = new Map<string, number[]>();

  /**
   * @param initial learned samples (the journal's)
   * @param priorTimeScale real ms per prior ms (1 for the cloud; a sped-up Sandbox passes
   *   `priorTimeScale(speed)`); 0 (default) turns the priors off: the tracker passes its option
   */
  constructor(
    initial: DurationSamples = {},
    private readonly priorTimeScale = 0,
  ) {
    for (const [k, v] of Object.entries(initial)) {
      const clean = Array.isArray(v)
        ? v.filter((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
        : [];
      if (clean.length > 0) this.samples.set(k, clean.slice(-SAMPLES_PER_KIND));
    }
  }

  /** Records the duration (ms) of a finished job. */
  record(operation: string, targetCount: number, durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    for (const key of [kindKey(operation, targetCount), opKey(operation)]) {
      const ring = this.samples.get(key) ?? [];
      ring.push(Math.round(durationMs));
      if (ring.length > SAMPLES_PER_KIND) ring.splice(0, ring.length - SAMPLES_PER_KIND);
      this.samples.set(key, ring);
    }
  }

  /**
   * The learned range for a kind; falls back to the same operation with any target count, then to
   * the operation's prior (`samples: 0`, scaled by `priorScale`, default the constructor's), and
   * is undefined when there is neither.
   */
  estimate(
    operation: string,
    targetCount: number,
    priorScale = this.priorTimeScale,
  ): DurationEstimate | undefined {
    const ring = this.samples.get(kindKey(operation, targetCount)) ?? this.samples.get(opKey(operation));
    if (!ring || ring.length === 0) {
      const prior = priorScale > 0 ? priorRange(operation, priorScale) : undefined;
      return prior && { ...prior, samples: 0 };
    }
    return { low: quantile(ring, 0.1), high: quantile(ring, 0.9), samples: ring.length };
  }

  /** The persisted form. */
  toJSON(): DurationSamples {
    return Object.fromEntries([...this.samples].map(([k, v]) => [k, [...v]]));
  }
}
