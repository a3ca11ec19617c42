import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError } from '../../main/cloud/errors';
import { DEFAULT_LIMITS, Limiter, dropLimiters, limiterFor } from '../../main/cloud/limiter';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-07T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  dropLimiters();
});

/** Starts n acquisitions and records when each was granted (fake ms since start). */
function startMany(l: Limiter, n: number, signal?: AbortSignal) {
  const t0 = Date.now();
  const granted: number[] = [];
  const releases: Array<() => void> = [];
  const all = Array.from({ length: n }, () =>
    l.acquire(signal).then((release) => {
      granted.push(Date.now() - t0);
      releases.push(release);
    }),
  );
  return { granted, releases, all };
}

describe('Limiter', () => {
  it('never lets more than `concurrency` requests run at once', async () => {
    const l = new Limiter({ rate: Infinity, concurrency: 3 });
    const s = startMany(l, 7);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.granted).toHaveLength(3);
    expect(l.waiting).toBe(4);
    s.releases[0]!();
    s.releases[0]!(); // releasing twice frees one slot only
    await vi.advanceTimersByTimeAsync(0);
    expect(s.granted).toHaveLength(4);
    expect(l.inFlight).toBe(3);
  });

  it('lets a burst through, then spaces requests at the rate', async () => {
    const l = new Limiter({ rate: 10, burst: 5, concurrency: 100 });
    const s = startMany(l, 15);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.granted).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.granted).toHaveLength(15);
    // After the burst, one grant per 100 ms.
    expect(s.granted.slice(5)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it('rejects a waiting acquisition with AbortError when its signal aborts, and frees its place', async () => {
    const l = new Limiter({ rate: Infinity, concurrency: 1 });
    const first = await l.acquire();
    const ac = new AbortController();
    const waiting = l.acquire(ac.signal);
    const other = l.acquire();
    ac.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(l.waiting).toBe(1);
    first();
    await expect(other).resolves.toBeTypeOf('function');
  });

  it('halves its rate when throttled and doubles back after each quiet cooldown', async () => {
    const l = new Limiter({ rate: 8, burst: 8, cooldownMs: 30_000, minRate: 0.5 });
    l.onThrottled();
    expect(l.rate).toBe(4);
    l.onThrottled();
    expect(l.rate).toBe(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(l.rate).toBe(4);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(l.rate).toBe(8);
    for (let i = 0; i < 10; i++) l.onThrottled();
    expect(l.rate).toBe(0.5);
  });

  it('spaces requests at the reduced rate after throttling', async () => {
    const l = new Limiter({ rate: 10, burst: 10, concurrency: 100 });
    l.onThrottled();
    const s = startMany(l, 4);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.granted).toEqual([0, 200, 400, 600]);
  });

  it('is shared per account and region through the registry', () => {
    const a = limiterFor('acc-1', 'cn-north-4');
    expect(limiterFor('acc-1', 'cn-north-4')).toBe(a);
    expect(limiterFor('acc-1', 'ap-southeast-1')).not.toBe(a);
    expect(limiterFor('acc-2', 'cn-north-4')).not.toBe(a);
    expect(a.baseRate).toBe(DEFAULT_LIMITS.rate);
    expect(a.concurrency).toBe(DEFAULT_LIMITS.concurrency);
    dropLimiters('acc-1');
    expect(limiterFor('acc-1', 'cn-north-4')).not.toBe(a);
  });

  it('with the defaults, 1,000 per-server calls take over a minute (under the §5.3 1,000/min limit)', async () => {
    const l = new Limiter();
    const s = startMany(l, 1000);
    for (const r of s.releases) r();
    let t = 0;
    while (s.granted.length < 1000 && t < 200_000) {
      await vi.advanceTimersByTimeAsync(1000);
      t += 1000;
      while (s.releases.length) s.releases.pop()!();
    }
    expect(s.granted).toHaveLength(1000);
    const inFirstMinute = s.granted.filter((g) => g < 60_000).length;
    expect(inFirstMinute).toBeLessThan(1000);
  });
});
