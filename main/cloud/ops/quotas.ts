import type { OperationDef } from './types';

/** Nova quota-set operations (§6.10.2, §6.10.3). */
export const quotaOps = {
  novaShowQuotaSet: {
    id: 'novaShowQuotaSet',
    section: '6.10.2',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/os-quota-sets/{project_id}',
    query: ['user_id'],
    completion: 'sync',
    idempotent: true,
  },
  novaShowQuotaSetDefaults: {
    id: 'novaShowQuotaSetDefaults',
    section: '6.10.3',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/os-quota-sets/{project_id}/defaults',
    completion: 'sync',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
