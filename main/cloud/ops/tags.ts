import type { OperationDef } from './types';

/** Tag operations: 2D ECS tags (§5.9) and 1D Nova tags (§6.15, microversion 2.26). */
export const tagOps = {
  listServersByTag: {
    id: 'listServersByTag',
    sdkName: 'listServersByTag',
    section: '5.9.2',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'POST',
    // The document's path differs; the official SDK's path is what real clients send.
    path: '/v1/{project_id}/cloudservers/resource_instances/action',
    docPath: '/v1/{project_id}/servers/resource_instances/action',
    completion: 'sync',
    discriminator: 'filter|count',
    discriminatorKind: 'action',
    pagination: {
      kind: 'offset',
      itemsKey: 'resources',
      totalKey: 'total_count',
      maxLimit: 1000,
      inBody: true,
    },
    idempotent: true, // POST that only reads (filter/count)
  },
  batchCreateServerTags: {
    id: 'batchCreateServerTags',
    sdkName: 'batchCreateServerTags',
    section: '5.9.3',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'POST',
    // The document's path differs; the official SDK's path is what real clients send.
    path: '/v1/{project_id}/cloudservers/{server_id}/tags/action',
    docPath: '/v1/{project_id}/servers/{server_id}/tags/action',
    completion: 'none',
    discriminator: 'create',
    discriminatorKind: 'action',
    idempotent: true, // §5.9.3: an identical key+value "succeeds"; same key overwrites
  },
  batchDeleteServerTags: {
    id: 'batchDeleteServerTags',
    sdkName: 'batchDeleteServerTags',
    section: '5.9.4',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'POST',
    // The document's path differs; the official SDK's path is what real clients send.
    path: '/v1/{project_id}/cloudservers/{server_id}/tags/action',
    docPath: '/v1/{project_id}/servers/{server_id}/tags/action',
    completion: 'none',
    discriminator: 'delete',
    discriminatorKind: 'action',
    idempotent: true, // §5.9.4: deleting a missing tag succeeds
  },
  listProjectTags: {
    id: 'listProjectTags',
    sdkName: 'listServerTags',
    section: '5.9.5',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'GET',
    // The document's path differs; the official SDK's path is what real clients send.
    path: '/v1/{project_id}/cloudservers/tags',
    docPath: '/v1/{project_id}/servers/tags',
    completion: 'sync',
    idempotent: true,
  },
  listServerTags: {
    id: 'listServerTags',
    sdkName: 'showServerTags',
    section: '5.9.6',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'GET',
    // The document's path differs; the official SDK's path is what real clients send.
    path: '/v1/{project_id}/cloudservers/{server_id}/tags',
    docPath: '/v1/{project_id}/servers/{server_id}/tags',
    completion: 'sync',
    idempotent: true,
  },
  novaListServerTags: {
    id: 'novaListServerTags',
    section: '6.15.1',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/servers/{server_id}/tags',
    completion: 'sync',
    microversion: '2.26', // §6.15: "You are required to use the HTTP header X-OpenStack-Nova-API-Version: 2.26"
    idempotent: true,
  },
  novaReplaceServerTags: {
    id: 'novaReplaceServerTags',
    section: '6.15.2',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'PUT',
    path: '/v2.1/{project_id}/servers/{server_id}/tags',
    completion: 'sync',
    microversion: '2.26', // §6.15: "You are required to use the HTTP header X-OpenStack-Nova-API-Version: 2.26"
    idempotent: true,
  },
  novaDeleteAllServerTags: {
    id: 'novaDeleteAllServerTags',
    section: '6.15.3',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'DELETE',
    path: '/v2.1/{project_id}/servers/{server_id}/tags',
    completion: 'none',
    microversion: '2.26', // §6.15: "You are required to use the HTTP header X-OpenStack-Nova-API-Version: 2.26"
    idempotent: true,
  },
  novaAddServerTag: {
    id: 'novaAddServerTag',
    section: '6.15.4',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'PUT',
    path: '/v2.1/{project_id}/servers/{server_id}/tags/{tag}',
    completion: 'sync',
    successStatus: [201], // stated by the document
    microversion: '2.26', // §6.15: "You are required to use the HTTP header X-OpenStack-Nova-API-Version: 2.26"
    idempotent: true,
  },
  novaCheckServerTag: {
    id: 'novaCheckServerTag',
    section: '6.15.5',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'GET',
    path: '/v2.1/{project_id}/servers/{server_id}/tags/{tag}',
    completion: 'none',
    microversion: '2.26', // §6.15: "You are required to use the HTTP header X-OpenStack-Nova-API-Version: 2.26"
    idempotent: true,
  },
  novaDeleteServerTag: {
    id: 'novaDeleteServerTag',
    section: '6.15.6',
    service: 'ecs',
    family: 'nova-v2.1',
    method: 'DELETE',
    path: '/v2.1/{project_id}/servers/{server_id}/tags/{tag}',
    completion: 'none',
    microversion: '2.26', // §6.15: "You are required to use the HTTP header X-OpenStack-Nova-API-Version: 2.26"
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
