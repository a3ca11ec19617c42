/**
 * The records of a server, shared by the ECS (§5) and Nova (§6) handlers: creating a server with its
 * ports (addresses allocated), system and data volumes and group membership, and tearing them all
 * down again; plus the port and volume records handlers add or remove one at a time. Handlers
 * validate; these functions assume valid input. The timed transitions are in lifecycle.ts.
 */
import type { SandboxRuntime } from './runtime';
import {
  hexId,
  isoNow,
  uuid,
  type FloatingIp,
  type Port,
  type Server,
  type ServerGroup,
  type Subnet,
  type Volume,
} from './state';

/** What a new server needs; ids refer to existing, validated records. */
export interface NewServerSpec {
  name: string;
  description?: string;
  flavorId: string;
  imageId: string;
  availabilityZone: string;
  vpcId: string;
  /** NICs, primary first; ip is an optional fixed address (validated free and in the CIDR). */
  nics: { subnetId: string; ip?: string }[];
  securityGroups: string[];
  keyName?: string | null;
  userData?: string | null;
  metadata?: Record<string, string>;
  tags?: Record<string, string>;
  tags1d?: string[];
  rootVolume: { size: number; volumeType: string };
  dataVolumes?: { size: number; volumeType: string; deleteOnTermination?: boolean; multiattach?: boolean }[];
  serverGroupId?: string;
  reservationId?: string;
  launchIndex?: number;
  chargingMode?: '0' | '1' | '2';
  projectId: string;
  userId: string;
}

const DATA_DEVICES = 'bcdefghijklmnopqrstuvwxyz'.split('').map((c) => `/dev/vd${c}`);

/** The next free device name on a server (`/dev/vdb`...), or undefined when all are taken. */
export function nextDevice(rt: SandboxRuntime, server: Server): string | undefined {
  const used = new Set<string>();
  for (const vid of server.volumes) {
    const v = rt.state.volumes.get(vid);
    const a = v?.attachments.find((x) => x.server_id === server.id);
    if (a) used.add(a.device);
  }
  return DATA_DEVICES.find((d) => !used.has(d));
}

/** Creates a port on a subnet for a server (address allocated); undefined when the subnet is full. */
export function createPort(
  rt: SandboxRuntime,
  server: Pick<Server, 'id' | 'availability_zone'>,
  subnet: Subnet,
  opts: { ip?: string; securityGroups: string[]; primary: boolean },
): Port | undefined {
  const ip = rt.state.allocateIp(subnet, opts.ip);
  if (ip === undefined) return undefined;
  const port: Port = {
    id: uuid(),
    name: '',
    network_id: subnet.id,
    subnet_id: subnet.neutron_subnet_id,
    vpc_id: subnet.vpc_id,
    mac_address: rt.state.newMac(),
    fixed_ips: [{ subnet_id: subnet.neutron_subnet_id, ip_address: ip }],
    device_id: server.id,
    // As the VPC port list shows an ECS NIC: owned by compute in the server's AZ (`compute:<az>`).
    device_owner: `compute:${server.availability_zone || subnet.availability_zone || 'nova'}`,
    status: 'ACTIVE',
    security_groups: [...opts.securityGroups],
    primary: opts.primary,
    created_at: isoNow(),
  };
  rt.state.ports.set(port.id, port);
  return port;
}

/** Deletes a port and frees its address. */
export function deletePort(rt: SandboxRuntime, port: Port): void {
  const subnet = [...rt.state.subnets.values()].find(
    (s) => s.neutron_subnet_id === port.subnet_id || s.id === port.network_id,
  );
  for (const f of port.fixed_ips) rt.state.releaseIp(subnet?.id ?? port.network_id, f.ip_address);
  disassociateFloatingIps(rt, (fip) => fip.port_id === port.id);
  rt.state.ports.delete(port.id);
  const server = rt.state.servers.get(port.device_id);
  if (server) server.ports = server.ports.filter((p) => p !== port.id);
}

/** Creates a volume (status `available` unless attached right away). */
export function createVolume(
  rt: SandboxRuntime,
  spec: {
    name: string;
    size: number;
    volumeType: string;
    availabilityZone: string;
    bootable?: boolean;
    imageId?: string;
    multiattach?: boolean;
    deleteOnTermination?: boolean;
  },
): Volume {
  const v: Volume = {
    id: uuid(),
    name: spec.name,
    size: spec.size,
    volume_type: spec.volumeType,
    status: 'available',
    availability_zone: spec.availabilityZone,
    bootable: spec.bootable ?? false,
    multiattach: spec.multiattach ?? false,
    description: '',
    created_at: isoNow(),
    metadata: {},
    attachments: [],
    delete_on_termination: spec.deleteOnTermination ?? false,
  };
  if (spec.imageId !== undefined) v.image_id = spec.imageId;
  rt.state.volumes.set(v.id, v);
  return v;
}

/** Records a volume as attached to a server on a device (sets `in-use`). */
export function attachVolumeRecord(rt: SandboxRuntime, server: Server, volume: Volume, device: string): void {
  volume.attachments.push({
    id: volume.id,
    server_id: server.id,
    volume_id: volume.id,
    device,
    attached_at: isoNow(),
  });
  volume.status = 'in-use';
  if (!server.volumes.includes(volume.id)) server.volumes.push(volume.id);
}

/** Removes a volume's attachment to a server (sets `available` when no attachment remains). */
export function detachVolumeRecord(rt: SandboxRuntime, server: Server, volume: Volume): void {
  volume.attachments = volume.attachments.filter((a) => a.server_id !== server.id);
  if (volume.attachments.length === 0) volume.status = 'available';
  server.volumes = server.volumes.filter((v) => v !== volume.id);
}

/**
 * Creates a server and all its records synchronously in `building/scheduling`. Returns undefined
 * (and creates nothing) when a subnet runs out of addresses. Call {@link runBuild} next.
 */
export function createServerRecords(rt: SandboxRuntime, spec: NewServerSpec): Server | undefined {
  const now = isoNow();
  const id = uuid();
  const seq = rt.state.next('server');
  const server: Server = {
    id,
    name: spec.name,
    description: spec.description ?? '',
    project_id: spec.projectId,
    user_id: spec.userId,
    created: now,
    updated: now,
    launched_at: null,
    terminated_at: null,
    flavor_id: spec.flavorId,
    old_flavor_id: null,
    image_id: spec.imageId,
    availability_zone: spec.availabilityZone,
    key_name: spec.keyName ?? null,
    vpc_id: spec.vpcId,
    vm_state: 'building',
    task_state: 'scheduling',
    power_state: 0,
    status: 'BUILD',
    locked: false,
    host_id: hexId().slice(0, 24),
    hypervisor_hostname: `sandbox-host-${(seq % 16) + 1}`,
    instance_name: `instance-${seq.toString(16).padStart(8, '0')}`,
    reservation_id: spec.reservationId ?? `r-${hexId().slice(0, 8)}`,
    launch_index: spec.launchIndex ?? 0,
    root_device_name: '/dev/vda',
    user_data: spec.userData ?? null,
    metadata: { ...(spec.metadata ?? {}) },
    tags: { ...(spec.tags ?? {}) },
    tags1d: [...(spec.tags1d ?? [])],
    security_groups: [...spec.securityGroups],
    ports: [],
    volumes: [],
    fault: null,
    console_log: [],
    actions: [],
    charging_mode: spec.chargingMode ?? '0',
    enterprise_project_id: '0',
    server_groups: [],
    auto_recovery: false,
  };
  const ports: Port[] = [];
  for (const [i, nic] of spec.nics.entries()) {
    const subnet = rt.state.subnets.get(nic.subnetId);
    const port = subnet
      ? createPort(rt, server, subnet, {
          ...(nic.ip !== undefined ? { ip: nic.ip } : {}),
          securityGroups: spec.securityGroups,
          primary: i === 0,
        })
      : undefined;
    if (!port) {
      for (const p of ports) deletePort(rt, p);
      return undefined;
    }
    ports.push(port);
  }
  server.ports = ports.map((p) => p.id);
  rt.state.servers.set(id, server);
  const root = createVolume(rt, {
    name: `${spec.name}-volume-0000`,
    size: spec.rootVolume.size,
    volumeType: spec.rootVolume.volumeType,
    availabilityZone: spec.availabilityZone,
    bootable: true,
    imageId: spec.imageId,
    deleteOnTermination: true,
  });
  attachVolumeRecord(rt, server, root, '/dev/vda');
  for (const [i, d] of (spec.dataVolumes ?? []).entries()) {
    const v = createVolume(rt, {
      name: `${spec.name}-volume-${String(i + 1).padStart(4, '0')}`,
      size: d.size,
      volumeType: d.volumeType,
      availabilityZone: spec.availabilityZone,
      multiattach: d.multiattach ?? false,
      deleteOnTermination: d.deleteOnTermination ?? true,
    });
    attachVolumeRecord(rt, server, v, DATA_DEVICES[i]!);
  }
  if (spec.serverGroupId !== undefined) {
    const g = rt.state.serverGroups.get(spec.serverGroupId);
    if (g) {
      g.members.push(id);
      server.server_groups.push(g.id);
    }
  }
  return server;
}

/**
 * Removes a server and everything that goes with it: ports (addresses freed), volumes marked
 * delete-on-termination (others detached and left `available`), group memberships, floating IPs.
 * With `deleteVolumes: false` (ECS delete without `delete_volume`) data disks survive.
 */
export function destroyServer(
  rt: SandboxRuntime,
  server: Server,
  opts: { deleteVolumes?: boolean } = {},
): void {
  for (const pid of [...server.ports]) {
    const p = rt.state.ports.get(pid);
    if (p) deletePort(rt, p);
  }
  for (const vid of [...server.volumes]) {
    const v = rt.state.volumes.get(vid);
    if (!v) continue;
    detachVolumeRecord(rt, server, v);
    const isRoot = v.bootable && v.image_id === server.image_id && v.delete_on_termination;
    if (isRoot || (opts.deleteVolumes ?? v.delete_on_termination))
      if (v.attachments.length === 0) rt.state.volumes.delete(v.id);
  }
  for (const gid of server.server_groups) {
    const g = rt.state.serverGroups.get(gid);
    if (g) g.members = g.members.filter((m) => m !== server.id);
  }
  disassociateFloatingIps(rt, (fip) => fip.instance_id === server.id);
  rt.state.servers.delete(server.id);
}

/** Frees the floating IPs `bound` selects (those of a port or server that goes away). */
function disassociateFloatingIps(rt: SandboxRuntime, bound: (fip: FloatingIp) => boolean): void {
  for (const fip of rt.state.floatingIps.values())
    if (bound(fip)) {
      fip.instance_id = null;
      fip.fixed_ip = null;
      fip.port_id = null;
    }
}

/** Deletes a server group; its members lose the membership (upstream Nova, ECS alike). */
export function deleteServerGroupRecord(rt: SandboxRuntime, group: ServerGroup): void {
  for (const m of group.members) {
    const s = rt.state.servers.get(m);
    if (s) s.server_groups = s.server_groups.filter((x) => x !== group.id);
  }
  rt.state.serverGroups.delete(group.id);
}
