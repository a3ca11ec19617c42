/**
 * ECS v1/v1.1/v2/v2.1 routes (API Reference §5) at the document's paths and the official SDK's paths.
 * The handlers live in one file per resource family.
 */
import type { Router } from '../router';
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

/** Registers every ECS route. */
export function registerEcsRoutes(router: Router): void {
  router.post('/v1/{project_id}/cloudservers', createServers, { name: 'createServers' });
  // The SDK's createServers (prepaid-capable) is the /v1.1 variant; postpaid behaves the same.
  router.post('/v1.1/{project_id}/cloudservers', createServers, { name: 'createServersV11' });
  router.post('/v1/{project_id}/cloudservers/delete', deleteServers, { name: 'deleteServers' });
  router.post('/v1/{project_id}/cloudservers/action', batchAction, { name: 'batchServerAction' });
  router.post('/v2/{project_id}/cloudservers/{server_id}/reinstallos', reinstallOs, {
    name: 'reinstallServerOs',
  });
  router.post('/v1/{project_id}/cloudservers/{server_id}/reinstallos', reinstallOs, {
    name: 'reinstallServerWithoutCloudInit',
  });
  router.post('/v2/{project_id}/cloudservers/{server_id}/changeos', changeOs, {
    name: 'changeServerOs',
  });
  router.post('/v1/{project_id}/cloudservers/{server_id}/changeos', changeOs, {
    name: 'changeServerOsWithoutCloudInit',
  });
  router.post('/v1/{project_id}/cloudservers/{server_id}/migrate', migrate, { name: 'migrateServer' });
  router.post('/v1/{project_id}/cloudservers/{server_id}/resize', resize, { name: 'resizeServer' });
  router.post('/v1.1/{project_id}/cloudservers/{server_id}/resize', resize, { name: 'resizeServerV11' });
  router.get('/v1/{project_id}/cloudservers/detail', listDetailV1, { name: 'listServersDetails' });
  router.get('/v1.1/{project_id}/cloudservers/detail', listDetailV11, { name: 'listCloudServers' });
  router.get('/v1/{project_id}/cloudservers/{server_id}', showServer, { name: 'showServer' });
  router.get('/v1/{project_id}/cloudservers/flavors', listFlavors, { name: 'listFlavors' });
  router.get('/v1/{project_id}/cloudservers/limits', showLimits, { name: 'showServerLimits' });
  router.get('/v1/{project_id}/jobs/{job_id}', showJob, { name: 'showJob' });
  router.post('/v1/{project_id}/cloudservers/{server_id}/nics', addNics, { name: 'batchAddServerNics' });
  router.post('/v1/{project_id}/cloudservers/{server_id}/nics/delete', deleteNics, {
    name: 'batchDeleteServerNics',
  });
  router.get('/v1/{project_id}/cloudservers/{server_id}/os-interface', listInterfaces, {
    name: 'listServerInterfaces',
  });
  router.post('/v1/{project_id}/cloudservers/{server_id}/attachvolume', attachVolume, {
    name: 'attachServerVolume',
  });
  router.delete('/v1/{project_id}/cloudservers/{server_id}/detachvolume/{volume_id}', detachVolume, {
    name: 'detachServerVolume',
  });
  router.get('/v2.1/servers/{server_id}/block_device', listBlockDevices, { name: 'listServerBlockDevices' });
  router.get('/v2.1/servers/{server_id}/block_device/{volume_id}', showBlockDevice, {
    name: 'showServerBlockDevice',
  });
  router.get('/v1/{project_id}/cloudservers/{server_id}/block_device', listBlockDevices, {
    name: 'listServerBlockDevicesSdk',
  });
  router.get('/v1/{project_id}/cloudservers/{server_id}/block_device/{volume_id}', showBlockDevice, {
    name: 'showServerBlockDeviceSdk',
  });
  router.get('/v1/{project_id}/cloudservers/{server_id}/os-volume_attachments', listVolumeAttachments, {
    name: 'listServerVolumeAttachments',
  });
  for (const base of ['/v1/{project_id}/servers', '/v1/{project_id}/cloudservers']) {
    const sdk = base.endsWith('cloudservers') ? 'Sdk' : '';
    router.post(`${base}/{server_id}/tags/action`, tagsAction, { name: `serverTagsAction${sdk}` });
    router.get(`${base}/{server_id}/tags`, listServerTags, { name: `listServerTags${sdk}` });
    router.get(`${base}/tags`, listProjectTags, { name: `listProjectTags${sdk}` });
    router.post(`${base}/resource_instances/action`, resourceInstances, { name: `listServersByTag${sdk}` });
  }
  router.post('/v1/{project_id}/cloudservers/os-server-groups', createGroup, { name: 'createServerGroup' });
  router.get('/v1/{project_id}/cloudservers/os-server-groups', listGroups, { name: 'listServerGroups' });
  router.get('/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}', showGroup, {
    name: 'showServerGroup',
  });
  router.delete('/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}', deleteGroup, {
    name: 'deleteServerGroup',
  });
  router.post('/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}/action', groupAction, {
    name: 'serverGroupMemberAction',
  });
}
