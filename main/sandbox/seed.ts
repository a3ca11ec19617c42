/**
 * The starting catalogue of a new sandbox: account and credentials, AZs, flavors (one sold out,
 * one sold out in one AZ only, one abandoned), images (one not active), a VPC with subnets, a
 * default security group, quotas, and optionally N running servers.
 */
import { SANDBOX_REGION } from '../../shared/accounts';
import { randomBytes } from 'node:crypto';
import { createServerRecords } from './server-records';
import type { SandboxRuntime } from './runtime';
import { setServerState } from './status';
import { hexId, isoNow, uuid, type Flavor, type Image, type StateData } from './state';

/** The simulated region name. */
export const REGION = SANDBOX_REGION;
/** Its availability zones. */
export const AZS = ['sandbox-1a', 'sandbox-1b', 'sandbox-1c'];

function randomKey(len: number, alphabet: string): string {
  const bytes = randomBytes(len);
  let out = '';
  for (let i = 0; i < len; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function flavor(id: string, vcpus: number, ramGb: number, specs: Record<string, string> = {}): Flavor {
  return {
    id,
    name: id,
    vcpus,
    ram: ramGb * 1024,
    disk: 0,
    is_public: true,
    extra_specs: {
      'ecs:performancetype': id.startsWith('c') ? 'computingv3' : id.startsWith('m') ? 'highmem' : 'normal',
      'ecs:generation': id.split('.')[0] ?? 's6',
      'ecs:virtualization_env_types': 'CloudCompute',
      resource_type: 'IOptimizedS6',
      'cond:operation:status': 'normal',
      'cond:compute': 'autorecovery',
      'quota:max_rate': String(vcpus * 1000),
      'instance_vnic:max_count': '4',
      ...specs,
    },
  };
}

/** A fresh state with the default catalogue (no servers). */
export function initialState(): StateData {
  const projectId = hexId();
  const domainId = hexId();
  const ak = randomKey(20, UPPER);
  const now = isoNow();
  const flavors: Flavor[] = [
    flavor('s6.small.1', 1, 1),
    flavor('s6.medium.2', 1, 2),
    flavor('s6.large.2', 2, 4),
    flavor('s6.xlarge.2', 4, 8),
    flavor('s6.2xlarge.2', 8, 16),
    flavor('c6.large.2', 2, 4),
    flavor('c6.xlarge.4', 4, 16),
    flavor('m6.large.8', 2, 16),
    // Sold out region-wide: never listed with ?availability_zone=, refused at create (Ecs.0319).
    flavor('c7.8xlarge.2', 32, 64, { 'cond:operation:status': 'sellout' }),
    // Sold out in one AZ only (the AZ-wide override of §13).
    flavor('s6.4xlarge.2', 16, 32, {
      'cond:operation:az': 'sandbox-1a(normal), sandbox-1b(sellout), sandbox-1c(normal)',
    }),
    // Taken offline: "not displayed" (Ecs.0029 when used).
    flavor('s2.tiny.1', 1, 1, { 'cond:operation:status': 'abandon' }),
  ];
  const img = (
    name: string,
    os: 'Linux' | 'Windows',
    ver: string,
    minDisk: number,
    status: Image['status'] = 'active',
  ): Image => ({
    id: uuid(),
    name,
    status,
    os_type: os,
    os_version: ver,
    min_disk: minDisk,
    min_ram: 0,
    size: minDisk * 1024 ** 3,
    created: now,
    updated: now,
    visibility: 'public',
    metadata: {
      __os_type: os,
      __platform: ver.split(' ')[0] ?? 'Other',
      __support_kvm: 'true',
      __imagetype: 'gold',
    },
  });
  const images = [
    img('Ubuntu 22.04 server 64bit', 'Linux', 'Ubuntu 22.04 server 64bit', 40),
    img('CentOS 7.9 64bit', 'Linux', 'CentOS 7.9 64bit', 40),
    img('Huawei Cloud EulerOS 2.0 64bit', 'Linux', 'Huawei Cloud EulerOS 2.0 64bit', 40),
    img('Windows Server 2019 Datacenter 64bit', 'Windows', 'Windows Server 2019 Datacenter 64bit', 50),
    // Not active: creating from it gives Ecs.0032.
    img('Debian 12 (uploading)', 'Linux', 'Debian 12.0 64bit', 40, 'queued'),
  ];
  const vpcId = uuid();
  const mkSubnet = (name: string, cidr: string, gw: string, az: string) => {
    const id = uuid();
    return {
      id,
      name,
      cidr,
      gateway_ip: gw,
      vpc_id: vpcId,
      availability_zone: az,
      dhcp_enable: true,
      primary_dns: '100.125.1.250',
      secondary_dns: '100.125.21.250',
      status: 'ACTIVE' as const,
      neutron_network_id: id,
      neutron_subnet_id: uuid(),
      description: '',
    };
  };
  // A /18 leaves room for 10,000 seeded servers.
  const subnets = [
    mkSubnet('subnet-default', '192.168.0.0/18', '192.168.0.1', ''),
    mkSubnet('subnet-db', '192.168.64.0/24', '192.168.64.1', 'sandbox-1b'),
  ];
  const sgId = uuid();
  const rule = (
    direction: 'ingress' | 'egress',
    ethertype: 'IPv4' | 'IPv6',
    extra: Partial<{ protocol: string; port: number; remote: string; group: string }> = {},
  ) => ({
    id: uuid(),
    direction,
    ethertype,
    protocol: extra.protocol ?? null,
    port_range_min: extra.port ?? null,
    port_range_max: extra.port ?? null,
    remote_ip_prefix: extra.remote ?? null,
    remote_group_id: extra.group ?? null,
    security_group_id: sgId,
    description: '',
  });
  const sg = {
    id: sgId,
    name: 'default',
    description: 'Default security group',
    vpc_id: vpcId,
    enterprise_project_id: '0',
    rules: [
      rule('ingress', 'IPv4', { group: sgId }),
      rule('ingress', 'IPv4', { protocol: 'tcp', port: 22, remote: '0.0.0.0/0' }),
      rule('egress', 'IPv4'),
      rule('egress', 'IPv6'),
    ],
  };
  return {
    version: 1,
    account: {
      domainId,
      domainName: 'sandbox-domain',
      userId: hexId(),
      userName: 'sandbox-user',
      password: `Sb-${randomKey(16, MIXED)}`,
      region: REGION,
      projects: [
        { id: projectId, name: REGION },
        // A second project of the same account: a URL naming it while the caller is scoped to the first is refused.
        { id: hexId(), name: `${REGION}_other` },
      ],
      keys: { [ak]: randomKey(40, MIXED) },
      tempKeys: {},
    },
    tokens: {},
    flavors: Object.fromEntries(flavors.map((f) => [f.id, f])),
    images: Object.fromEntries(images.map((i) => [i.id, i])),
    keypairs: {},
    serverGroups: {},
    // One available data disk per AZ, so attach works out of the box.
    volumes: Object.fromEntries(
      AZS.map((az, i) => {
        const id = uuid();
        return [
          id,
          {
            id,
            name: `data-disk-0${i + 1}`,
            size: 10 * (i + 1),
            volume_type: 'SSD',
            status: 'available' as const,
            availability_zone: az,
            bootable: false,
            multiattach: false,
            description: '',
            created_at: now,
            metadata: {},
            attachments: [],
            delete_on_termination: false,
          },
        ];
      }),
    ),
    snapshots: {},
    vpcs: {
      [vpcId]: {
        id: vpcId,
        name: 'vpc-default',
        cidr: '192.168.0.0/16',
        status: 'OK',
        description: '',
        enterprise_project_id: '0',
        routes: [],
      },
    },
    subnets: Object.fromEntries(subnets.map((s) => [s.id, s])),
    securityGroups: { [sgId]: sg },
    ports: {},
    floatingIps: {},
    servers: {},
    jobs: {},
    quotas: {
      instances: 20000,
      cores: 204800,
      ram: 251658240,
      key_pairs: 100,
      metadata_items: 128,
      injected_files: 5,
      injected_file_content_bytes: 10240,
      injected_file_path_bytes: 255,
      server_groups: 10,
      server_group_members: 16,
      security_groups: 10,
      security_group_rules: 20,
      floating_ips: 10,
      volumes: 100000,
      gigabytes: 100000000,
      image_meta: 128,
    },
    availabilityZones: AZS,
    counters: {},
  };
}

/** Extra inventory for {@link seedServers}: totals across the seeded servers. */
export interface SeedInventory {
  /**
   * Disks in all (default: one system disk per server). Above `count`, the rest are data disks
   * spread evenly over the servers (at most 24 per server: /dev/vdb../dev/vdy).
   */
  disks?: number;
  /**
   * NICs in all (default: one per server). Above `count`, the rest are secondary NICs spread
   * evenly (at most 3 more per server: the flavors allow 4), on a second subnet of their own.
   */
  nics?: number;
}

/** How many of `extra` items server `i` of `count` gets (an even spread, earlier servers first). */
function share(extra: number, count: number, i: number): number {
  return Math.floor(extra / count) + (i < extra % count ? 1 : 0);
}

/** Adds `count` running servers spread over AZs, flavors and images (synchronously, no jobs). */
export function seedServers(rt: SandboxRuntime, count: number, inventory: SeedInventory = {}): void {
  const st = rt.state;
  const flavors = [...st.flavors.values()].filter(
    (f) => f.extra_specs['cond:operation:status'] === 'normal' && f.vcpus <= 4,
  );
  const images = [...st.images.values()].filter((i) => i.status === 'active');
  const subnet = [...st.subnets.values()][0]!;
  const sg = [...st.securityGroups.values()][0]!;
  const extraDisks = Math.max(0, (inventory.disks ?? count) - count);
  const extraNics = Math.max(0, (inventory.nics ?? count) - count);
  if (count > 0 && Math.ceil(extraDisks / count) > 24)
    throw new Error(`cannot seed ${inventory.disks} disks on ${count} servers: at most 25 per server`);
  if (count > 0 && Math.ceil(extraNics / count) > 3)
    throw new Error(`cannot seed ${inventory.nics} NICs on ${count} servers: at most 4 per server`);
  // Secondary NICs get a /17 of their own: the default /18 holds the primary ones.
  let second: typeof subnet | undefined;
  if (extraNics > 0) {
    const id = uuid();
    second = {
      ...subnet,
      id,
      name: 'subnet-seed-secondary',
      cidr: '192.168.128.0/17',
      gateway_ip: '192.168.128.1',
      neutron_network_id: id,
      neutron_subnet_id: uuid(),
    };
    st.subnets.set(id, second);
  }
  const base = Date.now() - count * 1000;
  for (let i = 0; i < count; i++) {
    const flavor = flavors[i % flavors.length]!;
    const image = images[i % images.length]!;
    const s = createServerRecords(rt, {
      name: `seed-${String(i).padStart(5, '0')}`,
      flavorId: flavor.id,
      imageId: image.id,
      availabilityZone: AZS[i % AZS.length]!,
      vpcId: subnet.vpc_id,
      nics: [
        { subnetId: subnet.id },
        ...Array.from({ length: share(extraNics, count, i) }, () => ({ subnetId: second!.id })),
      ],
      securityGroups: [sg.id],
      rootVolume: { size: image.min_disk, volumeType: 'SSD' },
      dataVolumes: Array.from({ length: share(extraDisks, count, i) }, (_, k) => ({
        size: 10 * ((k % 5) + 1),
        volumeType: 'SSD',
      })),
      projectId: st.projectId,
      userId: st.account.userId,
      tags: i % 3 === 0 ? { env: 'prod' } : { env: 'dev' },
    });
    if (!s) throw new Error(`cannot seed ${count} servers: subnet ${subnet.cidr} is full`);
    // Distinct creation times keep "newest first" ordering stable; every fifth server is stopped.
    s.created = s.updated = isoNow(base + i * 1000);
    s.launched_at = s.created;
    if (i % 5 === 4) setServerState(s, 'stopped', null, 3);
    else setServerState(s, 'active', null, 1);
  }
}
