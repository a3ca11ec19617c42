import type { OperationDef } from './types';

/** SSH key pair operations (§6.11.1–6.11.4). */
export const keypairOps = {
  novaListKeypairs: {
    id: 'novaListKeypairs',
    sdkName: 'novaListKeypairs',
    section: '6.11.1',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/os-keypairs',
    // limit/marker: from the SDK's novaListKeypairs.
    query: ['limit', 'marker'],
    completion: 'sync',
    pagination: { kind: 'links', itemsKey: 'keypairs', linksKey: 'keypairs_links' },
    idempotent: true,
  },
  novaShowKeypair: {
    id: 'novaShowKeypair',
    sdkName: 'novaShowKeypair',
    section: '6.11.2',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/os-keypairs/{keypair_name}',
    completion: 'sync',
    idempotent: true,
  },
  novaCreateKeypair: {
    id: 'novaCreateKeypair',
    sdkName: 'novaCreateKeypair',
    section: '6.11.3',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'POST',
    path: '/v2.1/{project_id}/os-keypairs',
    completion: 'sync',
    idempotent: false,
  },
  novaDeleteKeypair: {
    id: 'novaDeleteKeypair',
    sdkName: 'novaDeleteKeypair',
    section: '6.11.4',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'DELETE',
    path: '/v2.1/{project_id}/os-keypairs/{keypair_name}',
    completion: 'none',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
