/**
 * ECS v1/v1.1/v2/v2.1 routes (API Reference §5) at the document's paths and the official SDK's paths.
 * The handlers live in one file per resource family.
 */
import type { Router } from '../router';
import { registerTable, type RouteRow } from '../route-table';
import {
  attachVolume,
  detachVolume,
  listBlockDevices,
  listVolumeAttachments,
  showBlockDevice,
} from './disk-attachments';
import { listFlavors } from './flavors';
import { showJob } from './jobs';
import { showLimits } from './limits';
import { addNics, deleteNics, listInterfaces } from './nics';
import { createGroup, deleteGroup, groupAction, listGroups, showGroup } from './server-groups';
import { batchAction, deleteServers } from './servers-actions';
import { createServers } from './servers-create';
import { listDetailV1, listDetailV11, showServer } from './servers-list';
import { changeOs, migrate, reinstallOs, resize } from './servers-modify';
import { listProjectTags, listServerTags, resourceInstances, tagsAction } from './tags';

/** Every §5 route (and the SDK's variants), at its full path. */
export const ECS_ROUTES: readonly RouteRow[] = [
  // §5.1-5.3 servers. The SDK's createServers (prepaid-capable) is the /v1.1 variant; postpaid
  // behaves the same.
  ['POST', '/v1/{project_id}/cloudservers', createServers, 'createServers'],
  ['POST', '/v1.1/{project_id}/cloudservers', createServers, 'createServersV11'],
  ['POST', '/v1/{project_id}/cloudservers/delete', deleteServers, 'deleteServers'],
  ['POST', '/v1/{project_id}/cloudservers/action', batchAction, 'batchServerAction'],
  ['POST', '/v2/{project_id}/cloudservers/{server_id}/reinstallos', reinstallOs, 'reinstallServerOs'],
  [
    'POST',
    '/v1/{project_id}/cloudservers/{server_id}/reinstallos',
    reinstallOs,
    'reinstallServerWithoutCloudInit',
  ],
  ['POST', '/v2/{project_id}/cloudservers/{server_id}/changeos', changeOs, 'changeServerOs'],
  ['POST', '/v1/{project_id}/cloudservers/{server_id}/changeos', changeOs, 'changeServerOsWithoutCloudInit'],
  ['POST', '/v1/{project_id}/cloudservers/{server_id}/migrate', migrate, 'migrateServer'],
  ['POST', '/v1/{project_id}/cloudservers/{server_id}/resize', resize, 'resizeServer'],
  ['POST', '/v1.1/{project_id}/cloudservers/{server_id}/resize', resize, 'resizeServerV11'],
  // Server queries of the SDK and the console.
  ['GET', '/v1/{project_id}/cloudservers/detail', listDetailV1, 'listServersDetails'],
  ['GET', '/v1.1/{project_id}/cloudservers/detail', listDetailV11, 'listCloudServers'],
  ['GET', '/v1/{project_id}/cloudservers/{server_id}', showServer, 'showServer'],
  // §5.4 flavors, §5.7 limits, §5.8 jobs.
  ['GET', '/v1/{project_id}/cloudservers/flavors', listFlavors, 'listFlavors'],
  ['GET', '/v1/{project_id}/cloudservers/limits', showLimits, 'showServerLimits'],
  ['GET', '/v1/{project_id}/jobs/{job_id}', showJob, 'showJob'],
  // §5.5 NICs.
  ['POST', '/v1/{project_id}/cloudservers/{server_id}/nics', addNics, 'batchAddServerNics'],
  ['POST', '/v1/{project_id}/cloudservers/{server_id}/nics/delete', deleteNics, 'batchDeleteServerNics'],
  ['GET', '/v1/{project_id}/cloudservers/{server_id}/os-interface', listInterfaces, 'listServerInterfaces'],
  // §5.6 disks: block devices at the document's /v2.1 paths and the SDK's /v1 paths.
  ['POST', '/v1/{project_id}/cloudservers/{server_id}/attachvolume', attachVolume, 'attachServerVolume'],
  [
    'DELETE',
    '/v1/{project_id}/cloudservers/{server_id}/detachvolume/{volume_id}',
    detachVolume,
    'detachServerVolume',
  ],
  ['GET', '/v2.1/servers/{server_id}/block_device', listBlockDevices, 'listServerBlockDevices'],
  ['GET', '/v2.1/servers/{server_id}/block_device/{volume_id}', showBlockDevice, 'showServerBlockDevice'],
  [
    'GET',
    '/v1/{project_id}/cloudservers/{server_id}/block_device',
    listBlockDevices,
    'listServerBlockDevicesSdk',
  ],
  [
    'GET',
    '/v1/{project_id}/cloudservers/{server_id}/block_device/{volume_id}',
    showBlockDevice,
    'showServerBlockDeviceSdk',
  ],
  [
    'GET',
    '/v1/{project_id}/cloudservers/{server_id}/os-volume_attachments',
    listVolumeAttachments,
    'listServerVolumeAttachments',
  ],
  // §5.9 tags at the document's /servers paths, then the SDK's /cloudservers paths.
  ['POST', '/v1/{project_id}/servers/{server_id}/tags/action', tagsAction, 'serverTagsAction'],
  ['GET', '/v1/{project_id}/servers/{server_id}/tags', listServerTags, 'listServerTags'],
  ['GET', '/v1/{project_id}/servers/tags', listProjectTags, 'listProjectTags'],
  ['POST', '/v1/{project_id}/servers/resource_instances/action', resourceInstances, 'listServersByTag'],
  ['POST', '/v1/{project_id}/cloudservers/{server_id}/tags/action', tagsAction, 'serverTagsActionSdk'],
  ['GET', '/v1/{project_id}/cloudservers/{server_id}/tags', listServerTags, 'listServerTagsSdk'],
  ['GET', '/v1/{project_id}/cloudservers/tags', listProjectTags, 'listProjectTagsSdk'],
  [
    'POST',
    '/v1/{project_id}/cloudservers/resource_instances/action',
    resourceInstances,
    'listServersByTagSdk',
  ],
  // §5.10 server groups.
  ['POST', '/v1/{project_id}/cloudservers/os-server-groups', createGroup, 'createServerGroup'],
  ['GET', '/v1/{project_id}/cloudservers/os-server-groups', listGroups, 'listServerGroups'],
  ['GET', '/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}', showGroup, 'showServerGroup'],
  [
    'DELETE',
    '/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}',
    deleteGroup,
    'deleteServerGroup',
  ],
  [
    'POST',
    '/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}/action',
    groupAction,
    'serverGroupMemberAction',
  ],
];

/** Registers every ECS route. */
export function registerEcsRoutes(router: Router): void {
  registerTable(router, ECS_ROUTES);
}
