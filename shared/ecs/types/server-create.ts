/**
 * ECS (Huawei) server creation, §5.1.1 (Tables 5-2 to 5-6 and 8.1): the body of
 * POST /v1/{project_id}/cloudservers and its result. Server views are servers.ts.
 */
import type { JobIdResponse, StringMap } from './common';

/** `nics[]` of the create body (Table 5-4). */
export interface CreateServerNic {
  subnet_id: string;
  ip_address?: string;
  'binding:profile'?: { disable_security_groups?: boolean };
  extra_dhcp_opts?: Array<{ opt_value: number; opt_name: '26' }>;
}

/** `root_volume` of the create body (Table 5-5). */
export interface CreateServerRootVolume {
  volumetype: 'SATA' | 'SSD' | string;
  size?: number;
  cluster_type?: 'DSS';
  cluster_id?: string;
  'hw:passthrough'?: boolean;
}

/** `data_volumes[]` of the create body (Table 5-6). */
export interface CreateServerDataVolume {
  volumetype: 'SATA' | 'SSD' | string;
  size: number;
  'hw:passthrough'?: boolean;
  cluster_type?: 'DSS';
  cluster_id?: string;
  data_image_id?: string;
  metadata?: { __system__encrypted?: '0' | '1'; __system__cmkid?: string };
  /** Not in the tables; the 5.1.1 example sends it (and the SDK accepts it). */
  multiattach?: boolean;
}

/** `publicip` (Table 8-1): either `id` or `eip`. */
export interface CreateServerPublicIp {
  id?: string;
  eip?: {
    iptype: string;
    bandwidth: { size: number; sharetype: 'PER' | 'WHOLE'; chargemode: 'traffic' | string };
  };
  delete_on_termination?: boolean;
}

/** `os:scheduler_hints` of a create request (Table 8-9). */
export interface CreateServerSchedulerHints {
  group?: string;
  tenancy?: 'dedicated' | 'shared';
  dedicated_host_id?: string;
}

/** `server` of POST /v1/{project_id}/cloudservers (Table 5-3). */
export interface CreateServerOption {
  imageRef: string;
  flavorRef: string;
  name: string;
  user_data?: string;
  adminPass?: string;
  key_name?: string;
  vpcid: string;
  nics: CreateServerNic[];
  publicip?: CreateServerPublicIp;
  count?: number;
  root_volume: CreateServerRootVolume;
  data_volumes?: CreateServerDataVolume[];
  security_groups?: Array<{ id?: string }>;
  availability_zone?: string;
  extendparam?: { regionID?: string };
  metadata?: StringMap & {
    admin_pass?: string;
    op_svc_userid?: string;
    agency_name?: string;
    BYOL?: 'True' | 'False';
  };
  'os:scheduler_hints'?: CreateServerSchedulerHints;
  description?: string;
}

/** Body of POST /v1/{project_id}/cloudservers (§5.1.1). */
export interface CreateServersBody {
  server: CreateServerOption;
  dry_run?: boolean;
}

/** Result of createServers: a job id (absent with dry_run, which answers 202 with no job). */
export interface CreateServersResult extends Partial<JobIdResponse> {
  serverIds?: string[];
}
