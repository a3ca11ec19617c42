/**
 * Types and helpers for benchmarks (`test/bench/*.bench.ts`), run by `npm run bench`.
 *
 * A benchmark module default-exports a {@link Bench}:
 *
 * ```ts
 * import { measureOps, type Bench } from './harness';
 *
 * export default {
 *   name: 'client',
 *   async run(ctx) {
 *     const ops = measureOps(() => doSomething(), { durationMs: ctx.durationMs });
 *     ctx.report({ metric: 'doSomething', value: ops, unit: 'ops/s' });
 *   },
 * } satisfies Bench;
 * ```
 *
 * Rules: print numbers, never assert times; keep a whole bench to a few seconds (use
 * `ctx.durationMs` per measurement, which `--quick` shortens); a ratio is just a metric with unit
 * `x`; clean up every server, timer and temp file before `run` resolves. Write progress with
 * `ctx.log` (stderr), never `console.log`, so that `--json` output stays one JSON object per line.
 */

/** One number a benchmark records. */
export interface BenchReport {
  /** What was measured, e.g. `sign (ours)` or `speedup vs SDK`. */
  metric: string;
  value: number;
  /** The unit: `ops/s`, `ms`, `MB/s`, `x` for ratios, ... */
  unit: string;
}

/** What the runner hands to {@link Bench.run}. */
export interface BenchContext {
  /** Records one number; it is printed in the table (or as a JSON line with `--json`). */
  report(r: BenchReport): void;
  /** Writes a progress or diagnostic line to stderr. */
  log(message: string): void;
  /** Suggested length of one timed measurement, in milliseconds (shorter with `--quick`). */
  durationMs: number;
  /** True with `--quick` (CI smoke runs): do less, keep the same metrics. */
  quick: boolean;
}

/** The default export of a `*.bench.ts` module. */
export interface Bench {
  /** Short unique name, used by `--only` and in the output. */
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

/** Options of {@link measureOps} and {@link measureOpsAsync}. */
export interface MeasureOptions {
  /** Timed duration in milliseconds (after warm-up). */
  durationMs: number;
  /** Warm-up duration in milliseconds (default a fifth of `durationMs`). */
  warmupMs?: number;
  /** Calls between clock reads (default 64): keeps the clock out of the measurement. */
  batch?: number;
}

/** Calls `fn` repeatedly for about `durationMs` and returns calls per second. */
export function measureOps(fn: (i: number) => unknown, opts: MeasureOptions): number {
  const batch = opts.batch ?? 64;
  let sink: unknown;
  const loop = (ms: number): number => {
    const end = performance.now() + ms;
    const start = performance.now();
    let n = 0;
    let t = start;
    while (t < end) {
      for (let i = 0; i < batch; i++) sink = fn(n + i);
      n += batch;
      t = performance.now();
    }
    return n / ((t - start) / 1000);
  };
  loop(opts.warmupMs ?? opts.durationMs / 5);
  const ops = loop(opts.durationMs);
  keep(sink);
  return ops;
}

/** Awaits `fn` repeatedly (one at a time) for about `durationMs` and returns calls per second. */
export async function measureOpsAsync(
  fn: (i: number) => Promise<unknown>,
  opts: MeasureOptions,
): Promise<number> {
  const loop = async (ms: number): Promise<number> => {
    const start = performance.now();
    const end = start + ms;
    let n = 0;
    let t = start;
    while (t < end) {
      await fn(n++);
      t = performance.now();
    }
    return n / ((t - start) / 1000);
  };
  await loop(opts.warmupMs ?? opts.durationMs / 5);
  return loop(opts.durationMs);
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

let blackhole: unknown;
/** Keeps a value observable so the optimiser cannot drop the work that produced it. */
export function keep(value: unknown): void {
  blackhole = value;
  if (blackhole === keep) console.error('unreachable');
}
