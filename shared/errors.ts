/**
 * Error data as it crosses process boundaries (IPC, logs, the harness bridge).
 * Plain, clone-safe objects: class instances do not survive structured cloning.
 */

/** Stable machine-readable kinds of failure; the renderer switches on these. */
export type ErrorCode =
  | 'API_ERROR'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'AUTH'
  | 'THROTTLED'
  | 'JOB_FAILED'
  | 'WAITER_TIMEOUT'
  | 'ABORTED'
  | 'VALIDATION'
  | 'PROTOCOL'
  | 'VAULT'
  | 'CONFIG'
  | 'INTERNAL';

/** One sub-failure, e.g. one server of a batch or one sub-job. */
export interface ErrorDetail {
  id?: string;
  code?: string;
  message?: string;
}

/** The clone-safe shape of every error of the app. */
export interface ErrorData {
  /** The error class name, e.g. `ApiError`. */
  name: string;
  code: ErrorCode;
  message: string;
  /** Whether the same request may succeed if tried again later. */
  retryable: boolean;
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** The cloud's own code, e.g. `Ecs.0114`, `Common.1503`, `IAM.0001`. */
  apiCode?: string;
  /** The request id from the response headers, for support tickets. */
  requestId?: string;
  /** The operation id from the operation table, e.g. `batchStopServers`. */
  operation?: string;
  /** What the user can do about it, in plain words. */
  hint?: string;
  details?: ErrorDetail[];
}

/** True when `value` has the shape of {@link ErrorData}. */
export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.code === 'string' && typeof v.message === 'string';
}
