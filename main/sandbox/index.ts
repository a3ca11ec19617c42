/**
 * The ECS region simulator ("Sandbox"): `startSandbox(opts)` and the types callers need.
 */
export { startSandbox, type FaultCounts, type Sandbox } from './server';
export type { SandboxInfo, SandboxOptions, FaultSpec, TemporaryCredentials } from './runtime';
export { parseFaults } from './runtime';
