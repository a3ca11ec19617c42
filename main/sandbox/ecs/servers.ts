/**
 * ECS server operations (§5.1-5.3) and the common server queries the SDK and console use.
 */
import { pageAfterMarker } from '../paging';
import type { RequestContext } from '../context';
import { EcsFault, ecs, invalid } from '../faults';
import { startJob } from '../jobs';
import {
  assertUnlocked,
  createServerRecords,
  destroyServer,
  recordAction,
  runBuild,
  runDelete,
  runRebuild,
  runReboot,
  runResize,
  runStart,
  runStop,
} from '../lifecycle';
import type { Router } from '../router';
import type { SandboxRuntime } from '../runtime';
import { DURATIONS } from '../scheduler';
import { nicLimit } from '../usage';
import { readClientToken, rememberClientToken } from './client-token';
import { ipInCidr, type Flavor, type Server } from '../state';
import {
  arr,
  asObj,
  bool,
  checkMetadata,
  checkPassword,
  checkServerName,
  checkTag,
  checkUserData,
  findServer,
  int,
  queryInt,
  reqObj,
  serverIdList,
  str,
} from './util';
import { cloudServerV11, serverDetailV1 } from './views';

/** Whether a flavor can be sold in an AZ (Table 5-41 `cond:operation:status` and `cond:operation:az`). */
export function flavorSellable(f: Flavor, az: string | undefined): 'normal' | 'sellout' | 'abandon' {
  const st = f.extra_specs['cond:operation:status'] ?? 'normal';
  if (st === 'abandon') return 'abandon';
  let status = st;
  const azSpec = f.extra_specs['cond:operation:az'];
  if (az !== undefined && azSpec !== undefined) {
    const m = new RegExp(`(?:^|,)\\s*${az.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\((\\w+)\\)`).exec(azSpec);
    if (m) status = m[1]!;
  }
  return status === 'sellout' || status === 'obt_sellout'
    ? 'sellout'
    : status === 'abandon'
      ? 'abandon'
      : 'normal';
}

function resolveFlavor(ctx: RequestContext, id: string, az: string | undefined): Flavor {
  const f = ctx.state.flavors.get(id);
  if (!f) throw ecs('Ecs.0029', `The flavor ${id} does not exist.`);
  const sell = flavorSellable(f, az);
  if (sell === 'abandon') throw ecs('Ecs.0029', `The flavor ${id} does not exist or has been abandoned.`);
  if (sell === 'sellout') throw ecs('Ecs.0319', `The flavor ${id} is sold out${az ? ` in ${az}` : ''}.`);
  return f;
}

function checkQuota(ctx: RequestContext, add: { instances: number; cores: number; ram: number }): void {
  const u = ctx.state.usage();
  const q = ctx.state.quotas;
  if (u.instances + add.instances > q.instances || u.cores + add.cores > q.cores || u.ram + add.ram > q.ram)
    throw ecs(
      'Ecs.0001',
      `Insufficient ECS quota: ${u.instances}/${q.instances} instances, ${u.cores}/${q.cores} cores, ${u.ram}/${q.ram} MB in use.`,
    );
}

function jobResponse(ctx: RequestContext, jobId: string, extra: Record<string, unknown> = {}): void {
  ctx.ok({ job_id: jobId, ...extra });
}

// ---------------------------------------------------------------------------------------------
// create (§5.1.1)

function createServers(ctx: RequestContext): void {
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
    const o = asObj(n);
    if (!o) throw invalid('nics[] must be objects.');
    const subnetId = str(o, 'subnet_id')!;
    const subnet = st.subnets.get(subnetId);
    if (!subnet) throw ecs('Ecs.0038', `The subnet ${subnetId} does not exist.`);
    if (subnet.vpc_id !== vpcId) throw ecs('Ecs.0014', `The subnet ${subnetId} is not in the VPC ${vpcId}.`);
    const ip = str(o, 'ip_address', { optional: true });
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
  const sgRaw = arr(s, 'security_groups', { optional: true }) ?? [];
  const sgIds = sgRaw.map((g) => {
    const id = asObj(g)?.id;
    if (typeof id !== 'string' || !st.securityGroups.has(id))
      throw ecs('Ecs.0014', `The security group ${String(id)} does not exist.`);
    return id;
  });
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
  checkQuota(ctx, { instances: count, cores: flavor.vcpus * count, ram: flavor.ram * count });
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
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'createServer',
    subJobType: 'createSingleServer',
    subJobs: created.map((server) => ({
      entities: { server_id: server.id },
      run: (ctl) =>
        runBuild(rt, server, { fail: ctl.injectFailure, rollback: true }, (ok) =>
          ok
            ? ctl.succeed()
            : ctl.fail('Ecs.0002', 'Injected fault: creating the ECS failed; it was rolled back.'),
        ),
    })),
  });
  const serverIds = created.map((c) => c.id);
  if (token) rememberClientToken(ctx, token, { jobId, serverIds });
  jobResponse(ctx, jobId, { serverIds });
}

// ---------------------------------------------------------------------------------------------
// delete (§5.1.2)

function deleteServers(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const ids = serverIdList(body, 1000);
  const deleteVolume = bool(body, 'delete_volume') ?? false;
  bool(body, 'delete_publicip');
  const servers = ids.map((id) => findServer(ctx, id));
  for (const s of servers) assertUnlocked(s);
  const rt = ctx.sandbox;
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'deleteServer',
    subJobType: 'deleteSingleServer',
    subJobs: servers.map((server) => ({
      entities: { server_id: server.id },
      run: (ctl) => {
        if (!rt.state.servers.has(server.id)) return ctl.succeed();
        if (server.task_state === 'deleting') return ctl.succeed();
        runDelete(rt, server, { deleteVolumes: deleteVolume, fail: ctl.injectFailure }, (ok) =>
          ok ? ctl.succeed() : ctl.fail('Ecs.0002', 'Injected fault: deleting the ECS failed.'),
        );
      },
    })),
  });
  jobResponse(ctx, jobId);
}

// ---------------------------------------------------------------------------------------------
// batch start/stop/reboot (§5.3)

function batchAction(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const keys = ['os-start', 'os-stop', 'reboot'].filter((k) => k in body);
  if (keys.length !== 1) throw invalid('The body must have exactly one of os-start, os-stop, reboot.');
  const key = keys[0]!;
  const inner = reqObj(body, key);
  // §5.3 states no per-request maximum; Ecs.0118 past 1,000 matches "1,000 ECSs ... in one minute".
  const ids = serverIdList(inner, 1000);
  let hard = false;
  if (key !== 'os-start') {
    const type = str(inner, 'type', { optional: key === 'os-stop' }) ?? 'SOFT';
    if (type !== 'SOFT' && type !== 'HARD') throw invalid('type must be SOFT or HARD.');
    hard = type === 'HARD';
  }
  const servers = ids.map((id) => findServer(ctx, id));
  for (const s of servers) assertUnlocked(s);
  const rt = ctx.sandbox;
  const jobType =
    key === 'os-start' ? 'batchStartServers' : key === 'os-stop' ? 'batchStopServers' : 'batchRebootServers';
  const sub =
    key === 'os-start' ? 'startSingleServer' : key === 'os-stop' ? 'stopSingleServer' : 'rebootSingleServer';
  for (const s of servers)
    recordAction(
      s,
      key === 'os-start' ? 'start' : key === 'os-stop' ? 'stop' : 'reboot',
      ctx.who,
      ctx.requestId,
    );
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType,
    subJobType: sub,
    subJobs: servers.map((server) => ({
      entities: { server_id: server.id },
      run: (ctl) => {
        if (!rt.state.servers.has(server.id)) return ctl.fail('Ecs.0114', 'The ECS does not exist.');
        const done = (ok: boolean): void =>
          ok
            ? ctl.succeed()
            : ctl.fail(
                ctl.injectFailure ? 'Ecs.0002' : 'Ecs.0100',
                ctl.injectFailure ? 'Injected fault.' : 'The ECS status does not meet requirements.',
              );
        const stable = server.task_state === null;
        if (key === 'os-start') {
          if (stable && server.vm_state === 'active') return ctl.succeed();
          if (!stable || server.vm_state !== 'stopped')
            return ctl.fail('Ecs.0100', `Cannot start an ECS in ${server.status}.`);
          return runStart(rt, server, done, ctl.injectFailure);
        }
        if (key === 'os-stop') {
          if (stable && server.vm_state === 'stopped') return ctl.succeed();
          if (!stable || server.vm_state !== 'active')
            return ctl.fail('Ecs.0100', `Cannot stop an ECS in ${server.status}.`);
          // A HARD stop is quicker but the same transition.
          return runStop(rt, server, done, ctl.injectFailure);
        }
        if (!stable || server.vm_state !== 'active')
          return ctl.fail('Ecs.0100', `Cannot reboot an ECS in ${server.status}.`);
        return runReboot(rt, server, hard, done, ctl.injectFailure);
      },
    })),
  });
  jobResponse(ctx, jobId);
}

// ---------------------------------------------------------------------------------------------
// reinstall / change OS (§5.2.1, §5.2.2), migrate (§5.2.3), resize (§5.2.4)

function requireStopped(server: Server, what: string, allowError = false): void {
  const ok =
    server.task_state === null &&
    (server.vm_state === 'stopped' || (allowError && server.vm_state === 'error'));
  if (!ok) throw ecs('Ecs.0100', `${what} is only possible when the ECS is stopped; it is ${server.status}.`);
}

function osChange(ctx: RequestContext, kind: 'reinstall' | 'change'): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const inner = reqObj(body, kind === 'reinstall' ? 'os-reinstall' : 'os-change');
  const st = ctx.state;
  let imageId = server.image_id;
  if (kind === 'change') {
    imageId = str(inner, 'imageid')!;
    const img = st.images.get(imageId);
    if (!img) throw ecs('Ecs.0031', `The image ${imageId} does not exist.`);
    if (img.status !== 'active') throw ecs('Ecs.0032', `The image ${imageId} is not in Active state.`);
  }
  const image = st.images.get(imageId);
  const pass = str(inner, 'adminpass', { optional: true });
  const key = str(inner, 'keyname', { optional: true });
  const md = asObj(inner.metadata);
  const userData = md && typeof md.user_data === 'string' ? md.user_data : undefined;
  // keyname is "mandatory" in the table but the password examples omit it (NOTES.md §19.4): either one is enough.
  if (pass === undefined && key === undefined && userData === undefined)
    throw invalid('adminpass or keyname is required.');
  if (pass !== undefined) checkPassword(pass, image?.os_type ?? 'Linux');
  if (key !== undefined && !st.keypairs.has(key))
    throw ecs('Ecs.0314', `The key pair ${key} does not exist.`);
  if (userData !== undefined) checkUserData(userData);
  assertUnlocked(server);
  const sys = server.volumes[0];
  if (sys === undefined || !st.volumes.get(sys)?.bootable) throw ecs('Ecs.0105', 'No system disk found.');
  requireStopped(server, kind === 'reinstall' ? 'Reinstalling the OS' : 'Changing the OS', true);
  // withStopServer in the §5.2.1 example means: stop first if running. Only stopped servers reach here.
  const rt = ctx.sandbox;
  recordAction(server, 'rebuild', ctx.who, ctx.requestId);
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: kind === 'reinstall' ? 'reinstallOS' : 'changeOS',
    subJobType: kind === 'reinstall' ? 'reinstallSingleOS' : 'changeSingleOS',
    entities: { server_id: server.id },
    subJobs: [
      {
        entities: { server_id: server.id },
        run: (ctl) =>
          runRebuild(
            rt,
            server,
            () => {
              server.image_id = imageId;
              if (key !== undefined) server.key_name = key;
              if (userData !== undefined) server.user_data = userData;
              const v = rt.state.volumes.get(sys);
              if (v) v.image_id = imageId;
            },
            { endState: 'stopped', fail: ctl.injectFailure },
            (ok) =>
              ok
                ? ctl.succeed()
                : ctl.fail('Ecs.0002', 'Injected fault: the OS change failed; the old OS is kept.'),
          ),
      },
    ],
  });
  jobResponse(ctx, jobId);
}

function migrate(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  // §5.2.3 Table 5-19: `migrate` "is null when you migrate an ECS from a dedicated host to a public
  // resource pool", so null (or {}) means the public pool.
  if (!('migrate' in body)) throw invalid('migrate is mandatory.');
  const inner = body.migrate === null ? {} : reqObj(body, 'migrate');
  const dehId = str(inner, 'dedicated_host_id', { optional: true });
  // The Sandbox has no dedicated hosts, so any DeH id names one that does not exist: refused up
  // front with Ecs.0221, A.2's cold-migration failure ("Failed to migrate the ECS").
  if (dehId !== undefined)
    throw ecs('Ecs.0221', `Failed to migrate the ECS: the dedicated host ${dehId} does not exist.`);
  assertUnlocked(server);
  requireStopped(server, 'Cold migration');
  const rt = ctx.sandbox;
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'migrateServer',
    subJobType: 'migrateSingleServer',
    entities: { server_id: server.id },
    subJobs: [
      {
        entities: { server_id: server.id },
        // A-4 has no stopped/migrating pair, so a cold migration shows no task_state: only the host changes.
        run: (ctl) =>
          rt.scheduler.after(DURATIONS.migrate, () => {
            if (ctl.injectFailure) return ctl.fail('Ecs.0002', 'Injected fault: migration failed.');
            server.hypervisor_hostname = `sandbox-host-${1 + Math.floor(rt.random() * 16)}`;
            ctl.succeed();
          }),
      },
    ],
  });
  jobResponse(ctx, jobId);
}

function resize(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const inner = reqObj(body, 'resize');
  const flavorRef = str(inner, 'flavorRef')!;
  const flavor = resolveFlavor(ctx, flavorRef, server.availability_zone);
  if (flavor.id === server.flavor_id)
    throw ecs('Ecs.0810', 'The ECS flavor is the same as the target flavor.');
  assertUnlocked(server);
  requireStopped(server, 'Resizing');
  const old = ctx.state.flavors.get(server.flavor_id);
  checkQuota(ctx, {
    instances: 0,
    cores: Math.max(0, flavor.vcpus - (old?.vcpus ?? 0)),
    ram: Math.max(0, flavor.ram - (old?.ram ?? 0)),
  });
  if (bool(body, 'dry_run') === true) {
    ctx.reply(202, {});
    return;
  }
  const rt = ctx.sandbox;
  recordAction(server, 'resize', ctx.who, ctx.requestId);
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'resizeServer',
    subJobType: 'resizeSingleServer',
    entities: { server_id: server.id },
    subJobs: [
      {
        entities: { server_id: server.id },
        run: (ctl) =>
          runResize(rt, server, flavor.id, { confirm: 'auto', fail: ctl.injectFailure }, (ok) =>
            ok
              ? ctl.succeed()
              : ctl.fail('Ecs.0002', 'Injected fault: resize failed; the old flavor is kept.'),
          ),
      },
    ],
  });
  jobResponse(ctx, jobId);
}

// ---------------------------------------------------------------------------------------------
// queries

function newestFirst(rt: SandboxRuntime, projectId: string): Server[] {
  const out: Server[] = [];
  for (const s of rt.state.servers.values()) if (s.project_id === projectId) out.push(s);
  return out.reverse();
}

function tagFilter(list: string[]): ((s: Server) => boolean) | undefined {
  // `tags=key=value,key2` style: every given tag must be present (key or key=value).
  if (list.length === 0) return undefined;
  const wanted = list
    .flatMap((t) => t.split(','))
    .filter((t) => t !== '')
    .map((t) => {
      const i = t.indexOf('=');
      return i < 0 ? { key: t, value: undefined } : { key: t.slice(0, i), value: t.slice(i + 1) };
    });
  return (s) =>
    wanted.every((w) => Object.hasOwn(s.tags, w.key) && (w.value === undefined || s.tags[w.key] === w.value));
}

function filterServers(ctx: RequestContext, servers: Server[]): Server[] {
  const q = ctx.query;
  const name = q.get('name');
  const status = q.get('status');
  const flavor = q.get('flavor') ?? q.get('flavor_name');
  const ip = q.get('ip');
  const ipEq = q.get('ip_eq');
  const reservation = q.get('reservation_id');
  const ids = q
    .getAll('server_id')
    .concat(q.getAll('id'))
    .flatMap((x) => x.split(','));
  const az = q.get('availability_zone');
  const imageId = q.get('image_id');
  const keyName = q.get('key_name');
  const tags = tagFilter(q.getAll('tags'));
  const notTags = tagFilter(q.getAll('not-tags'));
  let nameRe: RegExp | undefined;
  if (name !== undefined) {
    try {
      nameRe = new RegExp(name);
    } catch {
      throw invalid('name is not a valid pattern.');
    }
  }
  const st = ctx.state;
  const addrs = (s: Server): string[] =>
    s.ports.flatMap((p) => st.ports.get(p)?.fixed_ips.map((f) => f.ip_address) ?? []);
  return servers.filter(
    (s) =>
      (!nameRe || nameRe.test(s.name)) &&
      (status === undefined || s.status === status.toUpperCase()) &&
      (flavor === undefined || s.flavor_id === flavor || st.flavors.get(s.flavor_id)?.name === flavor) &&
      (reservation === undefined || s.reservation_id === reservation) &&
      (ids.length === 0 || ids.includes(s.id)) &&
      (az === undefined || s.availability_zone === az) &&
      (imageId === undefined || s.image_id === imageId) &&
      (keyName === undefined || s.key_name === keyName) &&
      (ip === undefined || addrs(s).some((a) => a.includes(ip))) &&
      (ipEq === undefined || addrs(s).includes(ipEq)) &&
      (!tags || tags(s)) &&
      (!notTags || !notTags(s)),
  );
}

/** GET /v1/{project_id}/cloudservers/detail: `offset` is the page number (1-based; 0 = first), `limit` 25 default, 1,000 max. */
function listDetailV1(ctx: RequestContext): void {
  const limit = queryInt(ctx, 'limit', 1, 1000) ?? 25;
  const offset = queryInt(ctx, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 1;
  const all = filterServers(ctx, newestFirst(ctx.sandbox, ctx.who.projectId));
  const start = (Math.max(1, offset) - 1) * limit;
  const st = ctx.state;
  ctx.ok({ count: all.length, servers: all.slice(start, start + limit).map((s) => serverDetailV1(st, s)) });
}

/** GET /v1.1/{project_id}/cloudservers/detail: marker paging (marker = last id of the previous page). */
function listDetailV11(ctx: RequestContext): void {
  const limit = queryInt(ctx, 'limit', 1, 1000) ?? 25;
  const all = filterServers(ctx, newestFirst(ctx.sandbox, ctx.who.projectId));
  const { page, more } = pageAfterMarker(all, ctx.query.get('marker'), limit, (m) =>
    invalid(`marker ${m} not found.`),
  );
  const st = ctx.state;
  const body: Record<string, unknown> = {
    request_id: ctx.requestId,
    servers: page.map((s) => cloudServerV11(st, s)),
  };
  if (more) {
    const params = new URLSearchParams(ctx.rawQuery);
    params.set('marker', page[page.length - 1]!.id);
    params.set('limit', String(limit));
    body.servers_links = [
      {
        rel: 'next',
        href: `${ctx.sandbox.info.endpoint}/v1.1/${ctx.who.projectId}/cloudservers/detail?${params.toString()}`,
      },
    ];
  }
  ctx.ok(body);
}

function showServer(ctx: RequestContext): void {
  ctx.ok({ server: serverDetailV1(ctx.state, findServer(ctx)) });
}

/** Registers the ECS server routes. */
export function registerServerRoutes(router: Router): void {
  router.post('/v1/{project_id}/cloudservers', createServers, { name: 'createServers' });
  // The SDK's createServers (prepaid-capable) is the /v1.1 variant; postpaid behaves the same.
  router.post('/v1.1/{project_id}/cloudservers', createServers, { name: 'createServersV11' });
  router.post('/v1/{project_id}/cloudservers/delete', deleteServers, { name: 'deleteServers' });
  router.post('/v1/{project_id}/cloudservers/action', batchAction, { name: 'batchServerAction' });
  router.post('/v2/{project_id}/cloudservers/{server_id}/reinstallos', (ctx) => osChange(ctx, 'reinstall'), {
    name: 'reinstallServerOs',
  });
  router.post('/v1/{project_id}/cloudservers/{server_id}/reinstallos', (ctx) => osChange(ctx, 'reinstall'), {
    name: 'reinstallServerWithoutCloudInit',
  });
  router.post('/v2/{project_id}/cloudservers/{server_id}/changeos', (ctx) => osChange(ctx, 'change'), {
    name: 'changeServerOs',
  });
  router.post('/v1/{project_id}/cloudservers/{server_id}/changeos', (ctx) => osChange(ctx, 'change'), {
    name: 'changeServerOsWithoutCloudInit',
  });
  router.post('/v1/{project_id}/cloudservers/{server_id}/migrate', migrate, { name: 'migrateServer' });
  router.post('/v1/{project_id}/cloudservers/{server_id}/resize', resize, { name: 'resizeServer' });
  router.post('/v1.1/{project_id}/cloudservers/{server_id}/resize', resize, { name: 'resizeServerV11' });
  router.get('/v1/{project_id}/cloudservers/detail', listDetailV1, { name: 'listServersDetails' });
  router.get('/v1.1/{project_id}/cloudservers/detail', listDetailV11, { name: 'listCloudServers' });
  router.get('/v1/{project_id}/cloudservers/{server_id}', showServer, { name: 'showServer' });
}
