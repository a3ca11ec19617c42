/**
 * Per-server sub-resources: networks and IPs (§6.4), security groups of a server (§6.5.3), NICs
 * (§6.7), volume attachments (§6.8) and 1D tags (§6.15).
 */
import type { RequestContext } from '../context';
import {
  attachVolumeRecord,
  createPort,
  deletePort,
  detachVolumeRecord,
  nextDevice,
} from '../server-records';
import { DURATIONS } from '../scheduler';
import { nicLimit } from '../usage';
import type { Port, Server } from '../state';
import { ipInCidr } from '../state';
import { badRequest, conflict, forbidden, notFound } from './errors';
import { subnetByNetwork } from './server-create';
import { novaSecurityGroup, serverAddresses } from './views';
import { body, findServer, finishNow, isObject, member, record, requireUnlocked, str, touch } from './util';

/** GET /os-networks: the project's subnets as Nova networks; only id and label are filled (§6.4.1). */
export function listNetworks(ctx: RequestContext): void {
  const networks = [...ctx.state.subnets.values()].map((s) => ({
    id: s.neutron_network_id || s.id,
    label: s.name,
    broadcast: null,
    cidr: null,
    cidr_v6: null,
    dns1: null,
    dns2: null,
    gateway: null,
    gateway_v6: null,
    netmask: null,
    netmask_v6: null,
    bridge: null,
  }));
  ctx.ok({ networks });
}

function plainAddresses(
  ctx: RequestContext,
  server: Server,
): Record<string, { version: number; addr: string }[]> {
  const out: Record<string, { version: number; addr: string }[]> = {};
  for (const [net, list] of Object.entries(serverAddresses(ctx, server)))
    out[net] = list.map((a) => ({ version: a.version as number, addr: a.addr as string }));
  return out;
}

/** GET /servers/{id}/ips. */
export function listServerIps(ctx: RequestContext): void {
  ctx.ok({ addresses: plainAddresses(ctx, findServer(ctx)) });
}

/** GET /servers/{id}/ips/{networkName}: keyed by the network name itself, no wrapper (§6.4.3). */
export function showServerIpsByNetwork(ctx: RequestContext): void {
  const server = findServer(ctx);
  const name = ctx.param('network_name');
  const list = plainAddresses(ctx, server)[name];
  if (list === undefined) throw notFound('There are no IP addresses for this network.');
  ctx.ok({ [name]: list });
}

/** GET /servers/{id}/os-security-groups. */
export function listServerSecurityGroups(ctx: RequestContext): void {
  const server = findServer(ctx);
  const groups = server.security_groups
    .map((id) => ctx.state.securityGroups.get(id))
    .filter((g) => g !== undefined)
    .map((g) => novaSecurityGroup(ctx, g));
  ctx.ok({ security_groups: groups });
}

function interfaceView(p: Port): Record<string, unknown> {
  return {
    port_state: p.status,
    fixed_ips: p.fixed_ips.map((f) => ({ subnet_id: f.subnet_id, ip_address: f.ip_address })),
    net_id: p.network_id,
    port_id: p.id,
    mac_addr: p.mac_address,
  };
}

function serverPort(ctx: RequestContext, server: Server): Port {
  const id = ctx.param('port_id');
  const p = server.ports.includes(id) ? ctx.state.ports.get(id) : undefined;
  if (p === undefined) throw notFound(`Port ${id} is not attached to instance ${server.id}`);
  return p;
}

/** GET /servers/{id}/os-interface. */
export function listInterfaces(ctx: RequestContext): void {
  const server = findServer(ctx);
  const ports = server.ports.map((id) => ctx.state.ports.get(id)).filter((p) => p !== undefined);
  ctx.ok({ interfaceAttachments: ports.map(interfaceView) });
}

/** GET /servers/{id}/os-interface/{port_id}. */
export function showInterface(ctx: RequestContext): void {
  const server = findServer(ctx);
  ctx.ok({ interfaceAttachment: interfaceView(serverPort(ctx, server)) });
}

/**
 * POST /servers/{id}/os-interface. `port_id` xor `net_id`; `fixed_ips` only with `net_id`, one
 * element. The second 6.7.3 example sends fixed_ips with port_id; the table forbids it and so do we.
 */
export function attachInterface(ctx: RequestContext): void {
  const server = findServer(ctx);
  const a = member(body(ctx), 'interfaceAttachment');
  const portId = str(a.port_id, 'port_id');
  const netId = str(a.net_id, 'net_id');
  if ((portId === undefined) === (netId === undefined))
    throw badRequest('Exactly one of port_id and net_id must be given.');
  let fixed: string | undefined;
  if (a.fixed_ips !== undefined) {
    if (portId !== undefined) throw badRequest('fixed_ips cannot be used with port_id.');
    if (!Array.isArray(a.fixed_ips) || a.fixed_ips.length !== 1 || !isObject(a.fixed_ips[0]))
      throw badRequest('fixed_ips must hold exactly one element.');
    fixed = str(a.fixed_ips[0].ip_address, 'ip_address', { required: true });
  }
  requireUnlocked(server);
  if (!['active', 'stopped'].includes(server.vm_state) || server.task_state !== null)
    throw conflict(
      `Cannot 'attach_interface' instance ${server.id} while it is in vm_state ${server.vm_state}`,
    );
  // Nova answers PortLimitExceeded with 403; the limit is the flavor's (Table 5-41).
  const maxNics = nicLimit(ctx.state.flavors.get(server.flavor_id));
  if (server.ports.length >= maxNics)
    throw forbidden(`Maximum number of ports exceeded: the flavor allows ${maxNics} NICs (Ecs.0050).`);
  let port: Port;
  if (portId !== undefined) {
    const p = ctx.state.ports.get(portId);
    if (p === undefined) throw notFound(`Port ${portId} could not be found.`);
    if (p.device_id !== '') throw conflict(`Port ${portId} is still in use.`);
    p.device_id = server.id;
    p.device_owner = `compute:${server.availability_zone}`;
    p.primary = false;
    port = p;
  } else {
    const subnet = subnetByNetwork(ctx, netId!);
    if (subnet === undefined) throw notFound(`Network ${netId} could not be found.`);
    if (subnet.vpc_id !== server.vpc_id)
      throw badRequest('The network must belong to the VPC of the ECS (Ecs.0064).');
    if (fixed !== undefined) {
      if (!ipInCidr(fixed, subnet.cidr)) throw badRequest(`IP ${fixed} is not in the subnet (Ecs.0039).`);
      if (ctx.state.ipInUse(subnet.id, fixed))
        throw conflict(`Fixed IP ${fixed} is already in use (Ecs.0010).`);
    }
    const p = createPort(ctx.sandbox, server, subnet, {
      ...(fixed !== undefined ? { ip: fixed } : {}),
      securityGroups: server.security_groups,
      primary: false,
    });
    if (p === undefined) throw badRequest('The subnet does not contain enough IP addresses (Ecs.0012).');
    port = p;
  }
  // The NIC comes up asynchronously: DOWN first (the 6.7.3 example), ACTIVE a moment later.
  port.status = 'DOWN';
  server.ports.push(port.id);
  const rec = record(ctx, server, 'attach_interface');
  ctx.sandbox.scheduler.after(DURATIONS.nic, () => {
    if (ctx.state.ports.get(port.id) === port) port.status = 'ACTIVE';
    finishNow(rec);
  });
  touch(server);
  ctx.ok({ interfaceAttachment: interfaceView(port) });
}

/** DELETE /servers/{id}/os-interface/{port_id}: the primary NIC is refused with 403 (§6.7.4). */
export function detachInterface(ctx: RequestContext): void {
  const server = findServer(ctx);
  const port = serverPort(ctx, server);
  requireUnlocked(server);
  if (port.primary || server.ports[0] === port.id)
    throw forbidden('The primary NIC of an ECS cannot be deleted (Ecs.0086).');
  const rec = record(ctx, server, 'detach_interface');
  // A NIC created from net_id is deleted; one attached by port_id stays (device cleared). Ports we
  // created carry an empty name; user ports keep theirs.
  if (port.name === '') deletePort(ctx.sandbox, port);
  else {
    port.device_id = '';
    port.device_owner = '';
    server.ports = server.ports.filter((p) => p !== port.id);
  }
  finishNow(rec);
  touch(server);
  ctx.reply(202);
}

function attachmentView(server: Server, volumeId: string, device: string): Record<string, unknown> {
  return { id: volumeId, serverId: server.id, volumeId, device };
}

function attachmentsOf(ctx: RequestContext, server: Server): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const vid of server.volumes) {
    const a = ctx.state.volumes.get(vid)?.attachments.find((x) => x.server_id === server.id);
    if (a) out.push(attachmentView(server, vid, a.device));
  }
  return out;
}

/** GET /servers/{id}/os-volume_attachments. */
export function listVolumeAttachments(ctx: RequestContext): void {
  ctx.ok({ volumeAttachments: attachmentsOf(ctx, findServer(ctx)) });
}

/** GET /servers/{id}/os-volume_attachments/{volume_id}. */
export function showVolumeAttachment(ctx: RequestContext): void {
  const server = findServer(ctx);
  const id = ctx.param('volume_id');
  const a = attachmentsOf(ctx, server).find((x) => x.volumeId === id);
  if (a === undefined) throw notFound(`Volume ${id} is not attached to instance ${server.id}.`);
  ctx.ok({ volumeAttachment: a });
}

/**
 * POST /servers/{id}/os-volume_attachments: the disk must be `available` and in the server's AZ;
 * the device, if given, must be a free /dev/vdb..vdx (else the next free one is used, §6.8.3).
 */
export function attachVolume(ctx: RequestContext): void {
  const server = findServer(ctx);
  const a = member(body(ctx), 'volumeAttachment');
  const volumeId = str(a.volumeId, 'volumeId', { required: true, min: 1 })!;
  const device = str(a.device, 'device');
  const vol = ctx.state.volumes.get(volumeId);
  if (vol === undefined) throw notFound(`Volume ${volumeId} could not be found.`);
  requireUnlocked(server);
  if (!['active', 'stopped'].includes(server.vm_state) || server.task_state !== null)
    throw conflict(`Cannot 'attach_volume' instance ${server.id} while it is in vm_state ${server.vm_state}`);
  if (vol.attachments.some((x) => x.server_id === server.id))
    throw badRequest(`Volume ${volumeId} is already attached (Ecs.0057).`);
  if (vol.status !== 'available' && !(vol.multiattach && vol.status === 'in-use'))
    throw badRequest(`Volume ${volumeId} status must be available (Ecs.0103).`);
  if (vol.availability_zone !== server.availability_zone)
    throw badRequest('The disk and the ECS must be in the same AZ.');
  if (server.volumes.length >= 60)
    throw badRequest('The number of attached data disks exceeds the maximum allowed limit (Ecs.0042).');
  const used = new Set(attachmentsOf(ctx, server).map((x) => x.device as string));
  let dev =
    device !== undefined && /^\/dev\/(vd[b-x])$/.test(device) && !used.has(device) ? device : undefined;
  dev ??= nextDevice(ctx.sandbox, server);
  if (dev === undefined) throw badRequest('No free device name on the ECS (Ecs.0042).');
  const rec = record(ctx, server, 'attach_volume');
  attachVolumeRecord(ctx.sandbox, server, vol, dev);
  vol.status = 'attaching';
  ctx.sandbox.scheduler.after(DURATIONS.volume, () => {
    if (vol.status === 'attaching') vol.status = 'in-use';
    finishNow(rec);
  });
  touch(server);
  ctx.ok({ volumeAttachment: attachmentView(server, vol.id, dev) });
}

/**
 * DELETE /servers/{id}/os-volume_attachments/{volume_id}[?delete_flag=0|1]: the system disk only
 * when stopped; delete_flag=1 never for the system disk (§6.8.4).
 */
export function detachVolume(ctx: RequestContext): void {
  const server = findServer(ctx);
  const id = ctx.param('volume_id');
  const vol = ctx.state.volumes.get(id);
  const att = vol?.attachments.find((x) => x.server_id === server.id);
  if (vol === undefined || att === undefined)
    throw notFound(`Volume ${id} is not attached to instance ${server.id}.`);
  const flag = ctx.query.get('delete_flag') ?? '0';
  if (flag !== '0' && flag !== '1') throw badRequest(`Invalid delete_flag ${flag}: 0 or 1.`);
  requireUnlocked(server);
  const system = att.device === '/dev/vda' || att.device === '/dev/sda';
  if (system && flag === '1') throw badRequest('The system disk cannot be forcibly detached.');
  if (system && server.vm_state !== 'stopped')
    throw conflict('The system disk can be detached only when the ECS is stopped (Ecs.0100).');
  if (!['active', 'stopped'].includes(server.vm_state) || server.task_state !== null)
    throw conflict(`Cannot 'detach_volume' instance ${server.id} while it is in vm_state ${server.vm_state}`);
  const rec = record(ctx, server, 'detach_volume');
  vol.status = 'detaching';
  ctx.sandbox.scheduler.after(DURATIONS.volume, () => {
    if (ctx.state.servers.get(server.id) === server) detachVolumeRecord(ctx.sandbox, server, vol);
    else vol.attachments = vol.attachments.filter((x) => x.server_id !== server.id);
    if (vol.attachments.length === 0) vol.status = 'available';
    finishNow(rec);
    ctx.state.changed();
  });
  ctx.reply(202);
}

// ---- 1D tags (§6.15) -------------------------------------------------------------------------

function requireTagVersion(ctx: RequestContext): void {
  // "You are required to use the HTTP header X-OpenStack-Nova-API-Version: 2.26" (§6.15).
  if (!ctx.mvAtLeast('2.26'))
    throw notFound('The resource could not be found (tags require microversion 2.26).');
}

function checkTag(tag: unknown): string {
  if (typeof tag !== 'string')
    throw badRequest('Invalid input for field/attribute tags. Value is not a string');
  if (tag === '') throw badRequest('An empty tag cannot be created.');
  if ([...tag].length > 80) throw badRequest(`Tag '${tag}' is too long (at most 80 characters).`);
  if (/[,/]/.test(tag)) throw badRequest(`Tag '${tag}' contains ',' or '/' which are not allowed.`);
  return tag;
}

const MAX_TAGS = 50;

/** GET /servers/{id}/tags. */
export function listTags(ctx: RequestContext): void {
  requireTagVersion(ctx);
  ctx.ok({ tags: [...findServer(ctx).tags1d] });
}

/** PUT /servers/{id}/tags: replaces all tags (≤50, ≤80 characters each). */
export function replaceTags(ctx: RequestContext): void {
  requireTagVersion(ctx);
  const server = findServer(ctx);
  const raw = body(ctx).tags;
  if (!Array.isArray(raw))
    throw badRequest("Invalid input for field/attribute tags. 'tags' is a required property of type array");
  const tags = [...new Set(raw.map(checkTag))];
  if (tags.length > MAX_TAGS) throw badRequest(`The number of tags exceeds the per-server limit ${MAX_TAGS}`);
  server.tags1d = tags;
  touch(server);
  ctx.ok({ tags: [...tags] });
}

/** DELETE /servers/{id}/tags. */
export function deleteAllTags(ctx: RequestContext): void {
  requireTagVersion(ctx);
  const server = findServer(ctx);
  server.tags1d = [];
  touch(server);
  ctx.noContent();
}

/** PUT /servers/{id}/tags/{tag}: 201 when added, 204 when it was already there (upstream Nova). */
export function addTag(ctx: RequestContext): void {
  requireTagVersion(ctx);
  const server = findServer(ctx);
  const tag = checkTag(ctx.param('tag'));
  if (server.tags1d.includes(tag)) {
    ctx.noContent();
    return;
  }
  if (server.tags1d.length >= MAX_TAGS)
    throw badRequest(`The number of tags exceeds the per-server limit ${MAX_TAGS}`);
  server.tags1d.push(tag);
  touch(server);
  // §6.15.4's default body is this HTML page; Location as upstream Nova sends it.
  ctx.reply(
    201,
    '<html>\n <head>\n  <title>201 Created</title>\n </head>\n <body>\n  <h1>201 Created</h1>\n  <br /><br />\n\n\n\n </body>\n</html>',
    {
      Location: `${ctx.rawPath}`,
    },
  );
}

/** GET /servers/{id}/tags/{tag}: 204 if present, 404 if not. */
export function checkTagExists(ctx: RequestContext): void {
  requireTagVersion(ctx);
  const server = findServer(ctx);
  if (!server.tags1d.includes(ctx.param('tag')))
    throw notFound(`Tag ${ctx.param('tag')} could not be found.`);
  ctx.noContent();
}

/** DELETE /servers/{id}/tags/{tag}. */
export function deleteTag(ctx: RequestContext): void {
  requireTagVersion(ctx);
  const server = findServer(ctx);
  const tag = ctx.param('tag');
  if (!server.tags1d.includes(tag)) throw notFound(`Tag ${tag} could not be found.`);
  server.tags1d = server.tags1d.filter((t) => t !== tag);
  touch(server);
  ctx.noContent();
}
