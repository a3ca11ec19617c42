/**
 * Flow control per account + region: a concurrency limit and a token bucket, shared by every
 * client of the same account and region, which halves its rate for a while when the cloud throttles.
 *
 * Default numbers (the API reference states no request quotas, only the Common.1503 / APIG.0308
 * flow-control codes and "A maximum of 1,000 ECSs can be started/restarted/stopped in one
 * minute", §5.3):
 * - rate 10 requests/s, burst 20: a 1,000-server batch done as per-server calls (Nova actions,
 *   tag writes) takes ~100 s, i.e. under 1,000 per minute even counting the job polls; a
 *   10,000-server listing (10 pages of 1,000) is 10 requests and fits in the burst.
 * - concurrency 8: enough to hide round trips (8 x 10/s needs ~800 ms latency to bind), few enough
 *   that a single account never opens more than 8 sockets per region (the transport allows 16).
 * - on throttling: rate halved (floor 0.5/s), restored by doubling after each 30 s without a new
 *   throttle.
 */
import { AbortError } from './errors';

/** Options of {@link Limiter}. */
export interface LimiterOptions {
  /** Requests per second, sustained (default 10). `Infinity` disables the bucket. */
  rate?: number;
  /** Bucket size: requests that may start at once after a quiet period (default 20). */
  burst?: number;
  /** Requests in flight at most (default 8). */
  concurrency?: number;
  /** Lowest rate the slow-down may reach, per second (default 0.5). */
  minRate?: number;
  /** How long a slow-down lasts before the rate doubles back, in milliseconds (default 30,000). */
  cooldownMs?: number;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
}

/** Default limiter settings (see the file comment for why these numbers). */
export const DEFAULT_LIMITS = {
  rate: 10,
  burst: 20,
  concurrency: 8,
  minRate: 0.5,
  cooldownMs: 30_000,
} as const;

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** A concurrency limit plus token bucket; `acquire()` resolves with a release function. */
export class Limiter {
  readonly baseRate: number;
  readonly burst: number;
  readonly concurrency: number;
  private readonly minRate: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private rateNow: number;
  private tokens: number;
  private last: number;
  private slowUntil = 0;
  private active = 0;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: LimiterOptions = {}) {
    this.baseRate = opts.rate ?? DEFAULT_LIMITS.rate;
    this.burst = Math.max(1, opts.burst ?? DEFAULT_LIMITS.burst);
    this.concurrency = Math.max(1, opts.concurrency ?? DEFAULT_LIMITS.concurrency);
    this.minRate = opts.minRate ?? DEFAULT_LIMITS.minRate;
    this.cooldownMs = opts.cooldownMs ?? DEFAULT_LIMITS.cooldownMs;
    this.now = opts.now ?? (() => Date.now());
    this.rateNow = this.baseRate;
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** The current rate in requests per second (lower than the base rate while slowed down). */
  get rate(): number {
    this.maybeRecover(this.now());
    return this.rateNow;
  }

  /** Requests currently holding a slot. */
  get inFlight(): number {
    return this.active;
  }

  /** Requests waiting for a slot or a token. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Takes a slot and a token at once when both are free (nobody queued); undefined otherwise. */
  tryAcquire(): (() => void) | undefined {
    if (this.queue.length === 0 && this.active < this.concurrency && this.take()) {
      this.active++;
      return this.releaser();
    }
    return undefined;
  }

  /**
   * Waits for a slot and a token; resolves with the function that frees the slot (call it once,
   * when the request ends). Rejects with AbortError when `signal` aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortError());
    // Fast path: nobody queued, a slot and a token free.
    if (this.queue.length === 0 && this.active < this.concurrency && this.take()) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = { resolve, reject };
      if (signal) {
        w.signal = signal;
        w.onAbort = () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new AbortError());
          this.pump();
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.queue.push(w);
      this.pump();
    });
  }

  /** Runs `fn` inside a slot; the slot is freed however `fn` ends. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Tells the limiter the cloud throttled us: halves the rate and restarts the cooldown. */
  onThrottled(): void {
    const t = this.now();
    this.refill(t);
    this.rateNow = Math.max(this.minRate, Math.min(this.rateNow, this.baseRate) / 2);
    this.slowUntil = t + this.cooldownMs;
    // Drop the saved-up burst too, or the next second would undo the slow-down.
    this.tokens = Math.min(this.tokens, 1);
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      this.pump();
    };
  }

  private maybeRecover(t: number): void {
    while (this.rateNow < this.baseRate && t >= this.slowUntil) {
      this.rateNow = Math.min(this.baseRate, this.rateNow * 2);
      this.slowUntil += this.cooldownMs;
    }
  }

  private refill(t: number): void {
    this.maybeRecover(t);
    if (t > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rateNow);
      this.last = t;
    }
  }

  private take(): boolean {
    if (this.rateNow === Infinity && this.baseRate === Infinity) return true;
    this.refill(this.now());
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < this.concurrency) {
      if (!this.take()) {
        this.schedule();
        return;
      }
      const w = this.queue.shift()!;
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      this.active++;
      w.resolve(this.releaser());
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) / this.rateNow) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, wait);
  }
}

const registry = new Map<string, Limiter>();

/**
 * The limiter shared by every client of `accountId` in `region` (created with `opts` on first
 * use; later options are ignored so that all clients agree on one budget).
 */
export function limiterFor(accountId: string, region: string, opts?: LimiterOptions): Limiter {
  const key = `${accountId}\u0000${region}`;
  let l = registry.get(key);
  if (!l) {
    l = new Limiter(opts);
    registry.set(key, l);
  }
  return l;
}

/** Forgets the limiters of one account (after it is removed), or of every account. */
export function dropLimiters(accountId?: string): void {
  if (accountId === undefined) {
    registry.clear();
    return;
  }
  for (const key of [...registry.keys()]) if (key.startsWith(`${accountId}\u0000`)) registry.delete(key);
}
