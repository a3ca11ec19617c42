/**
 * The simulator's in-memory model of one region and one account. Every record is plain JSON (no
 * classes, no Dates) so the whole state persists with JSON.stringify. Maps are keyed by id and keep
 * insertion order, which is creation order.
 *
 * Conventions: timestamps are ISO strings (`2024-01-02T03:04:05Z`, no milliseconds, as the ECS API
 * prints them); ids are UUIDs (jobs: 32 hex chars, NOTES.md §5); field names are the wire's where a
 * record is served nearly as-is.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PowerState, ServerStatus, TaskState, VmState } from './status';
import { TotalingMap, type Usage } from './usage';

/** Account identity: one domain, one user, projects (the first is the region's project). */
export interface Account {
  domainId: string;
  domainName: string;
  userId: string;
  userName: string;
  password: string;
  region: string;
  projects: { id: string; name: string }[];
  /** Permanent access keys: AK -> SK. */
  keys: Record<string, string>;
  /** Temporary keys: AK -> { sk, securityToken, expiresAt (ms) }. */
  tempKeys: Record<string, { sk: string; securityToken: string; expiresAt: number }>;
}

/** An IAM token issued by POST /v3/auth/tokens. */
export interface Token {
  token: string;
  projectId: string;
  userId: string;
  issuedAt: string;
  expiresAt: number;
}

/** A flavor; `extra_specs` carries `cond:operation:status`, `cond:operation:az`, ... (Table 5-41). */
export interface Flavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
  extra_specs: Record<string, string>;
  /** Flavors the flavor may not be resized to, none by default. */
  is_public: boolean;
}

/** An image (IMS / Glance view). */
export interface Image {
  id: string;
  name: string;
  status: 'active' | 'queued' | 'saving' | 'deleted';
  os_type: 'Linux' | 'Windows';
  os_version: string;
  min_disk: number;
  min_ram: number;
  size: number;
  created: string;
  updated: string;
  visibility: 'public' | 'private';
  /** Set for images created from a server (createImage). */
  server_id?: string;
  metadata: Record<string, string>;
}

/** A key pair (Nova os-keypairs). */
export interface KeyPair {
  name: string;
  public_key: string;
  fingerprint: string;
  type: 'ssh' | 'x509';
  user_id: string;
  created_at: string;
  id: number;
}

/** A server group (anti-affinity etc.). */
export interface ServerGroup {
  id: string;
  name: string;
  policies: string[];
  members: string[];
  metadata: Record<string, string>;
  project_id: string;
  user_id: string;
}

/** A volume attachment as a volume records it. */
export interface VolumeAttachment {
  id: string;
  server_id: string;
  volume_id: string;
  device: string;
  attached_at: string;
}

/** An EVS disk. */
export interface Volume {
  id: string;
  name: string;
  size: number;
  volume_type: string;
  status: 'creating' | 'available' | 'in-use' | 'attaching' | 'detaching' | 'deleting' | 'error';
  availability_zone: string;
  bootable: boolean;
  multiattach: boolean;
  description: string;
  created_at: string;
  image_id?: string;
  metadata: Record<string, string>;
  attachments: VolumeAttachment[];
  /** For a system disk: deleted with the server. For data disks from create: the request's choice. */
  delete_on_termination: boolean;
}

/** A volume snapshot (discarded §11 API). */
export interface Snapshot {
  id: string;
  volume_id: string;
  display_name: string;
  display_description: string;
  size: number;
  status: 'creating' | 'available' | 'deleting' | 'error';
  created_at: string;
}

/** A VPC. */
export interface Vpc {
  id: string;
  name: string;
  cidr: string;
  status: 'OK' | 'CREATING';
  description: string;
  enterprise_project_id: string;
  routes: { destination: string; nexthop: string }[];
}

/** A VPC subnet; `id` is also the Neutron network id, `neutron_subnet_id` the Neutron subnet id. */
export interface Subnet {
  id: string;
  name: string;
  cidr: string;
  gateway_ip: string;
  vpc_id: string;
  availability_zone: string;
  dhcp_enable: boolean;
  primary_dns: string;
  secondary_dns: string;
  status: 'ACTIVE';
  neutron_network_id: string;
  neutron_subnet_id: string;
  description: string;
}

/** A security group rule (VPC v1 shape). */
export interface SecurityGroupRule {
  id: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  security_group_id: string;
  description: string;
}

/** A security group. */
export interface SecurityGroup {
  id: string;
  name: string;
  description: string;
  vpc_id: string;
  enterprise_project_id: string;
  rules: SecurityGroupRule[];
}

/** A port / NIC. The primary NIC of a server has `primary: true` and cannot be deleted (Ecs.0086). */
export interface Port {
  id: string;
  name: string;
  network_id: string;
  subnet_id: string;
  vpc_id: string;
  mac_address: string;
  fixed_ips: { subnet_id: string; ip_address: string }[];
  device_id: string;
  device_owner: string;
  status: 'ACTIVE' | 'DOWN' | 'BUILD';
  security_groups: string[];
  primary: boolean;
  created_at: string;
}

/** A floating IP (discarded §11.5 API); `instance_id` and `fixed_ip` set when associated. */
export interface FloatingIp {
  id: string;
  ip: string;
  pool: string;
  instance_id: string | null;
  fixed_ip: string | null;
  port_id: string | null;
}

/** One entry of a server's instance-action log (os-instance-actions). */
export interface InstanceAction {
  action: string;
  request_id: string;
  user_id: string;
  project_id: string;
  start_time: string;
  message: string | null;
  instance_uuid: string;
  events: { event: string; start_time: string; finish_time: string | null; result: string | null }[];
}

/** A server. `status` is always derived from vm_state/task_state (use `setServerState`). */
export interface Server {
  id: string;
  name: string;
  description: string;
  project_id: string;
  user_id: string;
  created: string;
  updated: string;
  launched_at: string | null;
  terminated_at: string | null;
  flavor_id: string;
  /** Flavor before a Nova resize, kept for revert. */
  old_flavor_id: string | null;
  image_id: string;
  availability_zone: string;
  key_name: string | null;
  vpc_id: string;
  vm_state: VmState;
  task_state: TaskState | null;
  power_state: PowerState;
  status: ServerStatus;
  locked: boolean;
  host_id: string;
  hypervisor_hostname: string;
  instance_name: string;
  reservation_id: string;
  launch_index: number;
  root_device_name: string;
  user_data: string | null;
  metadata: Record<string, string>;
  /** 2D tags (ECS, §5.9): key -> value. */
  tags: Record<string, string>;
  /** 1D tags (Nova 2.26, §6.15). */
  tags1d: string[];
  /** Security group ids. */
  security_groups: string[];
  /** Port ids, primary first. */
  ports: string[];
  /** Volume ids attached, system disk first. */
  volumes: string[];
  /** Set when the server is in error: the fault object of 6.2.5. */
  fault: { code: number; message: string; created: string; details: string } | null;
  console_log: string[];
  actions: InstanceAction[];
  charging_mode: '0' | '1' | '2';
  enterprise_project_id: string;
  /** Server groups this server belongs to. */
  server_groups: string[];
  /** Optional configuration such as auto_recovery. */
  auto_recovery: boolean;
}

/** Status of a job or sub-job (§5.8.1). */
export type JobStatus = 'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL';

/** A sub-job: one per server (or NIC/volume) of a job. */
export interface SubJob {
  job_id: string;
  job_type: string;
  status: JobStatus;
  begin_time: string;
  end_time: string | null;
  error_code: string | null;
  fail_reason: string | null;
  entities: { server_id?: string; nic_id?: string; volume_id?: string; errorcode_message?: string };
}

/** An asynchronous job (§5.8.1, Table 5-63). */
export interface Job {
  job_id: string;
  job_type: string;
  project_id: string;
  status: JobStatus;
  begin_time: string;
  end_time: string | null;
  error_code: string | null;
  fail_reason: string | null;
  entities: { server_id?: string; nic_id?: string; sub_jobs_total?: number; sub_jobs?: SubJob[] };
}

/** Quota limits (the "max" side; usage is kept by the state, see usage.ts). */
export interface Quotas {
  instances: number;
  cores: number;
  ram: number;
  key_pairs: number;
  metadata_items: number;
  injected_files: number;
  injected_file_content_bytes: number;
  injected_file_path_bytes: number;
  server_groups: number;
  server_group_members: number;
  security_groups: number;
  security_group_rules: number;
  floating_ips: number;
  volumes: number;
  gigabytes: number;
  image_meta: number;
}

/**
 * What a create request with an `X-Client-Token` produced, kept so a re-send within the token's
 * window gets the same answer instead of a second set of servers.
 */
export interface ClientTokenRecord {
  projectId: string;
  /** SHA-256 of the canonical request body: a reuse with other parameters is refused. */
  bodyHash: string;
  jobId: string;
  serverIds: string[];
  /** Epoch ms of the first request. */
  createdAt: number;
}

/** The whole persisted state. */
export interface StateData {
  version: 1;
  account: Account;
  tokens: Record<string, Token>;
  flavors: Record<string, Flavor>;
  images: Record<string, Image>;
  keypairs: Record<string, KeyPair>;
  serverGroups: Record<string, ServerGroup>;
  volumes: Record<string, Volume>;
  snapshots: Record<string, Snapshot>;
  vpcs: Record<string, Vpc>;
  subnets: Record<string, Subnet>;
  securityGroups: Record<string, SecurityGroup>;
  ports: Record<string, Port>;
  floatingIps: Record<string, FloatingIp>;
  servers: Record<string, Server>;
  jobs: Record<string, Job>;
  /** `X-Client-Token` answers by `{project_id}:{token}` (absent in state files written before tokens were honoured). */
  clientTokens?: Record<string, ClientTokenRecord>;
  /** Project-level 2D tag keys in use are derived; nothing stored. */
  quotas: Quotas;
  availabilityZones: string[];
  /** Monotonic counters (key pair ids, MAC addresses, host names). */
  counters: Record<string, number>;
}

/** ISO time without milliseconds, `Z` suffix. */
export function isoNow(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ISO time with milliseconds (job times, `2016-04-25T20:04:34.604Z` in §5.8.1). */
export function isoNowMs(ms = Date.now()): string {
  return new Date(ms).toISOString();
}

/** A new UUID. */
export function uuid(): string {
  return randomUUID();
}

/** A 32-hex-char id (job ids, project ids). */
export function hexId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The live state: Maps over the persisted records plus indexes. Handlers read and mutate the
 * records directly, then the dispatcher marks the state changed (any non-GET request) and the
 * scheduler marks it after every timed step; call {@link SandboxState.changed} yourself when you
 * mutate outside those (e.g. inside a setTimeout of your own).
 */
export class SandboxState {
  account: Account;
  readonly tokens: Map<string, Token>;
  readonly flavors: Map<string, Flavor>;
  readonly images: Map<string, Image>;
  readonly keypairs: Map<string, KeyPair>;
  readonly serverGroups: Map<string, ServerGroup>;
  /** Volumes with running totals of count and size. */
  readonly volumes: TotalingMap<Volume, 'volumes' | 'gigabytes'>;
  readonly snapshots: Map<string, Snapshot>;
  readonly vpcs: Map<string, Vpc>;
  readonly subnets: Map<string, Subnet>;
  readonly securityGroups: Map<string, SecurityGroup>;
  readonly ports: Map<string, Port>;
  readonly floatingIps: Map<string, FloatingIp>;
  /**
   * Servers in creation order (Map insertion order), with running totals of instances, cores and
   * RAM. Deleted servers are removed. Call `servers.reweigh(id)` after changing `flavor_id`.
   */
  readonly servers: TotalingMap<Server, 'instances' | 'cores' | 'ram'>;
  readonly jobs: Map<string, Job>;
  /** `X-Client-Token` answers by `{project_id}:{token}` (ecs/client-token.ts). */
  readonly clientTokens: Map<string, ClientTokenRecord>;
  quotas: Quotas;
  availabilityZones: string[];
  counters: Record<string, number>;
  /** Used IPs per subnet id, for allocation. */
  private readonly usedIps = new Map<string, Set<string>>();
  private readonly ipCursor = new Map<string, number>();
  private listeners: (() => void)[] = [];

  constructor(data: StateData) {
    this.account = data.account;
    this.tokens = new Map(Object.entries(data.tokens));
    this.flavors = new Map(Object.entries(data.flavors));
    this.images = new Map(Object.entries(data.images));
    this.keypairs = new Map(Object.entries(data.keypairs));
    this.serverGroups = new Map(Object.entries(data.serverGroups));
    this.volumes = new TotalingMap(
      (v) => ({ volumes: 1, gigabytes: v.size }),
      ['volumes', 'gigabytes'],
      Object.entries(data.volumes),
    );
    this.snapshots = new Map(Object.entries(data.snapshots));
    this.vpcs = new Map(Object.entries(data.vpcs));
    this.subnets = new Map(Object.entries(data.subnets));
    this.securityGroups = new Map(Object.entries(data.securityGroups));
    this.ports = new Map(Object.entries(data.ports));
    this.floatingIps = new Map(Object.entries(data.floatingIps));
    this.servers = new TotalingMap(
      (s) => {
        // A server is set to `deleted` only in the same step that removes it; it counts for nothing.
        if (s.vm_state === 'deleted') return { instances: 0, cores: 0, ram: 0 };
        const f = this.flavors.get(s.flavor_id);
        return { instances: 1, cores: f?.vcpus ?? 0, ram: f?.ram ?? 0 };
      },
      ['instances', 'cores', 'ram'],
      Object.entries(data.servers),
    );
    this.jobs = new Map(Object.entries(data.jobs));
    this.clientTokens = new Map(Object.entries(data.clientTokens ?? {}));
    this.quotas = data.quotas;
    this.availabilityZones = data.availabilityZones;
    this.counters = data.counters;
    for (const p of this.ports.values())
      for (const ip of p.fixed_ips) this.usedSet(ip.subnet_id).add(ip.ip_address);
  }

  /** The region's project id (the first project). */
  get projectId(): string {
    return this.account.projects[0]!.id;
  }

  /** Plain JSON snapshot of everything. */
  toData(): StateData {
    const o = <T>(m: Map<string, T>): Record<string, T> => Object.fromEntries(m);
    return {
      version: 1,
      account: this.account,
      tokens: o(this.tokens),
      flavors: o(this.flavors),
      images: o(this.images),
      keypairs: o(this.keypairs),
      serverGroups: o(this.serverGroups),
      volumes: o(this.volumes),
      snapshots: o(this.snapshots),
      vpcs: o(this.vpcs),
      subnets: o(this.subnets),
      securityGroups: o(this.securityGroups),
      ports: o(this.ports),
      floatingIps: o(this.floatingIps),
      servers: o(this.servers),
      jobs: o(this.jobs),
      clientTokens: o(this.clientTokens),
      quotas: this.quotas,
      availabilityZones: this.availabilityZones,
      counters: this.counters,
    };
  }

  /** Registers a change listener (persistence); returns an unsubscribe function. */
  onChange(fn: () => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  /** Signals that records changed (schedules a debounced save when persistence is on). */
  changed(): void {
    for (const l of this.listeners) l();
  }

  /** Next value of a named counter (starting at 1). */
  next(counter: string): number {
    const v = (this.counters[counter] ?? 0) + 1;
    this.counters[counter] = v;
    return v;
  }

  private usedSet(subnetId: string): Set<string> {
    let s = this.usedIps.get(subnetId);
    if (!s) {
      s = new Set();
      this.usedIps.set(subnetId, s);
    }
    return s;
  }

  /** Whether an IP is already used in a subnet. */
  ipInUse(subnetId: string, ip: string): boolean {
    return this.usedSet(subnetId).has(ip);
  }

  /**
   * Allocates an address in a subnet: the requested one (caller checked it is in the CIDR and
   * free) or the next free host address. Returns undefined when the subnet is full.
   */
  allocateIp(subnet: Subnet, requested?: string): string | undefined {
    const used = this.usedSet(subnet.id);
    if (requested !== undefined) {
      if (used.has(requested)) return undefined;
      used.add(requested);
      return requested;
    }
    const { base, size } = parseCidr(subnet.cidr);
    const start = this.ipCursor.get(subnet.id) ?? 2;
    // Skip network (0), gateway (1) and broadcast (size-1); resume from a cursor so allocating
    // 10,000 addresses stays linear.
    for (let k = 0; k < size; k++) {
      const off = ((start - 2 + k) % Math.max(1, size - 3)) + 2;
      const ip = intToIp(base + off);
      if (ip === subnet.gateway_ip || used.has(ip)) continue;
      used.add(ip);
      this.ipCursor.set(subnet.id, off + 1);
      return ip;
    }
    return undefined;
  }

  /** Frees an address. */
  releaseIp(subnetId: string, ip: string): void {
    this.usedSet(subnetId).delete(ip);
  }

  /** A new unique MAC address (fa:16:3e:xx:xx:xx, the OpenStack prefix). */
  newMac(): string {
    const n = this.next('mac');
    const b = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff].map((x) => x.toString(16).padStart(2, '0'));
    return `fa:16:3e:${b.join(':')}`;
  }

  /** Resources used now: O(1), from the running totals of the maps (usage.ts). */
  usage(): Usage {
    const servers = this.servers.totals;
    const volumes = this.volumes.totals;
    return {
      instances: servers.instances,
      cores: servers.cores,
      ram: servers.ram,
      keyPairs: this.keypairs.size,
      serverGroups: this.serverGroups.size,
      securityGroups: this.securityGroups.size,
      floatingIps: this.floatingIps.size,
      volumes: volumes.volumes,
      gigabytes: volumes.gigabytes,
    };
  }
}

/** Parses `a.b.c.d/n` into a base integer and the number of addresses. */
export function parseCidr(cidr: string): { base: number; size: number; prefix: number } {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const base = (ipToInt(ip ?? '0.0.0.0') & ~(size - 1)) >>> 0;
  return { base, size, prefix };
}

/** Dotted quad -> unsigned integer (NaN for malformed input). */
export function ipToInt(ip: string): number {
  const p = ip.split('.');
  if (p.length !== 4) return NaN;
  let n = 0;
  for (const x of p) {
    if (!/^\d{1,3}$/.test(x) || Number(x) > 255) return NaN;
    n = n * 256 + Number(x);
  }
  return n >>> 0;
}

/** Unsigned integer -> dotted quad. */
export function intToIp(n: number): string {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** Whether an address lies inside a CIDR. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const n = ipToInt(ip);
  if (Number.isNaN(n)) return false;
  const { base, size } = parseCidr(cidr);
  return n >= base && n < base + size;
}
