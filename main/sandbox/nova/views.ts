/**
 * Wire views of Nova resources, with the microversion gates of NOTES.md §3 (2.3 extended
 * attributes, 2.9 locked, 2.16 host_status, 2.19 description, 2.26 tags, 2.47 flavor object).
 */
import type { RequestContext } from '../context';
import type { Flavor, Server, SecurityGroup } from '../state';
import { links } from './util';

/** Upstream Nova's microsecond launch times (`2019-05-22T07:48:19.000000`, 6.2.5). */
function usgTime(iso: string | null): string | null {
  return iso === null ? null : iso.replace(/Z$/, '').replace(/(\.\d+)?$/, '.000000');
}

/** `addresses` of a server: VPC id -> addresses, as the 6.2.6 example keys them. */
export function serverAddresses(
  ctx: RequestContext,
  server: Server,
): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const portId of server.ports) {
    const port = ctx.state.ports.get(portId);
    if (port === undefined) continue;
    const list = (out[port.vpc_id] ??= []);
    for (const ip of port.fixed_ips) {
      list.push({
        version: ip.ip_address.includes(':') ? 6 : 4,
        addr: ip.ip_address,
        // The tables say mac_address; every example and the SDK's NovaNetwork use mac_addr.
        'OS-EXT-IPS-MAC:mac_addr': port.mac_address,
        'OS-EXT-IPS:type': 'fixed',
      });
    }
    for (const fip of ctx.state.floatingIps.values()) {
      if (
        fip.port_id === port.id ||
        (fip.instance_id === server.id && fip.port_id === null && port.primary)
      ) {
        list.push({
          version: 4,
          addr: fip.ip,
          'OS-EXT-IPS-MAC:mac_addr': port.mac_address,
          'OS-EXT-IPS:type': 'floating',
        });
      }
    }
  }
  return out;
}

/** The server's flavor: `{id, links}` up to 2.46, the embedded description from 2.47. */
export function serverFlavor(ctx: RequestContext, server: Server): Record<string, unknown> {
  const f = ctx.state.flavors.get(server.flavor_id);
  if (!ctx.mvAtLeast('2.47')) {
    return { id: server.flavor_id, links: [links(ctx, 'flavors', server.flavor_id)[1]] };
  }
  return {
    vcpus: f?.vcpus ?? 0,
    ram: f?.ram ?? 0,
    disk: f?.disk ?? 0,
    ephemeral: 0,
    swap: 0,
    original_name: f?.name ?? server.flavor_id,
    extra_specs: { ...(f?.extra_specs ?? {}) },
  };
}

/** Security group names of a server (Nova shows names). */
export function serverSecurityGroups(ctx: RequestContext, server: Server): { name: string }[] {
  return server.security_groups.map((id) => ({ name: ctx.state.securityGroups.get(id)?.name ?? id }));
}

/** The brief view of a listed item (`GET /servers`, `/flavors`, `/images`): id, name, links. */
export function briefItem(
  ctx: RequestContext,
  collection: 'servers' | 'flavors' | 'images',
  item: { id: string; name: string },
): Record<string, unknown> {
  return { id: item.id, name: item.name, links: links(ctx, collection, item.id) };
}

/** The brief view used by `GET /servers`. */
export function briefServer(ctx: RequestContext, server: Server): Record<string, unknown> {
  return briefItem(ctx, 'servers', server);
}

/** The full view of 6.2.5/6.2.6 (also the PUT response of 6.2.2). */
export function detailServer(ctx: RequestContext, server: Server): Record<string, unknown> {
  const s: Record<string, unknown> = {
    id: server.id,
    name: server.name,
    status: server.status,
    tenant_id: server.project_id,
    user_id: server.user_id,
    metadata: { ...server.metadata },
    hostId: server.host_id,
    image:
      server.image_id === ''
        ? ''
        : { id: server.image_id, links: [links(ctx, 'images', server.image_id)[1]] },
    flavor: serverFlavor(ctx, server),
    created: server.created,
    updated: server.updated,
    addresses: serverAddresses(ctx, server),
    accessIPv4: '',
    accessIPv6: '',
    links: links(ctx, 'servers', server.id),
    'OS-DCF:diskConfig': 'MANUAL',
    progress: server.status === 'ACTIVE' || server.status === 'SHUTOFF' ? 100 : 0,
    'OS-EXT-AZ:availability_zone': server.availability_zone,
    config_drive: '',
    key_name: server.key_name,
    'OS-SRV-USG:launched_at': usgTime(server.launched_at),
    'OS-SRV-USG:terminated_at': usgTime(server.terminated_at),
    'OS-EXT-SRV-ATTR:host': server.hypervisor_hostname,
    'OS-EXT-SRV-ATTR:instance_name': server.instance_name,
    'OS-EXT-SRV-ATTR:hypervisor_hostname': server.hypervisor_hostname,
    'OS-EXT-STS:task_state': server.task_state,
    'OS-EXT-STS:vm_state': server.vm_state,
    'OS-EXT-STS:power_state': server.power_state,
    'os-extended-volumes:volumes_attached': server.volumes.map((id) => {
      const v: Record<string, unknown> = { id };
      if (ctx.mvAtLeast('2.3'))
        v.delete_on_termination = ctx.state.volumes.get(id)?.delete_on_termination ?? false;
      return v;
    }),
    security_groups: serverSecurityGroups(ctx, server),
  };
  if (server.fault !== null) s.fault = { ...server.fault };
  if (ctx.mvAtLeast('2.3')) {
    s['OS-EXT-SRV-ATTR:hostname'] = server.name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    s['OS-EXT-SRV-ATTR:reservation_id'] = server.reservation_id;
    s['OS-EXT-SRV-ATTR:launch_index'] = server.launch_index;
    s['OS-EXT-SRV-ATTR:kernel_id'] = '';
    s['OS-EXT-SRV-ATTR:ramdisk_id'] = '';
    s['OS-EXT-SRV-ATTR:root_device_name'] = server.root_device_name;
    s['OS-EXT-SRV-ATTR:user_data'] = server.user_data;
  }
  if (ctx.mvAtLeast('2.9')) s.locked = server.locked;
  if (ctx.mvAtLeast('2.16')) s.host_status = server.vm_state === 'error' ? 'UNKNOWN' : 'UP';
  if (ctx.mvAtLeast('2.19')) s.description = server.description;
  if (ctx.mvAtLeast('2.26')) s.tags = [...server.tags1d];
  return s;
}

/** Flavor detail view (6.6.2/6.6.3): vcpus Integer, swap "" and the unused fields the doc lists. */
export function flavorDetail(ctx: RequestContext, f: Flavor): Record<string, unknown> {
  return {
    id: f.id,
    name: f.name,
    vcpus: f.vcpus,
    ram: f.ram,
    disk: f.disk,
    swap: '',
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    rxtx_factor: 1.0,
    'os-flavor-access:is_public': f.is_public,
    links: links(ctx, 'flavors', f.id),
  };
}

/** Nova security group view (6.5.3 / 11.3): ingress rules only, ports and protocol in Nova terms. */
export function novaSecurityGroup(ctx: RequestContext, sg: SecurityGroup): Record<string, unknown> {
  return {
    id: sg.id,
    name: sg.name,
    description: sg.description,
    tenant_id: ctx.who.projectId,
    rules: sg.rules.filter((r) => r.direction === 'ingress').map((r) => novaRule(ctx, r, sg.id)),
  };
}

/** One Nova security group rule view. */
export function novaRule(
  ctx: RequestContext,
  r: SecurityGroup['rules'][number],
  parentId: string,
): Record<string, unknown> {
  const remote = r.remote_group_id === null ? undefined : ctx.state.securityGroups.get(r.remote_group_id);
  return {
    id: r.id,
    parent_group_id: parentId,
    ip_protocol: r.protocol,
    from_port: r.port_range_min,
    to_port: r.port_range_max,
    ip_range: r.remote_ip_prefix === null ? {} : { cidr: r.remote_ip_prefix },
    group: remote === undefined ? {} : { tenant_id: ctx.who.projectId, name: remote.name },
  };
}
