import type { OperationDef } from './types';

/** Nova networks and server IPs (§6.4). */
export const networkOps = {
  novaListNetworks: {
    id: 'novaListNetworks',
    section: '6.4.1',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/os-networks',
    completion: 'sync',
    idempotent: true,
  },
  novaListServerIps: {
    id: 'novaListServerIps',
    section: '6.4.2',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/servers/{server_id}/ips',
    completion: 'sync',
    idempotent: true,
  },
  novaShowServerIpsByNetwork: {
    id: 'novaShowServerIpsByNetwork',
    section: '6.4.3',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/servers/{server_id}/ips/{networkName}',
    completion: 'sync',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
