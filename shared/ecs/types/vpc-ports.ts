/**
 * VPC v1 ports (VPC API Reference "Querying Ports"; SDK @huaweicloud/huaweicloud-sdk-vpc v2 models
 * ListPortsRequest, Port, FixedIp, BindingVifDetails): every NIC of the project, ECS NICs among them.
 */

/** One address of a port. */
export interface VpcPortFixedIp {
  ip_address?: string;
  subnet_id?: string;
}

/** A port (NIC). */
export interface VpcPort {
  id: string;
  name?: string;
  /** The network (the VPC subnet's id) the port is on. */
  network_id?: string;
  admin_state_up?: boolean;
  mac_address?: string;
  fixed_ips?: VpcPortFixedIp[];
  /** The server (or other device) the port is attached to; empty when it is free. */
  device_id?: string;
  /** `compute:{az}` on an ECS NIC; `network:dhcp`, `network:router_interface_distributed`, `neutron:VIP_PORT`... otherwise. */
  device_owner?: string;
  tenant_id?: string;
  status?: 'ACTIVE' | 'BUILD' | 'DOWN' | string;
  security_groups?: string[];
  allowed_address_pairs?: Array<{ ip_address: string; mac_address?: string }>;
  extra_dhcp_opts?: Array<{ opt_name?: string; opt_value?: string }>;
  'binding:vnic_type'?: string;
  /** `primary_interface: true` marks the ECS's primary NIC. */
  'binding:vif_details'?: { primary_interface?: boolean; port_filter?: boolean; ovs_hybrid_plug?: boolean };
  'binding:profile'?: Record<string, unknown>;
  dns_name?: string;
  dns_assignment?: Array<{ hostname?: string; ip_address?: string; fqdn?: string }>;
  instance_id?: string;
  instance_type?: string;
  port_security_enabled?: boolean;
  zone_id?: string;
  enable_efi?: boolean;
}

/**
 * Query of GET /v1/{project_id}/ports. `fixed_ips` entries are `ip_address=<ip>` or
 * `subnet_id=<id>` (sent as repeated `fixed_ips=` keys); `id` and `security_groups` repeat too.
 */
export interface ListVpcPortsQuery {
  limit?: number;
  marker?: string;
  id?: string | string[];
  name?: string;
  admin_state_up?: boolean;
  network_id?: string;
  mac_address?: string;
  device_id?: string;
  device_owner?: string;
  status?: 'ACTIVE' | 'BUILD' | 'DOWN' | string;
  security_groups?: string[];
  fixed_ips?: string[];
  enterprise_project_id?: string;
  enable_efi?: boolean;
}

/** Result of GET /v1/{project_id}/ports. */
export interface ListVpcPortsResult {
  ports: VpcPort[];
}
