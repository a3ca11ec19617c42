import type { OperationDef } from './types';

/** Nova version documents (§6.1). */
export const versionOps = {
  novaListVersions: {
    id: 'novaListVersions',
    sdkName: 'novaListVersions',
    section: '6.1.1',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/',
    completion: 'sync',
    idempotent: true,
  },
  novaShowVersion: {
    id: 'novaShowVersion',
    sdkName: 'novaShowVersion',
    section: '6.1.2',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/{api_version}',
    completion: 'sync',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
