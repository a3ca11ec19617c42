/**
 * Options and the runtime object every handler reaches through `ctx.sandbox`.
 */
import type { FaultSpec } from './faults';
import type { Scheduler } from './scheduler';
import type { SandboxState } from './state';

export { parseFaults, type FaultSpec } from './faults';

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
  /** Fault injection: an object or the CLI string `error=0.1,reset=0.05,drop=0.05,latency=20,jobfail=0.2` (see faults.ts). */
  faults?: Partial<FaultSpec> | string;
  /** Milliseconds of debounce for state saves (default 200). */
  saveDebounceMs?: number;
  /** Source of randomness for faults (default Math.random); tests can make it deterministic. */
  random?: () => number;
  /** Regions to simulate, each with its own endpoint (listener) and project per account (default 1). */
  regions?: number;
  /** Accounts (domains) to simulate, each with its own user, password and AK/SK (default 1). */
  accounts?: number;
}

/** One account in one region of a multi-scope sandbox: what a client needs to reach it. */
export interface SandboxScopeInfo {
  /** 1-based account number. */
  account: number;
  region: string;
  /** This region's ECS/VPC endpoint (one listener per region). */
  endpoint: string;
  /** The global IAM endpoint (the first region's listener). */
  iamEndpoint: string;
  projectId: string;
  domainName: string;
  userName: string;
  password: string;
  ak: string;
  sk: string;
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
  /** Every account x region the sandbox simulates (one entry when single-scope); the fields above are the first. */
  scopes?: SandboxScopeInfo[];
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
  /**
   * Every scope of a multi-scope sandbox (this one included): IAM is global, so token issue and
   * project listing look across them. Absent for a single-scope sandbox.
   */
  directory?: SandboxRuntime[];
}
