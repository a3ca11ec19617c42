import type { OperationDef } from './types';

/** Flavor operations (§5.4.1, §6.6). */
export const flavorOps = {
  listFlavors: {
    id: 'listFlavors',
    sdkName: 'listFlavors',
    section: '5.4.1',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'GET',
    path: '/v1/{project_id}/cloudservers/flavors',
    // flavor_id/limit/marker: from the SDK's listFlavors.
    query: ['availability_zone', 'flavor_id', 'limit', 'marker'],
    completion: 'sync',
    pagination: { kind: 'marker', itemsKey: 'flavors' },
    idempotent: true,
  },
  novaListFlavors: {
    id: 'novaListFlavors',
    section: '6.6.1',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/flavors',
    // limit/marker: the next-page links in flavors_links carry them.
    query: ['minDisk', 'minRam', 'sort_key', 'sort_dir', 'limit', 'marker'],
    completion: 'sync',
    pagination: { kind: 'links', itemsKey: 'flavors', linksKey: 'flavors_links' },
    idempotent: true,
  },
  novaListFlavorsDetail: {
    id: 'novaListFlavorsDetail',
    section: '6.6.2',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/flavors/detail',
    // limit/marker: the next-page links in flavors_links carry them.
    query: ['minDisk', 'minRam', 'sort_key', 'sort_dir', 'limit', 'marker'],
    completion: 'sync',
    pagination: { kind: 'links', itemsKey: 'flavors', linksKey: 'flavors_links' },
    idempotent: true,
  },
  novaShowFlavor: {
    id: 'novaShowFlavor',
    section: '6.6.3',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/flavors/{flavor_id}',
    completion: 'sync',
    idempotent: true,
  },
  novaListFlavorExtraSpecs: {
    id: 'novaListFlavorExtraSpecs',
    sdkName: 'novaShowFlavorExtraSpecs',
    section: '6.6.4',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/flavors/{flavor_id}/os-extra_specs',
    completion: 'sync',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
