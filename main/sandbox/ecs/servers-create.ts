/**
 * ECS creation (API Reference §5.1.1 "Creating ECSs", at `/v1` and the SDK's `/v1.1`), with the
 * `X-Client-Token` replay of client-token.ts.
 */
import type { RequestContext } from '../context';
import { EcsFault, ecs, invalid } from '../faults';
import { createServerRecords, destroyServer, recordAction, runBuild } from '../lifecycle';
import { ipInCidr, type Server } from '../state';
import { nicLimit } from '../usage';
import { readClientToken, rememberClientToken } from './client-token';
import { jobResponse, startBatchJob } from './jobs';
import { readNic, securityGroupIds } from './nics';
import { checkServerQuota } from './limits';
import { checkTag } from './tags';
import {
  arr,
  asObj,
  bool,
  checkMetadata,
  checkPassword,
  checkServerName,
  checkUserData,
  int,
  reqObj,
  str,
  resolveFlavor,
} from './util';

/** POST .../cloudservers (§5.1.1): validates everything, then one sub-job per ECS. */
export function createServers(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  // A re-send with the same X-Client-Token gets the first answer, never a second set of servers.
  const token = readClientToken(ctx, body);
  if (token?.replay) {
    jobResponse(ctx, token.replay.jobId, { serverIds: [...token.replay.serverIds] });
    return;
  }
  const s = reqObj(body, 'server');
  const st = ctx.state;
  const name = str(s, 'name')!;
  const count = int(s, 'count', { optional: true, min: 1 }) ?? 1;
  if (count > 500) throw ecs('Ecs.0913', 'At most 500 ECSs can be created in one request.');
  checkServerName(name, count > 1 ? 59 : 128);
  const description = str(s, 'description', { optional: true, max: 85 });
  if (description !== undefined && /[<>]/.test(description))
    throw ecs('Ecs.0041', 'The description must not contain < or >.');
  const imageRef = str(s, 'imageRef')!;
  const image = st.images.get(imageRef);
  if (!image) throw ecs('Ecs.0031', `The image ${imageRef} does not exist.`);
  if (image.status !== 'active') throw ecs('Ecs.0032', `The image ${imageRef} is not in Active state.`);
  const az = str(s, 'availability_zone', { optional: true });
  if (az !== undefined && !st.availabilityZones.includes(az))
    throw invalid(`availability_zone ${az} does not exist.`);
  const flavor = resolveFlavor(ctx, str(s, 'flavorRef')!, az);
  const vpcId = str(s, 'vpcid')!;
  if (!st.vpcs.has(vpcId)) throw ecs('Ecs.0014', `The VPC ${vpcId} does not exist.`);
  const nicsRaw = arr(s, 'nics')!;
  if (nicsRaw.length === 0) throw invalid('nics must not be empty.');
  if (nicsRaw.length > nicLimit(flavor))
    throw ecs('Ecs.0050', `The flavor ${flavor.id} allows at most ${nicLimit(flavor)} NICs.`);
  const nics = nicsRaw.map((n) => {
    const { subnet, ip } = readNic(ctx, n, vpcId, `the VPC ${vpcId}`);
    const subnetId = subnet.id;
    if (ip !== undefined && ip !== '') {
      if (count > 1) throw invalid('ip_address cannot be given when count > 1.');
      if (!ipInCidr(ip, subnet.cidr))
        throw new EcsFault('Ecs.0005', `privateIp [${ip}] is not in this subnet [${subnetId}]`, {
          details: [{ code: 'Ecs.0039' }],
        });
      if (st.ipInUse(subnet.id, ip))
        throw ecs('Ecs.0010', `The private IP address ${ip} is already being used.`);
      return { subnetId, ip };
    }
    return { subnetId };
  });
  const root = reqObj(s, 'root_volume');
  const rootType = str(root, 'volumetype')!;
  if (!['SATA', 'SAS', 'SSD', 'GPSSD', 'ESSD', 'GPSSD2', 'ESSD2'].includes(rootType))
    throw ecs('Ecs.0043', `The disk type ${rootType} does not exist.`);
  const rootSize = int(root, 'size', { optional: true, min: 1, max: 1024 }) ?? image.min_disk;
  if (rootSize < image.min_disk)
    throw invalid(`root_volume.size must be at least the image's ${image.min_disk} GB.`);
  const dataRaw = arr(s, 'data_volumes', { optional: true }) ?? [];
  if (dataRaw.length > 59) throw ecs('Ecs.0042', 'A maximum of 59 data disks can be attached.');
  if (dataRaw.length > 23)
    throw ecs('Ecs.0104', 'Devices /dev/vdb to /dev/vdx allow at most 23 VBD data disks.');
  const dataVolumes = dataRaw.map((d) => {
    const o = asObj(d);
    if (!o) throw invalid('data_volumes[] must be objects.');
    const t = str(o, 'volumetype')!;
    if (!['SATA', 'SAS', 'SSD', 'GPSSD', 'ESSD', 'GPSSD2', 'ESSD2'].includes(t))
      throw ecs('Ecs.0043', `The disk type ${t} does not exist.`);
    const size = int(o, 'size', { min: 10, max: 32768 })!;
    return { size, volumeType: t, multiattach: bool(o, 'multiattach') ?? false, deleteOnTermination: true };
  });
  const sgIds = securityGroupIds(ctx, s);
  if (sgIds.length === 0)
    sgIds.push(
      [...st.securityGroups.values()].find((g) => g.name === 'default' && g.vpc_id === vpcId)?.id ??
        [...st.securityGroups.keys()][0]!,
    );
  const keyName = str(s, 'key_name', { optional: true });
  if (keyName !== undefined && !st.keypairs.has(keyName))
    throw ecs('Ecs.0314', `The key pair ${keyName} does not exist.`);
  const adminPass = str(s, 'adminPass', { optional: true });
  if (adminPass !== undefined) checkPassword(adminPass, image.os_type);
  const userData = str(s, 'user_data', { optional: true });
  if (userData !== undefined) checkUserData(userData);
  // §5.1.1 "Image password": with a Linux private image, "the key_name and adminPass fields do not
  // need to be specified" (the image's own password logs in); public Linux images need one of them.
  if (
    keyName === undefined &&
    adminPass === undefined &&
    userData === undefined &&
    image.os_type === 'Linux' &&
    image.visibility !== 'private'
  )
    throw invalid('Either key_name or adminPass (or user_data) is required to log in with a public image.');
  const metadata = asObj(s.metadata) ? checkMetadata(asObj(s.metadata)!, 10) : {};
  const tagList = arr(s, 'server_tags', { optional: true }) ?? [];
  if (tagList.length > 10) throw ecs('Ecs.0905', 'An ECS allows a maximum of 10 tags.');
  // A Map: `key in {}` is true for "constructor", and `tags["__proto__"] = v` would drop the tag.
  const tagMap = new Map<string, string>();
  for (const t of tagList) {
    const { key, value } = checkTag(asObj(t)?.key, asObj(t)?.value);
    if (tagMap.has(key)) throw ecs('Ecs.0908', `Duplicate tag key ${key}.`);
    tagMap.set(key, value);
  }
  const tags: Record<string, string> = Object.fromEntries(tagMap);
  const hints = asObj(s['os:scheduler_hints']);
  const groupId = hints && typeof hints.group === 'string' ? hints.group : undefined;
  if (groupId !== undefined) {
    const g = st.serverGroups.get(groupId);
    if (!g) throw invalid(`The server group ${groupId} does not exist.`);
    if (g.members.length + count > st.quotas.server_group_members)
      throw ecs('Ecs.0022', 'Insufficient ECS group quota.');
  }
  const extend = asObj(s.extendparam);
  const charging = extend?.chargingMode;
  if (charging !== undefined && charging !== 'postPaid' && charging !== 0 && charging !== '0')
    throw invalid('Only pay-per-use (postPaid) ECSs can be created in the sandbox.');
  checkServerQuota(ctx, { instances: count, cores: flavor.vcpus * count, ram: flavor.ram * count });
  const volQuota = ctx.state.usage().volumes + count * (1 + dataVolumes.length);
  if (volQuota > st.quotas.volumes) throw ecs('Ecs.0021', 'Insufficient EVS disk quota.');

  if (bool(body, 'dry_run') === true) {
    ctx.reply(202, {});
    return;
  }

  const rt = ctx.sandbox;
  const autoRename = bool(s, 'isAutoRename') ?? true;
  const m = /^(.*?)(\d+)$/.exec(name);
  const created: Server[] = [];
  const reservationId = `r-${ctx.requestId.slice(0, 8)}`;
  for (let i = 0; i < count; i++) {
    let n = name;
    // Batch names get a 4-digit suffix; a numeric suffix given by the caller sets the start (§5.1.1).
    if (count > 1 && autoRename)
      n = m
        ? `${m[1]}${String(Number(m[2]) + i).padStart(m[2]!.length, '0')}`
        : `${name}-${String(i + 1).padStart(4, '0')}`;
    const server = createServerRecords(rt, {
      name: n,
      ...(description !== undefined ? { description } : {}),
      flavorId: flavor.id,
      imageId: image.id,
      availabilityZone: az ?? st.availabilityZones[i % st.availabilityZones.length]!,
      vpcId,
      nics,
      securityGroups: sgIds,
      keyName: keyName ?? null,
      userData: userData ?? null,
      metadata,
      tags,
      rootVolume: { size: rootSize, volumeType: rootType },
      dataVolumes,
      ...(groupId !== undefined ? { serverGroupId: groupId } : {}),
      reservationId,
      launchIndex: i,
      projectId: ctx.who.projectId,
      userId: ctx.who.userId,
    });
    if (!server) {
      // A failed request leaves nothing behind.
      for (const c of created) destroyServer(rt, c, { deleteVolumes: true });
      throw ecs('Ecs.0012', 'The subnet does not contain enough IP addresses.');
    }
    recordAction(server, 'create', ctx.who, ctx.requestId);
    created.push(server);
  }
  const jobId = startBatchJob(ctx, created, ['createServer', 'createSingleServer'], (server, ctl) =>
    runBuild(rt, server, { fail: ctl.injectFailure, rollback: true }, (ok) =>
      ok
        ? ctl.succeed()
        : ctl.fail('Ecs.0002', 'Injected fault: creating the ECS failed; it was rolled back.'),
    ),
  );
  const serverIds = created.map((c) => c.id);
  if (token) rememberClientToken(ctx, token, { jobId, serverIds });
  jobResponse(ctx, jobId, { serverIds });
}
