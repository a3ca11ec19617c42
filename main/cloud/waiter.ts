/**
 * Waiters: a tiny generic `waitFor` (gophercloud's WaitFor, smithy's poller) with adaptive
 * backoff, abort and a maximum wait, and `waitForJob` for the ECS asynchronous jobs (§5.8.1).
 */
import type { Job, SubJob } from '../../shared/ecs/types/jobs';
import { AbortError, JobFailedError, ProtocolError, WaiterTimeoutError, type SubJobFailure } from './errors';
import { abortableSleep } from './retry';

/** What one check of {@link waitFor} reports: finished with a value, or not yet (with a status). */
export type CheckResult<T> = { done: true; value: T } | { done: false; status?: string };

/** Options of {@link waitFor}; durations in milliseconds. */
export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up after this long (default 30 minutes): WaiterTimeoutError. */
  maxWaitMs?: number;
  /** First delay between polls (default 1,000). */
  minDelayMs?: number;
  /** Largest delay between polls (default 15,000). */
  maxDelayMs?: number;
  /** Growth of the delay per poll (default 1.5). */
  factor?: number;
  /** What is waited for, for the timeout message (default "the operation"). */
  what?: string;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Default maximum wait of the waiters: 30 minutes. */
export const DEFAULT_MAX_WAIT_MS = 30 * 60 * 1000;

/**
 * The delay after poll `poll` (1-based): `min * factor^(poll-1)` capped at `max`, then ±20 % jitter
 * so that many waiters started together do not poll in lockstep.
 */
export function pollDelay(
  poll: number,
  opts: Pick<WaitOptions, 'minDelayMs' | 'maxDelayMs' | 'factor'> = {},
  random: () => number = Math.random,
): number {
  const min = opts.minDelayMs ?? 1_000;
  const max = opts.maxDelayMs ?? 15_000;
  const base = Math.min(max, min * (opts.factor ?? 1.5) ** (poll - 1));
  return Math.round(Math.min(max, base * (0.8 + 0.4 * random())));
}

/**
 * Polls `check` until it reports done, with growing delays; throws WaiterTimeoutError (with the
 * number of polls and the last status) after `maxWaitMs`, AbortError when `signal` aborts, and
 * whatever `check` throws.
 */
export async function waitFor<T>(
  check: (poll: number, signal?: AbortSignal) => Promise<CheckResult<T>>,
  opts: WaitOptions = {},
): Promise<T> {
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const maxWait = opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const start = now();
  let lastStatus: string | undefined;
  for (let poll = 1; ; poll++) {
    if (opts.signal?.aborted) throw new AbortError();
    const r = await check(poll, opts.signal);
    if (r.done) return r.value;
    lastStatus = r.status;
    const remaining = start + maxWait - now();
    if (remaining <= 0) {
      throw new WaiterTimeoutError(
        `Gave up waiting for ${opts.what ?? 'the operation'} after ${Math.round(maxWait / 1000)} s (${poll} polls${lastStatus ? `, last status ${lastStatus}` : ''}).`,
        poll,
        lastStatus,
      );
    }
    await sleep(Math.min(pollDelay(poll, opts, random), remaining), opts.signal);
  }
}

/** The outcome of one sub-job of a finished job. */
export interface SubJobResult {
  jobId: string;
  jobType?: string;
  status: string;
  serverId?: string;
  nicId?: string;
  errorCode?: string;
  failReason?: string;
}

/** What {@link waitForJob} resolves with when the job ends in SUCCESS. */
export interface JobResult {
  jobId: string;
  jobType?: string;
  status: 'SUCCESS';
  job: Job;
  subJobs: SubJobResult[];
  polls: number;
  elapsedMs: number;
}

/** Progress reported after every poll of {@link waitForJob}. */
export interface JobProgress {
  jobId: string;
  status: string;
  polls: number;
  elapsedMs: number;
  subJobsTotal?: number;
  /** Sub-jobs in SUCCESS or FAIL. */
  subJobsDone: number;
  job: Job;
}

/** Options of {@link waitForJob}. */
export interface WaitForJobOptions extends Omit<WaitOptions, 'what'> {
  onProgress?: (p: JobProgress) => void;
}

/** Reads one job (GET /v1/{project_id}/jobs/{job_id}); the client passes its `showJob` call. */
export type JobReader = (jobId: string, signal?: AbortSignal) => Promise<Job>;

function nonEmpty(v: string | null | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function subJobResult(s: SubJob): SubJobResult {
  const r: SubJobResult = { jobId: s.job_id, status: s.status };
  if (nonEmpty(s.job_type)) r.jobType = s.job_type;
  if (nonEmpty(s.entities?.server_id)) r.serverId = s.entities.server_id!;
  if (nonEmpty(s.entities?.nic_id)) r.nicId = s.entities.nic_id!;
  const code = nonEmpty(s.error_code);
  if (code) r.errorCode = code;
  const reason = nonEmpty(s.fail_reason) ?? nonEmpty(s.entities?.errorcode_message);
  if (reason) r.failReason = reason;
  return r;
}

/**
 * Polls a job until SUCCESS (resolving with the per-sub-job results) or FAIL (JobFailedError with
 * fail_reason, error_code and the failed sub-jobs); WaiterTimeoutError after `maxWaitMs`,
 * AbortError on abort.
 */
export async function waitForJob(
  read: JobReader,
  jobId: string,
  opts: WaitForJobOptions = {},
): Promise<JobResult> {
  const now = opts.now ?? (() => Date.now());
  const start = now();
  return waitFor<JobResult>(
    async (poll, signal) => {
      const job = await read(jobId, signal);
      if (typeof job !== 'object' || job === null || typeof job.status !== 'string')
        throw new ProtocolError(`The job ${jobId} answer has no status.`, { operation: 'showJob' });
      const subs = (Array.isArray(job.entities?.sub_jobs) ? job.entities.sub_jobs : []).map(subJobResult);
      const elapsedMs = now() - start;
      const progress: JobProgress = {
        jobId,
        status: job.status,
        polls: poll,
        elapsedMs,
        subJobsDone: subs.filter((s) => s.status === 'SUCCESS' || s.status === 'FAIL').length,
        job,
      };
      if (typeof job.entities?.sub_jobs_total === 'number')
        progress.subJobsTotal = job.entities.sub_jobs_total;
      opts.onProgress?.(progress);
      if (job.status === 'SUCCESS') {
        const result: JobResult = { jobId, status: 'SUCCESS', job, subJobs: subs, polls: poll, elapsedMs };
        if (nonEmpty(job.job_type)) result.jobType = job.job_type;
        return { done: true, value: result };
      }
      if (job.status === 'FAIL') {
        const failures: SubJobFailure[] = subs
          .filter((s) => s.status === 'FAIL')
          .map((s) => {
            const f: SubJobFailure = { jobId: s.jobId };
            if (s.serverId) f.serverId = s.serverId;
            if (s.errorCode) f.errorCode = s.errorCode;
            if (s.failReason) f.failReason = s.failReason;
            return f;
          });
        const init: ConstructorParameters<typeof JobFailedError>[0] = { jobId, subJobs: failures };
        if (nonEmpty(job.job_type)) init.jobType = job.job_type;
        const code = nonEmpty(job.error_code);
        if (code) init.errorCode = code;
        const reason = nonEmpty(job.fail_reason) ?? failures.find((f) => f.failReason)?.failReason;
        if (reason) init.failReason = reason;
        throw new JobFailedError(init);
      }
      return { done: false, status: job.status };
    },
    { ...opts, what: `job ${jobId}` },
  );
}
