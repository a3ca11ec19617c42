/**
 * The job tracker's retry, forget, long-job notifications and event subscriptions.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  backend,
  events,
  journalPath,
  runUntil,
  started,
  trackEcs,
  useJobTrackerHarness,
} from '../helpers/job-tracker-harness';

useJobTrackerHarness();

describe('retry, forget, notify', () => {
  it('retries a failed idempotent job with its kept input and tracks the new attempt', async () => {
    const input = { body: { 'os-stop': { type: 'SOFT', servers: [{ id: 'srv-1' }] } } };
    const execute = vi.fn(async () => ({ kind: 'ecsJob' as const, jobId: backend.addJob(2000) }));
    const t = await started({ execute });
    const failing = backend.addJob(2000, ['srv-1'], { 'srv-1': { code: 'Ecs.0603', reason: 'busy' } });
    const job = await trackEcs(t, failing, { input });
    expect(job.retryable).toBe(true);
    await runUntil(() => t.get(job.id)?.status === 'failed', 20_000);

    const again = await t.retry(job.id);
    expect(execute).toHaveBeenCalledWith({
      accountId: 'acct-a',
      region: 'eu-west-101',
      operation: 'batchStopServers',
      input,
    });
    expect(again.retryOf).toBe(job.id);
    expect(again.id).not.toBe(job.id);
    await runUntil(() => t.get(again.id)?.status === 'succeeded', 20_000);
    expect(t.get(again.id)!.status).toBe('succeeded');
  });

  it('never keeps an input holding secrets, so such jobs are not retryable', async () => {
    const execute = vi.fn();
    const t = await started({ execute });
    const failing = backend.addJob(1000, ['srv-1'], { 'srv-1': { code: 'Ecs.0001', reason: 'quota' } });
    const job = await trackEcs(t, failing, {
      operation: 'createServers',
      input: { body: { server: { name: 'a', adminPass: 'S3cret!pass' } } },
    });
    expect(job.retryable).toBe(false);
    expect(job.input).toBeUndefined();
    await t.flush();
    expect(await readFile(journalPath, 'utf8')).not.toContain('S3cret');
    await runUntil(() => t.get(job.id)?.status === 'failed', 20_000);
    await expect(t.retry(job.id)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(execute).not.toHaveBeenCalled();
  });

  it('forget stops polling and removes the job', async () => {
    const t = await started();
    const jobId = backend.addJob(60_000);
    const job = await trackEcs(t, jobId);
    await vi.advanceTimersByTimeAsync(3000);
    const before = backend.requestsFor(jobId).length;
    expect(await t.forget(job.id)).toBe(true);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(backend.requestsFor(jobId).length).toBe(before);
    expect(t.get(job.id)).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'job.removed', id: job.id });
    expect(await t.forget(job.id)).toBe(false);
  });

  it('notifies when a long job ends while the window is unfocused, and only then', async () => {
    let focused = false;
    const notify = vi.fn();
    const t = await started({ notify, isWindowFocused: () => focused });
    const long = await trackEcs(t, backend.addJob(20_000));
    const short = await trackEcs(t, backend.addJob(3000));
    await runUntil(() => t.list().every((j) => j.finishedAt !== undefined), 60_000);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]![0]).toMatchObject({ id: long.id, status: 'succeeded' });
    expect(short.id).not.toBe(long.id);

    focused = true;
    await trackEcs(t, backend.addJob(20_000));
    await runUntil(() => t.list().every((j) => j.finishedAt !== undefined), 60_000);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('lets subscribers follow events and unsubscribe', async () => {
    const t = await started();
    const seen: string[] = [];
    const off = t.subscribe((e) => seen.push(e.type));
    const job = await trackEcs(t, backend.addJob(2000));
    await runUntil(() => t.get(job.id)?.status === 'succeeded', 20_000);
    const count = seen.length;
    expect(count).toBeGreaterThanOrEqual(2);
    off();
    await trackEcs(t, backend.addJob(2000));
    expect(seen.length).toBe(count);
  });
});
