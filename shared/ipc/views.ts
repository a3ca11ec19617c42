/**
 * View models the renderer receives. Main maps the wire objects (shared/ecs/types, snake_case)
 * to these once, at the IPC boundary. Clone-safe plain data; never a secret.
 */
import type { ErrorData } from '../errors';

/** Every cloud call is scoped to one account and one region. */
export interface Scope {
  accountId: string;
  region: string;
}

/** One IP address of a server or NIC. */
export interface IpView {
  address: string;
  version: 4 | 6;
  /** `fixed` (private) or `floating` (EIP). */
  type: 'fixed' | 'floating';
  mac?: string;
  portId?: string;
  /** The network (VPC id on ECS) the address belongs to. */
  network?: string;
}

/** A 2D tag (key=value). */
export interface TagView {
  key: string;
  value: string;
}

/** A server as listed (all columns of the servers pane). */
export interface ServerView {
  id: string;
  name: string;
  description?: string;
  /** API status: ACTIVE, BUILD, SHUTOFF, REBOOT, HARD_REBOOT, RESIZE, VERIFY_RESIZE, REBUILD, ERROR, DELETED, ... */
  status: string;
  taskState?: string | null;
  vmState?: string;
  powerState?: number;
  locked: boolean;
  flavor: { id: string; name: string; vcpus?: number; ramMb?: number };
  image: { id: string; name?: string };
  availabilityZone: string;
  ips: IpView[];
  tags: TagView[];
  keyName?: string;
  securityGroups: string[];
  volumeIds: string[];
  metadata: Record<string, string>;
  created: string;
  updated?: string;
  fault?: { code?: number; message?: string };
}

/** A server with its raw API object (for the JSON tab). */
export interface ServerDetailView extends ServerView {
  /** The API object as received, with `OS-EXT-SRV-ATTR:user_data` removed. */
  raw: unknown;
}

/** One page of the server list; `fetchedAt` (ISO 8601) tells the age of cached data. */
export interface ServerPage {
  items: ServerView[];
  /** Pass back as `marker` to get the next page; absent on the last page. */
  nextMarker?: string;
  /** Total number of servers matching, when the API says. */
  total?: number;
  fetchedAt: string;
  /** True when the data came from the offline cache because the cloud could not be reached. */
  fromCache: boolean;
  /** Why the live call failed, when `fromCache` is true. */
  offlineError?: ErrorData;
}

/** A disk (EVS volume) as in the disks pane. */
export interface DiskView {
  id: string;
  name: string;
  sizeGb: number;
  volumeType: string;
  status: string;
  availabilityZone: string;
  bootable?: boolean;
  attachments: { serverId: string; device: string }[];
  created?: string;
  description?: string;
}

/** A disk attached to one server (from block_device / os-volume_attachments). */
export interface ServerDiskView {
  volumeId: string;
  device: string;
  sizeGb?: number;
  bootIndex?: number;
  bus?: string;
  /** True for the system disk (boot index 0). */
  system: boolean;
}

/** A NIC (port) of a server. */
export interface NicView {
  portId: string;
  serverId: string;
  mac: string;
  /** The network (subnet's network id) it is on. */
  networkId: string;
  fixedIps: { address: string; subnetId?: string }[];
  state: string;
  /** The primary NIC cannot be deleted. */
  primary: boolean;
  securityGroups?: string[];
}

/**
 * A NIC (VPC port) of the region, as the NICs pane's list of every NIC shows it: which server
 * holds which IP and MAC. Kept small: 20,000 of them cross the bridge in pages.
 */
export interface PortRowView {
  portId: string;
  /** The server the NIC is attached to; '' when the port is free. */
  serverId: string;
  mac: string;
  /** The network: the VPC subnet's id (`SubnetView.id`). */
  networkId: string;
  fixedIps: { address: string; subnetId?: string }[];
  /** ACTIVE, DOWN or BUILD. */
  status: string;
  /** True on the primary NIC, false on an extension NIC; absent when the API does not say. */
  primary?: boolean;
}

/** One page of the region's NICs; pass `nextMarker` back as `marker` for the next page. */
export interface PortPage {
  nics: PortRowView[];
  /** Absent on the last page. */
  nextMarker?: string;
}

/** A network the server can attach to. */
export interface NetworkView {
  id: string;
  name: string;
  cidr?: string;
}

/** A project tag key with its values and how many servers carry each. */
export interface ProjectTagView {
  key: string;
  values: string[];
}

/** A flavor; `azStatus` gives the sale status per AZ (normal, sellout, abandon, obt, promotion...). */
export interface FlavorView {
  id: string;
  name: string;
  vcpus: number;
  ramMb: number;
  /** Region-wide sale status (`cond:operation:status`, default normal). */
  status: string;
  azStatus: Record<string, string>;
  performanceType?: string;
  extraSpecs: Record<string, string>;
}

/** An image usable to create or rebuild a server. */
export interface ImageView {
  id: string;
  name: string;
  status: string;
  minDiskGb?: number;
  minRamMb?: number;
}

/** A VPC. */
export interface VpcView {
  id: string;
  name: string;
  cidr: string;
  status: string;
}

/** A subnet; ECS calls take `networkId` as `subnet_id` (the doc's naming). */
export interface SubnetView {
  id: string;
  name: string;
  cidr: string;
  vpcId: string;
  gatewayIp: string;
  networkId: string;
  availabilityZone?: string;
  status: string;
}

/** A security group. */
export interface SecurityGroupView {
  id: string;
  name: string;
  description?: string;
  vpcId?: string;
}

/** An SSH key pair (never the private key except once, at create). */
export interface KeypairView {
  name: string;
  fingerprint: string;
  publicKey: string;
  type?: string;
}

/** A server group. */
export interface ServerGroupView {
  id: string;
  name: string;
  policies: string[];
  members: string[];
}

/** One quota line: used of limit (-1 = unlimited). */
export interface QuotaItem {
  resource: string;
  used: number;
  limit: number;
}

/** Quotas and limits of a project. */
export interface QuotaView {
  items: QuotaItem[];
}

/** An availability zone. */
export interface AvailabilityZoneView {
  name: string;
  available: boolean;
}

/** A region as the account sees it. */
export interface RegionView {
  id: string;
  name: string;
  enabled: boolean;
}

/** A console log excerpt. */
export interface ConsoleOutputView {
  output: string;
}

/** One entry of a server's action history. */
export interface InstanceActionView {
  requestId: string;
  action: string;
  startTime: string;
  message?: string | null;
  userId?: string;
}

/** What a batch or async call returns: the tracked job (ECS job id, or a Nova action). */
export interface JobRef {
  /** Our local job id (Activity view); undefined for synchronous calls. */
  jobId?: string;
  /** The cloud's job id, for ECS jobs. */
  cloudJobId?: string;
}

/** Status of a tracked job. */
export type JobState = 'pending' | 'running' | 'succeeded' | 'failed' | 'partial';

/** One sub-job (one server of a batch). */
export interface SubJobView {
  targetId?: string;
  status: JobState;
  error?: ErrorData;
}

/** A tracked job (every asynchronous operation), as the Activity view shows it. */
export interface JobView {
  id: string;
  accountId: string;
  region: string;
  operation: string;
  /** Human title, e.g. "Stop 3 servers". */
  title: string;
  targets: { id: string; name?: string }[];
  state: JobState;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  subJobs: SubJobView[];
  error?: ErrorData;
  /** A failed idempotent operation can be retried from the Activity view. */
  retryable: boolean;
  cloudJobId?: string;
}

/** Connectivity of an account+region, for the status bar. */
export interface ConnectivityView {
  accountId: string;
  region: string;
  online: boolean;
  checkedAt: string;
  error?: ErrorData;
}
