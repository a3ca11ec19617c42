/**
 * Options and the runtime object every handler reaches through `ctx.sandbox`.
 */
import type { Scheduler } from './scheduler';
import type { SandboxState } from './state';

/** Fault injection, all off (0) by default. Rates are probabilities in [0, 1]. */
export interface FaultSpec {
  /** Share of requests answered with a 500/502/503 before any work. */
  errorRate: number;
  /** Share of requests whose connection is destroyed without an answer. */
  resetRate: number;
  /** Milliseconds added before every answer. */
  latencyMs: number;
  /** Share of sub-jobs that end in FAIL (with rollback). */
  jobFailureRate: number;
}

/** Options of `startSandbox`. */
export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Servers to seed at start when the state is new (default 0). */
  servers?: number;
  /** Disks in all when seeding servers (default one system disk each; the rest are data disks). */
  disks?: number;
  /** NICs in all when seeding servers (default one each; the rest are secondary NICs). */
  nics?: number;
  /** Simulated ms per real ms (default 1; Infinity = instantaneous). */
  speed?: number;
  /** JSON file to load at start and save to (debounced on change, and on close). */
  stateFile?: string;
  /** Requests per second per project; above it 429 Common.1503 (default unlimited). */
  rate?: number;
  /** Fault injection: an object or the CLI string `error=0.1,reset=0.05,latency=20,jobfail=0.2`. */
  faults?: Partial<FaultSpec> | string;
  /** Milliseconds of debounce for state saves (default 200). */
  saveDebounceMs?: number;
  /** Source of randomness for faults (default Math.random); tests can make it deterministic. */
  random?: () => number;
}

/** What a client needs to reach and log in to the sandbox. */
export interface SandboxInfo {
  endpoint: string;
  iamEndpoint: string;
  region: string;
  projectId: string;
  domainName: string;
  userName: string;
  password: string;
  ak: string;
  sk: string;
}

/** A temporary AK/SK/security-token triple (the X-Security-Token case). */
export interface TemporaryCredentials {
  ak: string;
  sk: string;
  securityToken: string;
  expiresAt: string;
}

/** Everything shared by handlers of one sandbox instance. */
export interface SandboxRuntime {
  state: SandboxState;
  scheduler: Scheduler;
  faults: FaultSpec;
  info: SandboxInfo;
  random: () => number;
}

/** Parses a faults spec string (`error=0.1,reset=0.05,latency=20,jobfail=0.2`); throws on bad input. */
export function parseFaults(spec: Partial<FaultSpec> | string | undefined): FaultSpec {
  const out: FaultSpec = { errorRate: 0, resetRate: 0, latencyMs: 0, jobFailureRate: 0 };
  if (spec === undefined) return out;
  if (typeof spec !== 'string') {
    Object.assign(out, spec);
  } else if (spec.trim() !== '') {
    const names: Record<string, keyof FaultSpec> = {
      error: 'errorRate',
      errors: 'errorRate',
      '5xx': 'errorRate',
      reset: 'resetRate',
      resets: 'resetRate',
      latency: 'latencyMs',
      jobfail: 'jobFailureRate',
      'job-fail': 'jobFailureRate',
    };
    for (const part of spec.split(',')) {
      const [k, v] = part.split('=');
      const key = names[(k ?? '').trim().toLowerCase()];
      const n = Number(v);
      if (!key || v === undefined || v.trim() === '' || !Number.isFinite(n))
        throw new Error(`bad faults spec "${part}": expected error=R, reset=R, latency=MS or jobfail=R`);
      out[key] = n;
    }
  }
  for (const k of ['errorRate', 'resetRate', 'jobFailureRate'] as const)
    if (!(out[k] >= 0 && out[k] <= 1)) throw new Error(`faults ${k} must be within [0, 1], got ${out[k]}`);
  if (!(out.latencyMs >= 0)) throw new Error(`faults latencyMs must be >= 0, got ${out.latencyMs}`);
  return out;
}
