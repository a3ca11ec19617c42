/**
 * Wire views of ECS resources with exactly the field names the official SDK's models read
 * (ServerDetail for v1, CloudServer for v1.1, Flavor, ServerLimits, ...).
 */
import type { SandboxState, Server } from '../state';

/** `addresses` of a server, keyed by VPC id, one entry per fixed IP (ServerAddress model). */
export function addresses(st: SandboxState, s: Server): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const pid of s.ports) {
    const p = st.ports.get(pid);
    if (!p) continue;
    const list = (out[p.vpc_id] ??= []);
    for (const ip of p.fixed_ips)
      list.push({
        version: '4',
        addr: ip.ip_address,
        'OS-EXT-IPS:type': 'fixed',
        // The SDK and the examples use mac_addr (NOTES.md §19.12; the tables say mac_address).
        'OS-EXT-IPS-MAC:mac_addr': p.mac_address,
        'OS-EXT-IPS:port_id': p.id,
        primary: p.primary,
      });
    for (const f of st.floatingIps.values())
      if (f.port_id === p.id)
        list.push({
          version: '4',
          addr: f.ip,
          'OS-EXT-IPS:type': 'floating',
          'OS-EXT-IPS-MAC:mac_addr': p.mac_address,
          'OS-EXT-IPS:port_id': p.id,
        });
  }
  return out;
}

function flavorBrief(st: SandboxState, s: Server): Record<string, unknown> {
  const f = st.flavors.get(s.flavor_id);
  return {
    id: s.flavor_id,
    name: f?.name ?? s.flavor_id,
    disk: '0',
    vcpus: String(f?.vcpus ?? 0),
    ram: String(f?.ram ?? 0),
  };
}

function volumesAttached(st: SandboxState, s: Server): Record<string, unknown>[] {
  return s.volumes.map((vid, i) => {
    const v = st.volumes.get(vid);
    const a = v?.attachments.find((x) => x.server_id === s.id);
    return {
      id: vid,
      delete_on_termination: String(v?.delete_on_termination ?? false),
      bootIndex: i === 0 ? '0' : '-1',
      device: a?.device ?? '',
    };
  });
}

function sgs(st: SandboxState, s: Server): { id: string; name: string }[] {
  return s.security_groups.map((id) => ({ id, name: st.securityGroups.get(id)?.name ?? id }));
}

function sysTags(): { key: string; value: string }[] {
  return [{ key: '_sys_enterprise_project_id', value: '0' }];
}

/** The v1 ServerDetail view (GET /v1/{project_id}/cloudservers/{id} and /cloudservers/detail). */
export function serverDetailV1(st: SandboxState, s: Server): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    status: s.status,
    created: s.created,
    updated: s.updated,
    tenant_id: s.project_id,
    user_id: s.user_id,
    hostId: s.host_id,
    host_status: 'UP',
    addresses: addresses(st, s),
    key_name: s.key_name ?? '',
    image: { id: s.image_id },
    flavor: flavorBrief(st, s),
    security_groups: sgs(st, s),
    accessIPv4: '',
    accessIPv6: '',
    progress: s.status === 'BUILD' ? 50 : 0,
    metadata: s.metadata,
    locked: s.locked,
    config_drive: '',
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': s.availability_zone,
    'OS-EXT-SRV-ATTR:host': s.hypervisor_hostname,
    'OS-EXT-SRV-ATTR:hostname': s.name.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    'OS-EXT-SRV-ATTR:hypervisor_hostname': s.hypervisor_hostname,
    'OS-EXT-SRV-ATTR:instance_name': s.instance_name,
    'OS-EXT-SRV-ATTR:kernel_id': '',
    'OS-EXT-SRV-ATTR:ramdisk_id': '',
    'OS-EXT-SRV-ATTR:launch_index': s.launch_index,
    'OS-EXT-SRV-ATTR:reservation_id': s.reservation_id,
    'OS-EXT-SRV-ATTR:root_device_name': s.root_device_name,
    'OS-EXT-SRV-ATTR:user_data': s.user_data ?? '',
    'OS-EXT-STS:vm_state': s.vm_state,
    'OS-EXT-STS:task_state': s.task_state ?? '',
    'OS-EXT-STS:power_state': s.power_state,
    'OS-SRV-USG:launched_at': s.launched_at ?? '',
    'OS-SRV-USG:terminated_at': s.terminated_at ?? '',
    'os-extended-volumes:volumes_attached': volumesAttached(st, s),
    'os:scheduler_hints': s.server_groups.length > 0 ? { group: s.server_groups } : {},
    tags: Object.entries(s.tags).map(([k, v]) => (v === '' ? k : `${k}=${v}`)),
    sys_tags: sysTags(),
    enterprise_project_id: s.enterprise_project_id,
    ...(s.fault ? { fault: s.fault } : {}),
  };
}

/** The v1.1 CloudServer view (GET /v1.1/{project_id}/cloudservers/detail). */
export function cloudServerV11(st: SandboxState, s: Server): Record<string, unknown> {
  const f = st.flavors.get(s.flavor_id);
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    availability_zone: s.availability_zone,
    created: s.created,
    updated: s.updated,
    launched_at: s.launched_at ?? '',
    tenant_id: s.project_id,
    user_id: s.user_id,
    status: s.status,
    vm_state: s.vm_state,
    task_state: s.task_state ?? '',
    power_state: s.power_state,
    addresses: addresses(st, s),
    flavor: {
      id: s.flavor_id,
      name: f?.name ?? s.flavor_id,
      vcpus: f?.vcpus ?? 0,
      ram: f?.ram ?? 0,
      disk: 0,
    },
    image: { id: s.image_id },
    key_name: s.key_name ?? '',
    metadata: s.metadata,
    locked: s.locked,
    root_device_name: s.root_device_name,
    security_groups: sgs(st, s),
    tags: Object.entries(s.tags).map(([k, v]) => (v === '' ? k : `${k}=${v}`)),
    volumes_attached: volumesAttached(st, s),
    enterprise_project_id: s.enterprise_project_id,
    in_recycle_bin: false,
    ...(s.fault ? { fault: s.fault } : {}),
  };
}
