import type { OperationDef } from './types';

/** Discarded Nova snapshot operations (§11.6). */
export const snapshotOps = {
  novaCreateSnapshot: {
    id: 'novaCreateSnapshot',
    section: '11.6.1',
    service: 'ecs',
    family: 'discarded',
    method: 'POST',
    path: '/v2.1/{project_id}/os-snapshots',
    completion: 'sync',
    idempotent: false,
    deprecated: true,
  },
  novaShowSnapshot: {
    id: 'novaShowSnapshot',
    section: '11.6.2',
    service: 'ecs',
    family: 'discarded',
    method: 'GET',
    path: '/v2.1/{project_id}/os-snapshots/{snapshot_id}',
    completion: 'sync',
    idempotent: true,
    deprecated: true,
  },
  novaDeleteSnapshot: {
    id: 'novaDeleteSnapshot',
    section: '11.6.3',
    service: 'ecs',
    family: 'discarded',
    method: 'DELETE',
    path: '/v2.1/{project_id}/os-snapshots/{snapshot_id}',
    completion: 'none',
    idempotent: true,
    deprecated: true,
  },
} as const satisfies Record<string, OperationDef>;
