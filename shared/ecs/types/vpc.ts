/**
 * VPC v1 reads the app needs (SDK @huaweicloud/huaweicloud-sdk-vpc v2 models Vpc, Subnet, SecurityGroup).
 */

/** A VPC. */
export interface Vpc {
  id: string;
  name: string;
  cidr: string;
  description?: string;
  routes?: Array<{ destination: string; nexthop: string }>;
  status: 'CREATING' | 'OK' | 'ERROR' | string;
  enterprise_project_id?: string;
  tenant_id?: string;
  created_at?: string;
  updated_at?: string;
}

/** A subnet. */
export interface Subnet {
  id: string;
  name: string;
  description?: string;
  cidr: string;
  gateway_ip: string;
  ipv6_enable?: boolean;
  cidr_v6?: string;
  gateway_ip_v6?: string;
  dhcp_enable: boolean;
  primary_dns?: string;
  secondary_dns?: string;
  dnsList?: string[];
  availability_zone?: string;
  vpc_id: string;
  status: 'ACTIVE' | 'UNKNOWN' | 'ERROR' | string;
  neutron_network_id?: string;
  neutron_subnet_id?: string;
  neutron_subnet_id_v6?: string;
  extra_dhcp_opts?: Array<{ opt_name: string; opt_value?: string }>;
  scope?: string;
  tenant_id?: string;
  created_at?: string;
  updated_at?: string;
}

/** A VPC security group rule. */
export interface VpcSecurityGroupRule {
  id: string;
  description?: string;
  security_group_id: string;
  direction: 'ingress' | 'egress' | string;
  ethertype: 'IPv4' | 'IPv6' | string;
  protocol?: string | null;
  port_range_min?: number | null;
  port_range_max?: number | null;
  remote_ip_prefix?: string | null;
  remote_group_id?: string | null;
  remote_address_group_id?: string | null;
  tenant_id?: string;
}

/** A VPC security group. */
export interface VpcSecurityGroup {
  id: string;
  name: string;
  description?: string;
  vpc_id?: string;
  enterprise_project_id?: string;
  security_group_rules: VpcSecurityGroupRule[];
}

/** Query of GET /v1/{project_id}/vpcs. */
export interface ListVpcsQuery {
  limit?: number;
  marker?: string;
  id?: string;
  enterprise_project_id?: string;
}

/** Query of GET /v1/{project_id}/subnets. */
export interface ListSubnetsQuery {
  limit?: number;
  marker?: string;
  vpc_id?: string;
}

/** Query of GET /v1/{project_id}/security-groups. */
export interface ListVpcSecurityGroupsQuery {
  limit?: number;
  marker?: string;
  vpc_id?: string;
  enterprise_project_id?: string;
}

/** Result of GET /v1/{project_id}/vpcs. */
export interface ListVpcsResult {
  vpcs: Vpc[];
}

/** Result of GET /v1/{project_id}/vpcs/{vpc_id}. */
export interface ShowVpcResult {
  vpc: Vpc;
}

/** Result of GET /v1/{project_id}/subnets. */
export interface ListSubnetsResult {
  subnets: Subnet[];
}

/** Result of GET /v1/{project_id}/subnets/{subnet_id}. */
export interface ShowSubnetResult {
  subnet: Subnet;
}

/** Result of GET /v1/{project_id}/security-groups. */
export interface ListVpcSecurityGroupsResult {
  security_groups: VpcSecurityGroup[];
}

/** Result of GET /v1/{project_id}/security-groups/{security_group_id}. */
export interface ShowVpcSecurityGroupResult {
  security_group: VpcSecurityGroup;
}
