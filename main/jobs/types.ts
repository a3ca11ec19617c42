/**
 * Contracts of the job tracker: what it tracks, what it asks of the cloud (injected functions, so
 * the tracker never imports the client), and the events it emits. Everything here is clone-safe
 * data, so a {@link TrackedJob} can cross IPC unchanged.
 */
import type { ErrorData } from '../../shared/errors';

/** Lifecycle of a tracked job: `pending` until the cloud reports it started, then final states. */
export type TrackedJobStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'unknown';

/** Final statuses: the tracker stops polling a job in one of these. */
export const FINAL_STATUSES: ReadonlySet<TrackedJobStatus> = new Set(['succeeded', 'failed', 'unknown']);

/** A server (or other resource) an operation acts on; `name` is for display only. */
export interface JobTarget {
  id: string;
  name?: string;
}

/** Status of one ECS sub-job, or of one server of a Nova action. */
export type SubJobStatus = 'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL';

/** The outcome of one sub-job (ECS) or one target server (Nova). */
export interface SubJobResult {
  /** The ECS sub-job id (absent for Nova actions). */
  jobId?: string;
  serverId?: string;
  nicId?: string;
  status: SubJobStatus;
  errorCode?: string;
  failReason?: string;
}

/**
 * What a server must look like for a Nova action to be done (A.3): `status` equal to the goal with
 * no `task_state`; `DELETED` is also reached when the server is gone (404).
 */
export interface ServerGoal {
  status: string;
}

/** How completion is observed: an ECS `job_id` (§5.8.1) or the status of the target servers. */
export type WaitSpec = { kind: 'ecsJob'; jobId: string } | { kind: 'serverStatus'; goal: ServerGoal };

/** One tracked asynchronous operation, as listed, persisted and sent to the renderer. */
export interface TrackedJob {
  /** Stable local id (never the cloud's job id, which Nova actions do not have). */
  id: string;
  accountId: string;
  region: string;
  /** Operation id from the operation table, e.g. `batchStopServers`. */
  operation: string;
  targets: JobTarget[];
  wait: WaitSpec;
  /** Epoch milliseconds when the job was registered. */
  createdAt: number;
  /** Epoch milliseconds when the cloud was first seen working on it (or finished). */
  startedAt?: number;
  /** Epoch milliseconds when the tracker observed the final status. */
  finishedAt?: number;
  status: TrackedJobStatus;
  subJobs: SubJobResult[];
  /** Set when `status` is `failed` or `unknown`. */
  error?: ErrorData;
  /** True when the operation is idempotent and its (non-secret) input is kept, so `retry()` may re-run it. */
  retryable: boolean;
  /** The operation input kept for `retry()`; absent unless `retryable`. */
  input?: unknown;
  /** Cloud job type and times from the job body (§5.8.1), for display and duration learning. */
  remote?: { jobType?: string; beginTime?: string; endTime?: string };
  /** Status requests made for this job so far. */
  polls: number;
  /** The local id of the job this one retries. */
  retryOf?: string;
}

/** A sub-job entry of the §5.8.1 job body, as on the wire. */
export interface EcsSubJobWire {
  status?: string;
  job_id?: string;
  job_type?: string;
  begin_time?: string | null;
  end_time?: string | null;
  error_code?: string | null;
  fail_reason?: string | null;
  entities?: { server_id?: string; nic_id?: string; errorcode_message?: string } | null;
}

/** The §5.8.1 `GET /v1/{project_id}/jobs/{job_id}` response body, as on the wire. */
export interface EcsJobWire {
  status?: string;
  job_id?: string;
  job_type?: string;
  begin_time?: string | null;
  end_time?: string | null;
  error_code?: string | null;
  fail_reason?: string | null;
  entities?: {
    server_id?: string;
    nic_id?: string;
    sub_jobs_total?: number;
    sub_jobs?: EcsSubJobWire[];
  } | null;
}

/** The fields of a server (Nova `server` or ECS `server`) that tell whether an action is done (A.3). */
export interface ServerSnapshot {
  status: string;
  /** `OS-EXT-STS:task_state`; null or absent when no task runs. */
  task_state?: string | null;
  /** `OS-EXT-STS:vm_state`. */
  vm_state?: string | null;
  /** Nova's `fault` of a server in ERROR. */
  fault?: { code?: number | string; message?: string } | null;
}

/** Reads an ECS job; the composition root wires it to `CloudClient.call('showJob', ...)`. */
export type FetchJob = (
  accountId: string,
  region: string,
  jobId: string,
  signal: AbortSignal,
) => Promise<EcsJobWire>;

/**
 * Reads a server's status; resolves `null` when the server does not exist (404). The composition
 * root wires it to `call('novaShowServer', ...)` and maps `OS-EXT-STS:*` to `task_state`/`vm_state`.
 */
export type FetchServer = (
  accountId: string,
  region: string,
  serverId: string,
  signal: AbortSignal,
) => Promise<ServerSnapshot | null>;

/** What `retry()` asks to run again. */
export interface ExecuteRequest {
  accountId: string;
  region: string;
  operation: string;
  input: unknown;
}

/** Re-runs an operation and says how to observe the new attempt; wired to the client by the composition root. */
export type Execute = (req: ExecuteRequest) => Promise<WaitSpec>;

/** Timer functions, injectable so tests can drive time. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Events the tracker emits; the IPC layer forwards them to the renderer. */
export type JobEvent =
  | { type: 'job.updated'; job: TrackedJob }
  | { type: 'job.removed'; id: string }
  | { type: 'journal.error'; error: ErrorData };

/** Receives tracker events. */
export type JobListener = (event: JobEvent) => void;

/** A request to track a new job (returned by `track()` as a {@link TrackedJob}). */
export interface TrackRequest {
  accountId: string;
  region: string;
  operation: string;
  targets: JobTarget[];
  wait: WaitSpec;
  /**
   * The operation's input, given only for idempotent operations: the job is then retryable. Inputs
   * holding secrets are never kept (see `isSecretFree`).
   */
  retryInput?: unknown;
  /** Set by `retry()`. */
  retryOf?: string;
}

/** Tuning of the tracker; every field has a default. */
export interface JobTrackerOptions {
  /** Shortest delay between two polls of one job, ms (default 1000). */
  minIntervalMs?: number;
  /** Longest delay between two polls of one job, ms (default 15000). */
  maxIntervalMs?: number;
  /** Concurrent status requests per account (default 4). */
  maxConcurrentPerAccount?: number;
  /** Finished jobs kept in the journal (default 500). */
  historyLimit?: number;
  /** Jobs that ran at least this long notify when the window is unfocused, ms (default 10000). */
  notifyAfterMs?: number;
  /** Consecutive non-retryable poll errors after which a job is marked `unknown` (default 3). */
  maxPollErrors?: number;
  /**
   * Scale of the per-operation duration priors (`priors.ts`): real ms per prior ms (default 1; a
   * sped-up Sandbox passes `priorTimeScale(speed)`); 0 turns the priors off (pure cold start). A
   * function gives the scale per account (the built-in Sandbox runs faster than a cloud).
   */
  priorTimeScale?: number | ((accountId: string) => number);
}

/** Everything the tracker needs from the outside world. */
export interface JobTrackerDeps {
  /** Path of the journal file (`jobs.json` in the app's data folder). */
  journalPath: string;
  fetchJob: FetchJob;
  fetchServer: FetchServer;
  /** Needed by `retry()`; without it no job can be retried. */
  execute?: Execute;
  /** Receives every event (the IPC bridge); `subscribe()` adds more listeners. */
  onEvent?: JobListener;
  /** Called when a job that ran longer than `notifyAfterMs` ends while the window is unfocused. */
  notify?: (job: TrackedJob) => void;
  isWindowFocused?: () => boolean;
  clock?: Clock;
  options?: JobTrackerOptions;
}
