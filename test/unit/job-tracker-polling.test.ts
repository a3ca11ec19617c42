/**
 * The job tracker's adaptive polling: throttling pauses and slow-downs per account, the per-account
 * concurrency cap, transient and permanent poll errors, and learned durations.
 */
import { describe, expect, it } from 'vitest';
import { NetworkError, ThrottledError } from '../../main/cloud/errors';
import {
  backend,
  finalEvent,
  runUntil,
  started,
  trackEcs,
  useJobTrackerHarness,
} from '../helpers/job-tracker-harness';
import { Prng } from '../helpers/prng';

useJobTrackerHarness();

describe('adaptive polling', () => {
  it('backs off on throttling, honouring Retry-After for that account only', async () => {
    const t = await started();
    let throttledAt: number | undefined;
    backend.failWith = (account, at) => {
      if (account !== 'acct-a' || throttledAt !== undefined) return undefined;
      throttledAt = at;
      return new ThrottledError({
        status: 429,
        apiCode: 'Common.1503',
        message: 'slow down',
        retryAfterMs: 7000,
      });
    };
    const a = await Promise.all([1, 2, 3].map(() => trackEcs(t, backend.addJob(20_000))));
    const bJob = backend.addJob(20_000);
    await trackEcs(t, bJob, { account: 'acct-b' });
    await runUntil(() => t.list().every((j) => j.status === 'succeeded'), 60_000);
    expect(throttledAt).toBeDefined();
    const aRequests = backend.requests.filter((r) => r.account === 'acct-a');
    const during = aRequests.filter((r) => r.at > throttledAt! && r.at < throttledAt! + 7000);
    expect(during).toEqual([]);
    // The other account kept polling while acct-a waited.
    const bDuring = backend.requestsFor(bJob).filter((at) => at > throttledAt! && at < throttledAt! + 7000);
    expect(bDuring.length).toBeGreaterThan(0);
    expect(t.stats().throttled).toBe(1);
    for (const j of a) expect(t.get(j.id)!.status).toBe('succeeded');
  });

  it('slows down further while throttling continues', async () => {
    const t = await started();
    let throttleUntil = Date.now() + 30_000;
    backend.failWith = (_account, at) =>
      at < throttleUntil ? new ThrottledError({ status: 429, message: 'slow down' }) : undefined;
    const job = await trackEcs(t, backend.addJob(10_000));
    await runUntil(() => t.get(job.id)?.status === 'succeeded', 120_000);
    const times = backend.requests.map((r) => r.at).filter((at) => at < throttleUntil);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    // Each throttled answer doubles the pause (1 s, 2 s, 4 s, 8 s, 8 s, ...).
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps.at(-1)!).toBeGreaterThanOrEqual(7000);
    expect(times.length).toBeLessThan(10);
    expect(t.get(job.id)!.status).toBe('succeeded');
    throttleUntil = 0;
  });

  it('respects the per-account cap on concurrent polls', async () => {
    backend.latencyMs = 400;
    const t = await started({ options: { maxConcurrentPerAccount: 3 } });
    for (let i = 0; i < 20; i++) await trackEcs(t, backend.addJob(5000 + i * 100));
    for (let i = 0; i < 5; i++) await trackEcs(t, backend.addJob(5000), { account: 'acct-b' });
    await runUntil(() => t.list().every((j) => j.status === 'succeeded'), 120_000);
    expect(t.list().every((j) => j.status === 'succeeded')).toBe(true);
    expect(backend.maxInFlight.get('acct-a')).toBe(3);
    expect(backend.maxInFlight.get('acct-b')).toBeLessThanOrEqual(3);
    expect(t.stats().maxInFlightPerAccount).toBe(3);
  });

  it('keeps polling through transient errors and gives up (unknown) after repeated permanent ones', async () => {
    const t = await started();
    let calls = 0;
    backend.failWith = () => (++calls <= 2 ? new NetworkError('connection reset') : undefined);
    const ok = await trackEcs(t, backend.addJob(3000));
    await runUntil(() => t.get(ok.id)?.status === 'succeeded', 60_000);
    expect(t.get(ok.id)!.status).toBe('succeeded');

    const lost = await trackEcs(t, 'no-such-job');
    await runUntil(() => t.get(lost.id)?.status === 'unknown', 120_000);
    const j = t.get(lost.id)!;
    expect(j.status).toBe('unknown');
    expect(j.polls).toBe(3);
    expect(j.error).toMatchObject({ code: 'API_ERROR', apiCode: 'Common.0011' });
  });

  it('learns durations: about one poll per job and a prompt event once warmed up', async () => {
    const rnd = new Prng(7);
    const t = await started();
    const runBatch = async (n: number): Promise<{ polls: number[]; delays: number[] }> => {
      const jobs: { id: string; jobId: string }[] = [];
      for (let i = 0; i < n; i++) {
        const jobId = backend.addJob(20_000 + rnd.int(0, 3000));
        jobs.push({ id: (await trackEcs(t, jobId, { operation: 'batchRebootServers' })).id, jobId });
      }
      await runUntil(() => jobs.every((j) => t.get(j.id)?.finishedAt !== undefined), 120_000);
      return {
        polls: jobs.map((j) => t.get(j.id)!.polls),
        delays: jobs.map((j) => finalEvent(j.id)!.finishedAt! - backend.endOf(j.jobId)),
      };
    };
    const cold = await runBatch(10);
    expect(t.expectedDuration('batchRebootServers', 1)).toBeDefined();
    const warm = await runBatch(40);
    const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(avg(warm.polls)).toBeLessThanOrEqual(3);
    expect(avg(warm.polls)).toBeLessThan(avg(cold.polls));
    for (const d of warm.delays) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(1500);
    }
  });
});
