/**
 * The job tracker follows jobs to their end: ECS jobs through their job body and sub-jobs, Nova
 * actions through the target servers' status. Polling policy, journal and retry are the sibling
 * job-tracker-*.test.ts files; the fake backend is test/helpers/job-tracker-harness.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TrackedJob } from '../../main/jobs/types';
import {
  ACTIVE,
  backend,
  events,
  runUntil,
  SOFT_REBOOT,
  started,
  trackEcs,
  useJobTrackerHarness,
} from '../helpers/job-tracker-harness';

useJobTrackerHarness();

describe('ECS jobs', () => {
  it('completes a job and reports its sub-jobs, timestamps and status changes', async () => {
    const t = await started();
    const jobId = backend.addJob(4000, ['srv-1', 'srv-2']);
    const job = await trackEcs(t, jobId, { servers: ['srv-1', 'srv-2'] });
    expect(job.status).toBe('pending');

    await runUntil(() => t.get(job.id)?.status === 'succeeded', 30_000);
    const done = t.get(job.id)!;
    expect(done.status).toBe('succeeded');
    expect(done.subJobs.map((s) => [s.serverId, s.status])).toEqual([
      ['srv-1', 'SUCCESS'],
      ['srv-2', 'SUCCESS'],
    ]);
    expect(done.finishedAt).toBeGreaterThanOrEqual(backend.endOf(jobId));
    expect(done.startedAt).toBeGreaterThanOrEqual(done.createdAt);
    expect(done.remote?.beginTime).toBe(new Date(done.createdAt).toISOString());
    expect(done.error).toBeUndefined();
    const statuses = events
      .filter((e) => e.type === 'job.updated' && e.job.id === job.id)
      .map((e) => (e as { job: TrackedJob }).job.status);
    expect(statuses[0]).toBe('pending');
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses).toContain('running');
  });

  it('fails a job whose sub-job failed, naming the failing server and its error code', async () => {
    const t = await started();
    const servers = ['srv-1', 'srv-2', 'srv-3'];
    const jobId = backend.addJob(3000, servers, {
      'srv-2': { code: 'Ecs.0100', reason: 'ECS status not suitable' },
    });
    const job = await trackEcs(t, jobId, { servers });
    await runUntil(() => t.get(job.id)?.status === 'failed', 30_000);
    const done = t.get(job.id)!;
    expect(done.status).toBe('failed');
    expect(done.subJobs.map((s) => s.status)).toEqual(['SUCCESS', 'FAIL', 'SUCCESS']);
    expect(done.subJobs[1]).toMatchObject({ serverId: 'srv-2', errorCode: 'Ecs.0100' });
    expect(done.error).toMatchObject({ code: 'JOB_FAILED', apiCode: 'Ecs.0100' });
    expect(done.error?.details).toEqual([
      { id: 'srv-2', code: 'Ecs.0100', message: 'ECS status not suitable' },
    ]);
    expect(done.error?.message).toContain('ECS status not suitable');
  });

  it('makes exactly one request per interval, from about 1 s growing to at most 15 s', async () => {
    const t = await started();
    const jobId = backend.addJob(120_000);
    const job = await trackEcs(t, jobId, { operation: 'createServers' });
    await runUntil(() => t.get(job.id)?.status === 'succeeded', 200_000, 500);
    const times = backend.requestsFor(jobId);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    expect(gaps.length).toBeGreaterThan(3);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(1000);
      expect(g).toBeLessThanOrEqual(15_000 + backend.latencyMs);
    }
    expect(gaps[0]).toBeLessThan(2000);
    expect(Math.max(...gaps)).toBeGreaterThan(10_000);
    // A cold two-minute job costs tens of polls at 1 s; the back-off keeps it far lower.
    expect(times.length).toBeLessThan(25);
    expect(t.get(job.id)!.polls).toBe(times.length);
  });
});

describe('Nova actions tracked by server status', () => {
  it('finishes a reboot when the server is ACTIVE again with no task_state', async () => {
    const t = await started();
    backend.setServerAction('srv-9', 5000, SOFT_REBOOT, ACTIVE);
    const job = await t.track({
      accountId: 'acct-a',
      region: 'r',
      operation: 'novaRebootServer',
      targets: [{ id: 'srv-9', name: 'web-9' }],
      wait: { kind: 'serverStatus', goal: { status: 'ACTIVE' } },
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(t.get(job.id)!.status).toBe('running');
    await runUntil(() => t.get(job.id)?.status === 'succeeded', 30_000);
    expect(t.get(job.id)!.subJobs).toEqual([{ serverId: 'srv-9', status: 'SUCCESS' }]);
  });

  it('does not treat ACTIVE with a task_state as done', async () => {
    const t = await started();
    backend.setServerAction('srv-1', 60_000, { status: 'ACTIVE', task_state: 'powering-off' }, ACTIVE);
    const job = await t.track({
      accountId: 'acct-a',
      region: 'r',
      operation: 'novaRebootServer',
      targets: [{ id: 'srv-1' }],
      wait: { kind: 'serverStatus', goal: { status: 'ACTIVE' } },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.get(job.id)!.status).toBe('running');
  });

  it('fails when the server goes to ERROR, with the fault message', async () => {
    const t = await started();
    backend.setServerAction(
      'srv-1',
      2000,
      { status: 'RESIZE', task_state: 'resize_prep' },
      {
        status: 'ERROR',
        task_state: null,
        fault: { code: 500, message: 'No valid host was found' },
      },
    );
    const job = await t.track({
      accountId: 'acct-a',
      region: 'r',
      operation: 'novaResizeServer',
      targets: [{ id: 'srv-1' }],
      wait: { kind: 'serverStatus', goal: { status: 'VERIFY_RESIZE' } },
    });
    await runUntil(() => t.get(job.id)?.status === 'failed', 30_000);
    const done = t.get(job.id)!;
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'JOB_FAILED', operation: 'novaResizeServer' });
    expect(done.error?.message).toContain('No valid host was found');
  });

  it('finishes a delete when the server is gone', async () => {
    const t = await started();
    backend.setServerAction('srv-1', 2000, { status: 'ACTIVE', task_state: 'deleting' }, null);
    const job = await t.track({
      accountId: 'acct-a',
      region: 'r',
      operation: 'novaDeleteServer',
      targets: [{ id: 'srv-1' }],
      wait: { kind: 'serverStatus', goal: { status: 'DELETED' } },
    });
    await runUntil(() => t.get(job.id)?.status === 'succeeded', 30_000);
    expect(t.get(job.id)!.status).toBe('succeeded');
  });
});
