/**
 * The request bodies of the `servers.*` channels that carry a form: create, rebuild, reinstall,
 * change OS. The only place where a contract field changes meaning on its way to the wire (user
 * data: plain text in the contract, base64 on the wire; see shared/ipc/schemas.ts).
 */
import type { ChangeServerOsBody, ReinstallServerOsBody } from '../../../shared/ecs/types/server-actions';
import type { CreateServerOption, CreateServersBody } from '../../../shared/ecs/types/server-create';
import type { NovaRebuildServerBody } from '../../../shared/ecs/types/nova-servers';
import type { InvokeArg } from '../../../shared/ipc/contract';

/**
 * The API form of user data: the UTF-8 bytes of the script, base64-encoded once (§5.1.1). The
 * contract carries the plain script, so this is the one encoding on the way to the cloud.
 */
export function encodeUserData(script: string): string {
  return Buffer.from(script, 'utf8').toString('base64');
}

/** The ECS create body of a `servers.create` spec. */
export function createBody(arg: InvokeArg<'servers.create'>): CreateServersBody {
  const s = arg.spec;
  const server: CreateServerOption & { server_tags?: { key: string; value: string }[] } = {
    name: s.name,
    imageRef: s.imageId,
    flavorRef: s.flavorId,
    vpcid: s.vpcId,
    nics: s.nics.map((n) =>
      n.ipAddress ? { subnet_id: n.subnetId, ip_address: n.ipAddress } : { subnet_id: n.subnetId },
    ),
    root_volume: {
      volumetype: s.rootVolume.volumeType,
      ...(s.rootVolume.sizeGb ? { size: s.rootVolume.sizeGb } : {}),
    },
  };
  if (s.dataVolumes?.length)
    server.data_volumes = s.dataVolumes.map((d) => ({ volumetype: d.volumeType, size: d.sizeGb }));
  if (s.securityGroupIds?.length) server.security_groups = s.securityGroupIds.map((id) => ({ id }));
  if (s.availabilityZone) server.availability_zone = s.availabilityZone;
  if (s.keyName) server.key_name = s.keyName;
  if (s.adminPass) server.adminPass = s.adminPass;
  if (s.userData) server.user_data = encodeUserData(s.userData);
  if (s.count !== undefined) server.count = s.count;
  if (s.tags?.length) server.server_tags = s.tags.map((t) => ({ key: t.key, value: t.value }));
  if (s.metadata) server.metadata = { ...s.metadata };
  if (s.description !== undefined) server.description = s.description;
  if (s.serverGroupId) server['os:scheduler_hints'] = { group: s.serverGroupId };
  if (s.publicIp)
    server.publicip = {
      eip: {
        iptype: s.publicIp.ipType,
        bandwidth: { size: s.publicIp.bandwidthMbit, sharetype: 'PER', chargemode: 'traffic' },
      },
    };
  const body: CreateServersBody = { server };
  if (arg.dryRun) body.dry_run = true;
  return body;
}

/** The login part shared by reinstall and change OS (the API spells these keys in lower case). */
function osLogin(arg: { keyName?: string; adminPass?: string; userData?: string }) {
  const o: { keyname?: string; adminpass?: string; metadata?: { user_data: string } } = {};
  if (arg.keyName) o.keyname = arg.keyName;
  if (arg.adminPass) o.adminpass = arg.adminPass;
  if (arg.userData) o.metadata = { user_data: encodeUserData(arg.userData) };
  return o;
}

/** The body of `servers.reinstall` (§5.2.1). */
export function reinstallBody(arg: InvokeArg<'servers.reinstall'>): ReinstallServerOsBody {
  return { 'os-reinstall': osLogin(arg) };
}

/** The body of `servers.changeOs` (§5.2.2). */
export function changeOsBody(arg: InvokeArg<'servers.changeOs'>): ChangeServerOsBody {
  return { 'os-change': { imageid: arg.imageId, ...osLogin(arg) } };
}

/** The body of `servers.rebuild` (Nova). */
export function rebuildBody(arg: InvokeArg<'servers.rebuild'>): NovaRebuildServerBody {
  const rebuild: NovaRebuildServerBody['rebuild'] = { imageRef: arg.imageId };
  if (arg.name) rebuild.name = arg.name;
  if (arg.adminPass) rebuild.adminPass = arg.adminPass;
  return { rebuild };
}
