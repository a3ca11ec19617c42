import type { OperationDef } from './types';

/** Limit operations (§5.7.1, §6.10.1). */
export const limitOps = {
  showServerLimits: {
    id: 'showServerLimits',
    sdkName: 'showServerLimits',
    section: '5.7.1',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'GET',
    path: '/v1/{project_id}/cloudservers/limits',
    completion: 'sync',
    idempotent: true,
  },
  novaShowLimits: {
    id: 'novaShowLimits',
    section: '6.10.1',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/limits',
    query: ['project_id'],
    completion: 'sync',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
