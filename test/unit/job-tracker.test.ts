import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, ThrottledError } from '../../main/cloud/errors';
import { JobTracker } from '../../main/jobs/tracker';
import type {
  EcsJobWire,
  FetchJob,
  FetchServer,
  JobEvent,
  JobTrackerDeps,
  ServerSnapshot,
  TrackedJob,
} from '../../main/jobs/types';
import { Prng } from '../helpers/prng';

/** One ECS job of the fake backend: it runs `durationMs` after `start`; listed sub-jobs fail. */
interface FakeJob {
  start: number;
  durationMs: number;
  servers: string[];
  fail: Record<string, { code: string; reason: string }>;
}

/** One Nova action on a fake server: busy for `busyMs`, then in `end` (or gone when `end` is null). */
interface FakeServerAction {
  start: number;
  busyMs: number;
  busy: ServerSnapshot;
  end: ServerSnapshot | null;
}

/** An in-memory job backend on the (fake) clock, recording every request. */
class FakeBackend {
  private readonly jobs = new Map<string, FakeJob>();
  private readonly servers = new Map<string, FakeServerAction>();
  private seq = 0;
  /** Every status request: account, target and the (fake) time it arrived. */
  readonly requests: { account: string; id: string; at: number }[] = [];
  private readonly inFlight = new Map<string, number>();
  /** Most requests in flight at once, per account. */
  readonly maxInFlight = new Map<string, number>();
  latencyMs = 20;
  /** Returns an error to throw instead of answering (throttling, outages). */
  failWith: (account: string, at: number) => Error | undefined = () => undefined;

  addJob(durationMs: number, servers: string[] = ['srv-1'], fail: FakeJob['fail'] = {}): string {
    const id = `job-${++this.seq}`;
    this.jobs.set(id, { start: Date.now(), durationMs, servers, fail });
    return id;
  }

  /** The fake time the job ends at. */
  endOf(jobId: string): number {
    const j = this.jobs.get(jobId)!;
    return j.start + j.durationMs;
  }

  setServerAction(serverId: string, busyMs: number, busy: ServerSnapshot, end: ServerSnapshot | null): void {
    this.servers.set(serverId, { start: Date.now(), busyMs, busy, end });
  }

  requestsFor(id: string): number[] {
    return this.requests.filter((r) => r.id === id).map((r) => r.at);
  }

  private async enter(account: string, id: string, signal: AbortSignal): Promise<void> {
    this.requests.push({ account, id, at: Date.now() });
    const n = (this.inFlight.get(account) ?? 0) + 1;
    this.inFlight.set(account, n);
    this.maxInFlight.set(account, Math.max(n, this.maxInFlight.get(account) ?? 0));
    try {
      await new Promise((r) => setTimeout(r, this.latencyMs));
      signal.throwIfAborted();
      const err = this.failWith(account, Date.now());
      if (err) throw err;
    } finally {
      this.inFlight.set(account, (this.inFlight.get(account) ?? 1) - 1);
    }
  }

  readonly fetchJob: FetchJob = async (account, _region, jobId, signal) => {
    await this.enter(account, jobId, signal);
    const j = this.jobs.get(jobId);
    if (!j) throw new ApiError({ status: 404, apiCode: 'Common.0011', message: 'bad job id' });
    const now = Date.now();
    const done = now >= j.start + j.durationMs;
    const iso = (t: number): string => new Date(t).toISOString();
    const anyFail = j.servers.some((s) => j.fail[s] !== undefined);
    const body: EcsJobWire = {
      job_id: jobId,
      job_type: 'batchJob',
      begin_time: iso(j.start),
      end_time: done ? iso(j.start + j.durationMs) : '',
      status: !done ? (now - j.start < 300 ? 'INIT' : 'RUNNING') : anyFail ? 'FAIL' : 'SUCCESS',
      error_code: null,
      fail_reason: null,
      entities: {
        sub_jobs_total: j.servers.length,
        sub_jobs: j.servers.map((s, i) => {
          const f = j.fail[s];
          return {
            job_id: `${jobId}-sub-${i}`,
            status: !done ? 'RUNNING' : f ? 'FAIL' : 'SUCCESS',
            entities: { server_id: s },
            error_code: done && f ? f.code : null,
            fail_reason: done && f ? f.reason : null,
          };
        }),
      },
    };
    if (done && anyFail) {
      const first = j.servers.map((s) => j.fail[s]).find((f) => f !== undefined)!;
      body.error_code = first.code;
      body.fail_reason = first.reason;
    }
    return body;
  };

  readonly fetchServer: FetchServer = async (account, _region, serverId, signal) => {
    await this.enter(account, serverId, signal);
    const a = this.servers.get(serverId);
    if (!a) return null;
    return Date.now() - a.start < a.busyMs ? { ...a.busy } : a.end && { ...a.end };
  };
}

const SOFT_REBOOT: ServerSnapshot = { status: 'REBOOT', task_state: 'rebooting', vm_state: 'active' };
const ACTIVE: ServerSnapshot = { status: 'ACTIVE', task_state: null, vm_state: 'active' };

let dir: string;
let journalPath: string;
let backend: FakeBackend;
let events: JobEvent[];
const trackers: JobTracker[] = [];

async function newTracker(extra: Partial<JobTrackerDeps> = {}): Promise<JobTracker> {
  const t = new JobTracker({
    journalPath,
    fetchJob: backend.fetchJob,
    fetchServer: backend.fetchServer,
    onEvent: (e) => events.push(e),
    ...extra,
    // These tests drive the cold-start policy (nothing known about durations): priors off.
    options: { priorTimeScale: 0, ...extra.options },
  });
  trackers.push(t);
  return t;
}

async function started(extra: Partial<JobTrackerDeps> = {}): Promise<JobTracker> {
  const t = await newTracker(extra);
  await t.start();
  return t;
}

function trackEcs(
  t: JobTracker,
  jobId: string,
  opts: { account?: string; operation?: string; servers?: string[]; input?: unknown } = {},
): Promise<TrackedJob> {
  return t.track({
    accountId: opts.account ?? 'acct-a',
    region: 'eu-west-101',
    operation: opts.operation ?? 'batchStopServers',
    targets: (opts.servers ?? ['srv-1']).map((id) => ({ id })),
    wait: { kind: 'ecsJob', jobId },
    ...(opts.input !== undefined ? { retryInput: opts.input } : {}),
  });
}

/** Advances fake time in steps until `done()` holds or `maxMs` passed. */
async function runUntil(done: () => boolean, maxMs: number, stepMs = 100): Promise<void> {
  for (let t = 0; t < maxMs && !done(); t += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
}

function finalEvent(id: string): (TrackedJob & { at?: number }) | undefined {
  const found = events.filter(
    (e): e is Extract<JobEvent, { type: 'job.updated' }> =>
      e.type === 'job.updated' && e.job.id === id && e.job.finishedAt !== undefined,
  );
  return found[0]?.job;
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2025-01-07T10:00:00Z'));
  dir = await mkdtemp(join(tmpdir(), 'jobs-test-'));
  journalPath = join(dir, 'jobs.json');
  backend = new FakeBackend();
  events = [];
});

afterEach(async () => {
  for (const t of trackers.splice(0)) await t.close();
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

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
    events = [];
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
