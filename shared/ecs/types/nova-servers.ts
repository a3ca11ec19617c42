/**
 * Nova (OpenStack-compatible) server APIs, §6.2–6.3, §6.9, §6.11.5–6.11.6, §6.13–6.14.
 */
import type { Link, StringMap } from './common';
import type { PowerState, ServerFault, ServerStatus } from './servers';

/** One IP of a Nova server's `addresses` map (SDK NovaNetwork: `version` is an Integer). */
export interface NovaAddress {
  addr: string;
  version: 4 | 6 | number;
  // The tables print `OS-EXT-IPS-MAC:mac_address`; the examples and the SDK use `mac_addr`.
  'OS-EXT-IPS-MAC:mac_addr'?: string;
  'OS-EXT-IPS:type'?: 'fixed' | 'floating' | string;
}

/** `flavor` of a Nova server up to microversion 2.46. */
export interface NovaServerFlavorRef {
  id: string;
  links: Link[];
}

/** `flavor` of a Nova server from microversion 2.47. */
export interface NovaServerFlavorEmbedded {
  vcpus: number;
  ram: number;
  disk: number;
  ephemeral: number;
  swap: number;
  original_name: string;
  extra_specs?: StringMap;
}

/** The full Nova server object (Tables 6-38/6-49; SDK NovaServer). */
export interface NovaServer {
  id: string;
  name: string;
  status: ServerStatus | string;
  created: string;
  updated: string;
  flavor: NovaServerFlavorRef | NovaServerFlavorEmbedded;
  /** `""` when the server boots from a volume. */
  image: { id: string; links?: Link[] } | '';
  tenant_id: string;
  key_name: string | null;
  user_id: string;
  metadata: StringMap;
  hostId: string;
  addresses: Record<string, NovaAddress[]>;
  security_groups?: Array<{ name: string }>;
  links: Link[];
  'os:scheduler_hints'?: { tenancy?: string[]; dedicated_host_id?: string[] };
  'OS-DCF:diskConfig'?: 'AUTO' | 'MANUAL' | string;
  'OS-EXT-AZ:availability_zone'?: string;
  'OS-EXT-SRV-ATTR:host'?: string;
  'OS-EXT-SRV-ATTR:hypervisor_hostname'?: string;
  'OS-EXT-SRV-ATTR:instance_name'?: string;
  'OS-EXT-STS:power_state'?: PowerState | number;
  'OS-EXT-STS:task_state'?: string | null;
  'OS-EXT-STS:vm_state'?: string;
  'OS-SRV-USG:launched_at'?: string | null;
  'OS-SRV-USG:terminated_at'?: string | null;
  'os-extended-volumes:volumes_attached'?: Array<{ id: string; delete_on_termination?: boolean }>;
  fault?: ServerFault;
  /** 2.19+. */
  description?: string | null;
  /** 2.16+; "" (6.2.5) or null (6.2.6) when unknown. */
  host_status?: 'UP' | 'UNKNOWN' | 'DOWN' | 'MAINTENANCE' | '' | null;
  'OS-EXT-SRV-ATTR:hostname'?: string;
  'OS-EXT-SRV-ATTR:reservation_id'?: string;
  'OS-EXT-SRV-ATTR:launch_index'?: number;
  'OS-EXT-SRV-ATTR:kernel_id'?: string;
  'OS-EXT-SRV-ATTR:ramdisk_id'?: string;
  'OS-EXT-SRV-ATTR:root_device_name'?: string;
  'OS-EXT-SRV-ATTR:user_data'?: string | null;
  /** 2.26+: `key=value` or `key`. */
  tags?: string[];
  /** 2.9+. */
  locked?: boolean;
  accessIPv4?: string;
  accessIPv6?: string;
  config_drive?: string;
  progress?: number;
}

/** An item of GET /v2.1/{project_id}/servers (SDK NovaSimpleServer). */
export interface NovaServerBrief {
  id: string;
  name: string;
  links: Link[];
}

/** Query of the Nova server lists (§6.2.4/6.2.5; `host` from the SDK). */
export interface NovaListServersQuery {
  'changes-since'?: string;
  image?: string;
  flavor?: string;
  name?: string;
  status?: ServerStatus | string;
  host?: string;
  /** Default 25, max 1000. */
  limit?: number;
  marker?: string;
  tags?: string;
  'not-tags'?: string;
  reservation_id?: string;
  sort_key?: string;
  ip?: string;
}

/** Result of GET /v2.1/{project_id}/servers. */
export interface NovaListServersResult {
  servers: NovaServerBrief[];
  servers_links?: Link[];
}

/** Result of GET /v2.1/{project_id}/servers/detail. */
export interface NovaListServersDetailResult {
  servers: NovaServer[];
  servers_links?: Link[];
}

/** Result of GET /v2.1/{project_id}/servers/{server_id} and PUT of the same path. */
export interface NovaServerResult {
  server: NovaServer;
}

/** `block_device_mapping_v2[]` of a Nova create (Table 6-13). */
export interface NovaBlockDeviceMapping {
  source_type: 'volume' | 'image' | 'snapshot' | 'blank';
  destination_type?: 'volume' | 'local';
  guest_format?: 'swap' | 'ext4';
  device_name?: string;
  delete_on_termination?: boolean;
  /** "0" = boot disk; the doc types it String. */
  boot_index?: string | number;
  uuid?: string;
  volume_size?: number;
  volume_type?: string;
}

/** `server` of POST /v2.1/{project_id}/servers (§6.2.1). */
export interface NovaCreateServerOption {
  flavorRef: string;
  name: string;
  networks: Array<{ uuid?: string; port?: string; fixed_ip?: string }>;
  imageRef?: string;
  metadata?: StringMap & { admin_pass?: string };
  adminPass?: string;
  block_device_mapping_v2?: NovaBlockDeviceMapping[];
  config_drive?: string;
  security_groups?: Array<{ name: string }>;
  key_name?: string;
  user_data?: string;
  availability_zone?: string;
  return_reservation_id?: boolean;
  min_count?: number;
  max_count?: number;
  'OS-DCF:diskConfig'?: 'AUTO' | 'MANUAL';
  /** 2.19+. */
  description?: string;
}

/** Body of the Nova create (§6.2.1); `os:scheduler_hints` is a sibling of `server`. */
export interface NovaCreateServerBody {
  server: NovaCreateServerOption;
  'os:scheduler_hints'?: {
    group?: string;
    different_host?: string[];
    same_host?: string[];
    cidr?: string;
    build_near_host_ip?: string;
    tenancy?: 'dedicated' | 'shared';
    dedicated_host_id?: string;
  };
}

/** Result of the Nova create: the new server, or only `reservation_id` with return_reservation_id. */
export type NovaCreateServerResult =
  | {
      server: {
        id: string;
        links: Link[];
        security_groups?: Array<{ name: string }>;
        'OS-DCF:diskConfig'?: 'AUTO' | 'MANUAL';
        reservation_id?: string;
        adminPass?: string;
      };
    }
  | { reservation_id: string };

/** Body of PUT /v2.1/{project_id}/servers/{server_id} (§6.2.2). */
export interface NovaUpdateServerBody {
  server: { name?: string; description?: string };
}

/** Body of the Nova os-start action (§6.3.1). */
export interface NovaStartServerBody {
  'os-start': Record<string, never> | null;
}

/** Body of the Nova reboot action (§6.3.2). */
export interface NovaRebootServerBody {
  reboot: { type: 'SOFT' | 'HARD' };
}

/** Body of the Nova os-stop action (§6.3.3). */
export interface NovaStopServerBody {
  'os-stop': { type?: 'SOFT' | 'HARD' } | null;
}

/** Body of the Nova lock action (§6.3.4). */
export interface NovaLockServerBody {
  lock: null;
}

/** Body of the Nova unlock action (§6.3.5). */
export interface NovaUnlockServerBody {
  unlock: null;
}

/** Body of the Nova rebuild action (§6.3.6). */
export interface NovaRebuildServerBody {
  rebuild: {
    imageRef: string;
    name?: string;
    metadata?: StringMap;
    /** Accepted but "does not take effect". */
    adminPass?: string;
    'OS-DCF:diskConfig'?: 'AUTO' | 'MANUAL';
    preserve_ephemeral?: boolean;
  };
}

/**
 * Result of the rebuild action. The table is flat but the example wraps the fields in `server`
 * (§19.6); the official Nova wire form is wrapped, so this type is too.
 */
export interface NovaRebuildServerResult {
  server: Partial<NovaServer> & { id: string; adminPass?: string };
}

/** Body of the Nova createImage action (§6.3.7). */
export interface NovaCreateImageBody {
  createImage: { name: string; metadata?: StringMap };
}

/** Result of createImage: `image_id` from 2.45, else nothing (the id is in the Location header). */
export type NovaCreateImageResult = { image_id: string } | undefined;

/** Body of the Nova resize action (§6.3.8). */
export interface NovaResizeServerBody {
  resize: { flavorRef: string };
}

/** Body of the Nova confirmResize action (§6.3.9). */
export interface NovaConfirmResizeBody {
  confirmResize: null;
}

/** Body of the Nova revertResize action (§6.3.10). */
export interface NovaRevertResizeBody {
  revertResize: null;
}

/** Body of POST /v1.0/servers/{server_id}/action (§6.3.11). */
export interface NovaMonitorServerBody {
  monitorMetrics: null;
}

/** Body of the os-getConsoleOutput action (§6.14.1); `length` -1 = unlimited. */
export interface NovaGetConsoleOutputBody {
  'os-getConsoleOutput': { length: number | string };
}

/** Result of os-getConsoleOutput. */
export interface NovaConsoleOutputResult {
  output: string;
}

/** Body and result of the whole-metadata APIs (§6.9.1/6.9.2/6.9.4). */
export interface NovaMetadataDoc {
  metadata: StringMap;
}

/** Body and result of the single-item metadata APIs (§6.9.5/6.9.6). */
export interface NovaMetaItemDoc {
  meta: StringMap;
}

/** Result of GET .../os-server-password (§6.11.5): ciphertext, empty when unset. */
export interface NovaServerPasswordResult {
  password: string;
}

/** One event of an instance action (§6.13.2). */
export interface NovaInstanceActionEvent {
  event: string;
  result: string | null;
  traceback: string | null;
  start_time: string;
  finish_time: string | null;
}

/** An instance action (§6.13). */
export interface NovaInstanceAction {
  action: string;
  instance_uuid: string;
  message: string | null;
  project_id: string;
  request_id: string;
  start_time: string;
  user_id: string;
  events?: NovaInstanceActionEvent[];
}

/** Result of GET .../os-instance-actions (§6.13.1). */
export interface NovaListInstanceActionsResult {
  instanceActions: NovaInstanceAction[];
}

/** Result of GET .../os-instance-actions/{request_id} (§6.13.2). */
export interface NovaShowInstanceActionResult {
  instanceAction: NovaInstanceAction & { events: NovaInstanceActionEvent[] };
}
