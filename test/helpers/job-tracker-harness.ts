/**
 * The job tracker's unit-test harness: a fake ECS job and server backend on vitest's fake clock
 * that records every status request, a temporary journal per test, and helpers to build trackers,
 * track jobs and advance time. Shared by test/unit/job-tracker*.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { ApiError } from '../../main/cloud/errors';
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
export class FakeBackend {
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

export const SOFT_REBOOT: ServerSnapshot = { status: 'REBOOT', task_state: 'rebooting', vm_state: 'active' };
export const ACTIVE: ServerSnapshot = { status: 'ACTIVE', task_state: null, vm_state: 'active' };

// Fresh for every test (see useJobTrackerHarness); test files read them as live bindings.
export let dir: string;
export let journalPath: string;
export let backend: FakeBackend;
export let events: JobEvent[];
const trackers: JobTracker[] = [];

/** Starts a new event log (as after an app restart); trackers already built record into it too. */
export function resetEvents(): void {
  events = [];
}

/** A tracker on the fake backend and this test's journal, not yet started; closed after the test. */
export async function newTracker(extra: Partial<JobTrackerDeps> = {}): Promise<JobTracker> {
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

/** A tracker as {@link newTracker} builds it, with its journal loaded. */
export async function started(extra: Partial<JobTrackerDeps> = {}): Promise<JobTracker> {
  const t = await newTracker(extra);
  await t.start();
  return t;
}

/** Tracks an ECS job of the fake backend (by default a one-server `batchStopServers` of `acct-a`). */
export function trackEcs(
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
export async function runUntil(done: () => boolean, maxMs: number, stepMs = 100): Promise<void> {
  for (let t = 0; t < maxMs && !done(); t += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
}

/** The first event that reported job `id` finished. */
export function finalEvent(id: string): (TrackedJob & { at?: number }) | undefined {
  const found = events.filter(
    (e): e is Extract<JobEvent, { type: 'job.updated' }> =>
      e.type === 'job.updated' && e.job.id === id && e.job.finishedAt !== undefined,
  );
  return found[0]?.job;
}

/** Registers the per-test setup: fake timers, a temporary journal folder, a fresh backend and event log. */
export function useJobTrackerHarness(): void {
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
}
