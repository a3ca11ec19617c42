import type { OperationDef } from './types';

/** The job query (§5.8.1). */
export const jobOps = {
  showJob: {
    id: 'showJob',
    sdkName: 'showJob',
    section: '5.8.1',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'GET',
    path: '/v1/{project_id}/jobs/{job_id}',
    completion: 'sync',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
