/**
 * §6.2 server lifecycle: create (and the os-volumes_boot alias), list, list detail, show, update,
 * delete.
 */
import { pageAfterMarker } from '../paging';
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../context';
import {
  attachVolumeRecord,
  createServerRecords,
  detachVolumeRecord,
  runBuild,
  runDelete,
  type NewServerSpec,
} from '../lifecycle';
import type { Flavor, Image, Port, Server, Subnet, Volume } from '../state';
import { hexId, ipInCidr } from '../state';
import { MAX_NICS_PER_SERVER, nicLimit } from '../usage';
import { badRequest, conflict, overQuota } from './errors';
import { validateMetadata } from './metadata';
import { briefServer, detailServer } from './views';
import {
  body,
  boolLike,
  findServer,
  intLike,
  isObject,
  links,
  member,
  record,
  requireUnlocked,
  str,
  touch,
  versionPrefix,
  baseUrl,
} from './util';

const NAME_RE = /^[\p{L}\p{N}_.-]+$/u;

/** Resolves `flavorRef` (id or URL, §6.2.1) to a flavor that may be used, or 400. */
export function resolveFlavor(ctx: RequestContext, ref: unknown, field = 'flavorRef'): Flavor {
  const raw = str(ref, field, { required: true, min: 1 })!;
  const id = decodeURIComponent(raw.split('/').pop() ?? raw);
  const f = ctx.state.flavors.get(id);
  if (f === undefined || f.extra_specs['cond:operation:status'] === 'abandon')
    throw badRequest(`Flavor ${raw} could not be found.`);
  return f;
}

/** Resolves `imageRef` (id or URL) to an active image, or 400. */
export function resolveImage(ctx: RequestContext, ref: unknown, field = 'imageRef'): Image {
  const raw = str(ref, field, { required: true, min: 1 })!;
  const id = raw.split('/').pop() ?? raw;
  const img = ctx.state.images.get(id);
  if (img === undefined || img.status === 'deleted') throw badRequest(`Image ${raw} could not be found.`);
  if (img.status !== 'active') throw badRequest(`Image ${raw} is not active.`);
  return img;
}

/** Finds the subnet a Nova network uuid names: the subnet id (= Neutron network id) or its neutron_network_id. */
export function subnetByNetwork(ctx: RequestContext, uuid: string): Subnet | undefined {
  const direct = ctx.state.subnets.get(uuid);
  if (direct) return direct;
  for (const s of ctx.state.subnets.values()) if (s.neutron_network_id === uuid) return s;
  return undefined;
}

/** adminPass rules of 5.1.1 (8–26 characters, at least three of four character classes). */
function checkPassword(pw: string): void {
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (pw.length < 8 || pw.length > 26 || classes < 3)
    throw badRequest(
      'Invalid adminPass: 8 to 26 characters with at least three of uppercase, lowercase, digits and special characters (Ecs.0011).',
    );
}

interface ParsedNetwork {
  subnet: Subnet;
  ip?: string;
  port?: Port;
}

function parseNetworks(ctx: RequestContext, raw: unknown): ParsedNetwork[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw badRequest(
      "Invalid input for field/attribute networks. 'networks' is a required property and must be a non-empty array",
    );
  if (raw.length > MAX_NICS_PER_SERVER)
    throw badRequest(`A maximum of ${MAX_NICS_PER_SERVER} NICs can be attached to an ECS (Ecs.0050).`);
  const out: ParsedNetwork[] = [];
  for (const n of raw) {
    if (!isObject(n)) throw badRequest('Invalid input for field/attribute networks. Not an object');
    const portId = str(n.port, 'port');
    const uuid = str(n.uuid, 'uuid');
    const fixed = str(n.fixed_ip, 'fixed_ip');
    // §6.2.1: port has the highest priority; fixed_ip requires uuid.
    if (portId !== undefined) {
      const port = ctx.state.ports.get(portId);
      if (port === undefined) throw badRequest(`Port ${portId} could not be found.`);
      if (port.device_id !== '') throw conflict(`Port ${portId} is still in use.`);
      const subnet = ctx.state.subnets.get(port.network_id) ?? subnetByNetwork(ctx, port.network_id);
      if (subnet === undefined) throw badRequest(`Network of port ${portId} could not be found.`);
      out.push({ subnet, port });
      continue;
    }
    if (uuid === undefined)
      throw badRequest('Bad networks format: network uuid is not in proper format or port is required.');
    const subnet = subnetByNetwork(ctx, uuid);
    if (subnet === undefined) throw badRequest(`Network ${uuid} could not be found.`);
    if (fixed !== undefined) {
      if (!ipInCidr(fixed, subnet.cidr) || fixed === subnet.gateway_ip)
        throw badRequest(`Invalid fixed IP address (${fixed}) for network ${uuid} (Ecs.0039).`);
      if (ctx.state.ipInUse(subnet.id, fixed) || out.some((o) => o.ip === fixed))
        throw conflict(`Fixed IP address ${fixed} is already in use on instance (Ecs.0010).`);
      out.push({ subnet, ip: fixed });
    } else out.push({ subnet });
  }
  const vpcs = new Set(out.map((o) => o.subnet.vpc_id));
  if (vpcs.size > 1) throw badRequest('All networks of an ECS must belong to the same VPC (Ecs.0064).');
  return out;
}

interface ParsedBdm {
  rootSize?: number;
  rootType?: string;
  bootVolume?: Volume;
  /** The image of a `source_type: image`, `boot_index: 0` mapping (the system disk is built from it). */
  bootImageRef?: string;
  data: { size: number; volumeType: string; deleteOnTermination: boolean }[];
  existing: Volume[];
}

function parseBdm(ctx: RequestContext, raw: unknown, az: string): ParsedBdm {
  const out: ParsedBdm = { data: [], existing: [] };
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw))
    throw badRequest('Invalid input for field/attribute block_device_mapping_v2. Not an array');
  for (const d of raw) {
    if (!isObject(d))
      throw badRequest('Invalid input for field/attribute block_device_mapping_v2. Not an object');
    const source = str(d.source_type, 'source_type', { required: true });
    if (!['volume', 'image', 'snapshot', 'blank'].includes(source!))
      throw badRequest(
        `Invalid input for field/attribute source_type. Value: ${source}. is not one of volume, image, snapshot, blank`,
      );
    const dest = str(d.destination_type, 'destination_type') ?? 'volume';
    if (dest !== 'volume') throw badRequest('destination_type only supports volume.');
    const bootIndex = intLike(d.boot_index, 'boot_index') ?? -1;
    const size = intLike(d.volume_size, 'volume_size');
    const del = boolLike(d.delete_on_termination, 'delete_on_termination') ?? false;
    const vtype = str(d.volume_type, 'volume_type') ?? 'SATA';
    if ((source === 'image' || source === 'blank') && size === undefined)
      throw badRequest('volume_size is mandatory when source_type is image or blank.');
    if (size !== undefined && (size < 1 || size > 32768)) throw badRequest(`Invalid volume_size ${size}.`);
    if (source === 'volume') {
      const id = str(d.uuid, 'uuid', { required: true })!;
      const v = ctx.state.volumes.get(id);
      if (v === undefined) throw badRequest(`Volume ${id} could not be found.`);
      if (v.status !== 'available') throw badRequest(`Volume ${id} status must be available (Ecs.0103).`);
      if (v.availability_zone !== az) throw badRequest(`Volume ${id} is not in availability zone ${az}.`);
      if (bootIndex === 0) out.bootVolume = v;
      else out.existing.push(v);
      continue;
    }
    if (source === 'snapshot') {
      const id = str(d.uuid, 'uuid', { required: true })!;
      if (!ctx.state.snapshots.has(id)) throw badRequest(`Snapshot ${id} could not be found.`);
    }
    if (bootIndex === 0) {
      if (source === 'image') out.bootImageRef = str(d.uuid, 'uuid', { required: true })!;
      out.rootSize = size;
      out.rootType = vtype;
    } else out.data.push({ size: size ?? 10, volumeType: vtype, deleteOnTermination: del });
  }
  if (out.data.length + out.existing.length > 59)
    throw badRequest('A maximum of 59 data disks can be attached (Ecs.0042).');
  return out;
}

/** POST /servers (and /os-volumes_boot): validates, checks quotas, creates, starts the build. */
export function createServer(ctx: RequestContext): void {
  const b = body(ctx);
  const s = member(b, 'server');
  const name = str(s.name, 'name', { required: true, min: 1, max: 128, pattern: NAME_RE })!;
  const flavor = resolveFlavor(ctx, s.flavorRef);
  const az = str(s.availability_zone, 'availability_zone') ?? ctx.state.availabilityZones[0] ?? '';
  if (!ctx.state.availabilityZones.includes(az))
    throw badRequest(`The requested availability zone is not available: ${az}`);
  const azStatus = /\S/.test(flavor.extra_specs['cond:operation:az'] ?? '')
    ? new RegExp(`(?:^|,)\\s*${az.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\((\\w+)\\)`).exec(
        flavor.extra_specs['cond:operation:az'] ?? '',
      )?.[1]
    : undefined;
  const status = azStatus ?? flavor.extra_specs['cond:operation:status'] ?? 'normal';
  if (status === 'sellout' || status === 'obt_sellout' || status === 'abandon')
    throw badRequest(`Flavor ${flavor.id} is sold out in ${az} (Ecs.0319).`);
  const bdm = parseBdm(ctx, s.block_device_mapping_v2, az);
  let image: Image | undefined;
  // Upstream Nova (and §6.2.1's "a specified disk as the system disk") lets an image-sourced boot
  // mapping stand in for imageRef: the system disk is built from the mapping's image.
  if (bdm.bootVolume === undefined && (s.imageRef === undefined || s.imageRef === '') && bdm.bootImageRef)
    image = resolveImage(ctx, bdm.bootImageRef, 'block_device_mapping_v2.uuid');
  else if (bdm.bootVolume === undefined) image = resolveImage(ctx, s.imageRef);
  else if (s.imageRef !== undefined && s.imageRef !== '') image = resolveImage(ctx, s.imageRef);
  const networks = parseNetworks(ctx, s.networks);
  if (networks.length > nicLimit(flavor))
    throw badRequest(`The flavor ${flavor.id} allows at most ${nicLimit(flavor)} NICs (Ecs.0050).`);
  const metadata = s.metadata === undefined ? {} : validateMetadata(ctx, s.metadata, 'metadata');
  let description: string | undefined;
  if (s.description !== undefined) {
    if (!ctx.mvAtLeast('2.19'))
      throw badRequest("Additional properties are not allowed ('description' was unexpected)");
    description = str(s.description, 'description', { max: 85 });
    if (description !== undefined && /[<>]/.test(description))
      throw badRequest('Invalid description: < and > are not allowed (Ecs.0041).');
  }
  const keyName = str(s.key_name, 'key_name');
  if (keyName !== undefined && !ctx.state.keypairs.has(keyName))
    throw badRequest('Invalid key_name provided.');
  const adminPass = str(s.adminPass, 'adminPass');
  if (adminPass !== undefined) checkPassword(adminPass);
  const userData = str(s.user_data, 'user_data');
  if (userData !== undefined) {
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(userData))
      throw badRequest('User data needs to be valid base 64.');
    if (Buffer.from(userData, 'base64').length > 32 * 1024)
      throw badRequest('user_data exceeds 32 KB before encoding.');
  }
  const sgIds: string[] = [];
  const vpcId = networks[0]!.subnet.vpc_id;
  const sgRaw = s.security_groups ?? [{ name: 'default' }];
  if (!Array.isArray(sgRaw))
    throw badRequest('Invalid input for field/attribute security_groups. Not an array');
  for (const g of sgRaw) {
    const ref = isObject(g) ? str(g.name, 'name', { required: true }) : undefined;
    if (ref === undefined) throw badRequest('Invalid input for field/attribute security_groups.');
    const sg =
      ctx.state.securityGroups.get(ref) ?? [...ctx.state.securityGroups.values()].find((x) => x.name === ref);
    if (sg === undefined) throw badRequest(`Security group ${ref} not found.`);
    if (!sgIds.includes(sg.id)) sgIds.push(sg.id);
  }
  const minCount = intLike(s.min_count, 'min_count') ?? 1;
  const maxCount = intLike(s.max_count, 'max_count') ?? minCount;
  if (minCount < 1) throw badRequest('min_count must be >= 1.');
  if (maxCount < minCount) throw badRequest('min_count must be <= max_count');
  if (maxCount > 1 && bdm.bootVolume !== undefined)
    throw badRequest('Batch creation is not supported when a volume is specified.');
  if (maxCount > 1 && [...name].length > 59)
    throw badRequest('The name can contain at most 59 characters when several ECSs are created.');
  if (maxCount > 1 && networks.some((n) => n.ip !== undefined || n.port !== undefined))
    throw badRequest('A fixed IP address or port cannot be used when several ECSs are created.');
  const returnReservation = boolLike(s.return_reservation_id, 'return_reservation_id') ?? false;
  const hints = b['os:scheduler_hints'];
  let groupId: string | undefined;
  if (isObject(hints) && hints.group !== undefined) {
    groupId = str(hints.group, 'group');
    const g = groupId === undefined ? undefined : ctx.state.serverGroups.get(groupId);
    if (g === undefined) throw badRequest(`Server group ${String(hints.group)} could not be found.`);
    if (g.members.length + maxCount > ctx.state.quotas.server_group_members)
      throw overQuota(
        `server_group_members: requested ${maxCount}, used ${g.members.length}, limit ${ctx.state.quotas.server_group_members}`,
      );
  }
  // Quotas: create as many as fit, at least min_count (upstream Nova's min/max semantics).
  const usage = ctx.state.usage();
  const q = ctx.state.quotas;
  const fit = Math.min(
    q.instances < 0 ? Infinity : q.instances - usage.instances,
    q.cores < 0 ? Infinity : Math.floor((q.cores - usage.cores) / Math.max(1, flavor.vcpus)),
    q.ram < 0 ? Infinity : Math.floor((q.ram - usage.ram) / Math.max(1, flavor.ram)),
  );
  if (fit < minCount)
    throw overQuota(
      `instances/cores/ram: requested ${minCount} of flavor ${flavor.id}, only ${Math.max(0, fit)} fit (Ecs.0001)`,
    );
  const count = Math.min(maxCount, fit);
  if (count > 500) throw badRequest('At most 500 ECSs can be created in one request (Ecs.0913).');
  const rootSize = Math.max(bdm.rootSize ?? 0, image?.min_disk ?? 0, flavor.disk, 1);
  if (bdm.rootSize !== undefined && image !== undefined && bdm.rootSize < image.min_disk)
    throw badRequest(
      `Volume size ${bdm.rootSize} GB is smaller than the image's minimum disk ${image.min_disk} GB.`,
    );
  const reservationId = `r-${hexId().slice(0, 8)}`;
  const created: Server[] = [];
  for (let i = 0; i < count; i++) {
    const spec: NewServerSpec = {
      name: count > 1 ? `${name}-${String(i + 1).padStart(4, '0')}` : name,
      flavorId: flavor.id,
      imageId: image?.id ?? bdm.bootVolume?.image_id ?? '',
      availabilityZone: az,
      vpcId,
      nics: networks
        .filter((n) => n.port === undefined)
        .map((n) => ({ subnetId: n.subnet.id, ...(n.ip !== undefined ? { ip: n.ip } : {}) })),
      securityGroups: sgIds,
      keyName: keyName ?? null,
      userData: userData ?? null,
      metadata,
      rootVolume: { size: rootSize, volumeType: bdm.rootType ?? 'SATA' },
      dataVolumes: bdm.data,
      reservationId,
      launchIndex: i,
      projectId: ctx.who.projectId,
      userId: ctx.who.userId,
      ...(description !== undefined ? { description } : {}),
      ...(groupId !== undefined ? { serverGroupId: groupId } : {}),
    };
    const server = createServerRecords(ctx.sandbox, spec);
    if (server === undefined) {
      if (created.length >= minCount) break;
      throw badRequest('The subnet does not contain enough IP addresses (Ecs.0012).');
    }
    // Ports given by id join the server where the request listed them (the first is primary).
    networks.forEach((n, idx) => {
      if (n.port === undefined) return;
      n.port.device_id = server.id;
      n.port.device_owner = `compute:${az}`;
      n.port.primary = idx === 0;
      if (idx === 0)
        for (const pid of server.ports) {
          const p = ctx.state.ports.get(pid);
          if (p) p.primary = false;
        }
      server.ports.splice(idx, 0, n.port.id);
    });
    if (bdm.bootVolume !== undefined) {
      // Boot from an existing volume: it replaces the generated system disk.
      const generated = ctx.state.volumes.get(server.volumes[0] ?? '');
      if (generated) {
        detachVolumeRecord(ctx.sandbox, server, generated);
        ctx.state.volumes.delete(generated.id);
      }
      attachVolumeRecord(ctx.sandbox, server, bdm.bootVolume, '/dev/vda');
      server.volumes = [bdm.bootVolume.id, ...server.volumes.filter((v) => v !== bdm.bootVolume!.id)];
    }
    for (const [k, v] of bdm.existing.entries())
      attachVolumeRecord(ctx.sandbox, server, v, `/dev/vd${String.fromCharCode(98 + bdm.data.length + k)}`);
    setPassword(ctx, server, image);
    record(ctx, server, 'create');
    runBuild(ctx.sandbox, server);
    created.push(server);
  }
  if (returnReservation) {
    ctx.reply(202, { reservation_id: reservationId });
    return;
  }
  const first = created[0]!;
  const out: Record<string, unknown> = {
    id: first.id,
    links: links(ctx, 'servers', first.id),
    security_groups: sgIds.map((id) => ({ name: ctx.state.securityGroups.get(id)?.name ?? id })),
    'OS-DCF:diskConfig': 'MANUAL',
    adminPass: adminPass ?? randomBytes(9).toString('base64url'),
  };
  if (count > 1) out.reservation_id = reservationId;
  ctx.reply(202, { server: out }, { Location: `${baseUrl(ctx)}${versionPrefix(ctx)}/servers/${first.id}` });
}

const passwords = new WeakMap<object, Map<string, string>>();

/** The encrypted initial password store of §6.11.5/6.11.6 (Nova-only, not persisted). */
export function passwordStore(ctx: RequestContext): Map<string, string> {
  let m = passwords.get(ctx.state);
  if (m === undefined) {
    m = new Map();
    passwords.set(ctx.state, m);
  }
  return m;
}

function setPassword(ctx: RequestContext, server: Server, image: Image | undefined): void {
  // Only Windows ECSs get a generated, encrypted password (§6.11.5); the value is opaque ciphertext.
  if (image?.os_type === 'Windows') passwordStore(ctx).set(server.id, randomBytes(256).toString('base64'));
}

const STATUSES = new Set([
  'ACTIVE',
  'BUILD',
  'ERROR',
  'HARD_REBOOT',
  'MIGRATING',
  'REBOOT',
  'REBUILD',
  'RESIZE',
  'REVERT_RESIZE',
  'SHUTOFF',
  'VERIFY_RESIZE',
]);
const SORT_KEYS_BRIEF = [
  'created_at',
  'availability_zone',
  'display_name',
  'host',
  'instance_type_id',
  'key_name',
  'project_id',
  'user_id',
  'updated_at',
  'uuid',
  'vm_state',
];
const SORT_KEYS_DETAIL = [
  ...SORT_KEYS_BRIEF,
  'auto_disk_config',
  'display_description',
  'host_name',
  'image_ref',
  'kernel_id',
  'launch_index',
  'launched_at',
  'locked_by',
  'node',
  'power_state',
  'ramdisk_id',
  'reservation_id',
  'root_device_name',
  'task_state',
  'terminated_at',
];

function sortValue(s: Server, key: string): string | number {
  switch (key) {
    case 'created_at':
      return s.created;
    case 'availability_zone':
      return s.availability_zone;
    case 'display_name':
    case 'host_name':
      return s.name;
    case 'host':
    case 'node':
      return s.hypervisor_hostname;
    case 'instance_type_id':
      return s.flavor_id;
    case 'key_name':
      return s.key_name ?? '';
    case 'project_id':
      return s.project_id;
    case 'user_id':
      return s.user_id;
    case 'updated_at':
      return s.updated;
    case 'uuid':
      return s.id;
    case 'vm_state':
      return s.vm_state;
    case 'display_description':
      return s.description;
    case 'image_ref':
      return s.image_id;
    case 'launch_index':
      return s.launch_index;
    case 'launched_at':
      return s.launched_at ?? '';
    case 'locked_by':
      return s.locked ? 'owner' : '';
    case 'power_state':
      return s.power_state;
    case 'reservation_id':
      return s.reservation_id;
    case 'root_device_name':
      return s.root_device_name;
    case 'task_state':
      return s.task_state ?? '';
    case 'terminated_at':
      return s.terminated_at ?? '';
    default:
      return '';
  }
}

function looseMatch(pattern: string, value: string): boolean {
  // Upstream Nova treats name and ip as regular expressions; an invalid one falls back to a substring.
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return value.includes(pattern);
  }
}

function tagList(v: string | undefined): string[] {
  return v === undefined
    ? []
    : v
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
}

/** The filtered, sorted servers of a list request, before paging. */
function filtered(ctx: RequestContext, detail: boolean): { items: Server[]; paged: boolean } {
  const q = ctx.query;
  const all = [...ctx.state.servers.values()].filter(
    (s) => s.project_id === ctx.who.projectId && s.vm_state !== 'deleted',
  );
  // §6.2.4: "image ... excludes all other filters and paging".
  const image = q.get('image');
  if (image !== undefined) {
    const id = image.split('/').pop() ?? image;
    return { items: all.filter((s) => s.image_id === id).reverse(), paged: false };
  }
  let items = all;
  const status = q.get('status');
  if (status !== undefined) {
    const st = status.toUpperCase();
    if (!STATUSES.has(st)) {
      if (ctx.mvAtLeast('2.38')) throw badRequest(`Invalid status value: ${status}`);
      return { items: [], paged: true };
    }
    items = items.filter((s) => s.status === st);
  }
  const name = q.get('name');
  if (name !== undefined) items = items.filter((s) => looseMatch(name, s.name));
  const flavor = q.get('flavor');
  if (flavor !== undefined) {
    const id = flavor.split('/').pop() ?? flavor;
    items = items.filter((s) => s.flavor_id === id || s.flavor_id.includes(id));
  }
  const ip = q.get('ip');
  if (ip !== undefined)
    items = items.filter((s) =>
      s.ports.some(
        (pid) => ctx.state.ports.get(pid)?.fixed_ips.some((f) => looseMatch(ip, f.ip_address)) ?? false,
      ),
    );
  const reservation = q.get('reservation_id');
  if (reservation !== undefined) items = items.filter((s) => s.reservation_id === reservation);
  const since = q.get('changes-since');
  if (since !== undefined) {
    const t = Date.parse(since);
    if (Number.isNaN(t)) throw badRequest(`Invalid changes-since value: ${since}`);
    items = items.filter((s) => Date.parse(s.updated) >= t);
  }
  const tags = tagList(q.get('tags'));
  if (tags.length > 0) items = items.filter((s) => tags.every((t) => s.tags1d.includes(t)));
  const tagsAny = tagList(q.get('tags-any'));
  if (tagsAny.length > 0) items = items.filter((s) => tagsAny.some((t) => s.tags1d.includes(t)));
  const notTags = tagList(q.get('not-tags'));
  if (notTags.length > 0) items = items.filter((s) => !notTags.every((t) => s.tags1d.includes(t)));
  const notTagsAny = tagList(q.get('not-tags-any'));
  if (notTagsAny.length > 0) items = items.filter((s) => !notTagsAny.some((t) => s.tags1d.includes(t)));
  const sortKey = q.get('sort_key');
  const sortDir = q.get('sort_dir') ?? 'desc';
  if (sortDir !== 'asc' && sortDir !== 'desc') throw badRequest(`Invalid sort_dir ${sortDir}`);
  // Default: "reverse order of created_at"; insertion order is creation order, so reversing keeps
  // servers created within the same second in a stable order.
  items = items.slice().reverse();
  if (sortKey !== undefined) {
    if (!(detail ? SORT_KEYS_DETAIL : SORT_KEYS_BRIEF).includes(sortKey))
      throw badRequest(`Invalid sort_key ${sortKey}`);
    const sign = sortDir === 'asc' ? 1 : -1;
    items.sort((a, b) => {
      const x = sortValue(a, sortKey);
      const y = sortValue(b, sortKey);
      return x < y ? -sign : x > y ? sign : 0;
    });
  }
  return { items, paged: true };
}

function list(ctx: RequestContext, detail: boolean): void {
  const { items, paged } = filtered(ctx, detail);
  let page = items;
  let next: string | undefined;
  if (paged) {
    const limitRaw = ctx.query.get('limit');
    let limit = 25;
    if (limitRaw !== undefined) {
      if (!/^\d+$/.test(limitRaw))
        throw badRequest(`Invalid limit ${limitRaw}: limit must be a non-negative integer`);
      limit = Math.min(Number(limitRaw), 1000);
    }
    const got = pageAfterMarker(items, ctx.query.get('marker'), limit, (m) =>
      badRequest(`marker [${m}] not found`),
    );
    page = got.page;
    if (got.more) {
      const params = new URLSearchParams();
      for (const k of ctx.query.keys())
        if (k !== 'marker') for (const v of ctx.query.getAll(k)) params.append(k, v);
      params.set('limit', String(limit));
      params.set('marker', page[page.length - 1]!.id);
      next = `${baseUrl(ctx)}${versionPrefix(ctx)}/servers${detail ? '/detail' : ''}?${params.toString()}`;
    }
  }
  const out: Record<string, unknown> = {
    servers: page.map((s) => (detail ? detailServer(ctx, s) : briefServer(ctx, s))),
  };
  if (next !== undefined) out.servers_links = [{ rel: 'next', href: next }];
  ctx.ok(out);
}

/** GET /servers (brief). */
export function listServers(ctx: RequestContext): void {
  list(ctx, false);
}

/** GET /servers/detail. */
export function listServersDetail(ctx: RequestContext): void {
  list(ctx, true);
}

/** GET /servers/{server_id}. */
export function showServer(ctx: RequestContext): void {
  ctx.ok({ server: detailServer(ctx, findServer(ctx)) });
}

/** PUT /servers/{server_id}: only name (1–255) and description (2.19+, ≤255 bytes) change. */
export function updateServer(ctx: RequestContext): void {
  const server = findServer(ctx);
  const s = member(body(ctx), 'server');
  for (const k of Object.keys(s)) {
    if (k === 'name' || (k === 'description' && ctx.mvAtLeast('2.19'))) continue;
    throw badRequest(`Additional properties are not allowed ('${k}' was unexpected)`);
  }
  if (s.name !== undefined) server.name = str(s.name, 'name', { min: 1, max: 255 })!;
  if (s.description !== undefined) {
    const d = s.description === null ? '' : str(s.description, 'description')!;
    if (Buffer.byteLength(d) > 255)
      throw badRequest('Invalid input for field/attribute description. is too long (255 bytes)');
    server.description = d;
  }
  touch(server);
  ctx.ok({ server: detailServer(ctx, server) });
}

/** DELETE /servers/{server_id}: 204, then `deleting` until the records go. */
export function deleteServer(ctx: RequestContext): void {
  const server = findServer(ctx);
  requireUnlocked(server);
  if (server.task_state === 'deleting') {
    ctx.noContent();
    return;
  }
  record(ctx, server, 'delete');
  runDelete(ctx.sandbox, server);
  passwordStore(ctx).delete(server.id);
  ctx.noContent();
}
