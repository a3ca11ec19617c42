import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, SubJob } from '../../shared/ecs/types/jobs';
import { AbortError, JobFailedError, WaiterTimeoutError } from '../../main/cloud/errors';
import { pollDelay, waitFor, waitForJob, type JobProgress } from '../../main/cloud/waiter';
import { PROJECT, mockCloud } from '../helpers/mock-cloud';

afterEach(() => {
  vi.useRealTimers();
});

function job(status: string, subs: Array<Partial<SubJob>> = [], extra: Partial<Job> = {}): Job {
  return {
    status,
    job_id: 'job-1',
    job_type: 'batchStopServers',
    begin_time: '2025-01-07T10:00:00.000Z',
    end_time: '',
    error_code: null,
    fail_reason: null,
    entities: {
      sub_jobs_total: subs.length,
      sub_jobs: subs.map((s, i) => ({
        status: 'RUNNING',
        entities: {},
        job_id: `sub-${i}`,
        job_type: 'stopSingleServer',
        begin_time: '',
        end_time: '',
        error_code: null,
        fail_reason: null,
        ...s,
      })),
    },
    ...extra,
  };
}

/** A job reader answering the scripted jobs in order (the last one repeats). */
function reader(jobs: Job[]) {
  let i = 0;
  return vi.fn(async () => jobs[Math.min(i++, jobs.length - 1)]!);
}

describe('pollDelay', () => {
  it('starts near 1 s and grows to the 15 s cap, with ±20 % jitter', () => {
    const mid = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => pollDelay(n, {}, () => 0.5));
    expect(mid[0]).toBe(1000);
    for (let i = 1; i < mid.length; i++) expect(mid[i]!).toBeGreaterThanOrEqual(mid[i - 1]!);
    expect(mid[9]).toBe(15_000);
    expect(pollDelay(1, {}, () => 0)).toBe(800);
    expect(pollDelay(1, {}, () => 0.999)).toBe(1200);
    expect(pollDelay(20, {}, () => 0.999)).toBe(15_000);
  });
});

describe('waitForJob', () => {
  it('polls with growing delays until SUCCESS and returns the per-sub-job results', async () => {
    vi.useFakeTimers();
    const read = reader([
      job('INIT'),
      job('RUNNING', [{ status: 'SUCCESS', entities: { server_id: 'srv-a' } }, { status: 'RUNNING' }]),
      job('SUCCESS', [
        { status: 'SUCCESS', entities: { server_id: 'srv-a' } },
        { status: 'SUCCESS', entities: { server_id: 'srv-b' } },
      ]),
    ]);
    const progress: JobProgress[] = [];
    const done = waitForJob(read, 'job-1', { random: () => 0.5, onProgress: (p) => progress.push(p) });
    await vi.advanceTimersByTimeAsync(999);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1500);
    const result = await done;
    expect(result.polls).toBe(3);
    expect(result.subJobs.map((s) => [s.serverId, s.status])).toEqual([
      ['srv-a', 'SUCCESS'],
      ['srv-b', 'SUCCESS'],
    ]);
    expect(progress.map((p) => [p.status, p.subJobsDone])).toEqual([
      ['INIT', 0],
      ['RUNNING', 1],
      ['SUCCESS', 2],
    ]);
  });

  it('throws JobFailedError with fail_reason, error_code and the failed sub-jobs on FAIL', async () => {
    const read = reader([
      job(
        'FAIL',
        [
          { status: 'SUCCESS', entities: { server_id: 'srv-a' } },
          {
            status: 'FAIL',
            entities: { server_id: 'srv-b' },
            error_code: 'Ecs.0100',
            fail_reason: 'status not allowed',
          },
        ],
        { error_code: 'Common.0021', fail_reason: 'Subjob fails.' },
      ),
    ]);
    const err = (await waitForJob(read, 'job-1', { sleep: async () => {} }).catch(
      (e: unknown) => e,
    )) as JobFailedError;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.failReason).toBe('Subjob fails.');
    expect(err.errorCode).toBe('Common.0021');
    expect(err.subJobs).toEqual([
      { jobId: 'sub-1', serverId: 'srv-b', errorCode: 'Ecs.0100', failReason: 'status not allowed' },
    ]);
    expect(err.toData().details).toEqual([{ id: 'srv-b', code: 'Ecs.0100', message: 'status not allowed' }]);
  });

  it('gives up after maxWaitMs with WaiterTimeoutError carrying the poll count and last status', async () => {
    vi.useFakeTimers();
    const read = reader([job('RUNNING')]);
    const done = waitForJob(read, 'job-1', { maxWaitMs: 10_000, random: () => 0.5 });
    const check = expect(done).rejects.toSatisfy((e: unknown) => {
      const w = e as WaiterTimeoutError;
      return (
        w instanceof WaiterTimeoutError && w.polls === read.mock.calls.length && w.lastStatus === 'RUNNING'
      );
    });
    await vi.advanceTimersByTimeAsync(11_000);
    await check;
    // 1 + 1.5 + 2.25 + 3.375 = 8.1 s, then the remaining 1.9 s: 6 polls in 10 s.
    expect(read).toHaveBeenCalledTimes(6);
  });

  it('stops with AbortError when the signal aborts between polls', async () => {
    vi.useFakeTimers();
    const read = reader([job('RUNNING')]);
    const ac = new AbortController();
    const done = waitForJob(read, 'job-1', { signal: ac.signal });
    const check = expect(done).rejects.toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(500);
    ac.abort();
    await check;
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('polls showJob through the client', async () => {
    const m = mockCloud();
    m.script('GET', `/v1/${PROJECT}/jobs/job-1`, [
      { status: 200, body: job('RUNNING') },
      { status: 200, body: job('SUCCESS', [{ status: 'SUCCESS', entities: { server_id: 'srv-a' } }]) },
    ]);
    const res = await m.client.waitForJob('job-1', { sleep: async () => {} });
    expect(res.subJobs[0]!.serverId).toBe('srv-a');
    expect(m.recorded.map((r) => r.method + ' ' + r.path)).toEqual([
      `GET /v1/${PROJECT}/jobs/job-1`,
      `GET /v1/${PROJECT}/jobs/job-1`,
    ]);
  });
});

describe('waitFor', () => {
  it('waits for a server status and returns the check value', async () => {
    const statuses = ['REBOOT', 'REBOOT', 'ACTIVE'];
    let i = 0;
    const sleeps: number[] = [];
    const v = await waitFor(
      async () => {
        const s = statuses[i++]!;
        return s === 'ACTIVE' ? { done: true as const, value: s } : { done: false as const, status: s };
      },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, minDelayMs: 2000 },
    );
    expect(v).toBe('ACTIVE');
    expect(sleeps).toEqual([2000, 3000]);
  });

  it('propagates errors thrown by the check', async () => {
    const boom = new Error('boom');
    await expect(waitFor(async () => Promise.reject(boom))).rejects.toBe(boom);
  });
});
