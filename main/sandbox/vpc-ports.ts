/**
 * VPC v1 ports: `GET /v1/{project_id}/ports` (VPC API Reference "Querying Ports", the -vpc SDK's
 * ListPorts), every NIC of the region with `limit`/`marker` paging and the documented filters.
 *
 * One source of truth: the ports are the `ctx.state.ports` records that ECS §5.5 (add/delete NICs),
 * the SDK's `/cloudservers/{id}/os-interface` and Nova os-interface (§6.7) create, read and delete,
 * so a NIC added or removed there is added to or removed from this list at once. The order is the
 * records' insertion order (a port keeps its place while it exists; new ports come last), so a
 * client paging with markers neither skips nor repeats a port that existed throughout.
 */
import type { RequestContext } from './context';
import { GatewayFault } from './faults';
import { registerTable, type RouteRow } from './route-table';
import type { Router } from './router';
import type { Port } from './state';
import { page } from './vpc';

/** The port as the -vpc SDK's `Port` model reads it (snake_case, `binding:*` keys as sent). */
function portView(p: Port, tenantId: string): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    network_id: p.network_id,
    admin_state_up: true,
    mac_address: p.mac_address,
    fixed_ips: p.fixed_ips.map((f) => ({ subnet_id: f.subnet_id, ip_address: f.ip_address })),
    device_id: p.device_id,
    device_owner: p.device_owner,
    tenant_id: tenantId,
    status: p.status,
    security_groups: [...p.security_groups],
    allowed_address_pairs: [],
    extra_dhcp_opts: [],
    'binding:vnic_type': 'normal',
    // The SDK's BindingVifDetails: `primary_interface` "true: the ECS's primary NIC". Sent on every
    // port of a server (false on extension NICs) so a client can tell primary from extension.
    'binding:vif_details': { primary_interface: p.primary, port_filter: true, ovs_hybrid_plug: false },
    'binding:profile': {},
    port_security_enabled: true,
    dns_name: '',
    dns_assignment: [],
  };
}

function badQuery(message: string): GatewayFault {
  return new GatewayFault(400, 'VPC.0002', message);
}

/** `admin_state_up=true|false` (Neutron converts the filter to a boolean and refuses anything else). */
function booleanFilter(ctx: RequestContext, key: string): boolean | undefined {
  const raw = ctx.query.get(key);
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase();
  if (v !== 'true' && v !== 'false') throw badQuery(`${key} must be true or false, not "${raw}".`);
  return v === 'true';
}

/**
 * `fixed_ips=ip_address=X` / `fixed_ips=subnet_id=Y` (repeatable), as the doc's example and the
 * SDK send them. Neutron matches them against one and the same fixed IP of the port: every key
 * given must match that entry (several values of one key: any of them).
 */
function fixedIpsFilter(ctx: RequestContext): ((p: Port) => boolean) | undefined {
  const values = ctx.query.getAll('fixed_ips');
  if (values.length === 0) return undefined;
  const ips = new Set<string>();
  const subnets = new Set<string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    const value = eq < 0 ? '' : v.slice(eq + 1);
    if (value === '' || (key !== 'ip_address' && key !== 'subnet_id'))
      throw badQuery(`fixed_ips must be ip_address=<address> or subnet_id=<id>, not "${v}".`);
    (key === 'ip_address' ? ips : subnets).add(value);
  }
  return (p) =>
    p.fixed_ips.some(
      (f) => (ips.size === 0 || ips.has(f.ip_address)) && (subnets.size === 0 || subnets.has(f.subnet_id)),
    );
}

/** The filters of the query as one predicate (undefined: no filter, every port). */
function portFilter(ctx: RequestContext): ((p: Port) => boolean) | undefined {
  const tests: ((p: Port) => boolean)[] = [];
  const q = ctx.query;
  const ids = q.getAll('id');
  if (ids.length) tests.push((p) => ids.includes(p.id));
  for (const key of ['name', 'network_id', 'mac_address', 'device_id', 'device_owner', 'status'] as const) {
    const v = q.get(key);
    if (v === undefined) continue;
    // MAC addresses compare case-insensitively (Neutron stores them lowercase).
    if (key === 'mac_address') tests.push((p) => p.mac_address === v.toLowerCase());
    else tests.push((p) => p[key] === v);
  }
  const admin = booleanFilter(ctx, 'admin_state_up');
  // Every port is administratively up (admin_state_up is always true here).
  if (admin === false) tests.push(() => false);
  const sgs = q.getAll('security_groups');
  if (sgs.length) tests.push((p) => p.security_groups.some((g) => sgs.includes(g)));
  const fixed = fixedIpsFilter(ctx);
  if (fixed) tests.push(fixed);
  // No port is an EFI port; enable_efi=true finds none.
  if (booleanFilter(ctx, 'enable_efi') === true) tests.push(() => false);
  // enterprise_project_id: every port is in the default enterprise project; the filter is accepted.
  if (tests.length === 0) return undefined;
  return (p) => tests.every((t) => t(p));
}

/** GET /v1/{project_id}/ports: the filtered ports, one page after `marker` (default limit 2000). */
function listPorts(ctx: RequestContext): void {
  const filter = portFilter(ctx);
  const all = [...ctx.state.ports.values()];
  const ports = filter ? all.filter(filter) : all;
  const tenant = ctx.state.projectId;
  ctx.ok({ ports: page(ctx, ports).map((p) => portView(p, tenant)) });
}

/** The VPC v1 port routes, below `/v1/{project_id}`. */
export const VPC_PORT_ROUTES: readonly RouteRow[] = [['GET', '/ports', listPorts, 'vpcListPorts']];

/** Registers the VPC port routes. */
export function registerVpcPortRoutes(router: Router): void {
  registerTable(router, VPC_PORT_ROUTES, { prefixes: ['/v1/{project_id}'] });
}
