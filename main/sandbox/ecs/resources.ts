/**
 * ECS resource operations: flavors (§5.4), NICs (§5.5), disks (§5.6), limits (§5.7), jobs (§5.8),
 * 2D tags (§5.9) and server groups (§5.10), at the document's and the SDK's paths.
 */
import { pageAfterMarker } from '../paging';
import { RawFault, type RequestContext } from '../context';
import { EcsFault, ecs, invalid } from '../faults';
import { jobView, startJob } from '../jobs';
import {
  assertUnlocked,
  attachVolumeRecord,
  createPort,
  deletePort,
  detachVolumeRecord,
  nextDevice,
} from '../lifecycle';
import type { Router } from '../router';
import { DURATIONS } from '../scheduler';
import { nicLimit } from '../usage';
import { ipInCidr, uuid, type Flavor, type Server, type ServerGroup } from '../state';
import { flavorSellable } from './servers';
import { arr, asObj, bool, checkTag, findServer, reqObj, str } from './util';

// ---------------------------------------------------------------------------------------------
// flavors (§5.4.1)

function flavorView(ctx: RequestContext, f: Flavor): Record<string, unknown> {
  const href = `${ctx.sandbox.info.endpoint}/v1/${ctx.who.projectId}/flavors/${f.id}`;
  return {
    id: f.id,
    name: f.name,
    // vcpus is a String in v1 (§5.4.1; NOTES.md §13).
    vcpus: String(f.vcpus),
    ram: f.ram,
    disk: '0',
    swap: '',
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    rxtx_factor: 1,
    rxtx_quota: null,
    rxtx_cap: null,
    'os-flavor-access:is_public': f.is_public,
    links: [
      { rel: 'self', href, type: null },
      { rel: 'bookmark', href, type: null },
    ],
    os_extra_specs: f.extra_specs,
  };
}

function listFlavors(ctx: RequestContext): void {
  const az = ctx.query.get('availability_zone');
  if (az !== undefined && !ctx.state.availabilityZones.includes(az))
    throw invalid(`availability_zone ${az} does not exist.`);
  // With ?availability_zone= only flavors on sale there are listed; without it, all but abandoned ones.
  const flavors = [...ctx.state.flavors.values()].filter((f) => {
    const s = flavorSellable(f, az);
    return az === undefined ? s !== 'abandon' : s === 'normal';
  });
  ctx.ok({ flavors: flavors.map((f) => flavorView(ctx, f)) });
}

// ---------------------------------------------------------------------------------------------
// limits (§5.7.1)

function showLimits(ctx: RequestContext): void {
  const u = ctx.state.usage();
  const q = ctx.state.quotas;
  // The example's key spellings (maxServerMeta, maxTotalKeypairs) are what the SDK model reads (NOTES.md §19.2).
  ctx.ok({
    absolute: {
      maxTotalInstances: q.instances,
      maxTotalCores: q.cores,
      maxTotalRAMSize: q.ram,
      maxTotalKeypairs: q.key_pairs,
      maxServerMeta: q.metadata_items,
      maxPersonality: q.injected_files,
      maxPersonalitySize: q.injected_file_content_bytes,
      maxServerGroups: q.server_groups,
      maxServerGroupMembers: q.server_group_members,
      totalServerGroupsUsed: u.serverGroups,
      maxSecurityGroups: q.security_groups,
      maxSecurityGroupRules: q.security_group_rules,
      maxTotalFloatingIps: q.floating_ips,
      maxImageMeta: q.image_meta,
      totalInstancesUsed: u.instances,
      totalCoresUsed: u.cores,
      totalRAMUsed: u.ram,
      totalSecurityGroupsUsed: u.securityGroups,
      totalFloatingIpsUsed: u.floatingIps,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// jobs (§5.8.1)

function showJob(ctx: RequestContext): void {
  const id = ctx.param('job_id');
  const job = ctx.state.jobs.get(id);
  if (!job || job.project_id !== ctx.who.projectId) {
    // A failed query answers top-level code/message (§5.8.1) and the ECS error object too, so every client finds the code.
    const message = `Failed to query system tasks: job ${id} does not exist.`;
    throw new RawFault(400, { code: 'Common.0011', message, error: { code: 'Common.0011', message } });
  }
  ctx.ok(jobView(job));
}

// ---------------------------------------------------------------------------------------------
// NICs (§5.5)

function addNics(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const list = arr(body, 'nics')!;
  if (list.length === 0) throw invalid('nics must not be empty.');
  const st = ctx.state;
  const specs = list.map((n) => {
    const o = asObj(n);
    if (!o) throw invalid('nics[] must be objects.');
    const subnetId = str(o, 'subnet_id')!;
    const subnet = st.subnets.get(subnetId);
    if (!subnet) throw ecs('Ecs.0038', `The subnet ${subnetId} does not exist.`);
    if (subnet.vpc_id !== server.vpc_id)
      throw ecs('Ecs.0014', `The subnet ${subnetId} is not in the ECS's VPC.`);
    const ip = str(o, 'ip_address', { optional: true });
    if (ip !== undefined) {
      if (!ipInCidr(ip, subnet.cidr))
        throw ecs('Ecs.0039', `The IP address ${ip} does not belong to the subnet ${subnetId}.`);
      if (st.ipInUse(subnet.id, ip))
        throw ecs('Ecs.0010', `The private IP address ${ip} is already being used.`);
    }
    const sgs = (arr(o, 'security_groups', { optional: true }) ?? []).map((g) => {
      const id = asObj(g)?.id;
      if (typeof id !== 'string' || !st.securityGroups.has(id))
        throw ecs('Ecs.0014', `The security group ${String(id)} does not exist.`);
      return id;
    });
    return { subnet, ip, sgs: sgs.length > 0 ? sgs : server.security_groups };
  });
  const maxNics = nicLimit(st.flavors.get(server.flavor_id));
  if (server.ports.length + specs.length > maxNics)
    throw ecs(
      'Ecs.0050',
      `The number of NICs attached to the ECS exceeds the quota: it has ${server.ports.length}, its flavor allows ${maxNics}.`,
    );
  assertUnlocked(server);
  if (server.task_state !== null || (server.vm_state !== 'active' && server.vm_state !== 'stopped'))
    throw ecs('Ecs.0100', `NICs can be added only to a running or stopped ECS; it is ${server.status}.`);
  const rt = ctx.sandbox;
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'attachInterface',
    subJobType: 'attachSingleInterface',
    entities: { server_id: server.id },
    subJobs: specs.map((spec) => ({
      entities: { server_id: server.id },
      run: (ctl) =>
        rt.scheduler.after(DURATIONS.nic, () => {
          if (!rt.state.servers.has(server.id)) return ctl.fail('Ecs.0114', 'The ECS does not exist.');
          // The port is created only on success, so a failed sub-job leaves no NIC behind.
          if (ctl.injectFailure) return ctl.fail('Ecs.0002', 'Injected fault: attaching the NIC failed.');
          if (server.ports.length >= maxNics) return ctl.fail('Ecs.0050', 'NICs exceed quota.');
          const port = createPort(rt, server, spec.subnet, {
            ...(spec.ip !== undefined ? { ip: spec.ip } : {}),
            securityGroups: spec.sgs,
            primary: false,
          });
          if (!port) return ctl.fail('Ecs.0012', 'The subnet does not contain enough IP addresses.');
          server.ports.push(port.id);
          const sub = rt.state.jobs
            .get(jobId)
            ?.entities.sub_jobs?.find(
              (s) =>
                s.entities.server_id === server.id &&
                s.entities.nic_id === undefined &&
                s.status === 'RUNNING',
            );
          if (sub) sub.entities.nic_id = port.id;
          ctl.succeed();
        }),
    })),
  });
  ctx.ok({ job_id: jobId });
}

function deleteNics(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const list = arr(body, 'nics')!;
  if (list.length === 0) throw invalid('nics must not be empty.');
  const ports = list.map((n) => {
    const id = asObj(n)?.id;
    if (typeof id !== 'string') throw invalid('nics[].id is mandatory.');
    const p = ctx.state.ports.get(id);
    if (!p || p.device_id !== server.id)
      throw ecs('Ecs.0085', `The server does not have the interface ${id}.`);
    // §5.5.2 Table 5-48: "When the ID is the same as the ECS primary NIC ID, the system will return
    // error code 403." The doc names only the status; the body keeps Ecs.0005 with Ecs.0086 as detail.
    if (p.primary)
      throw new EcsFault('Ecs.0005', `The primary NIC ${id} of an ECS cannot be deleted.`, {
        status: 403,
        details: [{ code: 'Ecs.0086', message: 'primary interface' }],
      });
    return p;
  });
  assertUnlocked(server);
  const rt = ctx.sandbox;
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'detachInterface',
    subJobType: 'detachSingleInterface',
    entities: { server_id: server.id },
    subJobs: ports.map((p) => ({
      entities: { server_id: server.id, nic_id: p.id },
      run: (ctl) =>
        rt.scheduler.after(DURATIONS.nic, () => {
          if (ctl.injectFailure) return ctl.fail('Ecs.0002', 'Injected fault: detaching the NIC failed.');
          if (rt.state.ports.has(p.id)) deletePort(rt, p);
          ctl.succeed();
        }),
    })),
  });
  ctx.ok({ job_id: jobId });
}

function interfaceView(ctx: RequestContext, portId: string): Record<string, unknown> | undefined {
  const p = ctx.state.ports.get(portId);
  if (!p) return undefined;
  return {
    port_state: p.status,
    fixed_ips: p.fixed_ips,
    net_id: p.network_id,
    port_id: p.id,
    mac_addr: p.mac_address,
    delete_on_termination: true,
    driver_mode: 'virtio',
    min_rate: 0,
    multiqueue_num: 1,
    pci_address: `0000:00:0${3 + (p.created_at.length % 5)}.0`,
  };
}

function listInterfaces(ctx: RequestContext): void {
  const server = findServer(ctx);
  const list = server.ports.map((id) => interfaceView(ctx, id)).filter((x) => x !== undefined);
  const free = Math.max(0, nicLimit(ctx.state.flavors.get(server.flavor_id)) - list.length);
  ctx.ok({ attachableQuantity: { free_nic: free }, interfaceAttachments: list });
}

// ---------------------------------------------------------------------------------------------
// disks (§5.6) and block devices

const VBD_DEVICE = /^\/dev\/(vd|sd|xvd)[b-z]$/;

function attachVolume(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const va = reqObj(body, 'volumeAttachment');
  const volumeId = str(va, 'volumeId')!;
  const device = str(va, 'device', { optional: true });
  const st = ctx.state;
  const volume = st.volumes.get(volumeId);
  if (!volume) throw ecs('Ecs.0103', `The disk ${volumeId} does not exist.`);
  if (volume.attachments.some((a) => a.server_id === server.id))
    throw ecs('Ecs.0057', `The disk ${volumeId} is already attached to this ECS.`);
  if (volume.status !== 'available' && !(volume.multiattach && volume.status === 'in-use'))
    throw ecs('Ecs.0103', `The disk ${volumeId} is ${volume.status}; only available disks can be attached.`);
  if (volume.availability_zone !== server.availability_zone)
    throw invalid(
      `The disk ${volumeId} is in ${volume.availability_zone}, the ECS in ${server.availability_zone}.`,
    );
  if (device !== undefined) {
    if (!VBD_DEVICE.test(device)) throw invalid(`Invalid device name ${device}: use /dev/vdb to /dev/vdz.`);
    const taken = server.volumes.some((vid) =>
      st.volumes
        .get(vid)
        ?.attachments.some((a) => a.server_id === server.id && a.device.slice(-1) === device.slice(-1)),
    );
    if (taken) throw invalid(`The device ${device} is already used on this ECS.`);
  }
  if (server.volumes.length - 1 >= 23)
    throw ecs('Ecs.0104', 'The number of EVS disks that can be attached to the ECS exceeds the maximum.');
  assertUnlocked(server);
  if (server.task_state !== null || (server.vm_state !== 'active' && server.vm_state !== 'stopped'))
    throw ecs('Ecs.0100', `Disks can be attached only to a running or stopped ECS; it is ${server.status}.`);
  if (bool(body, 'dry_run') === true) {
    ctx.reply(202, {});
    return;
  }
  const dev = device !== undefined ? `/dev/vd${device.slice(-1)}` : nextDevice(ctx.sandbox, server);
  if (dev === undefined) throw ecs('Ecs.0104', 'No free device name is left.');
  const rt = ctx.sandbox;
  volume.status = 'attaching';
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'attachVolume',
    subJobType: 'attachSingleVolume',
    entities: { server_id: server.id },
    subJobs: [
      {
        entities: { server_id: server.id, volume_id: volume.id },
        run: (ctl) =>
          rt.scheduler.after(DURATIONS.volume, () => {
            if (ctl.injectFailure || !rt.state.servers.has(server.id)) {
              volume.status = volume.attachments.length > 0 ? 'in-use' : 'available';
              return ctl.fail('Ecs.0002', 'Attaching the disk failed.');
            }
            attachVolumeRecord(rt, server, volume, dev);
            ctl.succeed();
          }),
      },
    ],
  });
  ctx.ok({ job_id: jobId });
}

function detachVolume(ctx: RequestContext): void {
  const server = findServer(ctx);
  const volumeId = ctx.param('volume_id');
  const flag = ctx.query.get('delete_flag') ?? '0';
  if (flag !== '0' && flag !== '1') throw invalid('delete_flag must be 0 or 1.');
  const volume = ctx.state.volumes.get(volumeId);
  const att = volume?.attachments.find((a) => a.server_id === server.id);
  if (!volume || !att) throw ecs('Ecs.0111', `The disk ${volumeId} is not attached to the ECS.`);
  assertUnlocked(server);
  const isSystem = att.device === server.root_device_name;
  // The system disk can be detached only when the ECS is stopped; a forced detach never applies to it (§6.8.4).
  if (isSystem && (server.vm_state !== 'stopped' || server.task_state !== null || flag === '1'))
    throw ecs('Ecs.0100', 'The system disk can be detached only when the ECS is stopped.');
  if (server.task_state !== null) throw ecs('Ecs.0100', `The ECS is busy (${server.task_state}).`);
  const rt = ctx.sandbox;
  volume.status = 'detaching';
  const jobId = startJob(rt, {
    projectId: ctx.who.projectId,
    jobType: 'detachVolume',
    subJobType: 'detachSingleVolume',
    entities: { server_id: server.id },
    subJobs: [
      {
        entities: { server_id: server.id, volume_id: volume.id },
        run: (ctl) =>
          rt.scheduler.after(DURATIONS.volume, () => {
            if (ctl.injectFailure) {
              volume.status = 'in-use';
              return ctl.fail('Ecs.0002', 'Detaching the disk failed.');
            }
            if (rt.state.servers.has(server.id)) detachVolumeRecord(rt, server, volume);
            ctl.succeed();
          }),
      },
    ],
  });
  ctx.ok({ job_id: jobId });
}

function blockDeviceView(
  ctx: RequestContext,
  server: Server,
  volumeId: string,
): Record<string, unknown> | undefined {
  const v = ctx.state.volumes.get(volumeId);
  const a = v?.attachments.find((x) => x.server_id === server.id);
  if (!v || !a) return undefined;
  const idx = server.volumes.indexOf(volumeId);
  return {
    id: volumeId,
    serverId: server.id,
    volumeId,
    device: a.device,
    size: v.size,
    bootIndex: a.device === server.root_device_name ? 0 : -1,
    pciAddress: `0000:02:${String(idx + 1).padStart(2, '0')}.0`,
    bus: 'virtio',
  };
}

function findServerAnyProject(ctx: RequestContext): Server {
  // The /v2.1/servers/{server_id}/block_device paths have no project id; the caller's project applies.
  return findServer(ctx);
}

function listBlockDevices(ctx: RequestContext): void {
  const server = findServerAnyProject(ctx);
  const list = server.volumes.map((v) => blockDeviceView(ctx, server, v)).filter((x) => x !== undefined);
  const free = 24 - list.length;
  ctx.ok({
    attachableQuantity: { free_scsi: free, free_blk: free, free_disk: free },
    volumeAttachments: list,
  });
}

function showBlockDevice(ctx: RequestContext): void {
  const server = findServerAnyProject(ctx);
  const view = blockDeviceView(ctx, server, ctx.param('volume_id'));
  if (!view) throw ecs('Ecs.0111', `The disk ${ctx.param('volume_id')} is not attached to the ECS.`);
  ctx.ok({ volumeAttachment: view });
}

function listVolumeAttachments(ctx: RequestContext): void {
  const server = findServer(ctx);
  const list = server.volumes.flatMap((vid) => {
    const a = ctx.state.volumes.get(vid)?.attachments.find((x) => x.server_id === server.id);
    return a ? [{ device: a.device, id: vid, serverId: server.id, volumeId: vid }] : [];
  });
  ctx.ok({ volumeAttachments: list });
}

// ---------------------------------------------------------------------------------------------
// 2D tags (§5.9)

const MAX_TAGS = 10;

function tagsAction(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const action = str(body, 'action')!;
  const list = arr(body, 'tags')!;
  if (action === 'create') {
    const pairs = list.map((t) => checkTag(asObj(t)?.key, asObj(t)?.value));
    const keys = new Set<string>();
    for (const p of pairs) {
      if (keys.has(p.key)) throw ecs('Ecs.0908', `Duplicate tag key ${p.key}.`);
      keys.add(p.key);
    }
    // Identical key+value is a no-op, a same key with another value overwrites (§5.9.3). A Map, so
    // that any valid key (`__proto__` included) is stored rather than reaching the prototype.
    const merged = new Map(Object.entries(server.tags));
    for (const p of pairs) merged.set(p.key, p.value);
    if (merged.size > MAX_TAGS) throw ecs('Ecs.0905', `An ECS allows a maximum of ${MAX_TAGS} tags.`);
    server.tags = Object.fromEntries(merged);
  } else if (action === 'delete') {
    const pairs = list.map((t) => {
      const o = asObj(t);
      const key = o?.key;
      if (typeof key !== 'string' || key === '' || [...key].length > 127)
        throw ecs('Ecs.0906', 'A tag key must be 1 to 127 characters long.');
      const value = o?.value;
      if (value !== undefined && value !== null && (typeof value !== 'string' || [...value].length > 255))
        throw ecs('Ecs.0906', 'A tag value must be at most 255 characters long.');
      return { key, value: typeof value === 'string' ? value : undefined };
    });
    // Deleting a missing tag succeeds (§5.9.4); with a value, only an exact match is deleted.
    for (const p of pairs)
      if (
        Object.hasOwn(server.tags, p.key) &&
        (p.value === undefined || p.value === '' || server.tags[p.key] === p.value)
      )
        delete server.tags[p.key];
  } else {
    throw invalid('action must be create or delete (lowercase).');
  }
  server.updated = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  ctx.noContent();
}

function listServerTags(ctx: RequestContext): void {
  const server = findServer(ctx);
  ctx.ok({ tags: Object.entries(server.tags).map(([key, value]) => ({ key, value })) });
}

function listProjectTags(ctx: RequestContext): void {
  const map = new Map<string, Set<string>>();
  for (const s of ctx.state.servers.values()) {
    if (s.project_id !== ctx.who.projectId) continue;
    for (const [k, v] of Object.entries(s.tags)) {
      let set = map.get(k);
      if (!set) map.set(k, (set = new Set()));
      set.add(v);
    }
  }
  ctx.ok({ tags: [...map].map(([key, values]) => ({ key, values: [...values] })) });
}

function tagQuery(v: unknown, name: string): { key: string; values: string[] }[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalid(`${name} must be an array.`);
  if (v.length > 10) throw invalid(`${name} allows at most 10 entries.`);
  return v.map((t) => {
    const o = asObj(t);
    const key = o?.key;
    if (typeof key !== 'string' || key === '' || [...key].length > 127)
      throw invalid(`${name}[].key must be 1 to 127 characters long.`);
    const values = o?.values ?? [];
    if (!Array.isArray(values) || values.some((x) => typeof x !== 'string' || [...x].length > 255))
      throw invalid(`${name}[].values must be strings of at most 255 characters.`);
    return { key, values: values as string[] };
  });
}

function resourceInstances(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const action = str(body, 'action')!;
  if (action !== 'filter' && action !== 'count') throw invalid('action must be filter or count.');
  const tags = tagQuery(body.tags, 'tags');
  const notTags = tagQuery(body.not_tags, 'not_tags');
  const matches = (arr(body, 'matches', { optional: true }) ?? []).map((m) => {
    const o = asObj(m);
    if (o?.key !== 'resource_name' || typeof o.value !== 'string' || o.value.length > 255)
      throw invalid('matches[] must be {key: "resource_name", value}.');
    return o.value;
  });
  // limit and offset are Strings in Table 5-69; numbers are accepted too.
  const num = (key: string, def: number, max: number): number => {
    const v = body[key];
    if (v === undefined || v === null || action === 'count') return def;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max)
      throw invalid(`${key} must be an integer within [0, ${max}].`);
    return n;
  };
  const limit = num('limit', 1000, 1000);
  const offset = num('offset', 0, Number.MAX_SAFE_INTEGER);
  const has = (s: Server, t: { key: string; values: string[] }): boolean =>
    Object.hasOwn(s.tags, t.key) && (t.values.length === 0 || t.values.includes(s.tags[t.key]!));
  const all = [...ctx.state.servers.values()].filter(
    (s) =>
      s.project_id === ctx.who.projectId &&
      tags.every((t) => has(s, t)) &&
      !notTags.some((t) => has(s, t)) &&
      matches.every((m) => s.name.includes(m)),
  );
  if (action === 'count') {
    ctx.ok({ total_count: all.length });
    return;
  }
  ctx.ok({
    resources: all.slice(offset, offset + limit).map((s) => ({
      resource_id: s.id,
      resource_detail: '',
      tags: Object.entries(s.tags).map(([key, value]) => ({ key, value })),
      resource_name: s.name,
    })),
    total_count: all.length,
  });
}

// ---------------------------------------------------------------------------------------------
// server groups (§5.10)

function groupView(g: ServerGroup): Record<string, unknown> {
  return { id: g.id, name: g.name, policies: g.policies, members: g.members, metadata: g.metadata };
}

function findGroup(ctx: RequestContext): ServerGroup {
  const g = ctx.state.serverGroups.get(ctx.param('server_group_id'));
  if (!g || g.project_id !== ctx.who.projectId)
    throw new EcsFault('Ecs.0005', `The ECS group ${ctx.param('server_group_id')} does not exist.`, {
      status: 404,
    });
  return g;
}

function createGroup(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const sg = reqObj(body, 'server_group');
  const name = str(sg, 'name', { max: 255 })!;
  const policies = arr(sg, 'policies')!;
  // §5.10.1 Constraints: "Only anti-affinity groups are supported." (Nova's os-server-groups, §6,
  // keeps affinity.)
  if (policies.length !== 1 || policies[0] !== 'anti-affinity')
    throw invalid('policies must be ["anti-affinity"]: only anti-affinity groups are supported.');
  if (ctx.state.usage().serverGroups >= ctx.state.quotas.server_groups)
    throw ecs('Ecs.0022', 'Insufficient ECS group quota.');
  const g: ServerGroup = {
    id: uuid(),
    name,
    policies: policies as string[],
    members: [],
    metadata: {},
    project_id: ctx.who.projectId,
    user_id: ctx.who.userId,
  };
  ctx.state.serverGroups.set(g.id, g);
  ctx.ok({ server_group: groupView(g) });
}

function deleteGroup(ctx: RequestContext): void {
  const g = findGroup(ctx);
  for (const m of g.members) {
    const s = ctx.state.servers.get(m);
    if (s) s.server_groups = s.server_groups.filter((x) => x !== g.id);
  }
  ctx.state.serverGroups.delete(g.id);
  ctx.noContent();
}

function groupAction(ctx: RequestContext): void {
  const g = findGroup(ctx);
  const body = ctx.jsonObject();
  const key = 'add_member' in body ? 'add_member' : 'remove_member' in body ? 'remove_member' : undefined;
  if (!key) throw invalid('The body must have add_member or remove_member.');
  const id = str(reqObj(body, key), 'instance_uuid')!;
  const server = findServer(ctx, id);
  if (key === 'add_member') {
    if (g.members.includes(id)) throw invalid(`The ECS ${id} is already in the group.`);
    // "The ECS to be added has been stopped." (§5.10.3)
    if (server.vm_state !== 'stopped' || server.task_state !== null)
      throw ecs('Ecs.0100', 'Only a stopped ECS can be added to an ECS group.');
    if (g.members.length >= ctx.state.quotas.server_group_members)
      throw ecs('Ecs.0022', 'The ECS group is full.');
    g.members.push(id);
    server.server_groups.push(g.id);
  } else {
    if (!g.members.includes(id)) throw invalid(`The ECS ${id} is not in the group.`);
    g.members = g.members.filter((m) => m !== id);
    server.server_groups = server.server_groups.filter((x) => x !== g.id);
  }
  // "Status code 200" with no body (§5.10.3/5.10.4).
  ctx.reply(200);
}

function listGroups(ctx: RequestContext): void {
  const limitRaw = ctx.query.get('limit');
  const marker = ctx.query.get('marker');
  const limit = limitRaw === undefined ? 1000 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit must be within [1, 1000].');
  const all = [...ctx.state.serverGroups.values()].filter((g) => g.project_id === ctx.who.projectId);
  const { page, more } = pageAfterMarker(all, marker, limit, (m) => invalid(`marker ${m} not found.`));
  ctx.ok({
    server_groups: page.map(groupView),
    page_info: { next_marker: more ? page[page.length - 1]!.id : null },
  });
}

/** Registers the ECS resource routes. */
export function registerResourceRoutes(router: Router): void {
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
  router.get(
    '/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}',
    (ctx) => ctx.ok({ server_group: groupView(findGroup(ctx)) }),
    { name: 'showServerGroup' },
  );
  router.delete('/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}', deleteGroup, {
    name: 'deleteServerGroup',
  });
  router.post('/v1/{project_id}/cloudservers/os-server-groups/{server_group_id}/action', groupAction, {
    name: 'serverGroupMemberAction',
  });
}
