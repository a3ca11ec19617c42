/**
 * The job tracker: every asynchronous operation becomes a {@link TrackedJob} that is polled
 * adaptively until it ends, persisted in a journal so it survives restarts, and reported through
 * events. It knows nothing of the cloud client: status reads, re-execution, notifications and time
 * are injected (see `types.ts`).
 *
 * Polling: each job has at most one timer or one request at a time, so it never makes more than
 * one request per interval. Requests go through a per-account semaphore. The first poll is
 * scheduled near the earliest end learned for the job's kind (`durations.ts`), then polls come
 * every `minIntervalMs` while the job is within its usual range and back off toward
 * `maxIntervalMs` when it runs long (`schedule.ts`). A throttled answer pauses the whole account
 * (at least `Retry-After`) and multiplies its intervals until requests succeed again.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorData } from '../../shared/errors';
import { ThrottledError, ValidationError, toErrorData } from '../cloud/errors';
import { DurationLearner, type DurationEstimate } from './durations';
import { observeEcsJob, observeServer, observeServers, type Observation } from './interpret';
import { JournalWriter, loadJournal, type JournalData } from './journal';
import { nextPollDelay } from './schedule';
import { Semaphore } from './semaphore';
import {
  FINAL_STATUSES,
  type Clock,
  type JobEvent,
  type JobListener,
  type JobTrackerDeps,
  type SubJobResult,
  type TrackRequest,
  type TrackedJob,
} from './types';

/** What `start()` found in the journal. */
export interface StartResult {
  /** Unfinished jobs whose polling resumed. */
  resumed: number;
  /** Finished jobs loaded as history. */
  history: number;
  /** Journal entries dropped because they were malformed. */
  skipped: number;
  /** Set when the journal was unreadable (it was moved aside and the tracker started empty). */
  error?: ErrorData;
  backupPath?: string;
}

/** Counters of the tracker's work, for tests and benchmarks. */
export interface TrackerStats {
  /** Status requests made (successful or not). */
  polls: number;
  /** Requests answered with a throttling error. */
  throttled: number;
  /** Most status requests in flight at once for one account. */
  maxInFlightPerAccount: number;
  /** Journal snapshots written. */
  journalWrites: number;
}

interface Entry {
  job: TrackedJob;
  timer?: unknown;
  abort?: AbortController;
  /** When the last poll that found the job unfinished happened (bounds the true end from below). */
  lastPendingPollAt?: number;
  /** Consecutive non-retryable poll errors. */
  errors: number;
  /** Consecutive retryable (transient) poll errors, for back-off. */
  transient: number;
  /** Loaded from the journal: its age includes time the app was closed, so it teaches no duration. */
  resumed: boolean;
}

interface AccountState {
  sem: Semaphore;
  inFlight: number;
  pausedUntil: number;
  slowFactor: number;
  okStreak: number;
}

const defaultClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

// SECURITY: an input holding any of these keys is never written to the journal, so such jobs are
// not retryable (createServers' adminPass and user_data, key material, tokens).
const SECRET_KEY = /pass(word)?|secret|token|user_?data|private|credential|^sk$/i;

/** True when no key anywhere in `value` looks like it holds a secret (passwords, user data, keys). */
export function isSecretFree(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (Array.isArray(value)) return value.every((v) => isSecretFree(v, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([k, v]) => !SECRET_KEY.test(k) && isSecretFree(v, depth + 1));
  }
  return true;
}

/** Consecutive successful polls after which a throttled account's slow-down halves. */
const RECOVERY_STREAK = 10;
/** Largest slow-down multiplier applied to a throttled account's intervals. */
const MAX_SLOW_FACTOR = 8;
/** When a job ended before its first poll, its duration is known only as "less than": shrink it so estimates drift down until a poll lands before the end. */
const CENSORED_SHRINK = 0.7;

/** Tracks asynchronous cloud jobs: adaptive polling, journal persistence, progress events, retry. */
export class JobTracker {
  private readonly entries = new Map<string, Entry>();
  private readonly accounts = new Map<string, AccountState>();
  private readonly listeners = new Set<JobListener>();
  private readonly clock: Clock;
  private readonly opts: Required<NonNullable<JobTrackerDeps['options']>>;
  private learner: DurationLearner;
  private readonly writer: JournalWriter;
  private started = false;
  private loaded = false;
  private closed = false;
  private readonly counters = { polls: 0, throttled: 0, maxInFlightPerAccount: 0 };

  constructor(private readonly deps: JobTrackerDeps) {
    this.clock = deps.clock ?? defaultClock;
    const o = deps.options ?? {};
    this.opts = {
      minIntervalMs: o.minIntervalMs ?? 1000,
      maxIntervalMs: o.maxIntervalMs ?? 15_000,
      maxConcurrentPerAccount: o.maxConcurrentPerAccount ?? 4,
      historyLimit: o.historyLimit ?? 500,
      notifyAfterMs: o.notifyAfterMs ?? 10_000,
      maxPollErrors: o.maxPollErrors ?? 3,
      priorTimeScale: o.priorTimeScale ?? 1,
    };
    this.learner = new DurationLearner();
    this.writer = new JournalWriter(
      deps.journalPath,
      () => this.snapshot(),
      (error) => this.emit({ type: 'journal.error', error }),
    );
  }

  /** Loads the journal and resumes polling of unfinished jobs; a corrupt journal is reported, not thrown. */
  async start(): Promise<StartResult> {
    if (this.started) throw new Error('JobTracker.start() was already called');
    this.started = true;
    const load = await loadJournal(this.deps.journalPath, this.clock.now());
    this.learner = new DurationLearner(load.data.durations);
    this.loaded = true;
    let resumed = 0;
    for (const job of load.data.jobs) {
      const entry: Entry = { job, errors: 0, transient: 0, resumed: true };
      this.entries.set(job.id, entry);
      if (!FINAL_STATUSES.has(job.status)) {
        resumed++;
        // Poll resumed jobs at once: they may have ended while the app was closed.
        this.schedule(entry, 0);
      }
    }
    const result: StartResult = { resumed, history: load.data.jobs.length - resumed, skipped: load.skipped };
    if (load.error) {
      result.error = load.error;
      this.emit({ type: 'journal.error', error: load.error });
      // Write a fresh journal now so the next start does not find the corrupt file's name empty-handed.
      await this.writer.save();
    }
    if (load.backupPath !== undefined) result.backupPath = load.backupPath;
    return result;
  }

  /** Registers a job, persists it, and starts polling it; resolves with the job once it is on disk. */
  async track(req: TrackRequest): Promise<TrackedJob> {
    this.assertOpen();
    if (req.wait.kind === 'serverStatus' && req.targets.length === 0)
      throw new ValidationError('A server-status job needs at least one target server.');
    const keepInput = req.retryInput !== undefined && isSecretFree(req.retryInput);
    const job: TrackedJob = {
      id: randomUUID(),
      accountId: req.accountId,
      region: req.region,
      operation: req.operation,
      targets: req.targets.map((t) => ({ ...t })),
      wait: structuredClone(req.wait),
      createdAt: this.clock.now(),
      status: 'pending',
      subJobs:
        req.wait.kind === 'serverStatus' ? req.targets.map((t) => ({ serverId: t.id, status: 'INIT' })) : [],
      retryable: keepInput,
      polls: 0,
    };
    if (keepInput) job.input = structuredClone(req.retryInput);
    if (req.retryOf !== undefined) job.retryOf = req.retryOf;
    const entry: Entry = { job, errors: 0, transient: 0, resumed: false };
    this.entries.set(job.id, entry);
    this.schedule(entry, this.delayFor(entry));
    this.emit({ type: 'job.updated', job: structuredClone(job) });
    await this.writer.save();
    return structuredClone(job);
  }

  /** Every tracked job (pending and history), newest first, as copies. */
  list(): TrackedJob[] {
    // Reversed insertion order first, so jobs created in the same millisecond stay newest first (sort is stable).
    return [...this.entries.values()]
      .reverse()
      .map((e) => structuredClone(e.job))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** One job by local id, as a copy. */
  get(id: string): TrackedJob | undefined {
    const e = this.entries.get(id);
    return e ? structuredClone(e.job) : undefined;
  }

  /** Adds an event listener; returns the function that removes it. */
  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Re-runs a failed retryable job's operation through the injected `execute` and tracks the new
   * attempt; throws a ValidationError when the job is unknown, not finished in failure, or not retryable.
   */
  async retry(id: string): Promise<TrackedJob> {
    this.assertOpen();
    const entry = this.entries.get(id);
    if (!entry) throw new ValidationError(`No tracked job ${id}.`);
    const job = entry.job;
    if (job.status !== 'failed' && job.status !== 'unknown')
      throw new ValidationError(`Job ${id} is ${job.status}; only failed jobs can be retried.`);
    if (!job.retryable || job.input === undefined)
      throw new ValidationError(
        `Job ${id} (${job.operation}) cannot be retried: the operation is not idempotent or its input was not kept.`,
      );
    if (!this.deps.execute) throw new ValidationError('Retry is not available: no executor was configured.');
    const wait = await this.deps.execute({
      accountId: job.accountId,
      region: job.region,
      operation: job.operation,
      input: structuredClone(job.input),
    });
    return this.track({
      accountId: job.accountId,
      region: job.region,
      operation: job.operation,
      targets: job.targets,
      wait,
      retryInput: job.input,
      retryOf: job.id,
    });
  }

  /** Stops tracking a job (pending or finished) and drops it from the journal; false when unknown. */
  async forget(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.stop(entry);
    this.entries.delete(id);
    this.emit({ type: 'job.removed', id });
    await this.writer.save();
    return true;
  }

  /** Resolves once the current state is on disk. */
  flush(): Promise<void> {
    return this.writer.save();
  }

  /** Stops every timer and request and writes the journal one last time; pending jobs resume at the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const entry of this.entries.values()) this.stop(entry);
    await this.writer.save();
  }

  /** The learned duration range of a job kind (undefined before any such job finished). */
  expectedDuration(operation: string, targetCount: number): DurationEstimate | undefined {
    return this.learner.estimate(operation, Math.max(1, targetCount));
  }

  /** Work counters since this tracker was built. */
  stats(): TrackerStats {
    return { ...this.counters, journalWrites: this.writer.writes };
  }

  private assertOpen(): void {
    // Tracking before the journal is loaded would let the load overwrite the learned durations.
    if (!this.loaded) throw new Error('JobTracker.start() must be awaited before use');
    if (this.closed) throw new Error('JobTracker is closed');
  }

  private snapshot(): JournalData {
    return {
      version: 1,
      jobs: [...this.entries.values()].map((e) => e.job),
      durations: this.learner.toJSON(),
    };
  }

  private emit(event: JobEvent): void {
    // A listener that throws must not break polling or the other listeners.
    try {
      this.deps.onEvent?.(event);
    } catch (err) {
      console.error('job tracker onEvent listener failed', err);
    }
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('job tracker listener failed', err);
      }
    }
  }

  private account(accountId: string): AccountState {
    let a = this.accounts.get(accountId);
    if (!a) {
      a = {
        sem: new Semaphore(this.opts.maxConcurrentPerAccount),
        inFlight: 0,
        pausedUntil: 0,
        slowFactor: 1,
        okStreak: 0,
      };
      this.accounts.set(accountId, a);
    }
    return a;
  }

  private priorScale(accountId: string): number {
    const s = this.opts.priorTimeScale;
    return typeof s === 'function' ? s(accountId) : s;
  }

  private targetCount(job: TrackedJob): number {
    return Math.max(1, job.targets.length);
  }

  private delayFor(entry: Entry): number {
    const job = entry.job;
    return nextPollDelay({
      elapsedMs: this.clock.now() - job.createdAt,
      polls: job.polls,
      estimate: this.learner.estimate(job.operation, this.targetCount(job), this.priorScale(job.accountId)),
      minIntervalMs: this.opts.minIntervalMs,
      maxIntervalMs: this.opts.maxIntervalMs,
      slowFactor: this.account(job.accountId).slowFactor,
    });
  }

  private schedule(entry: Entry, delayMs: number): void {
    if (this.closed || FINAL_STATUSES.has(entry.job.status)) return;
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer);
    entry.timer = this.clock.setTimeout(
      () => {
        entry.timer = undefined;
        void this.poll(entry);
      },
      Math.max(0, delayMs),
    );
  }

  private stop(entry: Entry): void {
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.abort?.abort();
  }

  private live(entry: Entry): boolean {
    return !this.closed && this.entries.get(entry.job.id) === entry;
  }

  private async poll(entry: Entry): Promise<void> {
    const acct = this.account(entry.job.accountId);
    if (acct.pausedUntil > this.clock.now()) {
      this.schedule(entry, acct.pausedUntil - this.clock.now());
      return;
    }
    await acct.sem.acquire();
    // The account may have been throttled, or the job forgotten, while this poll queued.
    if (!this.live(entry) || acct.pausedUntil > this.clock.now()) {
      acct.sem.release();
      if (this.live(entry)) this.schedule(entry, acct.pausedUntil - this.clock.now());
      return;
    }
    const abort = new AbortController();
    entry.abort = abort;
    acct.inFlight++;
    this.counters.maxInFlightPerAccount = Math.max(this.counters.maxInFlightPerAccount, acct.inFlight);
    let obs: Observation | undefined;
    let failure: unknown;
    try {
      obs = await this.observe(entry, abort.signal);
    } catch (err) {
      failure = err;
    } finally {
      acct.inFlight--;
      entry.abort = undefined;
      acct.sem.release();
    }
    if (!this.live(entry)) return;
    if (obs) this.apply(entry, acct, obs);
    else this.onPollError(entry, acct, failure);
  }

  /** Makes the status request(s) of one poll: one job read, or one read per unfinished target server. */
  private async observe(entry: Entry, signal: AbortSignal): Promise<Observation> {
    const job = entry.job;
    if (job.wait.kind === 'ecsJob') {
      this.countPoll(job);
      const body = await this.deps.fetchJob(job.accountId, job.region, job.wait.jobId, signal);
      return observeEcsJob(job.wait.jobId, body);
    }
    const goal = job.wait.goal;
    const subJobs: SubJobResult[] = [];
    for (const sub of job.subJobs) {
      if (sub.status === 'SUCCESS' || sub.status === 'FAIL' || sub.serverId === undefined) {
        subJobs.push(sub);
        continue;
      }
      this.countPoll(job);
      const server = await this.fetchServerOrNull(job, sub.serverId, signal);
      subJobs.push(observeServer(sub.serverId, goal, server));
    }
    return observeServers(job.operation, subJobs);
  }

  private async fetchServerOrNull(job: TrackedJob, serverId: string, signal: AbortSignal) {
    try {
      return await this.deps.fetchServer(job.accountId, job.region, serverId, signal);
    } catch (err) {
      // A 404 is how a deleted server answers; fetchServer should map it to null, but be lenient.
      if ((err as { status?: unknown }).status === 404) return null;
      throw err;
    }
  }

  private countPoll(job: TrackedJob): void {
    job.polls++;
    this.counters.polls++;
  }

  private apply(entry: Entry, acct: AccountState, obs: Observation): void {
    const job = entry.job;
    const now = this.clock.now();
    entry.errors = 0;
    entry.transient = 0;
    if (acct.slowFactor > 1 && ++acct.okStreak >= RECOVERY_STREAK) {
      acct.slowFactor = Math.max(1, acct.slowFactor / 2);
      acct.okStreak = 0;
    }
    const before = JSON.stringify([job.status, job.subJobs, job.remote]);
    job.status = obs.status;
    job.subJobs = obs.subJobs;
    if (obs.remote && Object.keys(obs.remote).length > 0) job.remote = obs.remote;
    if (job.startedAt === undefined && obs.status !== 'pending') job.startedAt = now;
    const changed = before !== JSON.stringify([job.status, job.subJobs, job.remote]);

    if (!FINAL_STATUSES.has(obs.status)) {
      entry.lastPendingPollAt = now;
      if (changed) {
        this.emit({ type: 'job.updated', job: structuredClone(job) });
        void this.writer.save();
      }
      this.schedule(entry, this.delayFor(entry));
      return;
    }
    job.finishedAt = now;
    if (obs.error) job.error = obs.error;
    if (job.status === 'succeeded') {
      // The input is only needed to retry a failure; do not keep it in the history longer than needed.
      delete job.input;
      job.retryable = false;
    }
    this.learn(entry, obs, now);
    this.emit({ type: 'job.updated', job: structuredClone(job) });
    this.maybeNotify(job);
    this.pruneHistory();
    void this.writer.save();
  }

  private learn(entry: Entry, obs: Observation, now: number): void {
    const job = entry.job;
    let sample = obs.remoteDurationMs;
    if (sample === undefined && !entry.resumed) {
      sample =
        entry.lastPendingPollAt !== undefined
          ? (entry.lastPendingPollAt + now) / 2 - job.createdAt
          : (now - job.createdAt) * CENSORED_SHRINK;
    }
    if (sample !== undefined) this.learner.record(job.operation, this.targetCount(job), sample);
  }

  private maybeNotify(job: TrackedJob): void {
    if (!this.deps.notify || !this.deps.isWindowFocused) return;
    if ((job.finishedAt ?? 0) - job.createdAt < this.opts.notifyAfterMs) return;
    if (this.deps.isWindowFocused()) return;
    try {
      this.deps.notify(structuredClone(job));
    } catch (err) {
      console.error('job tracker notify failed', err);
    }
  }

  private pruneHistory(): void {
    const finished = [...this.entries.values()].filter((e) => FINAL_STATUSES.has(e.job.status));
    const excess = finished.length - this.opts.historyLimit;
    if (excess <= 0) return;
    finished.sort((a, b) => (a.job.finishedAt ?? 0) - (b.job.finishedAt ?? 0));
    for (const e of finished.slice(0, excess)) this.entries.delete(e.job.id);
  }

  private onPollError(entry: Entry, acct: AccountState, err: unknown): void {
    const now = this.clock.now();
    if (err instanceof ThrottledError || (err as { code?: unknown }).code === 'THROTTLED') {
      this.counters.throttled++;
      acct.slowFactor = Math.min(MAX_SLOW_FACTOR, acct.slowFactor * 2);
      acct.okStreak = 0;
      const retryAfter = (err as { retryAfterMs?: number }).retryAfterMs ?? 0;
      const pause = Math.max(retryAfter, this.opts.minIntervalMs * acct.slowFactor);
      acct.pausedUntil = Math.max(acct.pausedUntil, now + pause);
      this.schedule(entry, acct.pausedUntil - now);
      return;
    }
    const retryable = (err as { retryable?: unknown }).retryable === true;
    if (retryable) {
      entry.transient++;
      const backoff = Math.min(this.opts.maxIntervalMs, this.opts.minIntervalMs * 2 ** entry.transient);
      this.schedule(entry, Math.max(this.delayFor(entry), backoff));
      return;
    }
    entry.errors++;
    if (entry.errors < this.opts.maxPollErrors) {
      this.schedule(entry, Math.max(this.delayFor(entry), this.opts.minIntervalMs * 2 ** entry.errors));
      return;
    }
    // The job may still finish in the cloud; we just cannot see it any more.
    const job = entry.job;
    job.status = 'unknown';
    job.finishedAt = now;
    job.error = {
      ...toErrorData(err),
      hint: 'The job status could not be read; it may still be running. Check the servers in the list.',
    };
    this.emit({ type: 'job.updated', job: structuredClone(job) });
    this.pruneHistory();
    void this.writer.save();
  }
}
