import { describe, expect, it } from 'vitest';
import { DurationLearner, SAMPLES_PER_KIND, countBucket, kindKey, quantile } from '../../main/jobs/durations';
import { nextPollDelay, type PollContext } from '../../main/jobs/schedule';
import { isSecretFree } from '../../main/jobs/tracker';

const base: PollContext = {
  elapsedMs: 0,
  polls: 0,
  estimate: undefined,
  minIntervalMs: 1000,
  maxIntervalMs: 15_000,
  slowFactor: 1,
};

describe('duration learner', () => {
  it('buckets target counts exactly up to 3, then by powers of two', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 200].map(countBucket)).toEqual([1, 2, 3, 4, 8, 8, 16, 256]);
    expect(kindKey('batchStopServers', 7)).toBe(kindKey('batchStopServers', 5));
    expect(kindKey('batchStopServers', 2)).not.toBe(kindKey('batchStopServers', 3));
  });

  it('takes nearest-rank quantiles', () => {
    const xs = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(quantile(xs, 0.1)).toBe(10);
    expect(quantile(xs, 0.5)).toBe(50);
    expect(quantile(xs, 0.9)).toBe(90);
    expect(quantile(xs, 1)).toBe(100);
  });

  it('keeps a bounded ring per kind and falls back to the operation for unseen counts', () => {
    const l = new DurationLearner();
    expect(l.estimate('batchStopServers', 1)).toBeUndefined();
    for (let i = 0; i < SAMPLES_PER_KIND + 10; i++) l.record('batchStopServers', 1, i < 10 ? 99_000 : 5000);
    const e = l.estimate('batchStopServers', 1)!;
    // The ten early outliers have left the ring.
    expect(e).toEqual({ low: 5000, high: 5000, samples: SAMPLES_PER_KIND });
    expect(l.estimate('batchStopServers', 50)?.samples).toBe(SAMPLES_PER_KIND);
    expect(l.estimate('batchStartServers', 1)).toBeUndefined();
  });

  it('round-trips through its persisted form and drops garbage', () => {
    const l = new DurationLearner();
    l.record('novaRebootServer', 1, 3000);
    const copy = new DurationLearner({ ...l.toJSON(), bad: ['x', -1, NaN] as unknown as number[] });
    expect(copy.estimate('novaRebootServer', 1)).toEqual({ low: 3000, high: 3000, samples: 1 });
    expect(copy.toJSON()).not.toHaveProperty('bad');
  });
});

describe('poll delay policy', () => {
  it('starts at the minimum and grows with age up to the maximum when nothing is learned', () => {
    expect(nextPollDelay(base)).toBe(1000);
    const delays = [1000, 8000, 20_000, 40_000, 60_000, 600_000].map((elapsedMs) =>
      nextPollDelay({ ...base, elapsedMs, polls: 3 }),
    );
    expect(delays).toEqual([1000, 2000, 5000, 10_000, 15_000, 15_000]);
  });

  it('first polls near the learned early end, then every second, then backs off when the job runs long', () => {
    const estimate = { low: 20_000, high: 24_000, samples: 10 };
    expect(nextPollDelay({ ...base, estimate })).toBe(20_000);
    expect(nextPollDelay({ ...base, estimate, elapsedMs: 25_000 })).toBe(1000);
    expect(nextPollDelay({ ...base, estimate, elapsedMs: 21_000, polls: 1 })).toBe(1000);
    const late = [40_000, 60_000, 200_000].map((elapsedMs) =>
      nextPollDelay({ ...base, estimate, elapsedMs, polls: 5 }),
    );
    expect(late[0]).toBeGreaterThan(1000);
    expect(late[1]).toBeGreaterThan(late[0]!);
    expect(late[2]).toBe(15_000);
  });

  it('multiplies every delay by the throttling factor', () => {
    expect(nextPollDelay({ ...base, slowFactor: 4 })).toBe(4000);
    expect(nextPollDelay({ ...base, elapsedMs: 600_000, polls: 9, slowFactor: 2 })).toBe(30_000);
  });
});

describe('secret detection for kept inputs', () => {
  it('refuses inputs with password, user data, key or token fields at any depth', () => {
    expect(isSecretFree({ body: { 'os-stop': { type: 'SOFT', servers: [{ id: 'a' }] } } })).toBe(true);
    expect(isSecretFree({ body: { server: { adminPass: 'x' } } })).toBe(false);
    expect(isSecretFree({ body: { server: { user_data: 'IyEv' } } })).toBe(false);
    expect(isSecretFree({ body: { reinstall: { metadata: { user_data: 'x' } } } })).toBe(false);
    expect(isSecretFree([{ nested: [{ password: 'x' }] }])).toBe(false);
    expect(isSecretFree({ auth: { token: 'x' } })).toBe(false);
  });
});
