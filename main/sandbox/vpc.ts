/**
 * VPC v1: list and show VPCs, subnets and security groups (`limit`/`marker` paging), at the paths
 * the -vpc SDK uses: `/v1/{project_id}/vpcs`, `/subnets`, `/security-groups`.
 */
import { pageAfterMarker } from './paging';
import type { RequestContext } from './context';
import { GatewayFault } from './faults';
import { registerTable, type RouteRow } from './route-table';
import type { Router } from './router';
import type { SecurityGroup, Subnet, Vpc } from './state';

function vpcView(v: Vpc): Record<string, unknown> {
  return { ...v, tenant_id: undefined };
}

function subnetView(s: Subnet): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    cidr: s.cidr,
    gateway_ip: s.gateway_ip,
    ipv6_enable: false,
    dhcp_enable: s.dhcp_enable,
    primary_dns: s.primary_dns,
    secondary_dns: s.secondary_dns,
    dnsList: [s.primary_dns, s.secondary_dns],
    availability_zone: s.availability_zone,
    vpc_id: s.vpc_id,
    status: s.status,
    neutron_network_id: s.neutron_network_id,
    neutron_subnet_id: s.neutron_subnet_id,
    extra_dhcp_opts: [],
  };
}

function sgView(sg: SecurityGroup): Record<string, unknown> {
  return {
    id: sg.id,
    name: sg.name,
    description: sg.description,
    vpc_id: sg.vpc_id,
    enterprise_project_id: sg.enterprise_project_id,
    security_group_rules: sg.rules.map((r) => ({ ...r, tenant_id: undefined })),
  };
}

/** Applies VPC v1 `limit`/`marker` paging (marker = id of the last item of the previous page). */
export function page<T extends { id: string }>(ctx: RequestContext, items: T[]): T[] {
  const limitRaw = ctx.query.get('limit');
  let limit = 2000;
  if (limitRaw !== undefined) {
    limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 0)
      throw new GatewayFault(400, 'VPC.0002', 'limit must be a non-negative integer.');
  }
  return pageAfterMarker(
    items,
    ctx.query.get('marker'),
    limit,
    (m) => new GatewayFault(400, 'VPC.0101', `marker ${m} not found.`),
  ).page;
}

function notFound(what: string, id: string): GatewayFault {
  return new GatewayFault(404, 'VPC.0202', `${what} ${id} does not exist.`);
}

function listVpcs(ctx: RequestContext): void {
  const id = ctx.query.get('id');
  const vpcs = [...ctx.state.vpcs.values()].filter((v) => id === undefined || v.id === id);
  ctx.ok({ vpcs: page(ctx, vpcs).map(vpcView) });
}

function showVpc(ctx: RequestContext): void {
  const v = ctx.state.vpcs.get(ctx.param('vpc_id'));
  if (!v) throw notFound('VPC', ctx.param('vpc_id'));
  ctx.ok({ vpc: vpcView(v) });
}

function listSubnets(ctx: RequestContext): void {
  const vpcId = ctx.query.get('vpc_id');
  const subnets = [...ctx.state.subnets.values()].filter((s) => vpcId === undefined || s.vpc_id === vpcId);
  ctx.ok({ subnets: page(ctx, subnets).map(subnetView) });
}

function showSubnet(ctx: RequestContext): void {
  const s = ctx.state.subnets.get(ctx.param('subnet_id'));
  if (!s) throw notFound('Subnet', ctx.param('subnet_id'));
  ctx.ok({ subnet: subnetView(s) });
}

/** The SDK's ShowSubnet reads a subnet under its VPC's path. */
function showSubnetUnderVpc(ctx: RequestContext): void {
  const s = ctx.state.subnets.get(ctx.param('subnet_id'));
  if (!s || s.vpc_id !== ctx.param('vpc_id')) throw notFound('Subnet', ctx.param('subnet_id'));
  ctx.ok({ subnet: subnetView(s) });
}

function listSecurityGroups(ctx: RequestContext): void {
  const vpcId = ctx.query.get('vpc_id');
  const sgs = [...ctx.state.securityGroups.values()].filter((s) => vpcId === undefined || s.vpc_id === vpcId);
  ctx.ok({ security_groups: page(ctx, sgs).map(sgView) });
}

function showSecurityGroup(ctx: RequestContext): void {
  const sg = ctx.state.securityGroups.get(ctx.param('security_group_id'));
  if (!sg) throw notFound('Security group', ctx.param('security_group_id'));
  ctx.ok({ security_group: sgView(sg) });
}

/** The VPC v1 routes, below `/v1/{project_id}`. */
export const VPC_ROUTES: readonly RouteRow[] = [
  ['GET', '/vpcs', listVpcs, 'vpcListVpcs'],
  ['GET', '/vpcs/{vpc_id}', showVpc, 'vpcShowVpc'],
  ['GET', '/subnets', listSubnets, 'vpcListSubnets'],
  ['GET', '/subnets/{subnet_id}', showSubnet, 'vpcShowSubnet'],
  ['GET', '/vpcs/{vpc_id}/subnets/{subnet_id}', showSubnetUnderVpc, 'vpcShowSubnetUnderVpc'],
  ['GET', '/security-groups', listSecurityGroups, 'vpcListSecurityGroups'],
  ['GET', '/security-groups/{security_group_id}', showSecurityGroup, 'vpcShowSecurityGroup'],
];

/** Registers the VPC routes. */
export function registerVpcRoutes(router: Router): void {
  registerTable(router, VPC_ROUTES, { prefixes: ['/v1/{project_id}'] });
}
