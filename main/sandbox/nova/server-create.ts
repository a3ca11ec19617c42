/**
 * §6.2.1 create server (and its os-volumes_boot alias): validation of the request (flavor, image,
 * networks, block device mappings, security groups, counts, quotas), then the records and the
 * build. Also the flavor/image/network reference resolution other Nova handlers share.
 */
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../context';
import {
  attachVolumeRecord,
  createServerRecords,
  detachVolumeRecord,
  runBuild,
  type NewServerSpec,
} from '../lifecycle';
import type { Image, Port, Server, Subnet, Volume } from '../state';
import { hexId, ipInCidr } from '../state';
import { MAX_NICS_PER_SERVER, nicLimit } from '../usage';
import { badRequest, conflict, overQuota } from './errors';
import { validateMetadata } from './metadata';
import {
  baseUrl,
  body,
  boolLike,
  checkPassword,
  intLike,
  isObject,
  links,
  member,
  record,
  resolveFlavor,
  str,
  versionPrefix,
} from './util';

const NAME_RE = /^[\p{L}\p{N}_.-]+$/u;

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
    setPassword(server, image);
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

function setPassword(server: Server, image: Image | undefined): void {
  // Only Windows ECSs get a generated, encrypted password (§6.11.5); the value is opaque ciphertext.
  if (image?.os_type === 'Windows') server.encrypted_password = randomBytes(256).toString('base64');
}
