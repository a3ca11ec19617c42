/** The job tracker's public surface, for the composition root and the IPC layer. */
export { JobTracker, isSecretFree, type StartResult, type TrackerStats } from './tracker';
export { NOVA_GOALS, novaGoalFor } from './interpret';
export type * from './types';
export { FINAL_STATUSES } from './types';
