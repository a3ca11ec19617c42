/**
 * Retry policy: which failures are worth another attempt, how long to wait (exponential backoff
 * with full jitter, or the server's `Retry-After`), and a bounded budget in attempts and time.
 *
 * Two attempt budgets: a cloud that answers but fails (5xx, a reset after the request left, flow
 * control) gets up to 8 attempts within the time budget, because such faults come in bursts and a
 * user's action should survive them (the fault scenario sends 200 operations through 20% failing
 * requests: with 4 attempts about one operation in 600 failed, one run in two had a failure; with 8
 * about one in 400,000). A request that never left this machine (DNS, refused, connect timeout:
 * offline, a wrong endpoint) gets 3, so an offline app says so in about a second instead of
 * backing off for half a minute.
 *
 * SECURITY/safety: a non-idempotent call is re-sent only when the request surely was not carried
 * out: the failure provably happened before it left this process (DNS, refused, connect timeout,
 * TLS, proxy tunnel), or flow control refused it (429, Common.1503, APIG.0308: refused before any
 * work), or it carries an `X-Client-Token` that makes the server de-duplicate it. Other failures
 * of such a call ({@link maybeDelivered}) are left to the reconciliation rules (`reconcile/`).
 */
import { AbortError, ApiError, NetworkError, THROTTLE_CODES, TimeoutError } from './errors';
import { failedBeforeSending } from './http';

/** Options of {@link RetryPolicy}; every duration is in milliseconds. */
export interface RetryOptions {
  /** Attempts in total, the first included (default 8). */
  maxAttempts?: number;
  /**
   * Attempts in total when the last failure never left this machine (DNS, refused, connect
   * timeout; default 3, never more than `maxAttempts`).
   */
  unreachableMaxAttempts?: number;
  /** Backoff base for network and 5xx failures (default 300). */
  baseDelayMs?: number;
  /** Backoff base for throttling (429, Common.1503, APIG.0308; default 1,000). */
  throttleBaseDelayMs?: number;
  /** Cap of one wait (default 20,000). */
  maxDelayMs?: number;
  /** Total time budget from the first attempt; no retry starts after it (default 60,000). */
  maxElapsedMs?: number;
  /** Clock (default Date.now). */
  now?: () => number;
  /** Abortable sleep (default a timer); tests inject one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random source in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
}

/** What the caller knows about the call being retried. */
export interface RetryContext {
  /** The operation may be re-sent after it reached the server. */
  idempotent: boolean;
  /** The request carries an `X-Client-Token` (the server de-duplicates re-sends). */
  clientToken?: boolean;
  signal?: AbortSignal;
  /** Told before each wait: the failure, the attempt that failed (1-based) and the delay. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Sleeps `ms`, rejecting with AbortError as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** True for a throttling answer (429 or a flow-control code). */
export function isThrottle(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.status === 429 || (err.apiCode !== undefined && THROTTLE_CODES.has(err.apiCode)))
  );
}

/**
 * True when a failed request may nevertheless have been carried out: the connection broke or timed
 * out after it may have left, or the server answered 5xx (which a gateway also sends when the
 * service behind it committed and then failed). False for failures that surely did nothing.
 */
export function maybeDelivered(err: unknown): boolean {
  if (err instanceof AbortError) return false;
  if (err instanceof NetworkError || err instanceof TimeoutError) return !failedBeforeSending(err);
  return err instanceof ApiError && err.status >= 500 && !isThrottle(err);
}

/** The retry policy; one instance may serve many clients (it keeps no per-call state). */
export class RetryPolicy {
  readonly maxAttempts: number;
  readonly unreachableMaxAttempts: number;
  readonly baseDelayMs: number;
  readonly throttleBaseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(opts: RetryOptions = {}) {
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 8);
    this.unreachableMaxAttempts = Math.max(1, Math.min(this.maxAttempts, opts.unreachableMaxAttempts ?? 3));
    this.baseDelayMs = opts.baseDelayMs ?? 300;
    this.throttleBaseDelayMs = opts.throttleBaseDelayMs ?? 1_000;
    this.maxDelayMs = opts.maxDelayMs ?? 20_000;
    this.maxElapsedMs = opts.maxElapsedMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
    this.random = opts.random ?? Math.random;
  }

  /** Whether `err` may be retried for a call of this kind (ignoring the budget). */
  isRetryable(err: unknown, ctx: Pick<RetryContext, 'idempotent' | 'clientToken'>): boolean {
    if (err instanceof AbortError) return false;
    const mayResend = ctx.idempotent || ctx.clientToken === true;
    if (err instanceof NetworkError || err instanceof TimeoutError) {
      return mayResend || failedBeforeSending(err);
    }
    // Flow control refuses a request before any work: safe to send again whatever the operation.
    if (err instanceof ApiError) return err.retryable && (mayResend || isThrottle(err));
    return false;
  }

  /** The attempt budget that applies after `err`. */
  attemptsFor(err: unknown): number {
    const unreachable =
      (err instanceof NetworkError || err instanceof TimeoutError) && failedBeforeSending(err);
    return unreachable ? this.unreachableMaxAttempts : this.maxAttempts;
  }

  /** The wait before attempt `attempt + 1`: full jitter over the capped exponential, or Retry-After. */
  delayFor(err: unknown, attempt: number): number {
    const base = isThrottle(err) ? this.throttleBaseDelayMs : this.baseDelayMs;
    const ceiling = Math.min(this.maxDelayMs, base * 2 ** (attempt - 1));
    const jittered = Math.floor(this.random() * ceiling);
    const retryAfter = err instanceof ApiError ? err.retryAfterMs : undefined;
    // The server's own figure wins over our guess, but is still capped so one answer cannot park us.
    if (retryAfter !== undefined) return Math.min(this.maxDelayMs, Math.max(retryAfter, jittered));
    return jittered;
  }

  /**
   * Runs `attempt` (given the 1-based attempt number) until it succeeds, the failure is not
   * retryable, or the budget is spent; rethrows the last failure. Throws AbortError on abort.
   */
  async run<T>(attempt: (n: number) => Promise<T>, ctx: RetryContext): Promise<T> {
    const start = this.now();
    for (let n = 1; ; n++) {
      if (ctx.signal?.aborted) throw new AbortError();
      try {
        return await attempt(n);
      } catch (err) {
        if (ctx.signal?.aborted && !(err instanceof AbortError)) throw new AbortError();
        if (n >= this.attemptsFor(err) || !this.isRetryable(err, ctx)) throw err;
        const delay = this.delayFor(err, n);
        if (this.now() - start + delay > this.maxElapsedMs) throw err;
        ctx.onRetry?.(err, n, delay);
        await this.sleep(delay, ctx.signal);
      }
    }
  }
}

/** A retry policy that never retries (for callers that handle failures themselves). */
export const NO_RETRY = new RetryPolicy({ maxAttempts: 1 });
