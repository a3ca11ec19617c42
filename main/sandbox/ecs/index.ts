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

/** The §5 routes (and the SDK's variants) below `/v1/{project_id}`. */
export const ECS_V1_ROUTES: readonly RouteRow[] = [
  // §5.1-5.3 servers.
  ['POST', '/cloudservers', createServers, 'createServers'],
  ['POST', '/cloudservers/delete', deleteServers, 'deleteServers'],
  ['POST', '/cloudservers/action', batchAction, 'batchServerAction'],
  ['POST', '/cloudservers/{server_id}/reinstallos', reinstallOs, 'reinstallServerWithoutCloudInit'],
  ['POST', '/cloudservers/{server_id}/changeos', changeOs, 'changeServerOsWithoutCloudInit'],
  ['POST', '/cloudservers/{server_id}/migrate', migrate, 'migrateServer'],
  ['POST', '/cloudservers/{server_id}/resize', resize, 'resizeServer'],
  // Server queries of the SDK and the console.
  ['GET', '/cloudservers/detail', listDetailV1, 'listServersDetails'],
  ['GET', '/cloudservers/{server_id}', showServer, 'showServer'],
  // §5.4 flavors, §5.7 limits, §5.8 jobs.
  ['GET', '/cloudservers/flavors', listFlavors, 'listFlavors'],
  ['GET', '/cloudservers/limits', showLimits, 'showServerLimits'],
  ['GET', '/jobs/{job_id}', showJob, 'showJob'],
  // §5.5 NICs.
  ['POST', '/cloudservers/{server_id}/nics', addNics, 'batchAddServerNics'],
  ['POST', '/cloudservers/{server_id}/nics/delete', deleteNics, 'batchDeleteServerNics'],
  ['GET', '/cloudservers/{server_id}/os-interface', listInterfaces, 'listServerInterfaces'],
  // §5.6 disks; the block devices at the SDK's paths (the document's /v2.1 paths are below).
  ['POST', '/cloudservers/{server_id}/attachvolume', attachVolume, 'attachServerVolume'],
  ['DELETE', '/cloudservers/{server_id}/detachvolume/{volume_id}', detachVolume, 'detachServerVolume'],
  ['GET', '/cloudservers/{server_id}/block_device', listBlockDevices, 'listServerBlockDevicesSdk'],
  ['GET', '/cloudservers/{server_id}/block_device/{volume_id}', showBlockDevice, 'showServerBlockDeviceSdk'],
  [
    'GET',
    '/cloudservers/{server_id}/os-volume_attachments',
    listVolumeAttachments,
    'listServerVolumeAttachments',
  ],
  // §5.9 tags at the document's /servers paths, then the SDK's /cloudservers paths.
  ['POST', '/servers/{server_id}/tags/action', tagsAction, 'serverTagsAction'],
  ['GET', '/servers/{server_id}/tags', listServerTags, 'listServerTags'],
  ['GET', '/servers/tags', listProjectTags, 'listProjectTags'],
  ['POST', '/servers/resource_instances/action', resourceInstances, 'listServersByTag'],
  ['POST', '/cloudservers/{server_id}/tags/action', tagsAction, 'serverTagsActionSdk'],
  ['GET', '/cloudservers/{server_id}/tags', listServerTags, 'listServerTagsSdk'],
  ['GET', '/cloudservers/tags', listProjectTags, 'listProjectTagsSdk'],
  ['POST', '/cloudservers/resource_instances/action', resourceInstances, 'listServersByTagSdk'],
  // §5.10 server groups.
  ['POST', '/cloudservers/os-server-groups', createGroup, 'createServerGroup'],
  ['GET', '/cloudservers/os-server-groups', listGroups, 'listServerGroups'],
  ['GET', '/cloudservers/os-server-groups/{server_group_id}', showGroup, 'showServerGroup'],
  ['DELETE', '/cloudservers/os-server-groups/{server_group_id}', deleteGroup, 'deleteServerGroup'],
  ['POST', '/cloudservers/os-server-groups/{server_group_id}/action', groupAction, 'serverGroupMemberAction'],
];

/**
 * The routes of the other versions, at full paths: the SDK's /v1.1 create, list and resize (its
 * createServers, prepaid-capable, is the /v1.1 variant; postpaid behaves the same), the /v2 OS
 * changes with Cloud-Init (§5.2.1, §5.2.2) and the document's /v2.1 block devices (§5.6.3, §5.6.4),
 * which have no project id.
 */
export const ECS_OTHER_ROUTES: readonly RouteRow[] = [
  ['POST', '/v1.1/{project_id}/cloudservers', createServers, 'createServersV11'],
  ['POST', '/v2/{project_id}/cloudservers/{server_id}/reinstallos', reinstallOs, 'reinstallServerOs'],
  ['POST', '/v2/{project_id}/cloudservers/{server_id}/changeos', changeOs, 'changeServerOs'],
  ['POST', '/v1.1/{project_id}/cloudservers/{server_id}/resize', resize, 'resizeServerV11'],
  ['GET', '/v1.1/{project_id}/cloudservers/detail', listDetailV11, 'listCloudServers'],
  ['GET', '/v2.1/servers/{server_id}/block_device', listBlockDevices, 'listServerBlockDevices'],
  ['GET', '/v2.1/servers/{server_id}/block_device/{volume_id}', showBlockDevice, 'showServerBlockDevice'],
];

/** Registers every ECS route. */
export function registerEcsRoutes(router: Router): void {
  registerTable(router, ECS_V1_ROUTES, { prefixes: ['/v1/{project_id}'] });
  registerTable(router, ECS_OTHER_ROUTES);
}
