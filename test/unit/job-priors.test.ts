/**
 * Duration priors: a cold start schedules the first poll just after the usual end of the job kind
 * (scaled for a sped-up Sandbox), learned durations replace the prior, and operations without a
 * prior keep the cold-start policy.
 */
import { describe, expect, it } from 'vitest';
import { DurationLearner } from '../../main/jobs/durations';
import { DURATION_PRIORS_MS, priorRange, priorTimeScale } from '../../main/jobs/priors';
import { nextPollDelay } from '../../main/jobs/schedule';
import { operations } from '../../main/cloud/ops/index';

const poll = { polls: 0, elapsedMs: 0, minIntervalMs: 1000, maxIntervalMs: 15_000, slowFactor: 1 };

describe('duration priors', () => {
  it('covers exactly the asynchronous operations of the table', () => {
    const asyncOps = Object.values(operations)
      .filter((d) => d.completion === 'job' || d.completion === 'server-status')
      .map((d) => d.id)
      .sort();
    expect(Object.keys(DURATION_PRIORS_MS).sort()).toEqual(asyncOps);
  });

  it('gives a cold learner the prior, scaled, until the first sample replaces it', () => {
    const l = new DurationLearner({}, 1);
    const e = l.estimate('batchStopServers', 1)!;
    expect(e.samples).toBe(0);
    expect(e.low).toBeGreaterThan(DURATION_PRIORS_MS.batchStopServers!);
    expect(e.high).toBeGreaterThan(e.low);
    // First poll just after the usual end instead of after 1 s.
    expect(nextPollDelay({ ...poll, estimate: e })).toBe(e.low);
    const fast = new DurationLearner({}, priorTimeScale(50)).estimate('batchStopServers', 1)!;
    expect(fast.low).toBeLessThan(e.low / 50 + 10);
    l.record('batchStopServers', 1, 1234);
    expect(l.estimate('batchStopServers', 1)).toEqual({ low: 1234, high: 1234, samples: 1 });
    // Unknown operations and priors turned off keep the cold-start policy.
    expect(l.estimate('novaLockServer', 1)).toBeUndefined();
    expect(new DurationLearner({}, 0).estimate('batchStopServers', 1)).toBeUndefined();
    expect(priorRange('nope')).toBeUndefined();
    expect(priorTimeScale(0.5)).toBe(1);
  });
});
