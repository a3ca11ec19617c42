/**
 * Timed, asynchronous state transitions, scaled by a `speed` factor: a step of `ms` simulated
 * milliseconds fires after `ms / speed` real ones. `speed: Infinity` runs steps on the next
 * macrotask, in order. Timers are unref'd so a forgotten sandbox never keeps Node alive.
 */

/** Simulated durations (ms at speed 1) of the phases servers and jobs go through. */
export const DURATIONS = {
  /** One BUILD sub-phase (scheduling, block_device_mapping, networking, spawning). */
  buildPhase: 1000,
  start: 2000,
  stop: 2000,
  reboot: 3000,
  rebuildPhase: 1500,
  resizePhase: 1500,
  migrate: 3000,
  delete: 2000,
  nic: 1500,
  volume: 1500,
  /** INIT -> RUNNING of a job. */
  jobInit: 300,
  /** A generic short step (tags, metadata are synchronous; this is for image/snapshot creation). */
  short: 1000,
} as const;

/** Runs callbacks after scaled delays and tracks them for close(). */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  /**
   * @param speed simulated ms per real ms (> 0; Infinity = as fast as possible)
   * @param onStep called after every step (marks the state changed for persistence)
   * @param onError called when a step throws (a sandbox bug); the default rethrows asynchronously
   */
  constructor(
    readonly speed: number,
    private readonly onStep: () => void = () => {},
    private readonly onError: (err: unknown) => void = (err) => {
      throw err;
    },
  ) {
    if (!(speed > 0)) throw new Error(`speed must be > 0, got ${speed}`);
  }

  /** Real milliseconds for a simulated duration. */
  scale(ms: number): number {
    return Number.isFinite(this.speed) ? ms / this.speed : 0;
  }

  /** Runs `fn` after `ms` simulated milliseconds. */
  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      try {
        fn();
      } catch (err) {
        this.onError(err);
      }
      this.onStep();
      if (this.timers.size === 0) this.flushIdle();
    }, this.scale(ms));
    t.unref();
    this.timers.add(t);
  }

  /**
   * Runs steps one after another, each `ms` after the previous one. A step returning `false` stops
   * the chain (the work was cancelled or failed).
   */
  chain(steps: [number, () => void | boolean][]): void {
    const run = (i: number): void => {
      const step = steps[i];
      if (!step) return;
      this.after(step[0], () => {
        if (step[1]() === false) return;
        run(i + 1);
      });
    };
    run(0);
  }

  /** How many steps are pending. */
  get pending(): number {
    return this.timers.size;
  }

  /** Resolves when no step is pending (steps scheduled by steps included). */
  idle(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private flushIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  /** Cancels every pending step. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.flushIdle();
  }
}
