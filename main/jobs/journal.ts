/**
 * The job journal: one JSON document (`jobs.json` in the app's data folder) holding every pending
 * job, the bounded finished history and the learned durations.
 *
 * A whole-file snapshot rather than an append-only log: the file is small (at most a few hundred
 * kilobytes with 500 finished jobs), a snapshot needs no compaction, and each write is atomic
 * (temporary file, fsync, rename), so a crash leaves either the old or the new version. Writes are
 * group-committed: callers that ask while a write runs share the next one, so 500 jobs registered
 * at once cost two writes, not 500.
 */
import { chmod, readFile, rename } from 'node:fs/promises';
import { writeFileAtomic } from '../accounts/atomic-file';
import type { ErrorData } from '../../shared/errors';
import type { DurationSamples } from './durations';
import type { TrackedJob, TrackedJobStatus } from './types';

/** The journal's content. */
export interface JournalData {
  version: 1;
  jobs: TrackedJob[];
  durations: DurationSamples;
}

/** What loading found. */
export interface JournalLoad {
  data: JournalData;
  /** Set when the file could not be read as a journal; the tracker then starts empty. */
  error?: ErrorData;
  /** Where the unreadable file was moved to (kept for support and manual recovery). */
  backupPath?: string;
  /** Entries dropped because they did not have the shape of a job. */
  skipped: number;
}

const STATUSES: ReadonlySet<TrackedJobStatus> = new Set([
  'pending',
  'running',
  'succeeded',
  'failed',
  'unknown',
]);

function empty(): JournalData {
  return { version: 1, jobs: [], durations: {} };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a parsed entry has the fields the tracker relies on. */
export function isTrackedJob(v: unknown): v is TrackedJob {
  if (!isObj(v)) return false;
  const wait = v.wait;
  const waitOk =
    isObj(wait) &&
    ((wait.kind === 'ecsJob' && typeof wait.jobId === 'string') ||
      (wait.kind === 'serverStatus' && isObj(wait.goal) && typeof wait.goal.status === 'string'));
  return (
    typeof v.id === 'string' &&
    typeof v.accountId === 'string' &&
    typeof v.region === 'string' &&
    typeof v.operation === 'string' &&
    Array.isArray(v.targets) &&
    v.targets.every((t) => isObj(t) && typeof t.id === 'string') &&
    waitOk &&
    typeof v.createdAt === 'number' &&
    typeof v.status === 'string' &&
    STATUSES.has(v.status as TrackedJobStatus) &&
    Array.isArray(v.subJobs) &&
    typeof v.retryable === 'boolean' &&
    typeof v.polls === 'number'
  );
}

/**
 * Reads the journal. A missing file is an empty journal; an unreadable one is moved aside to
 * `<path>.corrupt-<now>` and reported in `error`, so the tracker still starts.
 */
export async function loadJournal(path: string, now: number): Promise<JournalLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { data: empty(), skipped: 0 };
    return {
      data: empty(),
      skipped: 0,
      error: journalError(`The job journal ${path} could not be read: ${(err as Error).message}`),
    };
  }
  let parsed: unknown;
  let problem: string | undefined;
  try {
    parsed = JSON.parse(text);
    if (!isObj(parsed) || parsed.version !== 1 || !Array.isArray(parsed.jobs))
      problem = 'it is not a job journal';
  } catch (err) {
    problem = `it is not valid JSON (${(err as Error).message})`;
  }
  if (problem !== undefined || !isObj(parsed)) {
    const backupPath = `${path}.corrupt-${now}`;
    let kept = `kept as ${backupPath}`;
    try {
      await rename(path, backupPath);
      // SECURITY: the copy keeps the journal's history: as private as the journal itself.
      await chmod(backupPath, 0o600).catch(() => undefined);
    } catch (err) {
      kept = `and could not be moved aside (${(err as Error).message})`;
    }
    return {
      data: empty(),
      skipped: 0,
      backupPath,
      error: journalError(
        `The job journal ${path} was unreadable: ${problem ?? 'unknown format'}; it was ${kept} and job history starts empty.`,
      ),
    };
  }
  const rawJobs = parsed.jobs as unknown[];
  const jobs = rawJobs.filter(isTrackedJob);
  const durations = isObj(parsed.durations) ? (parsed.durations as DurationSamples) : {};
  return { data: { version: 1, jobs, durations }, skipped: rawJobs.length - jobs.length };
}

function journalError(message: string): ErrorData {
  return {
    name: 'JournalError',
    code: 'INTERNAL',
    message,
    retryable: false,
    hint: 'Jobs still running in the cloud are unaffected; check them in the server list.',
  };
}

/** Writes `text` to `path` atomically and privately (0600): temp file, fsync, rename. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text);
}

/** Group-committing journal writer: `save()` resolves once a snapshot taken after the call is on disk. */
export class JournalWriter {
  private running = false;
  private next: { promise: Promise<void>; resolve: () => void } | undefined;
  /** Snapshots written so far (for tests and benchmarks). */
  writes = 0;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => JournalData,
    private readonly onError: (error: ErrorData) => void,
  ) {}

  /** Schedules a write; never rejects (failures go to `onError`, and the next save tries again). */
  save(): Promise<void> {
    if (!this.next) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.next = { promise, resolve };
    }
    const waitFor = this.next.promise;
    if (!this.running) void this.loop();
    return waitFor;
  }

  private async loop(): Promise<void> {
    this.running = true;
    while (this.next) {
      const batch = this.next;
      this.next = undefined;
      try {
        await writeAtomic(this.path, JSON.stringify(this.snapshot()));
        this.writes++;
      } catch (err) {
        this.onError(
          journalError(`The job journal ${this.path} could not be written: ${(err as Error).message}`),
        );
      }
      batch.resolve();
    }
    this.running = false;
  }
}
