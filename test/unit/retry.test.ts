import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, ApiError, NetworkError, ThrottledError, TimeoutError } from '../../main/cloud/errors';
import { Transport } from '../../main/cloud/http';
import { RetryPolicy, abortableSleep, maybeDelivered } from '../../main/cloud/retry';

const busy = () => new ApiError({ status: 503, message: 'busy' });
const throttled = (retryAfterMs?: number) =>
  new ThrottledError({
    status: 429,
    apiCode: 'Common.1503',
    message: 'flow control',
    ...(retryAfterMs ? { retryAfterMs } : {}),
  });

/** A NetworkError the transport marks as "failed before sending" (ECONNREFUSED). */
function refused(): NetworkError {
  const t = new Transport({ proxy: 'direct' });
  return t.mapError(
    Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    new URL('https://h.example'),
  ) as NetworkError;
}

function failing(errors: unknown[], value = 'ok') {
  let i = 0;
  const fn = vi.fn(async () => {
    const e = errors[i++];
    if (e !== undefined) throw e;
    return value;
  });
  return fn;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RetryPolicy', () => {
  it('retries idempotent calls on 5xx, network errors and timeouts until success', async () => {
    const sleeps: number[] = [];
    const p = new RetryPolicy({ sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
    const fn = failing([busy(), new NetworkError('reset'), new TimeoutError('slow')]);
    await expect(p.run(fn, { idempotent: true })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(4);
    // Full jitter over base * 2^(n-1): 0.5 * 300, 0.5 * 600, 0.5 * 1200.
    expect(sleeps).toEqual([150, 300, 600]);
  });

  it('uses full jitter: the delay spans [0, ceiling) with the random source', async () => {
    const p = new RetryPolicy({ baseDelayMs: 1000, maxDelayMs: 5000 });
    const lo = new RetryPolicy({ baseDelayMs: 1000, maxDelayMs: 5000, random: () => 0 });
    const hi = new RetryPolicy({ baseDelayMs: 1000, maxDelayMs: 5000, random: () => 0.999 });
    expect(lo.delayFor(busy(), 3)).toBe(0);
    expect(hi.delayFor(busy(), 3)).toBe(3996);
    expect(hi.delayFor(busy(), 10)).toBe(4995); // capped at maxDelayMs
    expect(p.delayFor(busy(), 1)).toBeLessThan(1000);
  });

  it('backs off longer for throttling and honours Retry-After over the jitter', () => {
    const p = new RetryPolicy({ random: () => 0.5, throttleBaseDelayMs: 2000, maxDelayMs: 30_000 });
    expect(p.delayFor(throttled(), 1)).toBe(1000);
    expect(p.delayFor(throttled(7000), 1)).toBe(7000);
    expect(p.delayFor(throttled(60_000), 1)).toBe(30_000);
  });

  it('does not retry a non-idempotent call that may have reached the server', async () => {
    const p = new RetryPolicy({ sleep: async () => {} });
    for (const err of [busy(), new NetworkError('reset'), new TimeoutError('headers')]) {
      const fn = failing([err]);
      await expect(p.run(fn, { idempotent: false })).rejects.toBe(err);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(maybeDelivered(err)).toBe(true);
    }
  });

  it('retries a throttled non-idempotent call: flow control refuses a request before any work', async () => {
    const p = new RetryPolicy({ sleep: async () => {} });
    const fn = failing([throttled(), throttled()]);
    await expect(p.run(fn, { idempotent: false })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(maybeDelivered(throttled())).toBe(false);
    expect(maybeDelivered(refused())).toBe(false);
    expect(maybeDelivered(new ApiError({ status: 400, apiCode: 'Ecs.0005', message: 'bad' }))).toBe(false);
  });

  it('retries a non-idempotent call when the connection failed before sending', async () => {
    const p = new RetryPolicy({ sleep: async () => {} });
    const fn = failing([refused()]);
    await expect(p.run(fn, { idempotent: false })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('retries a non-idempotent call that carries a client token', async () => {
    const p = new RetryPolicy({ sleep: async () => {} });
    const fn = failing([busy(), new NetworkError('reset')]);
    await expect(p.run(fn, { idempotent: false, clientToken: true })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('never retries 4xx errors other than throttling', async () => {
    const p = new RetryPolicy({ sleep: async () => {} });
    const err = new ApiError({ status: 400, apiCode: 'Ecs.0005', message: 'bad' });
    const fn = failing([err]);
    await expect(p.run(fn, { idempotent: true })).rejects.toBe(err);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('stops after maxAttempts and rethrows the last failure', async () => {
    const p = new RetryPolicy({ maxAttempts: 3, sleep: async () => {} });
    const errs = [busy(), busy(), busy(), busy()];
    const fn = failing(errs);
    await expect(p.run(fn, { idempotent: true })).rejects.toBe(errs[2]);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('gives a cloud that answers 8 attempts, an unreachable one 3 (offline says so quickly)', async () => {
    const p = new RetryPolicy({ sleep: async () => {}, random: () => 0 });
    const answered = Array.from({ length: 9 }, busy);
    const fa = failing(answered);
    await expect(p.run(fa, { idempotent: true })).rejects.toBe(answered[7]);
    expect(fa).toHaveBeenCalledTimes(8);
    const unreachable = Array.from({ length: 9 }, refused);
    const fu = failing(unreachable);
    await expect(p.run(fu, { idempotent: true })).rejects.toBe(unreachable[2]);
    expect(fu).toHaveBeenCalledTimes(3);
    // A failure that reached the server after two unreachable ones still gets the larger budget.
    const mixed = [refused(), refused(), busy(), busy(), busy()];
    const fm = failing(mixed);
    await expect(p.run(fm, { idempotent: true })).resolves.toBe('ok');
    expect(fm).toHaveBeenCalledTimes(6);
    expect(new RetryPolicy({ maxAttempts: 2 }).unreachableMaxAttempts).toBe(2);
  });

  it('stops when the next wait would exceed the time budget', async () => {
    let now = 0;
    const p = new RetryPolicy({
      maxElapsedMs: 10_000,
      now: () => now,
      sleep: async (ms) => void (now += ms),
      random: () => 0.5,
    });
    const errs = [throttled(6000), throttled(6000), throttled(6000)];
    const fn = failing(errs);
    await expect(p.run(fn, { idempotent: true })).rejects.toBe(errs[1]);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('waits with real timers (fake clock) and aborts during the backoff', async () => {
    vi.useFakeTimers();
    const p = new RetryPolicy({ random: () => 0.5, baseDelayMs: 1000 });
    const fn = failing([busy(), busy()]);
    const done = p.run(fn, { idempotent: true });
    await vi.advanceTimersByTimeAsync(499);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(done).resolves.toBe('ok');

    const ac = new AbortController();
    const fn2 = failing([busy(), busy()]);
    const aborted = p.run(fn2, { idempotent: true, signal: ac.signal });
    const check = expect(aborted).rejects.toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(100);
    ac.abort();
    await check;
    expect(fn2).toHaveBeenCalledTimes(1);
  });

  it('abortableSleep rejects at once for an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(abortableSleep(10_000, ac.signal)).rejects.toBeInstanceOf(AbortError);
  });
});
