/**
 * The discarded §11 operations: auto-recovery (ECS v1 path), Nova images, security groups and
 * rules, os-volumes, floating IPs and pools, snapshots. Still served, because old scripts call them.
 */
import type { RequestContext } from '../context';
import { ecs } from '../faults';
import { createVolume } from '../lifecycle';
import { DURATIONS } from '../scheduler';
import type { FloatingIp, Image, SecurityGroup, SecurityGroupRule, Snapshot, Volume } from '../state';
import { isoNow, uuid } from '../state';
import { badRequest, conflict, notFound, overQuota } from './errors';
import { validateMetadata } from './metadata';
import { novaRule, novaSecurityGroup } from './views';
import { body, boolLike, intLike, links, member, str } from './util';

// ---- auto-recovery (§11.1, ECS-style errors because the path is ECS v1) --------------------------

function ecsServer(ctx: RequestContext) {
  const id = ctx.param('server_id');
  const s = ctx.state.servers.get(id);
  if (s === undefined || s.project_id !== ctx.who.projectId)
    throw ecs('Ecs.0114', `The ECS ${id} does not exist.`, 404);
  return s;
}

/** GET /v1/{project_id}/cloudservers/{server_id}/autorecovery. */
export function showAutoRecovery(ctx: RequestContext): void {
  ctx.ok({ support_auto_recovery: String(ecsServer(ctx).auto_recovery) });
}

/** PUT /v1/{project_id}/cloudservers/{server_id}/autorecovery: the flavor must support it (Ecs.0036). */
export function updateAutoRecovery(ctx: RequestContext): void {
  const server = ecsServer(ctx);
  const v = ctx.jsonObject().support_auto_recovery;
  if (v !== 'true' && v !== 'false' && typeof v !== 'boolean')
    throw ecs('Ecs.0005', 'support_auto_recovery must be "true" or "false".');
  const on = v === true || v === 'true';
  const flavor = ctx.state.flavors.get(server.flavor_id);
  if (on && flavor?.extra_specs['cond:compute'] !== 'autorecovery') throw ecs('Ecs.0036');
  server.auto_recovery = on;
  ctx.noContent();
}

// ---- images (§11.2) ------------------------------------------------------------------------------

// Glance status -> Nova status (§11.2.1): queued/saving -> SAVING, active -> ACTIVE, deleted -> DELETED.
function novaImageStatus(s: Image['status']): string {
  return s === 'active' ? 'ACTIVE' : s === 'deleted' ? 'DELETED' : 'SAVING';
}

function imageDetail(ctx: RequestContext, img: Image): Record<string, unknown> {
  const v: Record<string, unknown> = {
    id: img.id,
    name: img.name,
    links: [
      ...links(ctx, 'images', img.id),
      {
        rel: 'alternate',
        type: 'application/vnd.openstack.image',
        href: `${ctx.sandbox.info.endpoint}/images/${img.id}`,
      },
    ],
    metadata: { ...img.metadata, os_type: img.os_type },
    'OS-EXT-IMG-SIZE:size': img.size,
    minDisk: img.min_disk,
    minRam: img.min_ram,
    progress: img.status === 'active' ? 100 : 50,
    status: novaImageStatus(img.status),
    created: img.created,
    updated: img.updated,
  };
  if (img.server_id !== undefined)
    v.server = { id: img.server_id, links: links(ctx, 'servers', img.server_id) };
  return v;
}

function imageFilter(ctx: RequestContext): Image[] {
  const name = ctx.query.get('name');
  const status = ctx.query.get('status')?.toUpperCase();
  if (status === 'DELETED') throw badRequest('Images in the deleted status cannot be queried.');
  const since = ctx.query.get('changes-since');
  const minRam = intLike(ctx.query.get('minRam'), 'minRam');
  const minDisk = intLike(ctx.query.get('minDisk'), 'minDisk');
  return [...ctx.state.images.values()].filter(
    (i) =>
      i.status !== 'deleted' &&
      (name === undefined || i.name === name) &&
      (status === undefined || novaImageStatus(i.status) === status) &&
      (since === undefined || Date.parse(i.updated) >= Date.parse(since)) &&
      (minRam === undefined || i.min_ram >= minRam) &&
      (minDisk === undefined || i.min_disk >= minDisk),
  );
}

/** GET /images. */
export function listImages(ctx: RequestContext): void {
  ctx.ok({
    images: imageFilter(ctx).map((i) => ({ id: i.id, name: i.name, links: links(ctx, 'images', i.id) })),
  });
}

/** GET /images/detail: a list under `images` (7.1; the 11.2.2 example's singular `image` is an extraction slip). */
export function listImagesDetail(ctx: RequestContext): void {
  ctx.ok({ images: imageFilter(ctx).map((i) => imageDetail(ctx, i)) });
}

function findImage(ctx: RequestContext): Image {
  const id = ctx.param('image_id');
  const img = ctx.state.images.get(id);
  if (img === undefined || img.status === 'deleted') throw notFound('Image not found.');
  return img;
}

/** GET /images/{image_id}. */
export function showImage(ctx: RequestContext): void {
  ctx.ok({ image: imageDetail(ctx, findImage(ctx)) });
}

/** GET /images/{image_id}/metadata. */
export function showImageMetadata(ctx: RequestContext): void {
  ctx.ok({ metadata: { ...findImage(ctx).metadata } });
}

/** DELETE /images/{image_id}: only private images (public ones belong to the platform). */
export function deleteImage(ctx: RequestContext): void {
  const img = findImage(ctx);
  if (img.visibility === 'public') forbiddenImage();
  ctx.state.images.delete(img.id);
  ctx.noContent();
}

function forbiddenImage(): never {
  throw conflict('Public images cannot be deleted.');
}

// ---- security groups and rules (§11.3) -----------------------------------------------------------

/** GET /os-security-groups ("Pagination query is not supported"). */
export function listSecurityGroups(ctx: RequestContext): void {
  ctx.ok({ security_groups: [...ctx.state.securityGroups.values()].map((g) => novaSecurityGroup(ctx, g)) });
}

function groupFields(
  raw: Record<string, unknown>,
  required: boolean,
): { name?: string; description?: string } {
  const name = str(raw.name, 'name', { required, max: 255 });
  const description = str(raw.description, 'description', { required, max: 255 });
  return { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
}

/** POST /os-security-groups: created in the first VPC, with no rules (11.3.2 response: rules []). */
export function createSecurityGroup(ctx: RequestContext): void {
  const f = groupFields(member(body(ctx), 'security_group'), false);
  const q = ctx.state.quotas.security_groups;
  if (q >= 0 && ctx.state.securityGroups.size >= q) throw overQuota(`security_groups: maximum ${q}`);
  const sg: SecurityGroup = {
    id: uuid(),
    name: f.name ?? '',
    description: f.description ?? '',
    vpc_id: [...ctx.state.vpcs.keys()][0] ?? '',
    enterprise_project_id: '0',
    rules: [],
  };
  ctx.state.securityGroups.set(sg.id, sg);
  ctx.ok({ security_group: novaSecurityGroup(ctx, sg) });
}

function findSg(ctx: RequestContext, id = ctx.param('security_group_id')): SecurityGroup {
  const sg = ctx.state.securityGroups.get(id);
  if (sg === undefined) throw notFound(`Security group ${id} not found.`);
  return sg;
}

/** GET /os-security-groups/{id}. */
export function showSecurityGroup(ctx: RequestContext): void {
  ctx.ok({ security_group: novaSecurityGroup(ctx, findSg(ctx)) });
}

/** PUT /os-security-groups/{id}: name and description both mandatory (11.3.4). */
export function updateSecurityGroup(ctx: RequestContext): void {
  const sg = findSg(ctx);
  const f = groupFields(member(body(ctx), 'security_group'), true);
  sg.name = f.name!;
  sg.description = f.description!;
  ctx.ok({ security_group: novaSecurityGroup(ctx, sg) });
}

/** DELETE /os-security-groups/{id}: refused while a server uses it. */
export function deleteSecurityGroup(ctx: RequestContext): void {
  const sg = findSg(ctx);
  if (sg.name === 'default') throw badRequest('The default security group cannot be deleted.');
  for (const s of ctx.state.servers.values())
    if (s.security_groups.includes(sg.id))
      throw badRequest(`Security group ${sg.id} is in use by instance ${s.id}.`);
  ctx.state.securityGroups.delete(sg.id);
  ctx.reply(202);
}

/** POST /os-security-group-rules (11.3.6): tcp/udp ports 1–65535 from ≤ to; icmp type/code or -1/-1. */
export function createSecurityGroupRule(ctx: RequestContext): void {
  const r = member(body(ctx), 'security_group_rule');
  const parent = findSg(ctx, str(r.parent_group_id, 'parent_group_id', { required: true })!);
  const proto = str(r.ip_protocol, 'ip_protocol', { required: true })!.toLowerCase();
  if (!['tcp', 'udp', 'icmp'].includes(proto)) throw badRequest(`Invalid IP protocol ${proto}.`);
  const from = intLike(r.from_port, 'from_port');
  const to = intLike(r.to_port, 'to_port');
  if (from === undefined || to === undefined) throw badRequest('from_port and to_port are mandatory.');
  if (proto === 'icmp') {
    const any = from === -1 && to === -1;
    if (!any && (from < 0 || from > 255 || to < 0 || to > 255))
      throw badRequest('ICMP type and code must be 0-255, or -1/-1 for any.');
  } else if (from < 1 || to > 65535 || from > to)
    throw badRequest('Invalid port range: 1-65535 and from_port <= to_port.');
  const groupId = str(r.group_id, 'group_id');
  if (groupId !== undefined) findSg(ctx, groupId);
  const cidr = str(r.cidr, 'cidr');
  if (cidr !== undefined && !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr))
    throw badRequest(`Invalid CIDR ${cidr}.`);
  const rule: SecurityGroupRule = {
    id: uuid(),
    direction: 'ingress',
    ethertype: 'IPv4',
    protocol: proto,
    port_range_min: from,
    port_range_max: to,
    // "group_id wins over cidr" (11.3.6).
    remote_ip_prefix: groupId !== undefined ? null : (cidr ?? '0.0.0.0/0'),
    remote_group_id: groupId ?? null,
    security_group_id: parent.id,
    description: '',
  };
  if (
    parent.rules.some(
      (x) =>
        x.direction === 'ingress' &&
        x.protocol === rule.protocol &&
        x.port_range_min === from &&
        x.port_range_max === to &&
        x.remote_ip_prefix === rule.remote_ip_prefix &&
        x.remote_group_id === rule.remote_group_id,
    )
  )
    throw badRequest('This rule already exists in the security group.');
  parent.rules.push(rule);
  const { id: _id, ...view } = novaRule(ctx, rule, parent.id);
  ctx.ok({ security_group_rule: { id: rule.id, ...view } });
}

/** DELETE /os-security-group-rules/{id}. */
export function deleteSecurityGroupRule(ctx: RequestContext): void {
  const id = ctx.param('security_group_rule_id');
  for (const sg of ctx.state.securityGroups.values()) {
    const before = sg.rules.length;
    sg.rules = sg.rules.filter((r) => r.id !== id);
    if (sg.rules.length !== before) {
      ctx.reply(202);
      return;
    }
  }
  throw notFound(`Security group rule ${id} not found.`);
}

// ---- os-volumes (§11.4) --------------------------------------------------------------------------

function volumeView(v: Volume): Record<string, unknown> {
  return {
    id: v.id,
    displayName: v.name,
    displayDescription: v.description,
    status: v.status,
    size: v.size,
    availabilityZone: v.availability_zone,
    createdAt: v.created_at.replace(/Z$/, '.000000'),
    volumeType: v.volume_type,
    snapshotId: null,
    metadata: { ...v.metadata },
    attachments: v.attachments.map((a) => ({
      id: a.id,
      serverId: a.server_id,
      volumeId: a.volume_id,
      device: a.device,
    })),
  };
}

/** GET /os-volumes. */
export function listVolumes(ctx: RequestContext): void {
  ctx.ok({ volumes: [...ctx.state.volumes.values()].map(volumeView) });
}

function findVolume(ctx: RequestContext): Volume {
  const id = ctx.param('volume_id');
  const v = ctx.state.volumes.get(id);
  if (v === undefined) throw notFound(`Volume ${id} could not be found.`);
  return v;
}

/** GET /os-volumes/{id}. */
export function showVolume(ctx: RequestContext): void {
  ctx.ok({ volume: volumeView(findVolume(ctx)) });
}

/**
 * POST /os-volumes: fields inside `volume` (the example's form; the table lists them flat). An
 * unknown AZ yields a volume in `error`, as 11.4.4 says.
 */
export function createNovaVolume(ctx: RequestContext): void {
  const v = member(body(ctx), 'volume');
  const snapshotId = str(v.snapshot_id, 'snapshot_id');
  const snap = snapshotId === undefined ? undefined : ctx.state.snapshots.get(snapshotId);
  if (snapshotId !== undefined && snap === undefined)
    throw notFound(`Snapshot ${snapshotId} could not be found.`);
  const size = intLike(v.size, 'size') ?? snap?.size;
  if (size === undefined) throw badRequest('size is mandatory unless snapshot_id is given.');
  if (size < 1 || size > 32768) throw badRequest('size must be 1 to 32768 GB.');
  const az = str(v.availability_zone, 'availability_zone') ?? ctx.state.availabilityZones[0] ?? '';
  const metadata = v.metadata === undefined ? {} : validateMetadata(ctx, v.metadata, 'metadata');
  const q = ctx.state.quotas;
  const u = ctx.state.usage();
  if ((q.volumes >= 0 && u.volumes >= q.volumes) || (q.gigabytes >= 0 && u.gigabytes + size > q.gigabytes))
    throw overQuota('volumes/gigabytes (Ecs.0021)');
  const vol = createVolume(ctx.sandbox, {
    name: str(v.display_name, 'display_name', { max: 255 }) ?? '',
    size,
    volumeType: str(v.volume_type, 'volume_type') ?? 'SATA',
    availabilityZone: az,
  });
  vol.description = str(v.display_description, 'display_description', { max: 255 }) ?? '';
  vol.metadata = metadata;
  vol.status = 'creating';
  const ok = ctx.state.availabilityZones.includes(az);
  ctx.sandbox.scheduler.after(DURATIONS.short, () => {
    if (vol.status === 'creating') vol.status = ok ? 'available' : 'error';
  });
  ctx.ok({ volume: volumeView(vol) });
}

/** DELETE /os-volumes/{id}: only available/error disks without snapshots (11.4.5). */
export function deleteNovaVolume(ctx: RequestContext): void {
  const v = findVolume(ctx);
  if (
    !['available', 'error', 'error_restoring', 'error_extending'].includes(v.status) ||
    v.attachments.length > 0
  )
    throw badRequest(
      `Invalid volume: volume status must be available or error, but current status is: ${v.status}`,
    );
  if ([...ctx.state.snapshots.values()].some((s) => s.volume_id === v.id))
    throw badRequest('Invalid volume: volume has snapshots.');
  ctx.state.volumes.delete(v.id);
  ctx.reply(202);
}

// ---- floating IPs (§11.5) ------------------------------------------------------------------------

const POOL = 'admin_external_net';

function fipView(f: FloatingIp): Record<string, unknown> {
  return { id: f.id, ip: f.ip, pool: f.pool, instance_id: f.instance_id, fixed_ip: f.fixed_ip };
}

/** POST /os-floating-ips `{"pool": ...}` (the example's flat body; tenant_id comes from the URI). */
export function createFloatingIp(ctx: RequestContext): void {
  const b = ctx.body.length === 0 ? {} : body(ctx);
  const pool = str(b.pool, 'pool') ?? POOL;
  if (pool !== POOL) throw notFound(`Floating IP pool not found: ${pool}`);
  const q = ctx.state.quotas.floating_ips;
  if (q >= 0 && ctx.state.floatingIps.size >= q) throw overQuota(`floating_ips: maximum ${q} (Ecs.0013)`);
  const n = ctx.state.next('floatingIp');
  const f: FloatingIp = {
    id: uuid(),
    ip: `100.64.${(n >> 8) & 255}.${n & 255}`,
    pool,
    instance_id: null,
    fixed_ip: null,
    port_id: null,
  };
  ctx.state.floatingIps.set(f.id, f);
  ctx.ok({ floating_ip: fipView(f) });
}

/** GET /os-floating-ips (flat elements, as the 11.5.4 example). */
export function listFloatingIps(ctx: RequestContext): void {
  ctx.ok({ floating_ips: [...ctx.state.floatingIps.values()].map(fipView) });
}

function findFip(ctx: RequestContext): FloatingIp {
  const id = ctx.param('floating_ip_id');
  const f = ctx.state.floatingIps.get(id);
  if (f === undefined) throw notFound(`Floating ip not found for id ${id}`);
  return f;
}

/** GET /os-floating-ips/{id}. */
export function showFloatingIp(ctx: RequestContext): void {
  ctx.ok({ floating_ip: fipView(findFip(ctx)) });
}

/** DELETE /os-floating-ips/{id} (disassociates first, as upstream). */
export function deleteFloatingIp(ctx: RequestContext): void {
  ctx.state.floatingIps.delete(findFip(ctx).id);
  ctx.reply(202);
}

/** GET /os-floating-ip-pools. */
export function listFloatingIpPools(ctx: RequestContext): void {
  ctx.ok({ floating_ip_pools: [{ name: POOL }] });
}

// ---- snapshots (§11.6) ---------------------------------------------------------------------------

function snapshotView(s: Snapshot): Record<string, unknown> {
  return {
    id: s.id,
    status: s.status,
    displayName: s.display_name,
    displayDescription: s.display_description,
    createdAt: s.created_at.replace(/Z$/, '.000000'),
    volumeId: s.volume_id,
    size: s.size,
  };
}

/** POST /os-snapshots: fields inside `snapshot`; in-use disks need force=true; no `autobk_snapshot` names. */
export function createSnapshot(ctx: RequestContext): void {
  const s = member(body(ctx), 'snapshot');
  const volumeId = str(s.volume_id, 'volume_id', { required: true })!;
  const vol = ctx.state.volumes.get(volumeId);
  if (vol === undefined) throw notFound(`Volume ${volumeId} could not be found.`);
  const name = str(s.display_name, 'display_name') ?? '';
  if (Buffer.byteLength(name) > 255) throw badRequest('display_name must be at most 255 bytes.');
  if (name.startsWith('autobk_snapshot'))
    throw badRequest('Snapshot names starting with autobk_snapshot are reserved.');
  const force = boolLike(s.force, 'force') ?? false;
  if (vol.status === 'in-use' && !force)
    throw badRequest('The volume is in use; set force to true to snapshot it.');
  if (vol.status !== 'available' && vol.status !== 'in-use')
    throw badRequest(`Volume status ${vol.status} does not allow snapshots.`);
  const snap: Snapshot = {
    id: uuid(),
    volume_id: vol.id,
    display_name: name,
    display_description: str(s.display_description, 'display_description') ?? '',
    size: vol.size,
    status: 'creating',
    created_at: isoNow(),
  };
  ctx.state.snapshots.set(snap.id, snap);
  ctx.sandbox.scheduler.after(DURATIONS.short, () => {
    if (snap.status === 'creating') snap.status = 'available';
  });
  ctx.ok({ snapshot: snapshotView(snap) });
}

function findSnapshot(ctx: RequestContext): Snapshot {
  const id = ctx.param('snapshot_id');
  const s = ctx.state.snapshots.get(id);
  if (s === undefined) throw notFound(`Snapshot ${id} could not be found.`);
  return s;
}

/** GET /os-snapshots/{id}. */
export function showSnapshot(ctx: RequestContext): void {
  ctx.ok({ snapshot: snapshotView(findSnapshot(ctx)) });
}

/** DELETE /os-snapshots/{id}. */
export function deleteSnapshot(ctx: RequestContext): void {
  ctx.state.snapshots.delete(findSnapshot(ctx).id);
  ctx.reply(202);
}
