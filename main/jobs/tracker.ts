/**
 * The job tracker: every asynchronous operation becomes a {@link TrackedJob} that is polled
 * adaptively until it ends, persisted in a journal so it survives restarts, and reported through
 * events. It knows nothing of the cloud client: status reads, re-execution, notifications and time
 * are injected (see `types.ts`).
 *
 * This file is the public API and the journal glue (loading at start, snapshots for the writer);
 * the polling loop, scheduling and throttling are `poller.ts`, the event fan-out `events.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorData } from '../../shared/errors';
import { ValidationError } from '../cloud/errors';
import { DurationLearner, type DurationEstimate } from './durations';
import { JobEventHub } from './events';
import { JournalWriter, loadJournal, type JournalData } from './journal';
import { JobPoller, type Entry, type ResolvedTrackerOptions } from './poller';
import {
  FINAL_STATUSES,
  type Clock,
  type JobEvent,
  type JobListener,
  type JobTrackerDeps,
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

/** Tracks asynchronous cloud jobs: adaptive polling, journal persistence, progress events, retry. */
export class JobTracker {
  private readonly entries = new Map<string, Entry>();
  private readonly events: JobEventHub;
  private readonly clock: Clock;
  private readonly opts: ResolvedTrackerOptions;
  private learner: DurationLearner;
  private readonly writer: JournalWriter;
  private readonly poller: JobPoller;
  private started = false;
  private loaded = false;
  private closed = false;

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
    this.events = new JobEventHub(deps);
    this.writer = new JournalWriter(
      deps.journalPath,
      () => this.snapshot(),
      (error) => this.emit({ type: 'journal.error', error }),
    );
    this.poller = new JobPoller({
      entries: this.entries,
      deps,
      clock: this.clock,
      opts: this.opts,
      learner: () => this.learner,
      isClosed: () => this.closed,
      emit: (event) => this.emit(event),
      save: () => this.writer.save(),
    });
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
        this.poller.schedule(entry, 0);
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
    this.poller.schedule(entry, this.poller.delayFor(entry));
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
    return this.events.subscribe(listener);
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
    this.poller.stop(entry);
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
    for (const entry of this.entries.values()) this.poller.stop(entry);
    await this.writer.save();
  }

  /** The learned duration range of a job kind (undefined before any such job finished). */
  expectedDuration(operation: string, targetCount: number): DurationEstimate | undefined {
    return this.learner.estimate(operation, Math.max(1, targetCount));
  }

  /** Work counters since this tracker was built. */
  stats(): TrackerStats {
    return { ...this.poller.counters, journalWrites: this.writer.writes };
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
    this.events.emit(event);
  }
}
