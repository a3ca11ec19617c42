/**
 * Wire -> view mappers for disks, NICs, networks, tags, flavors, images, zones, VPCs, subnets,
 * security groups, key pairs, server groups and quotas. Pure functions.
 */
import type { Flavor } from '../../../shared/ecs/types/flavors';
import type { NovaImage } from '../../../shared/ecs/types/images';
import type { Keypair } from '../../../shared/ecs/types/keypairs';
import type { EcsAbsoluteLimits } from '../../../shared/ecs/types/limits';
import type { NovaNetwork } from '../../../shared/ecs/types/networks';
import type { NovaInterfaceAttachment } from '../../../shared/ecs/types/nics';
import type { ServerGroup } from '../../../shared/ecs/types/server-groups';
import type { ServerDetail } from '../../../shared/ecs/types/servers';
import type { ResourceTag } from '../../../shared/ecs/types/tags';
import type { NovaVolume, ServerBlockDevice } from '../../../shared/ecs/types/volumes';
import type { Subnet, Vpc, VpcSecurityGroup } from '../../../shared/ecs/types/vpc';
import type {
  DiskView,
  FlavorView,
  ImageView,
  KeypairView,
  NetworkView,
  NicView,
  QuotaItem,
  QuotaView,
  SecurityGroupView,
  ServerDiskView,
  ServerGroupView,
  SubnetView,
  TagView,
  VpcView,
} from '../../../shared/ipc/views';
import { num, setIf, stringMap, text } from './common';

/** A Nova os-volumes volume as a row of the disks pane. */
export function diskView(v: NovaVolume): DiskView {
  const view: DiskView = {
    id: v.id,
    name: v.displayName ?? '',
    sizeGb: num(v.size) ?? 0,
    volumeType: v.volumeType ?? '',
    status: v.status,
    availabilityZone: v.availabilityZone ?? '',
    attachments: (v.attachments ?? [])
      .filter((a) => typeof a.serverId === 'string')
      .map((a) => ({ serverId: a.serverId!, device: a.device ?? '' })),
  };
  const bootable = (v.metadata as Record<string, unknown> | undefined)?.bootable;
  if (bootable !== undefined) view.bootable = bootable === true || bootable === 'true';
  setIf(view, 'created', text(v.createdAt));
  setIf(view, 'description', text(v.displayDescription));
  return view;
}

/** One block device of a server (ECS block_device list). */
export function serverDiskView(d: ServerBlockDevice): ServerDiskView {
  const bootIndex = num(d.bootIndex);
  const view: ServerDiskView = { volumeId: d.volumeId, device: d.device ?? '', system: bootIndex === 0 };
  setIf(view, 'sizeGb', num(d.size));
  setIf(view, 'bootIndex', bootIndex);
  setIf(view, 'bus', text(d.bus));
  return view;
}

/**
 * A server's NIC. Nova's interface list does not say which NIC is primary; the ECS server's
 * `addresses` do (`primary` per port), so the caller passes the primary port ids it found there.
 */
export function nicView(
  serverId: string,
  a: NovaInterfaceAttachment,
  primaryPorts: ReadonlySet<string>,
): NicView {
  return {
    portId: a.port_id,
    serverId,
    mac: a.mac_addr ?? '',
    networkId: a.net_id ?? '',
    fixedIps: (a.fixed_ips ?? []).map((f) => {
      const ip: { address: string; subnetId?: string } = { address: f.ip_address };
      setIf(ip, 'subnetId', text(f.subnet_id));
      return ip;
    }),
    state: a.port_state ?? '',
    primary: primaryPorts.has(a.port_id),
  };
}

/** The port ids an ECS server marks as primary in its `addresses`. */
export function primaryPortsOf(server: Pick<ServerDetail, 'addresses'>): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(server.addresses ?? {}))
    for (const a of list ?? [])
      if (a.primary === true && a['OS-EXT-IPS:port_id']) out.add(a['OS-EXT-IPS:port_id']);
  return out;
}

/** A Nova network as a NIC target. */
export function networkView(n: NovaNetwork): NetworkView {
  const view: NetworkView = { id: n.id, name: n.label ?? n.id };
  setIf(view, 'cidr', text(n.cidr));
  return view;
}

/** A 2D tag as sent by the API. */
export function tagView(t: ResourceTag): TagView {
  return { key: t.key, value: t.value ?? '' };
}

/** Parses `cond:operation:az` (`az0(normal), az1(sellout)`) into AZ -> status. */
export function parseAzStatus(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const part of spec.split(',')) {
    const m = /^\s*([^()\s]+)\s*\(\s*([^()\s]+)\s*\)\s*$/.exec(part);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** An ECS flavor (vcpus is a string on the v1 wire) with its sale status per region and AZ. */
export function flavorView(f: Flavor): FlavorView {
  const extraSpecs = stringMap(f.os_extra_specs);
  const view: FlavorView = {
    id: f.id,
    name: f.name,
    vcpus: num(f.vcpus) ?? 0,
    ramMb: num(f.ram) ?? 0,
    status: extraSpecs['cond:operation:status'] ?? 'normal',
    azStatus: parseAzStatus(extraSpecs['cond:operation:az']),
    extraSpecs,
  };
  setIf(view, 'performanceType', extraSpecs['ecs:performancetype'] ?? extraSpecs['ecs:performance_type']);
  return view;
}

/** A Nova image (minDisk/minRam arrive as numbers or strings). */
export function imageView(i: NovaImage): ImageView {
  const view: ImageView = { id: i.id, name: i.name, status: i.status ?? '' };
  setIf(view, 'minDiskGb', num(i.minDisk));
  setIf(view, 'minRamMb', num(i.minRam));
  return view;
}

/** A VPC. */
export function vpcView(v: Vpc): VpcView {
  return { id: v.id, name: v.name, cidr: v.cidr, status: v.status };
}

/** A VPC subnet; `networkId` is the id ECS calls take as `subnet_id`. */
export function subnetView(s: Subnet): SubnetView {
  const view: SubnetView = {
    id: s.id,
    name: s.name,
    cidr: s.cidr,
    vpcId: s.vpc_id,
    gatewayIp: s.gateway_ip ?? '',
    networkId: s.id,
    status: s.status,
  };
  setIf(view, 'availabilityZone', text(s.availability_zone));
  return view;
}

/** A VPC security group. */
export function securityGroupView(g: VpcSecurityGroup): SecurityGroupView {
  const view: SecurityGroupView = { id: g.id, name: g.name };
  setIf(view, 'description', text(g.description));
  setIf(view, 'vpcId', text(g.vpc_id));
  return view;
}

/** A key pair without its private key. */
export function keypairView(
  k: Pick<Keypair, 'name' | 'fingerprint' | 'public_key'> & { type?: string },
): KeypairView {
  const view: KeypairView = { name: k.name, fingerprint: k.fingerprint, publicKey: k.public_key };
  setIf(view, 'type', text(k.type));
  return view;
}

/** A server group. */
export function serverGroupView(g: ServerGroup): ServerGroupView {
  return { id: g.id, name: g.name, policies: [...(g.policies ?? [])], members: [...(g.members ?? [])] };
}

/** The ECS limits (§5.7.1) as quota lines; the doc spells some keys two ways, both are read. */
export function quotaView(a: Partial<EcsAbsoluteLimits>): QuotaView {
  const items: QuotaItem[] = [];
  const line = (resource: string, used: unknown, limit: unknown): void => {
    const l = num(limit);
    if (l === undefined) return;
    items.push({ resource, used: num(used) ?? 0, limit: l });
  };
  line('instances', a.totalInstancesUsed, a.maxTotalInstances);
  line('cores', a.totalCoresUsed, a.maxTotalCores);
  line('ramMb', a.totalRAMUsed, a.maxTotalRAMSize);
  line('serverGroups', a.totalServerGroupsUsed, a.maxServerGroups);
  line('securityGroups', a.totalSecurityGroupsUsed, a.maxSecurityGroups);
  line('floatingIps', a.totalFloatingIpsUsed, a.maxTotalFloatingIps);
  line('keypairs', undefined, a.maxTotalKeypairs ?? a.maxTotalKeyPairs);
  line('serverGroupMembers', undefined, a.maxServerGroupMembers);
  line('serverMetadata', undefined, a.maxServerMeta ?? a.maxServerMetadata);
  return { items };
}
