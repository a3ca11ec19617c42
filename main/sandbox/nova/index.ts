/**
 * Nova v2.1 (§6), Nova v1.0 (§6.3.11) and discarded (§11) routes. Every `/v2.1/{project_id}/...`
 * route is also served at `/v2/{project_id}/...` (§6.16: "change 2.1 in the native API URI to 2";
 * V2 has no microversions, which `ctx.microversion` already handles for `/v2/` paths).
 */
import type { RequestContext } from '../context';
import type { Handler, Router } from '../router';
import { registerTable, type RouteRow } from '../route-table';
import * as account from './project-resources';
import { monitorAction, serverAction } from './actions';
import * as discarded from './discarded-apis';
import * as metadata from './metadata';
import * as res from './server-subresources';
import * as servers from './servers';
import { baseUrl } from './util';
import { listVersionsBody, showVersionBody } from './versions';

/** Every §6/§11 route below the versioned project prefix. */
export const NOVA_ROUTES: readonly RouteRow[] = [
  ['POST', '/servers', servers.createServer, 'novaCreateServer'],
  ['POST', '/os-volumes_boot', servers.createServer, 'novaCreateServerOsVolumesBoot'],
  ['GET', '/servers', servers.listServers, 'novaListServers'],
  ['GET', '/servers/detail', servers.listServersDetail, 'novaListServersDetail'],
  ['GET', '/servers/{server_id}', servers.showServer, 'novaShowServer'],
  ['PUT', '/servers/{server_id}', servers.updateServer, 'novaUpdateServer'],
  ['DELETE', '/servers/{server_id}', servers.deleteServer, 'novaDeleteServer'],
  ['POST', '/servers/{server_id}/action', serverAction, 'novaServerAction'],
  ['GET', '/os-networks', res.listNetworks, 'novaListNetworks'],
  ['GET', '/servers/{server_id}/ips', res.listServerIps, 'novaListServerIps'],
  [
    'GET',
    '/servers/{server_id}/ips/{network_name}',
    res.showServerIpsByNetwork,
    'novaShowServerIpsByNetwork',
  ],
  [
    'GET',
    '/servers/{server_id}/os-security-groups',
    res.listServerSecurityGroups,
    'novaListServerSecurityGroups',
  ],
  ['GET', '/flavors', account.listFlavors, 'novaListFlavors'],
  ['GET', '/flavors/detail', account.listFlavorsDetail, 'novaListFlavorsDetail'],
  ['GET', '/flavors/{flavor_id}', account.showFlavor, 'novaShowFlavor'],
  ['GET', '/flavors/{flavor_id}/os-extra_specs', account.listFlavorExtraSpecs, 'novaListFlavorExtraSpecs'],
  ['GET', '/servers/{server_id}/os-interface', res.listInterfaces, 'novaListServerInterfaces'],
  ['GET', '/servers/{server_id}/os-interface/{port_id}', res.showInterface, 'novaShowServerInterface'],
  ['POST', '/servers/{server_id}/os-interface', res.attachInterface, 'novaCreateServerInterface'],
  ['DELETE', '/servers/{server_id}/os-interface/{port_id}', res.detachInterface, 'novaDeleteServerInterface'],
  [
    'GET',
    '/servers/{server_id}/os-volume_attachments',
    res.listVolumeAttachments,
    'novaListVolumeAttachments',
  ],
  [
    'GET',
    '/servers/{server_id}/os-volume_attachments/{volume_id}',
    res.showVolumeAttachment,
    'novaShowVolumeAttachment',
  ],
  ['POST', '/servers/{server_id}/os-volume_attachments', res.attachVolume, 'novaAttachVolume'],
  ['DELETE', '/servers/{server_id}/os-volume_attachments/{volume_id}', res.detachVolume, 'novaDetachVolume'],
  ['POST', '/servers/{server_id}/metadata', metadata.updateMetadata, 'novaUpdateServerMetadata'],
  ['PUT', '/servers/{server_id}/metadata', metadata.replaceMetadata, 'novaReplaceServerMetadata'],
  ['GET', '/servers/{server_id}/metadata', metadata.listMetadata, 'novaListServerMetadata'],
  ['GET', '/servers/{server_id}/metadata/{key}', metadata.showMetadataItem, 'novaShowServerMetadataItem'],
  ['PUT', '/servers/{server_id}/metadata/{key}', metadata.setMetadataItem, 'novaSetServerMetadataItem'],
  [
    'DELETE',
    '/servers/{server_id}/metadata/{key}',
    metadata.deleteMetadataItem,
    'novaDeleteServerMetadataItem',
  ],
  ['GET', '/limits', account.showLimits, 'novaShowLimits'],
  ['GET', '/os-quota-sets/{target_project_id}', account.showQuotaSet, 'novaShowQuotaSet'],
  [
    'GET',
    '/os-quota-sets/{target_project_id}/defaults',
    account.showQuotaDefaults,
    'novaShowQuotaSetDefaults',
  ],
  ['GET', '/os-keypairs', account.listKeypairs, 'novaListKeypairs'],
  ['GET', '/os-keypairs/{keypair_name}', account.showKeypair, 'novaShowKeypair'],
  ['POST', '/os-keypairs', account.createKeypair, 'novaCreateKeypair'],
  ['DELETE', '/os-keypairs/{keypair_name}', account.deleteKeypair, 'novaDeleteKeypair'],
  ['GET', '/servers/{server_id}/os-server-password', account.showServerPassword, 'novaShowServerPassword'],
  [
    'DELETE',
    '/servers/{server_id}/os-server-password',
    account.deleteServerPassword,
    'novaDeleteServerPassword',
  ],
  ['POST', '/os-server-groups', account.createServerGroup, 'novaCreateServerGroup'],
  ['GET', '/os-server-groups', account.listServerGroups, 'novaListServerGroups'],
  ['GET', '/os-server-groups/{server_group_id}', account.showServerGroup, 'novaShowServerGroup'],
  ['DELETE', '/os-server-groups/{server_group_id}', account.deleteServerGroup, 'novaDeleteServerGroup'],
  ['GET', '/servers/{server_id}/os-instance-actions', account.listInstanceActions, 'novaListInstanceActions'],
  [
    'GET',
    '/servers/{server_id}/os-instance-actions/{request_id}',
    account.showInstanceAction,
    'novaShowInstanceAction',
  ],
  ['GET', '/servers/{server_id}/tags', res.listTags, 'novaListServerTags'],
  ['PUT', '/servers/{server_id}/tags', res.replaceTags, 'novaReplaceServerTags'],
  ['DELETE', '/servers/{server_id}/tags', res.deleteAllTags, 'novaDeleteAllServerTags'],
  ['PUT', '/servers/{server_id}/tags/{tag}', res.addTag, 'novaAddServerTag'],
  ['GET', '/servers/{server_id}/tags/{tag}', res.checkTagExists, 'novaCheckServerTag'],
  ['DELETE', '/servers/{server_id}/tags/{tag}', res.deleteTag, 'novaDeleteServerTag'],
  ['GET', '/os-availability-zone', account.listAvailabilityZones, 'novaListAvailabilityZones'],
  // §11 discarded, Nova paths.
  ['GET', '/images', discarded.listImages, 'novaListImages'],
  ['GET', '/images/detail', discarded.listImagesDetail, 'novaListImagesDetail'],
  ['GET', '/images/{image_id}', discarded.showImage, 'novaShowImage'],
  ['GET', '/images/{image_id}/metadata', discarded.showImageMetadata, 'novaShowImageMetadata'],
  ['DELETE', '/images/{image_id}', discarded.deleteImage, 'novaDeleteImage'],
  ['GET', '/os-security-groups', discarded.listSecurityGroups, 'novaListSecurityGroups'],
  ['POST', '/os-security-groups', discarded.createSecurityGroup, 'novaCreateSecurityGroup'],
  ['GET', '/os-security-groups/{security_group_id}', discarded.showSecurityGroup, 'novaShowSecurityGroup'],
  [
    'PUT',
    '/os-security-groups/{security_group_id}',
    discarded.updateSecurityGroup,
    'novaUpdateSecurityGroup',
  ],
  [
    'DELETE',
    '/os-security-groups/{security_group_id}',
    discarded.deleteSecurityGroup,
    'novaDeleteSecurityGroup',
  ],
  ['POST', '/os-security-group-rules', discarded.createSecurityGroupRule, 'novaCreateSecurityGroupRule'],
  [
    'DELETE',
    '/os-security-group-rules/{security_group_rule_id}',
    discarded.deleteSecurityGroupRule,
    'novaDeleteSecurityGroupRule',
  ],
  ['GET', '/os-volumes', discarded.listVolumes, 'novaListVolumes'],
  ['GET', '/os-volumes/detail', discarded.listVolumes, 'novaListVolumesDetail'],
  ['GET', '/os-volumes/{volume_id}', discarded.showVolume, 'novaShowVolume'],
  ['POST', '/os-volumes', discarded.createNovaVolume, 'novaCreateVolume'],
  ['DELETE', '/os-volumes/{volume_id}', discarded.deleteNovaVolume, 'novaDeleteVolume'],
  ['POST', '/os-floating-ips', discarded.createFloatingIp, 'novaCreateFloatingIp'],
  ['GET', '/os-floating-ips', discarded.listFloatingIps, 'novaListFloatingIps'],
  ['GET', '/os-floating-ips/{floating_ip_id}', discarded.showFloatingIp, 'novaShowFloatingIp'],
  ['DELETE', '/os-floating-ips/{floating_ip_id}', discarded.deleteFloatingIp, 'novaDeleteFloatingIp'],
  ['GET', '/os-floating-ip-pools', discarded.listFloatingIpPools, 'novaListFloatingIpPools'],
  ['POST', '/os-snapshots', discarded.createSnapshot, 'novaCreateSnapshot'],
  ['GET', '/os-snapshots/{snapshot_id}', discarded.showSnapshot, 'novaShowSnapshot'],
  ['DELETE', '/os-snapshots/{snapshot_id}', discarded.deleteSnapshot, 'novaDeleteSnapshot'],
];

/** Wraps a V2.1 handler: validates the microversion first and announces it in the answer. */
function versioned(handler: Handler): Handler {
  return (ctx: RequestContext) => {
    void ctx.microversion;
    if (!ctx.isNovaV2) ctx.novaVersionHeaders();
    return handler(ctx);
  };
}

/** The Nova v1.0 monitor action (§6.3.11) and the discarded v1 auto-recovery routes (§11), at full paths. */
const UNVERSIONED_ROUTES: readonly RouteRow[] = [
  ['POST', '/v1.0/servers/{server_id}/action', monitorAction, 'novaMonitorServer'],
  [
    'GET',
    '/v1/{project_id}/cloudservers/{server_id}/autorecovery',
    discarded.showAutoRecovery,
    'showServerAutoRecovery',
  ],
  [
    'PUT',
    '/v1/{project_id}/cloudservers/{server_id}/autorecovery',
    discarded.updateAutoRecovery,
    'updateServerAutoRecovery',
  ],
];

/** Version documents: they answer without a token (upstream Nova; OpenStack clients read them first). */
const VERSION_ROUTES: readonly RouteRow[] = [
  ['GET', '/', (ctx) => ctx.ok(listVersionsBody(endpointOf(ctx))), 'novaListVersions'],
  [
    'GET',
    '/{api_version}',
    (ctx) => ctx.ok(showVersionBody(endpointOf(ctx), ctx.param('api_version'))),
    'novaShowVersion',
  ],
];

/** Registers every Nova and discarded route. */
export function registerNovaRoutes(router: Router): void {
  registerTable(router, NOVA_ROUTES, {
    prefixes: ['/v2.1/{project_id}', '/v2/{project_id}'],
    wrap: versioned,
    projectMismatch: 'common',
  });
  registerTable(router, UNVERSIONED_ROUTES);
  registerTable(router, VERSION_ROUTES, { auth: 'none' });
}

function endpointOf(ctx: RequestContext): string {
  return ctx.header('host') === undefined ? ctx.sandbox.info.endpoint : baseUrl(ctx);
}
