/**
 * The cloud client's errors: ApiError (and AuthError, ThrottledError) for answers, NetworkError,
 * TimeoutError and AbortError for the transport, job and waiter failures, validation, protocol and
 * configuration errors; all extend AppError (`main/app-error.ts`). Also how an error answer is
 * parsed and which ones are worth a retry.
 */
import type { ErrorCode, ErrorData, ErrorDetail } from '../../shared/errors';
import { AppError } from '../app-error';

/** Fields of an error answered by the cloud API. */
export interface ApiErrorInit {
  status: number;
  apiCode?: string;
  message: string;
  requestId?: string;
  operation?: string;
  details?: ErrorDetail[];
  retryAfterMs?: number;
}

/** The cloud answered with an error status (4xx/5xx), or a 2xx whose body reports a failure. */
export class ApiError extends AppError {
  readonly status: number;
  readonly apiCode?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly details?: ErrorDetail[];
  /** Server-requested delay before a retry (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(init: ApiErrorInit, code: ErrorCode = 'API_ERROR') {
    super(code, init.message, {
      retryable: isRetryableStatus(init.status, init.apiCode),
      hint: hintFor(init),
    });
    this.status = init.status;
    if (init.apiCode !== undefined) this.apiCode = init.apiCode;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.operation !== undefined) this.operation = init.operation;
    if (init.details !== undefined) this.details = init.details;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  override toData(): ErrorData {
    const data = super.toData();
    data.status = this.status;
    if (this.apiCode !== undefined) data.apiCode = this.apiCode;
    if (this.requestId !== undefined) data.requestId = this.requestId;
    if (this.operation !== undefined) data.operation = this.operation;
    if (this.details !== undefined) data.details = this.details.map((d) => ({ ...d }));
    return data;
  }
}

/** 401/403 from the cloud or IAM: the credentials or permissions are wrong. */
export class AuthError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(init, 'AUTH');
  }
}

/** 429 or a flow-control code: the cloud asks us to slow down. */
export class ThrottledError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(init, 'THROTTLED');
  }
}

/** The request never got an HTTP answer: DNS, connect, TLS, reset, proxy. */
export class NetworkError extends AppError {
  readonly operation?: string;
  constructor(message: string, opts: { operation?: string; cause?: unknown; hint?: string } = {}) {
    super('NETWORK', message, {
      retryable: true,
      cause: opts.cause,
      hint: opts.hint ?? 'Check the network connection and proxy settings.',
    });
    if (opts.operation !== undefined) this.operation = opts.operation;
  }
}

/** A connect, headers or body timeout elapsed. */
export class TimeoutError extends AppError {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super('TIMEOUT', message, {
      retryable: true,
      cause: opts.cause,
      hint: 'The cloud did not answer in time; try again.',
    });
  }
}

/** The caller aborted (AbortSignal). Never retried. */
export class AbortError extends AppError {
  constructor(message = 'The request was cancelled.', opts: { cause?: unknown } = {}) {
    super('ABORTED', message, { retryable: false, cause: opts.cause });
  }
}

/** Result of one sub-job of a failed job. */
export interface SubJobFailure {
  jobId?: string;
  serverId?: string;
  errorCode?: string;
  failReason?: string;
}

/** An asynchronous job ended in `FAIL`; carries the job's `fail_reason` and `error_code`. */
export class JobFailedError extends AppError {
  readonly jobId: string;
  readonly jobType?: string;
  readonly errorCode?: string;
  readonly failReason?: string;
  readonly subJobs: SubJobFailure[];

  constructor(init: {
    jobId: string;
    jobType?: string;
    errorCode?: string;
    failReason?: string;
    subJobs?: SubJobFailure[];
  }) {
    super(
      'JOB_FAILED',
      `Job ${init.jobId}${init.jobType ? ` (${init.jobType})` : ''} failed: ${init.failReason ?? init.errorCode ?? 'no reason given'}`,
      {
        retryable: false,
      },
    );
    this.jobId = init.jobId;
    if (init.jobType !== undefined) this.jobType = init.jobType;
    if (init.errorCode !== undefined) this.errorCode = init.errorCode;
    if (init.failReason !== undefined) this.failReason = init.failReason;
    this.subJobs = init.subJobs ?? [];
  }

  override toData(): ErrorData {
    const data = super.toData();
    if (this.errorCode !== undefined) data.apiCode = this.errorCode;
    data.details = this.subJobs.map((s) => ({
      id: s.serverId ?? s.jobId,
      code: s.errorCode,
      message: s.failReason,
    }));
    return data;
  }
}

/** A waiter gave up after its maximum wait; the job may still finish. */
export class WaiterTimeoutError extends AppError {
  readonly polls: number;
  readonly lastStatus?: string;
  constructor(message: string, polls: number, lastStatus?: string) {
    super('WAITER_TIMEOUT', message, {
      retryable: true,
      hint: 'The job is still running in the cloud; check the Activity view later.',
    });
    this.polls = polls;
    if (lastStatus !== undefined) this.lastStatus = lastStatus;
  }
}

/** Bad input from the caller (before anything is sent). */
export class ValidationError extends AppError {
  constructor(message: string, hint?: string) {
    super('VALIDATION', message, { retryable: false, hint });
  }
}

/** A response that does not have the shape the API promises (bad JSON, missing fields). */
export class ProtocolError extends AppError {
  readonly status?: number;
  readonly operation?: string;
  constructor(message: string, opts: { status?: number; operation?: string; cause?: unknown } = {}) {
    super('PROTOCOL', message, { retryable: false, cause: opts.cause });
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.operation !== undefined) this.operation = opts.operation;
  }
}

/** Bad configuration: unknown region, malformed endpoint, bad proxy URL. */
export class ConfigError extends AppError {
  constructor(message: string, hint?: string) {
    super('CONFIG', message, { retryable: false, hint });
  }
}

/** API codes that mean "slow down" whatever the HTTP status says (A.2 lists Common.0024 as 202). */
export const THROTTLE_CODES: ReadonlySet<string> = new Set([
  'Common.1503',
  'APIG.0308',
  'Common.0024',
  'APIGW.0308',
]);

/** Whether a status/code pair is worth retrying for an idempotent call. */
export function isRetryableStatus(status: number, apiCode?: string): boolean {
  if (apiCode !== undefined && THROTTLE_CODES.has(apiCode)) return true;
  if (apiCode === 'Ecs.0603') return true; // "commands being executed, try again in 1 minute" (501)
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

function hintFor(init: ApiErrorInit): string | undefined {
  const code = init.apiCode ?? '';
  if (init.status === 401)
    return 'The credentials were refused: check the access key and secret key, or sign in again.';
  if (init.status === 403 || code === 'Pdp.0001' || code === 'Ecs.0110')
    return 'This account lacks permission for the operation: ask the account administrator for the IAM policy.';
  if (init.status === 429 || THROTTLE_CODES.has(code))
    return 'The cloud is throttling requests; the app will slow down and retry.';
  if (code === 'Ecs.0605') return 'The server is locked: unlock it first.';
  if (code === 'Ecs.0100')
    return 'The server is not in a state that allows this action (for example, stop it first).';
  if (code === 'Ecs.0114' || code === 'Ecs.0614' || init.status === 404)
    return 'The resource no longer exists: refresh the list.';
  if (code === 'Ecs.0001')
    return 'The quota is exhausted: delete unused resources or ask for a higher quota.';
  if (code === 'Ecs.0023' || code === 'Common.0018')
    return "The project id does not match the region: check the account's project settings.";
  if (init.status >= 500) return 'The cloud had an internal error; try again later.';
  return undefined;
}

/**
 * Builds the right error for an HTTP error response, parsing every body format the ECS API uses
 * (NOTES.md §4): ECS `{"error":{code,message,details}}` (also with code and message swapped, as
 * one doc example does), batch `internalError[]`, flat `error_code`/`error_msg`, job-query
 * top-level `code`/`message`, and Nova-style `{"itemNotFound":{"message","code"}}`.
 */
export function errorFromResponse(input: {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  operation?: string;
}): ApiError {
  const parsed = parseErrorBody(input.body);
  const requestId =
    headerValue(input.headers, 'x-request-id') ??
    headerValue(input.headers, 'x-openstack-request-id') ??
    headerValue(input.headers, 'x-compute-request-id');
  const retryAfter = parseRetryAfter(headerValue(input.headers, 'retry-after'));
  const init: ApiErrorInit = {
    status: input.status,
    message:
      parsed.message ?? (input.body.trim() ? truncate(input.body.trim(), 300) : `HTTP ${input.status}`),
  };
  if (parsed.code !== undefined) init.apiCode = parsed.code;
  if (parsed.details !== undefined) init.details = parsed.details;
  if (requestId !== undefined) init.requestId = requestId;
  if (input.operation !== undefined) init.operation = input.operation;
  if (retryAfter !== undefined) init.retryAfterMs = retryAfter;
  if (input.status === 429 || (parsed.code !== undefined && THROTTLE_CODES.has(parsed.code)))
    return new ThrottledError(init);
  if (input.status === 401 || input.status === 403) return new AuthError(init);
  return new ApiError(init);
}

/** The code, message and details found in an error body of any known format. */
export interface ParsedErrorBody {
  code?: string;
  message?: string;
  details?: ErrorDetail[];
}

const CODE_RE = /^[A-Za-z]+\.[0-9A-Za-z]{3,5}$/;

/** Parses an error body of any format in NOTES.md §4; returns {} for unparseable text. */
export function parseErrorBody(body: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const obj = json as Record<string, unknown>;
  const out: ParsedErrorBody = {};

  const err = obj.error;
  if (typeof err === 'object' && err !== null && !Array.isArray(err)) {
    const e = err as Record<string, unknown>;
    let code = str(e.code);
    let message = str(e.message);
    // §5.1.1's first example swaps the fields: {"code":"request body is illegal.","message":"Ecs.0005"}.
    if (code !== undefined && message !== undefined && !CODE_RE.test(code) && CODE_RE.test(message))
      [code, message] = [message, code];
    if (code !== undefined) out.code = code;
    if (message !== undefined) out.message = message;
    if (Array.isArray(e.details))
      out.details = e.details
        .filter(isObj)
        .map((d) => compactDetail({ code: str(d.code), message: str(d.message) }));
  } else if (typeof err === 'string') {
    out.message = err;
  }
  // §10.4.1 batch style: per-server failures.
  if (Array.isArray(obj.internalError)) {
    const items = obj.internalError
      .filter(isObj)
      .map((d) => compactDetail({ id: str(d.id), code: str(d.error_code), message: str(d.error_message) }));
    out.details = [...(out.details ?? []), ...items];
  }
  // §4.3 flat style.
  if (out.code === undefined && str(obj.error_code) !== undefined) out.code = str(obj.error_code);
  if (out.message === undefined && str(obj.error_msg) !== undefined) out.message = str(obj.error_msg);
  // Job-query failures (§5.8.1) and IAM bodies: top-level code/message.
  if (out.code === undefined && str(obj.code) !== undefined) out.code = str(obj.code);
  if (out.message === undefined && str(obj.message) !== undefined) out.message = str(obj.message);
  // Job bodies: fail_reason.
  if (out.message === undefined && str(obj.fail_reason) !== undefined) out.message = str(obj.fail_reason);
  // Nova style: one top-level key (itemNotFound, badRequest, computeFault, conflictingRequest, overLimit, forbidden...).
  if (out.message === undefined) {
    const keys = Object.keys(obj);
    if (keys.length === 1 && isObj(obj[keys[0]!])) {
      const inner = obj[keys[0]!] as Record<string, unknown>;
      const message = str(inner.message);
      if (message !== undefined) out.message = message;
      const code = inner.code;
      if (out.code === undefined && typeof code === 'string') out.code = code;
      if (out.code === undefined) out.code = keys[0];
    }
  }
  return out;
}

function compactDetail(d: ErrorDetail): ErrorDetail {
  const out: ErrorDetail = {};
  if (d.id !== undefined) out.id = d.id;
  if (d.code !== undefined) out.code = d.code;
  if (d.message !== undefined) out.message = d.message;
  return out;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Reads one header from a Node/undici header record, case-insensitively. */
export function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
