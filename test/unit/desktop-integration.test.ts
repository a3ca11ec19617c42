import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DesktopIntegration,
  jobNotification,
  jobsProgress,
  windowTitle,
  type DesktopProgress,
  type DesktopShell,
  type JobSource,
} from '../../main/desktop/desktop-integration';
import type { AppEvent } from '../../main/ipc/types';
import { JobTracker } from '../../main/jobs/tracker';
import type { EcsJobWire, JobEvent, SubJobStatus, TrackedJob } from '../../main/jobs/types';

/** A shell that records what the integration asked of the window system. */
function fakeShell(focused = false) {
  const calls = {
    notifications: [] as { title: string; body: string; onClick(): void }[],
    progress: [] as DesktopProgress[],
    titles: [] as string[],
    focus: 0,
  };
  const shell: DesktopShell & { focused: boolean } = {
    focused,
    isFocused: () => shell.focused,
    focus: () => void calls.focus++,
    notify: (n) => void calls.notifications.push(n),
    setProgress: (p) => void calls.progress.push(p),
    setTitle: (t) => void calls.titles.push(t),
  };
  return { shell, calls };
}

function job(over: Partial<TrackedJob> & { sub?: SubJobStatus[] } = {}): TrackedJob {
  const { sub, ...rest } = over;
  return {
    id: 'j1',
    accountId: 'acct',
    region: 'eu-west-101',
    operation: 'batchStopServers',
    targets: [{ id: 'srv-1', name: 'web-1' }],
    wait: { kind: 'ecsJob', jobId: 'cloud-1' },
    createdAt: 0,
    status: 'running',
    subJobs: (sub ?? []).map((status, i) => ({ serverId: `srv-${i}`, status })),
    retryable: false,
    polls: 0,
    ...rest,
  };
}

describe('window title', () => {
  it('names the account and region, and the app alone without a scope', () => {
    expect(windowTitle({ accountName: 'Production', region: 'eu-west-101' })).toBe(
      'ECS Desktop — Production · eu-west-101',
    );
    expect(windowTitle()).toBe('ECS Desktop');
    expect(windowTitle({ accountName: 'evil\nname\u0007', region: 'cn-north-4' })).toBe(
      'ECS Desktop — evil name · cn-north-4',
    );
  });

  it('sets the title through the shell only when it changes', () => {
    const { shell, calls } = fakeShell();
    const d = new DesktopIntegration(shell);
    expect(d.setScope({ accountName: 'Sandbox', region: 'sandbox-1' })).toBe(
      'ECS Desktop — Sandbox · sandbox-1',
    );
    d.setScope({ accountName: 'Sandbox', region: 'sandbox-1' });
    d.setScope({ accountName: 'Prod', region: 'cn-north-4' });
    expect(calls.titles).toEqual(['ECS Desktop — Sandbox · sandbox-1', 'ECS Desktop — Prod · cn-north-4']);
  });
});

describe('taskbar progress', () => {
  it('is the fraction of finished sub-jobs, indeterminate before any finished, none when nothing runs', () => {
    expect(jobsProgress([])).toBe('none');
    expect(jobsProgress([job({ status: 'succeeded', sub: ['SUCCESS'] })])).toBe('none');
    expect(jobsProgress([job({ sub: [] })])).toBe('indeterminate');
    expect(jobsProgress([job({ sub: ['RUNNING', 'INIT'] })])).toBe('indeterminate');
    expect(jobsProgress([job({ sub: ['SUCCESS', 'FAIL', 'RUNNING', 'INIT'] })])).toBe(0.5);
    // A job without sub-jobs yet counts as one unfinished unit.
    expect(jobsProgress([job({ sub: ['SUCCESS'] }), job({ id: 'j2', sub: [] })])).toBe(0.5);
  });

  it('follows tracker events, touches the taskbar only on a change, and clears it when jobs end', () => {
    const { shell, calls } = fakeShell();
    const d = new DesktopIntegration(shell);
    let listener: ((e: JobEvent) => void) | undefined;
    const source: JobSource = {
      list: () => [job({ id: 'resumed', sub: [] }), job({ id: 'old', status: 'failed' })],
      subscribe: (l) => {
        listener = l;
        return () => (listener = undefined);
      },
    };
    const detach = d.attach(source, () => undefined);
    expect(calls.progress).toEqual(['indeterminate']);
    listener!({ type: 'job.updated', job: job({ id: 'resumed', sub: ['RUNNING', 'RUNNING'] }) });
    listener!({ type: 'job.updated', job: job({ id: 'resumed', sub: ['SUCCESS', 'RUNNING'] }) });
    listener!({ type: 'job.updated', job: job({ id: 'resumed', sub: ['SUCCESS', 'RUNNING'] }) });
    listener!({ type: 'job.updated', job: job({ id: 'j2', sub: ['INIT', 'INIT'] }) });
    listener!({
      type: 'job.updated',
      job: job({ id: 'resumed', status: 'succeeded', sub: ['SUCCESS', 'SUCCESS'] }),
    });
    listener!({ type: 'job.removed', id: 'j2' });
    expect(calls.progress).toEqual(['indeterminate', 0.5, 0.25, 'indeterminate', 'none']);
    listener!({ type: 'job.updated', job: job({ id: 'j3', sub: [] }) });
    detach();
    expect(listener).toBeUndefined();
    expect(calls.progress.at(-1)).toBe('none');
  });
});

describe('notifications of long jobs (with the real job tracker)', () => {
  let dir: string;
  const trackers: JobTracker[] = [];
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-01-07T10:00:00Z'));
    dir = await mkdtemp(join(tmpdir(), 'desktop-test-'));
  });
  afterEach(async () => {
    for (const t of trackers.splice(0)) await t.close();
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  /** A tracker whose cloud jobs end `durations[jobId]` ms after they were tracked; ids ending in -fail fail. */
  async function setup(focused: boolean) {
    const { shell, calls } = fakeShell(focused);
    const desktop = new DesktopIntegration(shell);
    const ends = new Map<string, number>();
    const tracker = new JobTracker({
      journalPath: join(dir, 'jobs.json'),
      fetchJob: async (_a, _r, jobId): Promise<EcsJobWire> => {
        const done = Date.now() >= ends.get(jobId)!;
        const failed = jobId.endsWith('-fail');
        return {
          job_id: jobId,
          status: !done ? 'RUNNING' : failed ? 'FAIL' : 'SUCCESS',
          ...(done && failed ? { fail_reason: 'Flavor sold out', error_code: 'Ecs.0001' } : {}),
          entities: {
            sub_jobs: [
              { status: !done ? 'RUNNING' : failed ? 'FAIL' : 'SUCCESS', entities: { server_id: 'srv-1' } },
            ],
          },
        };
      },
      fetchServer: async () => null,
      notify: desktop.notifyJobEnded,
      isWindowFocused: desktop.isWindowFocused,
    });
    trackers.push(tracker);
    await tracker.start();
    const events: AppEvent[] = [];
    desktop.attach(tracker, (e) => events.push(e));
    const run = async (cloudId: string, ms: number) => {
      ends.set(cloudId, Date.now() + ms);
      const j = await tracker.track({
        accountId: 'acct',
        region: 'eu-west-101',
        operation: 'batchStopServers',
        targets: [{ id: 'srv-1', name: 'web-1' }],
        wait: { kind: 'ecsJob', jobId: cloudId },
      });
      for (let t = 0; t < ms + 60_000 && tracker.get(j.id)?.finishedAt === undefined; t += 250)
        await vi.advanceTimersByTimeAsync(250);
      return tracker.get(j.id)!;
    };
    return { shell, calls, events, run };
  }

  it('notifies when a job that ran over 10 s ends while the window is unfocused; a click focuses and reveals it', async () => {
    const { calls, events, run } = await setup(false);
    const short = await run('short', 4000);
    expect(short.status).toBe('succeeded');
    expect(calls.notifications).toHaveLength(0);
    const long = await run('long', 15_000);
    expect(calls.notifications).toHaveLength(1);
    const n = calls.notifications[0]!;
    expect(n.title).toBe('Done: Stop web-1');
    expect(n.body).toMatch(/^Finished in eu-west-101, after 1\d s\.$/);
    expect(calls.focus).toBe(0);
    expect(events.filter((e) => e.channel === 'jobs.reveal')).toEqual([]);
    n.onClick();
    expect(calls.focus).toBe(1);
    expect(events.filter((e) => e.channel === 'jobs.reveal')).toEqual([
      { channel: 'jobs.reveal', payload: { id: long.id } },
    ]);
    // Progress ran while the jobs did and was cleared at the end.
    expect(calls.progress).toContain('indeterminate');
    expect(calls.progress.at(-1)).toBe('none');
  });

  it('says when a long job failed, and why', async () => {
    const { calls, run } = await setup(false);
    await run('resize-fail', 12_000);
    expect(calls.notifications.map((n) => n.title)).toEqual(['Failed: Stop web-1']);
    expect(calls.notifications[0]!.body).toContain('eu-west-101');
  });

  it('does not notify while the window is focused', async () => {
    const { calls, run } = await setup(true);
    await run('long', 15_000);
    expect(calls.notifications).toHaveLength(0);
  });
});

describe('notification text', () => {
  it('names the outcome and the duration', () => {
    expect(jobNotification(job({ status: 'succeeded', finishedAt: 42_000 }))).toEqual({
      title: 'Done: Stop web-1',
      body: 'Finished in eu-west-101, after 42 s.',
    });
    expect(jobNotification(job({ status: 'unknown', finishedAt: 600_000 })).title).toBe(
      'Status unknown: Stop web-1',
    );
    expect(jobNotification(job({ status: 'unknown', finishedAt: 600_000 })).body).toContain('after 10 min');
  });
});
