/**
 * §11.3 and §11.5 (discarded) Nova network APIs once proxied to Neutron: security groups and their
 * rules (os-security-groups, os-security-group-rules), floating IPs and pools (os-floating-ips,
 * os-floating-ip-pools). Still served, because old scripts call them.
 */
import type { RequestContext } from '../context';
import type { FloatingIp, SecurityGroup, SecurityGroupRule } from '../state';
import { uuid } from '../state';
import { badRequest, foundOr404, notFound, overQuota } from './errors';
import { novaRule, novaSecurityGroup } from './views';
import { body, intLike, member, str } from './util';

/** GET /os-security-groups ("Pagination query is not supported"). */
export function listSecurityGroups(ctx: RequestContext): void {
  ctx.ok({ security_groups: [...ctx.state.securityGroups.values()].map((g) => novaSecurityGroup(ctx, g)) });
}

function groupFields(
  raw: Record<string, unknown>,
  required: boolean,
): { name?: string; description?: string } {
  const name = str(raw.name, 'name', { required, max: 255 });
  const description = str(raw.description, 'description', { required, max: 255 });
  return { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
}

/** POST /os-security-groups: created in the first VPC, with no rules (11.3.2 response: rules []). */
export function createSecurityGroup(ctx: RequestContext): void {
  const f = groupFields(member(body(ctx), 'security_group'), false);
  const q = ctx.state.quotas.security_groups;
  if (q >= 0 && ctx.state.securityGroups.size >= q) throw overQuota(`security_groups: maximum ${q}`);
  const sg: SecurityGroup = {
    id: uuid(),
    name: f.name ?? '',
    description: f.description ?? '',
    vpc_id: [...ctx.state.vpcs.keys()][0] ?? '',
    enterprise_project_id: '0',
    rules: [],
  };
  ctx.state.securityGroups.set(sg.id, sg);
  ctx.ok({ security_group: novaSecurityGroup(ctx, sg) });
}

function findSg(ctx: RequestContext, id = ctx.param('security_group_id')): SecurityGroup {
  return foundOr404(ctx.state.securityGroups, id, `Security group ${id} not found.`);
}

/** GET /os-security-groups/{id}. */
export function showSecurityGroup(ctx: RequestContext): void {
  ctx.ok({ security_group: novaSecurityGroup(ctx, findSg(ctx)) });
}

/** PUT /os-security-groups/{id}: name and description both mandatory (11.3.4). */
export function updateSecurityGroup(ctx: RequestContext): void {
  const sg = findSg(ctx);
  const f = groupFields(member(body(ctx), 'security_group'), true);
  sg.name = f.name!;
  sg.description = f.description!;
  ctx.ok({ security_group: novaSecurityGroup(ctx, sg) });
}

/** DELETE /os-security-groups/{id}: refused while a server uses it. */
export function deleteSecurityGroup(ctx: RequestContext): void {
  const sg = findSg(ctx);
  if (sg.name === 'default') throw badRequest('The default security group cannot be deleted.');
  for (const s of ctx.state.servers.values())
    if (s.security_groups.includes(sg.id))
      throw badRequest(`Security group ${sg.id} is in use by instance ${s.id}.`);
  ctx.state.securityGroups.delete(sg.id);
  ctx.reply(202);
}

/** POST /os-security-group-rules (11.3.6): tcp/udp ports 1–65535 from ≤ to; icmp type/code or -1/-1. */
export function createSecurityGroupRule(ctx: RequestContext): void {
  const r = member(body(ctx), 'security_group_rule');
  const parent = findSg(ctx, str(r.parent_group_id, 'parent_group_id', { required: true })!);
  const proto = str(r.ip_protocol, 'ip_protocol', { required: true })!.toLowerCase();
  if (!['tcp', 'udp', 'icmp'].includes(proto)) throw badRequest(`Invalid IP protocol ${proto}.`);
  const from = intLike(r.from_port, 'from_port');
  const to = intLike(r.to_port, 'to_port');
  if (from === undefined || to === undefined) throw badRequest('from_port and to_port are mandatory.');
  if (proto === 'icmp') {
    const any = from === -1 && to === -1;
    if (!any && (from < 0 || from > 255 || to < 0 || to > 255))
      throw badRequest('ICMP type and code must be 0-255, or -1/-1 for any.');
  } else if (from < 1 || to > 65535 || from > to)
    throw badRequest('Invalid port range: 1-65535 and from_port <= to_port.');
  const groupId = str(r.group_id, 'group_id');
  if (groupId !== undefined) findSg(ctx, groupId);
  const cidr = str(r.cidr, 'cidr');
  if (cidr !== undefined && !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr))
    throw badRequest(`Invalid CIDR ${cidr}.`);
  const rule: SecurityGroupRule = {
    id: uuid(),
    direction: 'ingress',
    ethertype: 'IPv4',
    protocol: proto,
    port_range_min: from,
    port_range_max: to,
    // "group_id wins over cidr" (11.3.6).
    remote_ip_prefix: groupId !== undefined ? null : (cidr ?? '0.0.0.0/0'),
    remote_group_id: groupId ?? null,
    security_group_id: parent.id,
    description: '',
  };
  if (
    parent.rules.some(
      (x) =>
        x.direction === 'ingress' &&
        x.protocol === rule.protocol &&
        x.port_range_min === from &&
        x.port_range_max === to &&
        x.remote_ip_prefix === rule.remote_ip_prefix &&
        x.remote_group_id === rule.remote_group_id,
    )
  )
    throw badRequest('This rule already exists in the security group.');
  parent.rules.push(rule);
  const { id: _id, ...view } = novaRule(ctx, rule, parent.id);
  ctx.ok({ security_group_rule: { id: rule.id, ...view } });
}

/** DELETE /os-security-group-rules/{id}. */
export function deleteSecurityGroupRule(ctx: RequestContext): void {
  const id = ctx.param('security_group_rule_id');
  for (const sg of ctx.state.securityGroups.values()) {
    const before = sg.rules.length;
    sg.rules = sg.rules.filter((r) => r.id !== id);
    if (sg.rules.length !== before) {
      ctx.reply(202);
      return;
    }
  }
  throw notFound(`Security group rule ${id} not found.`);
}

// ---- floating IPs (§11.5) ------------------------------------------------------------------------

const POOL = 'admin_external_net';

function fipView(f: FloatingIp): Record<string, unknown> {
  return { id: f.id, ip: f.ip, pool: f.pool, instance_id: f.instance_id, fixed_ip: f.fixed_ip };
}

/** POST /os-floating-ips `{"pool": ...}` (the example's flat body; tenant_id comes from the URI). */
export function createFloatingIp(ctx: RequestContext): void {
  const b = ctx.body.length === 0 ? {} : body(ctx);
  const pool = str(b.pool, 'pool') ?? POOL;
  if (pool !== POOL) throw notFound(`Floating IP pool not found: ${pool}`);
  const q = ctx.state.quotas.floating_ips;
  if (q >= 0 && ctx.state.floatingIps.size >= q) throw overQuota(`floating_ips: maximum ${q} (Ecs.0013)`);
  const n = ctx.state.next('floatingIp');
  const f: FloatingIp = {
    id: uuid(),
    ip: `100.64.${(n >> 8) & 255}.${n & 255}`,
    pool,
    instance_id: null,
    fixed_ip: null,
    port_id: null,
  };
  ctx.state.floatingIps.set(f.id, f);
  ctx.ok({ floating_ip: fipView(f) });
}

/** GET /os-floating-ips (flat elements, as the 11.5.4 example). */
export function listFloatingIps(ctx: RequestContext): void {
  ctx.ok({ floating_ips: [...ctx.state.floatingIps.values()].map(fipView) });
}

function findFip(ctx: RequestContext): FloatingIp {
  const id = ctx.param('floating_ip_id');
  return foundOr404(ctx.state.floatingIps, id, `Floating ip not found for id ${id}`);
}

/** GET /os-floating-ips/{id}. */
export function showFloatingIp(ctx: RequestContext): void {
  ctx.ok({ floating_ip: fipView(findFip(ctx)) });
}

/** DELETE /os-floating-ips/{id} (disassociates first, as upstream). */
export function deleteFloatingIp(ctx: RequestContext): void {
  ctx.state.floatingIps.delete(findFip(ctx).id);
  ctx.reply(202);
}

/** GET /os-floating-ip-pools. */
export function listFloatingIpPools(ctx: RequestContext): void {
  ctx.ok({ floating_ip_pools: [{ name: POOL }] });
}
