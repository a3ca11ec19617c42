/**
 * Server lifecycle shared by the ECS (§5) and Nova (§6) handlers: creating the records of a server
 * (ports with addresses, system and data volumes), tearing them down, and the timed transitions of
 * Table A-4. Handlers validate; these functions assume valid input and only move state.
 */
import { ecs } from './faults';
import type { SandboxRuntime } from './runtime';
import { DURATIONS } from './scheduler';
import { setServerState, type TaskState } from './status';
import type { Caller } from './context';
import { hexId, isoNow, uuid, type Port, type Server, type Subnet, type Volume } from './state';

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
  server: Pick<Server, 'id'>,
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
    device_owner: 'compute:' + (subnet.availability_zone || 'nova'),
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
  for (const fip of rt.state.floatingIps.values())
    if (fip.port_id === port.id) {
      fip.port_id = null;
      fip.instance_id = null;
      fip.fixed_ip = null;
    }
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
  for (const fip of rt.state.floatingIps.values())
    if (fip.instance_id === server.id) {
      fip.instance_id = null;
      fip.fixed_ip = null;
      fip.port_id = null;
    }
  rt.state.servers.delete(server.id);
}

/** Appends an instance action (os-instance-actions) and returns it, for events to be added. */
export function recordAction(
  server: Server,
  action: string,
  caller: Pick<Caller, 'userId' | 'projectId'>,
  requestId: string,
): Server['actions'][number] {
  const a = {
    action,
    request_id: `req-${requestId}`,
    user_id: caller.userId,
    project_id: caller.projectId,
    start_time: isoNow(),
    message: null,
    instance_uuid: server.id,
    events: [
      {
        event: `compute_${action}_instance`,
        start_time: isoNow(),
        finish_time: null as string | null,
        result: null as string | null,
      },
    ],
  };
  server.actions.push(a);
  if (server.actions.length > 50) server.actions.shift();
  return a;
}

function finishAction(server: Server, result: 'Success' | 'Error'): void {
  const a = server.actions[server.actions.length - 1];
  const e = a?.events[a.events.length - 1];
  if (e && e.finish_time === null) {
    e.finish_time = isoNow();
    e.result = result;
  }
}

/** Throws `Ecs.0605` when the server is locked (§6.3.4). */
export function assertUnlocked(server: Server): void {
  if (server.locked) throw ecs('Ecs.0605', `ECS ${server.id} is locked.`);
}

/** Whether the server still exists (a step may run after a delete). */
function alive(rt: SandboxRuntime, server: Server): boolean {
  return rt.state.servers.get(server.id) === server;
}

type Done = (ok: boolean) => void;

function touch(server: Server): void {
  server.updated = isoNow();
}

function log(server: Server, line: string): void {
  server.console_log.push(`[${new Date().toISOString()}] ${line}`);
  if (server.console_log.length > 200) server.console_log.shift();
}

/**
 * BUILD: scheduling -> block_device_mapping -> networking -> spawning -> active. With `fail`
 * the server ends in `error` (Nova) or is destroyed (ECS rollback, `rollback: true`).
 */
export function runBuild(
  rt: SandboxRuntime,
  server: Server,
  opts: { fail?: boolean; rollback?: boolean } = {},
  done: Done = () => {},
): void {
  const phases: TaskState[] = ['block_device_mapping', 'networking', 'spawning'];
  const steps: [number, () => boolean][] = phases.map((t) => [
    DURATIONS.buildPhase,
    () => {
      if (!alive(rt, server) || server.vm_state !== 'building') return false;
      setServerState(server, 'building', t, 0);
      touch(server);
      return true;
    },
  ]);
  steps.push([
    DURATIONS.buildPhase,
    () => {
      if (!alive(rt, server) || server.vm_state !== 'building') {
        done(false);
        return false;
      }
      if (opts.fail) {
        if (opts.rollback) destroyServer(rt, server, { deleteVolumes: true });
        else {
          setServerState(server, 'error', null, 0);
          server.fault = { code: 500, message: 'No valid host was found.', created: isoNow(), details: '' };
        }
        done(false);
        return false;
      }
      setServerState(server, 'active', null, 1);
      server.launched_at = isoNow();
      touch(server);
      log(server, `Booting ${server.name}... cloud-init finished`);
      done(true);
      return true;
    },
  ]);
  rt.scheduler.chain(steps);
}

/** Stop: active -> active/powering-off -> stopped (power 3). Already stopped: immediate success. */
export function runStop(rt: SandboxRuntime, server: Server, done: Done = () => {}, fail = false): void {
  if (server.vm_state === 'stopped' && server.task_state === null) return done(true);
  setServerState(server, 'active', 'powering-off');
  touch(server);
  rt.scheduler.after(DURATIONS.stop, () => {
    if (!alive(rt, server) || server.task_state !== 'powering-off') return done(false);
    if (fail) {
      setServerState(server, 'active', null);
      finishAction(server, 'Error');
      return done(false);
    }
    setServerState(server, 'stopped', null, 3);
    touch(server);
    log(server, 'Power down.');
    finishAction(server, 'Success');
    done(true);
  });
}

/** Start: stopped -> stopped/powering-on -> active (power 1). Already active: immediate success. */
export function runStart(rt: SandboxRuntime, server: Server, done: Done = () => {}, fail = false): void {
  if (server.vm_state === 'active' && server.task_state === null) return done(true);
  setServerState(server, 'stopped', 'powering-on');
  touch(server);
  rt.scheduler.after(DURATIONS.start, () => {
    if (!alive(rt, server) || server.task_state !== 'powering-on') return done(false);
    if (fail) {
      setServerState(server, 'stopped', null);
      finishAction(server, 'Error');
      return done(false);
    }
    setServerState(server, 'active', null, 1);
    touch(server);
    log(server, 'Started.');
    finishAction(server, 'Success');
    done(true);
  });
}

/** Reboot (SOFT: REBOOT, HARD: HARD_REBOOT): active only; three task phases then active. */
export function runReboot(
  rt: SandboxRuntime,
  server: Server,
  hard: boolean,
  done: Done = () => {},
  fail = false,
): void {
  const phases: TaskState[] = hard
    ? ['rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard']
    : ['rebooting', 'reboot_pending', 'reboot_started'];
  setServerState(server, 'active', phases[0]!);
  touch(server);
  rt.scheduler.chain([
    [
      DURATIONS.reboot / 3,
      () =>
        alive(rt, server) &&
        server.task_state === phases[0] &&
        (setServerState(server, 'active', phases[1]!), true),
    ],
    [
      DURATIONS.reboot / 3,
      () =>
        alive(rt, server) &&
        server.task_state === phases[1] &&
        (setServerState(server, 'active', phases[2]!), true),
    ],
    [
      DURATIONS.reboot / 3,
      () => {
        if (!alive(rt, server) || server.task_state !== phases[2]) {
          done(false);
          return false;
        }
        setServerState(server, 'active', null, 1);
        touch(server);
        log(server, hard ? 'Hard reboot.' : 'Reboot.');
        finishAction(server, fail ? 'Error' : 'Success');
        done(!fail);
        return true;
      },
    ],
  ]);
}

/**
 * Rebuild (Nova rebuild, ECS reinstall/changeos): keeps vm_state (active/stopped/error), walks the
 * three rebuild task states, then applies `apply` (new image, key, password, ...) and ends in the
 * vm_state it started from, except that a server rebuilt from `error` ends `stopped` (a reinstall
 * "for which OS reinstallation has failed", §5.2.1, must become usable again).
 */
export function runRebuild(
  rt: SandboxRuntime,
  server: Server,
  apply: () => void,
  opts: { endState?: 'active' | 'stopped'; fail?: boolean } = {},
  done: Done = () => {},
): void {
  const vm = server.vm_state;
  if (vm !== 'active' && vm !== 'stopped' && vm !== 'error')
    throw new Error(`sandbox bug: rebuild from ${vm}`);
  const end = opts.endState ?? (vm === 'error' ? 'stopped' : vm);
  setServerState(server, vm, 'rebuilding');
  touch(server);
  rt.scheduler.chain([
    [
      DURATIONS.rebuildPhase,
      () =>
        alive(rt, server) &&
        server.task_state === 'rebuilding' &&
        (setServerState(server, vm, 'rebuild_block_device_mapping'), true),
    ],
    [
      DURATIONS.rebuildPhase,
      () =>
        alive(rt, server) &&
        server.task_state === 'rebuild_block_device_mapping' &&
        (setServerState(server, vm, 'rebuild_spawning'), true),
    ],
    [
      DURATIONS.rebuildPhase,
      () => {
        if (!alive(rt, server) || server.task_state !== 'rebuild_spawning') {
          done(false);
          return false;
        }
        if (opts.fail) {
          // A failed reinstall leaves the server as it was (with the old image), in its old vm_state.
          setServerState(server, vm, null);
          finishAction(server, 'Error');
          done(false);
          return false;
        }
        apply();
        setServerState(server, end, null, end === 'active' ? 1 : 3);
        touch(server);
        log(server, 'Rebuilt.');
        finishAction(server, 'Success');
        done(true);
        return true;
      },
    ],
  ]);
}

/**
 * Resize: stopped -> stopped/resize_prep..resize_finish (RESIZE) -> either `stopped` with the new
 * flavor (ECS resize, `confirm: 'auto'`) or `resized`/null (VERIFY_RESIZE, Nova, `confirm: 'manual'`).
 * The caller stops an active server first (§6.3.8: "stopped automatically").
 */
export function runResize(
  rt: SandboxRuntime,
  server: Server,
  flavorId: string,
  opts: { confirm: 'auto' | 'manual'; fail?: boolean },
  done: Done = () => {},
): void {
  const phases: TaskState[] = ['resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish'];
  setServerState(server, 'stopped', phases[0]!);
  touch(server);
  const steps: [number, () => boolean][] = phases
    .slice(1)
    .map((t, i) => [
      DURATIONS.resizePhase,
      () =>
        alive(rt, server) && server.task_state === phases[i] && (setServerState(server, 'stopped', t), true),
    ]);
  steps.push([
    DURATIONS.resizePhase,
    () => {
      if (!alive(rt, server) || server.task_state !== 'resize_finish') {
        done(false);
        return false;
      }
      if (opts.fail) {
        setServerState(server, 'stopped', null, 3);
        finishAction(server, 'Error');
        done(false);
        return false;
      }
      server.old_flavor_id = server.flavor_id;
      server.flavor_id = flavorId;
      rt.state.servers.reweigh(server.id);
      if (opts.confirm === 'manual') setServerState(server, 'resized', null, 3);
      else {
        server.old_flavor_id = null;
        setServerState(server, 'stopped', null, 3);
      }
      touch(server);
      finishAction(server, 'Success');
      done(true);
      return true;
    },
  ]);
  rt.scheduler.chain(steps);
}

/** Delete: task `deleting` for a while, then destroy the records (`vm_state` deleted is never kept). */
export function runDelete(
  rt: SandboxRuntime,
  server: Server,
  opts: { deleteVolumes?: boolean; fail?: boolean } = {},
  done: Done = () => {},
): void {
  const vm = server.vm_state;
  // building and other transitional states go straight to error/deleting: A-4 only lists deleting
  // under active, stopped and error.
  const from = vm === 'active' || vm === 'stopped' || vm === 'error' ? vm : 'error';
  setServerState(server, from, 'deleting');
  touch(server);
  rt.scheduler.after(DURATIONS.delete, () => {
    if (!alive(rt, server)) return done(true);
    if (opts.fail) {
      setServerState(server, from, null);
      return done(false);
    }
    setServerState(server, 'deleted', null, 0);
    server.terminated_at = isoNow();
    destroyServer(rt, server, opts.deleteVolumes === undefined ? {} : { deleteVolumes: opts.deleteVolumes });
    done(true);
  });
}
