/**
 * ECS (Huawei) server views: the server queries the app needs (GET
 * /v1/{project_id}/cloudservers/{server_id}, /detail, /v1.1/.../detail) whose field names follow
 * the official SDK models ServerDetail, CloudServer and friends. The create request is
 * server-create.ts, the other server actions (§5.1.2–5.3, §11.1) server-actions.ts.
 */
import type { Link, StringMap } from './common';

/** Server status as reported by `status` (A.3, Table A-1; PAUSED etc. appear in §6 tables). */
export type ServerStatus =
  | 'BUILD'
  | 'REBOOT'
  | 'HARD_REBOOT'
  | 'REBUILD'
  | 'MIGRATING'
  | 'RESIZE'
  | 'ACTIVE'
  | 'SHUTOFF'
  | 'REVERT_RESIZE'
  | 'VERIFY_RESIZE'
  | 'ERROR'
  | 'DELETED'
  | 'SHELVED'
  | 'SHELVED_OFFLOADED'
  | 'UNKNOWN'
  | 'PAUSED'
  | 'SUSPENDED'
  | 'SOFT_DELETED';

/** `OS-EXT-STS:power_state`: 0 pending, 1 running, 2 paused, 3 shutdown, 4 crashed. */
export type PowerState = 0 | 1 | 2 | 3 | 4;

/** One IP of a server's `addresses` map (Table 8-13; SDK ServerAddress). */
export interface ServerAddress {
  /** `4` or `6` (a String in the ECS v1 detail, per Table 8-13 and the SDK). */
  version: string;
  addr: string;
  'OS-EXT-IPS:type'?: 'fixed' | 'floating' | string;
  // The tables print `OS-EXT-IPS-MAC:mac_address`; every example and the SDK use `mac_addr`.
  'OS-EXT-IPS-MAC:mac_addr'?: string;
  'OS-EXT-IPS:port_id'?: string;
  primary?: boolean;
}

/** GPU or ASIC accelerator of a flavor (SDK GpuInfo / ASICAcceleratorInfo). */
export interface AcceleratorInfo {
  name: string;
  count: number;
  memory_mb: number;
}

/** `flavor` of an ECS v1 server detail (Table 8-14; numbers are Strings on this API). */
export interface ServerFlavor {
  id: string;
  name: string;
  disk: string;
  vcpus: string;
  ram: string;
  gpus?: AcceleratorInfo[];
  asic_accelerators?: AcceleratorInfo[];
}

/** `security_groups[]` of a server detail (Table 8-15). */
export interface ServerSecurityGroup {
  name: string;
  id?: string;
}

/** `os-extended-volumes:volumes_attached[]` of an ECS v1 server detail (Table 8-16). */
export interface ServerVolumeAttached {
  id: string;
  /** "true"/"false" as a String on this API (Table 8-16), a Boolean on Nova. */
  delete_on_termination?: string;
  /** "0" = system disk. */
  bootIndex?: string;
  device?: string;
}

/** `os:scheduler_hints` of a server detail (Table 8-10). */
export interface ServerSchedulerHintsResult {
  group?: string[];
  tenancy?: string[];
  dedicated_host_id?: string[];
}

/** `sys_tags[]` of a server detail (Table 8-18). */
export interface ServerSystemTag {
  key: string;
  value: string;
}

/** `fault` of a server in error (§6.2.5). */
export interface ServerFault {
  code: number;
  created: string;
  message: string;
  details?: string;
}

/** `cpu_options` (SDK CpuOptions). */
export interface CpuOptions {
  'hw:cpu_threads'?: number;
}

/** `security_options` (SDK SecurityOptions). */
export interface SecurityOptions {
  secure_boot_enabled?: boolean;
  tpm_enabled?: boolean;
}

/** `hypervisor` (SDK Hypervisor). */
export interface HypervisorInfo {
  hypervisor_type?: string;
  csd_hypervisor?: string;
}

/** `network_interfaces[]` (SDK NetworkInterfaces). */
export interface ServerNetworkInterface {
  port_id: string;
  primary?: boolean;
  ip_addresses?: string[];
  ipv6_addresses?: string[];
  subnet_id?: string;
  association?: { public_ip_address?: string };
}

/** Well-known `metadata` keys of an ECS v1 server (Table 8-17); any other key may appear. */
export type ServerDetailMetadata = StringMap & {
  charging_mode?: string;
  vpc_id?: string;
  EcmResStatus?: 'normal' | 'freeze' | string;
  'metering.image_id'?: string;
  'metering.imagetype'?: 'gold' | 'private' | 'shared' | string;
  'metering.resourcespeccode'?: string;
  'metering.resourcetype'?: string;
  image_name?: string;
  os_bit?: '32' | '64' | string;
  os_type?: 'Linux' | 'Windows' | string;
  lockCheckEndpoint?: string;
  lockSource?: string;
  lockSourceId?: string;
  lockScene?: string;
  virtual_env_type?: string;
};

/**
 * The ECS server detail: GET /v1/{project_id}/cloudservers/{server_id} and the /detail list
 * (SDK ServerDetail; Tables 8-13 to 8-19).
 */
export interface ServerDetail {
  id: string;
  name: string;
  status: ServerStatus | string;
  created: string;
  updated: string;
  auto_terminate_time?: string;
  hostId?: string;
  'OS-EXT-SRV-ATTR:host'?: string;
  addresses: Record<string, ServerAddress[]>;
  key_name?: string | null;
  image: { id: string } | '';
  'OS-EXT-STS:task_state'?: string | null;
  'OS-EXT-STS:vm_state'?: string;
  'OS-EXT-SRV-ATTR:instance_name'?: string;
  'OS-EXT-SRV-ATTR:hypervisor_hostname'?: string;
  flavor: ServerFlavor;
  security_groups?: ServerSecurityGroup[];
  'OS-EXT-AZ:availability_zone'?: string;
  user_id?: string;
  tenant_id?: string;
  'OS-DCF:diskConfig'?: 'AUTO' | 'MANUAL' | string;
  accessIPv4?: string;
  accessIPv6?: string;
  fault?: ServerFault | null;
  progress?: number;
  'OS-EXT-STS:power_state'?: PowerState | number;
  config_drive?: string;
  metadata: ServerDetailMetadata;
  'OS-SRV-USG:launched_at'?: string;
  'OS-SRV-USG:terminated_at'?: string;
  'os-extended-volumes:volumes_attached'?: ServerVolumeAttached[];
  description?: string;
  host_status?: 'UP' | 'UNKNOWN' | 'DOWN' | 'MAINTENANCE' | '' | null;
  'OS-EXT-SRV-ATTR:hostname'?: string;
  'OS-EXT-SRV-ATTR:reservation_id'?: string | null;
  'OS-EXT-SRV-ATTR:launch_index'?: number;
  'OS-EXT-SRV-ATTR:kernel_id'?: string;
  'OS-EXT-SRV-ATTR:ramdisk_id'?: string;
  'OS-EXT-SRV-ATTR:root_device_name'?: string;
  'OS-EXT-SRV-ATTR:user_data'?: string | null;
  locked?: boolean;
  tags?: string[];
  'os:scheduler_hints'?: ServerSchedulerHintsResult;
  enterprise_project_id?: string;
  sys_tags?: ServerSystemTag[];
  cpu_options?: CpuOptions;
  security_options?: SecurityOptions;
  hypervisor?: HypervisorInfo | null;
  network_interfaces?: ServerNetworkInterface[];
}

/** Query of GET /v1/{project_id}/cloudservers/detail (SDK ListServersDetailsRequest). */
export interface ListServersDetailsQuery {
  enterprise_project_id?: string;
  flavor?: string;
  /** IPv4 fuzzy match. */
  ip?: string;
  /** Page size, default 25, max 1000. */
  limit?: number;
  name?: string;
  'not-tags'?: string;
  /** Page NUMBER (not an item offset), 1-based; 0 behaves as 1. */
  offset?: number;
  reservation_id?: string;
  status?: ServerStatus | string;
  tags?: string;
  /** IPv4 exact match. */
  ip_eq?: string;
  /** Comma-separated server ids; when given, every other filter is ignored. */
  server_id?: string;
  marker?: string;
}

/** Result of GET /v1/{project_id}/cloudservers/detail. */
export interface ListServersDetailsResult {
  count: number;
  servers: ServerDetail[];
}

/** Result of GET /v1/{project_id}/cloudservers/{server_id}. */
export interface ShowServerResult {
  server: ServerDetail;
}

/** `addresses` item of the v1.1 list (SDK NetworkAddresses: `version` is a number here). */
export interface CloudServerAddress {
  addr: string;
  version: number;
  'OS-EXT-IPS:port_id'?: string;
  'OS-EXT-IPS-MAC:mac_addr'?: string;
  'OS-EXT-IPS:type'?: string;
  primary?: boolean;
}

/** The server of GET /v1.1/{project_id}/cloudservers/detail (SDK CloudServer). */
export interface CloudServer {
  id: string;
  name: string;
  status: ServerStatus | string;
  tenant_id?: string;
  user_id?: string;
  market_info?: {
    charge_mode?: 'postPaid' | 'prePaid' | string;
    prepaid_info?: { expire_time?: string; [key: string]: unknown };
  };
  availability_zone?: string;
  vm_state?: string;
  task_state?: string | null;
  power_state?: PowerState | number;
  created: string;
  in_recycle_bin?: boolean;
  spod_id?: string;
  updated?: string;
  launched_at?: string;
  description?: string;
  key_name?: string;
  locked?: boolean;
  root_device_name?: string;
  tenancy?: string;
  dedicated_host_id?: string;
  enterprise_project_id?: string;
  metadata?: StringMap;
  tags?: string[];
  addresses?: Record<string, CloudServerAddress[]>;
  security_groups?: ServerSecurityGroup[];
  volumes_attached?: Array<{
    id: string;
    delete_on_termination?: boolean;
    device?: string;
    bootIndex?: string;
    size?: number;
  }>;
  image?: { id: string };
  flavor?: {
    id: string;
    name: string;
    vcpus: number;
    ram: number;
    disk: number;
    gpus?: AcceleratorInfo[];
    asic_accelerators?: AcceleratorInfo[];
  };
  fault?: ServerFault | null;
  cpu_options?: CpuOptions;
}

/** Query of GET /v1.1/{project_id}/cloudservers/detail (SDK ListCloudServersRequest). */
export interface ListCloudServersQuery {
  id?: string;
  name?: string;
  status?: ServerStatus | string;
  in_recycle_bin?: boolean;
  spod_id?: string;
  flavor_name?: string;
  image_id?: string;
  /** `key=value` filter. */
  metadata?: string;
  'metadata-key'?: string;
  tags?: string;
  'not-tags'?: string;
  availability_zone?: string;
  availability_zone_eq?: string;
  charging_mode?: string;
  key_name?: string;
  launched_since?: string;
  enterprise_project_id?: string;
  /** Extra output fields, sent as repeated keys. */
  'expect-fields'?: string[];
  /** Default 10, max 100. */
  limit?: number;
  /** Id of the last server of the previous page. */
  marker?: string;
}

/** Result of GET /v1.1/{project_id}/cloudservers/detail. */
export interface ListCloudServersResult {
  servers: CloudServer[];
  servers_links?: Link[];
  request_id?: string;
}
