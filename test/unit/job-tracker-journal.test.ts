/**
 * The job tracker's journal: every job on disk when track() resolves, resume after a restart,
 * corrupt or malformed journals, and the bounded finished history.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import type { TrackedJob } from '../../main/jobs/types';
import {
  backend,
  dir,
  events,
  journalPath,
  newTracker,
  resetEvents,
  runUntil,
  started,
  trackEcs,
  useJobTrackerHarness,
} from '../helpers/job-tracker-harness';

useJobTrackerHarness();

describe('journal', () => {
  it('has a new job on disk when track() resolves, written without leftovers', async () => {
    const t = await started();
    const job = await trackEcs(t, backend.addJob(60_000));
    const disk = JSON.parse(await readFile(journalPath, 'utf8')) as { jobs: TrackedJob[] };
    expect(disk.jobs.map((j) => j.id)).toEqual([job.id]);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('resumes pending jobs after a restart and finishes them', async () => {
    const first = await started();
    const ids: string[] = [];
    for (const d of [30_000, 40_000, 50_000]) ids.push((await trackEcs(first, backend.addJob(d))).id);
    const nova = await first.track({
      accountId: 'acct-a',
      region: 'r',
      operation: 'novaStopServer',
      targets: [{ id: 'srv-x' }],
      wait: { kind: 'serverStatus', goal: { status: 'SHUTOFF' } },
    });
    backend.setServerAction(
      'srv-x',
      45_000,
      { status: 'ACTIVE', task_state: 'powering-off' },
      {
        status: 'SHUTOFF',
        task_state: null,
      },
    );
    await vi.advanceTimersByTimeAsync(5000);
    await first.close();
    expect(first.get(ids[0]!)!.status).not.toBe('succeeded');

    // The app is closed for a minute; the jobs end meanwhile.
    await vi.advanceTimersByTimeAsync(60_000);
    resetEvents();
    const second = await newTracker();
    const res = await second.start();
    expect(res).toMatchObject({ resumed: 4, history: 0, skipped: 0 });
    await runUntil(() => second.list().every((j) => j.status === 'succeeded'), 5000);
    for (const id of [...ids, nova.id]) expect(second.get(id)!.status).toBe('succeeded');
    expect(events.filter((e) => e.type === 'job.updated' && e.job.status === 'succeeded')).toHaveLength(4);

    // The finished history and the learned durations survive the next restart too.
    await second.close();
    const third = await started();
    expect(third.list().map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(third.expectedDuration('batchStopServers', 1)?.samples).toBe(3);
  });

  it('keeps a corrupt journal as a backup, reports it, and still starts', async () => {
    await writeFile(journalPath, '{"version":1,"jobs":[{"id":');
    const t = await newTracker();
    const res = await t.start();
    expect(res.error).toMatchObject({ name: 'JournalError', code: 'INTERNAL' });
    expect(res.error?.message).toContain('not valid JSON');
    expect(res.backupPath).toBeDefined();
    expect(await readFile(res.backupPath!, 'utf8')).toBe('{"version":1,"jobs":[{"id":');
    expect(events.some((e) => e.type === 'journal.error')).toBe(true);

    const job = await trackEcs(t, backend.addJob(2000));
    await runUntil(() => t.get(job.id)?.status === 'succeeded', 20_000);
    expect(t.get(job.id)!.status).toBe('succeeded');
    await t.flush();
    expect(JSON.parse(await readFile(journalPath, 'utf8')).jobs).toHaveLength(1);
  });

  it('skips malformed entries of an otherwise valid journal', async () => {
    const good: TrackedJob = {
      id: 'local-1',
      accountId: 'acct-a',
      region: 'r',
      operation: 'batchStopServers',
      targets: [{ id: 'srv-1' }],
      wait: { kind: 'ecsJob', jobId: 'gone' },
      createdAt: Date.now() - 1000,
      finishedAt: Date.now(),
      status: 'succeeded',
      subJobs: [],
      retryable: false,
      polls: 2,
    };
    await writeFile(journalPath, JSON.stringify({ version: 1, jobs: [good, { id: 3 }], durations: {} }));
    const t = await newTracker();
    expect(await t.start()).toMatchObject({ resumed: 0, history: 1, skipped: 1 });
    expect(t.get('local-1')).toEqual(good);
  });

  it('keeps a bounded history of finished jobs, dropping the oldest', async () => {
    const t = await started({ options: { historyLimit: 5 } });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push((await trackEcs(t, backend.addJob(1000 + i * 2000))).id);
    }
    await runUntil(() => ids.slice(3).every((id) => t.get(id)?.status === 'succeeded'), 60_000);
    expect(t.list().map((j) => j.id)).toEqual(ids.slice(3).reverse());
    await t.flush();
    expect(JSON.parse(await readFile(journalPath, 'utf8')).jobs).toHaveLength(5);
  });
});
