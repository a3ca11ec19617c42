/**
 * Per-operation duration priors: how long each kind of job usually takes before anything was
 * learned (a cold start: new install, new job kind). Without them the first job of every kind is
 * polled like a naive 1 s poller (~5 polls for a 5 s job); with them the first poll lands just
 * after the usual end.
 *
 * Source: the API Reference states no durations, so the figures come from the Sandbox's timing
 * model (sandbox/scheduler.ts DURATIONS: job INIT 0.3 s, then the steps of each action) at the
 * cloud-like pace the benchmarks use (Sandbox speed 0.5, i.e. twice the Sandbox's own
 * milliseconds). A real cloud is slower; the learner (durations.ts) takes over from the first
 * finished job of a kind, so a prior only shapes the first few polls.
 */

/** Typical durations (ms) from the request to the end of the job, at the nominal pace. */
export const DURATION_PRIORS_MS: Readonly<Record<string, number>> = {
  // ECS jobs (§5.8.1): INIT 0.3 s, then the action.
  createServers: 8_600, // 4 build phases of 1 s
  deleteServers: 4_600,
  batchStartServers: 4_600,
  batchStopServers: 4_600,
  batchRebootServers: 6_600,
  reinstallServerOs: 9_600, // rebuild: stop, 2 phases, start
  changeServerOs: 9_600,
  migrateServer: 6_600,
  resizeServer: 12_600, // 4 resize phases of 1.5 s
  attachServerVolume: 3_600,
  detachServerVolume: 3_600,
  batchAddServerNics: 3_600,
  batchDeleteServerNics: 3_600,
  // Nova actions, tracked by server status (no job INIT).
  novaCreateServer: 8_000,
  novaCreateServerOsVolumesBoot: 8_000,
  novaDeleteServer: 4_000,
  novaStartServer: 4_000,
  novaStopServer: 4_000,
  novaRebootServer: 6_000,
  novaRebuildServer: 9_000,
  novaResizeServer: 12_000,
  novaConfirmResize: 2_000,
  novaRevertResize: 6_000,
};

/** The Sandbox speed the priors' milliseconds correspond to. */
export const PRIOR_SANDBOX_SPEED = 0.5;

/**
 * The time scale to apply to priors for a Sandbox running at `speed` (simulated ms per real ms):
 * a Sandbox at speed 10 ends jobs 20 times sooner than the priors say.
 */
export function priorTimeScale(speed: number): number {
  return Number.isFinite(speed) && speed > 0 ? PRIOR_SANDBOX_SPEED / speed : 0;
}

/** A prior as the scheduler's range: the first poll a little after the usual end, "long" well past it. */
export interface PriorRange {
  low: number;
  high: number;
}

/** Margin after the usual end for the first poll: timers and the network make an exact guess land early half the time. */
const LOW_FACTOR = 1.08;
const LOW_MARGIN_MS = 150;
const HIGH_FACTOR = 1.6;

/** The prior range of `operation` scaled by `timeScale` (real ms per nominal ms), or undefined when there is none. */
export function priorRange(operation: string, timeScale = 1): PriorRange | undefined {
  const typical = DURATION_PRIORS_MS[operation];
  if (typical === undefined || !(timeScale >= 0)) return undefined;
  const t = typical * timeScale;
  return {
    low: Math.round(t * LOW_FACTOR + LOW_MARGIN_MS * Math.min(1, timeScale)),
    high: Math.round(t * HIGH_FACTOR),
  };
}
