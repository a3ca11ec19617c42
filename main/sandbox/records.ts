/**
 * The record types of the simulator's model (one region, one account): what `SandboxState` keeps in
 * its Maps and what the state file holds. Every record is plain JSON (no classes, no Dates) so the
 * whole state persists with JSON.stringify.
 *
 * Conventions: timestamps are ISO strings (`2024-01-02T03:04:05Z`, no milliseconds, as the ECS API
 * prints them); ids are UUIDs (jobs: 32 hex chars, NOTES.md §5); field names are the wire's where a
 * record is served nearly as-is.
 */
import type { PowerState, ServerStatus, TaskState, VmState } from './status';

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
  /**
   * Windows servers created through Nova: the encrypted initial password of §6.11.5 (opaque base64
   * standing for ciphertext), until os-server-password deletes it (§6.11.6). Persisted with the
   * server: it is random bytes, no secret, and a restarted sandbox must answer as before.
   */
  encrypted_password?: string;
  /** vm_state a Nova resize started from, so confirm/revert return there (§6.3.8 "restarted"). */
  resize_origin?: 'active' | 'stopped';
  /** Set once monitorMetrics (§6.3.11) has added the server to the monitoring list. */
  monitored?: boolean;
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
