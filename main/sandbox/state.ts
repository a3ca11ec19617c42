/**
 * The simulator's live model of one region and one account: `SandboxState` (Maps over the records,
 * with the indexes allocation needs) and the id and timestamp helpers every record uses. The record
 * types are in records.ts and the IPv4 arithmetic in ipv4.ts; both are re-exported here, so a
 * handler imports everything about the model from this one module.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { intToIp, parseCidr } from './ipv4';
import type {
  Account,
  ClientTokenRecord,
  FloatingIp,
  Flavor,
  Image,
  Job,
  KeyPair,
  Port,
  Quotas,
  SecurityGroup,
  Server,
  ServerGroup,
  Snapshot,
  StateData,
  Subnet,
  Token,
  Volume,
  Vpc,
} from './records';
import { TotalingMap, type Usage } from './usage';

export type * from './records';
export { intToIp, ipInCidr, ipToInt, parseCidr } from './ipv4';

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
