/**
 * The job tracker's polling loop: schedules each job's next status request, makes it through a
 * per-account semaphore, and applies the answer (progress, end, learned duration, notification,
 * history pruning) or the failure (throttling pause, back-off, `unknown` after repeated errors).
 *
 * Each job has at most one timer or one request at a time, so it never makes more than one request
 * per interval. The first poll is scheduled near the earliest end learned for the job's kind
 * (`durations.ts`), then polls come every `minIntervalMs` while the job is within its usual range
 * and back off toward `maxIntervalMs` when it runs long (`schedule.ts`). A throttled answer pauses
 * the whole account (at least `Retry-After`) and multiplies its intervals until requests succeed
 * again. The job table, the journal and the events belong to the tracker (`tracker.ts`), which
 * hands them in as a {@link PollerHost}.
 */
import { toErrorData } from '../app-error';
import { ThrottledError } from '../cloud/errors';
import type { DurationLearner } from './durations';
import { observeEcsJob, observeServer, observeServers, type Observation } from './interpret';
import { nextPollDelay } from './schedule';
import { Semaphore } from './semaphore';
import {
  FINAL_STATUSES,
  type Clock,
  type JobEvent,
  type JobTrackerDeps,
  type JobTrackerOptions,
  type SubJobResult,
  type TrackedJob,
} from './types';

/** One tracked job with its polling state. */
export interface Entry {
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

/** The tracker's options with every default filled in. */
export type ResolvedTrackerOptions = Required<JobTrackerOptions>;

/** What the poller shares with its tracker: the job table, and access to its journal and events. */
export interface PollerHost {
  /** Every tracked job by local id; the poller drops pruned history from it. */
  readonly entries: Map<string, Entry>;
  readonly deps: JobTrackerDeps;
  readonly clock: Clock;
  readonly opts: ResolvedTrackerOptions;
  /** The current duration learner (replaced once, when the journal is loaded). */
  learner(): DurationLearner;
  /** True once the tracker is closed: nothing more is scheduled. */
  isClosed(): boolean;
  emit(event: JobEvent): void;
  /** Asks for a journal write (group-committed). */
  save(): Promise<void>;
}

/** Counters of the poller's work (the tracker adds the journal's to make `TrackerStats`). */
export interface PollCounters {
  polls: number;
  throttled: number;
  maxInFlightPerAccount: number;
}

/** Consecutive successful polls after which a throttled account's slow-down halves. */
const RECOVERY_STREAK = 10;
/** Largest slow-down multiplier applied to a throttled account's intervals. */
const MAX_SLOW_FACTOR = 8;
/** When a job ended before its first poll, its duration is known only as "less than": shrink it so estimates drift down until a poll lands before the end. */
const CENSORED_SHRINK = 0.7;

/** Polls the tracker's unfinished jobs until they end. */
export class JobPoller {
  private readonly accounts = new Map<string, AccountState>();
  readonly counters: PollCounters = { polls: 0, throttled: 0, maxInFlightPerAccount: 0 };

  constructor(private readonly host: PollerHost) {}

  private account(accountId: string): AccountState {
    let a = this.accounts.get(accountId);
    if (!a) {
      a = {
        sem: new Semaphore(this.host.opts.maxConcurrentPerAccount),
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
    const s = this.host.opts.priorTimeScale;
    return typeof s === 'function' ? s(accountId) : s;
  }

  private targetCount(job: TrackedJob): number {
    return Math.max(1, job.targets.length);
  }

  /** Milliseconds until the job's next poll under the polling policy. */
  delayFor(entry: Entry): number {
    const job = entry.job;
    return nextPollDelay({
      elapsedMs: this.host.clock.now() - job.createdAt,
      polls: job.polls,
      estimate: this.host
        .learner()
        .estimate(job.operation, this.targetCount(job), this.priorScale(job.accountId)),
      minIntervalMs: this.host.opts.minIntervalMs,
      maxIntervalMs: this.host.opts.maxIntervalMs,
      slowFactor: this.account(job.accountId).slowFactor,
    });
  }

  /** (Re)arms the job's single timer; does nothing once the tracker is closed or the job ended. */
  schedule(entry: Entry, delayMs: number): void {
    if (this.host.isClosed() || FINAL_STATUSES.has(entry.job.status)) return;
    if (entry.timer !== undefined) this.host.clock.clearTimeout(entry.timer);
    entry.timer = this.host.clock.setTimeout(
      () => {
        entry.timer = undefined;
        void this.poll(entry);
      },
      Math.max(0, delayMs),
    );
  }

  /** Cancels the job's timer and aborts its request in flight. */
  stop(entry: Entry): void {
    if (entry.timer !== undefined) this.host.clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.abort?.abort();
  }

  private live(entry: Entry): boolean {
    return !this.host.isClosed() && this.host.entries.get(entry.job.id) === entry;
  }

  private async poll(entry: Entry): Promise<void> {
    const acct = this.account(entry.job.accountId);
    if (acct.pausedUntil > this.host.clock.now()) {
      this.schedule(entry, acct.pausedUntil - this.host.clock.now());
      return;
    }
    await acct.sem.acquire();
    // The account may have been throttled, or the job forgotten, while this poll queued.
    if (!this.live(entry) || acct.pausedUntil > this.host.clock.now()) {
      acct.sem.release();
      if (this.live(entry)) this.schedule(entry, acct.pausedUntil - this.host.clock.now());
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
      const body = await this.host.deps.fetchJob(job.accountId, job.region, job.wait.jobId, signal);
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
      return await this.host.deps.fetchServer(job.accountId, job.region, serverId, signal);
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
    const now = this.host.clock.now();
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
        this.host.emit({ type: 'job.updated', job: structuredClone(job) });
        void this.host.save();
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
    this.host.emit({ type: 'job.updated', job: structuredClone(job) });
    this.maybeNotify(job);
    this.pruneHistory();
    void this.host.save();
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
    if (sample !== undefined) this.host.learner().record(job.operation, this.targetCount(job), sample);
  }

  private maybeNotify(job: TrackedJob): void {
    if (!this.host.deps.notify || !this.host.deps.isWindowFocused) return;
    if ((job.finishedAt ?? 0) - job.createdAt < this.host.opts.notifyAfterMs) return;
    if (this.host.deps.isWindowFocused()) return;
    try {
      this.host.deps.notify(structuredClone(job));
    } catch (err) {
      console.error('job tracker notify failed', err);
    }
  }

  private pruneHistory(): void {
    const finished = [...this.host.entries.values()].filter((e) => FINAL_STATUSES.has(e.job.status));
    const excess = finished.length - this.host.opts.historyLimit;
    if (excess <= 0) return;
    finished.sort((a, b) => (a.job.finishedAt ?? 0) - (b.job.finishedAt ?? 0));
    for (const e of finished.slice(0, excess)) this.host.entries.delete(e.job.id);
  }

  private onPollError(entry: Entry, acct: AccountState, err: unknown): void {
    const now = this.host.clock.now();
    if (err instanceof ThrottledError || (err as { code?: unknown }).code === 'THROTTLED') {
      this.counters.throttled++;
      acct.slowFactor = Math.min(MAX_SLOW_FACTOR, acct.slowFactor * 2);
      acct.okStreak = 0;
      const retryAfter = (err as { retryAfterMs?: number }).retryAfterMs ?? 0;
      const pause = Math.max(retryAfter, this.host.opts.minIntervalMs * acct.slowFactor);
      acct.pausedUntil = Math.max(acct.pausedUntil, now + pause);
      this.schedule(entry, acct.pausedUntil - now);
      return;
    }
    const retryable = (err as { retryable?: unknown }).retryable === true;
    if (retryable) {
      entry.transient++;
      const backoff = Math.min(
        this.host.opts.maxIntervalMs,
        this.host.opts.minIntervalMs * 2 ** entry.transient,
      );
      this.schedule(entry, Math.max(this.delayFor(entry), backoff));
      return;
    }
    entry.errors++;
    if (entry.errors < this.host.opts.maxPollErrors) {
      this.schedule(entry, Math.max(this.delayFor(entry), this.host.opts.minIntervalMs * 2 ** entry.errors));
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
    this.host.emit({ type: 'job.updated', job: structuredClone(job) });
    this.pruneHistory();
    void this.host.save();
  }
}
