/**
 * VPC ports -> the NICs pane's rows: which server holds which IP and MAC, and whether the port is
 * a server NIC at all (the VPC port list also holds DHCP, router and virtual-IP ports).
 */
import type { VpcPort } from '../../../shared/ecs/types/vpc-ports';
import type { PortRowView } from '../../../shared/ipc/views';
import { setIf, text } from './common';

/**
 * True for a port that is no server's NIC and never can be: `network:*` (DHCP, router interfaces,
 * SNAT) and `neutron:*` (virtual IPs) owners. ECS NICs are `compute:{az}`; a free port has no owner.
 */
export function isInfrastructurePort(p: Pick<VpcPort, 'device_owner'>): boolean {
  const owner = p.device_owner ?? '';
  return owner.startsWith('network:') || owner.startsWith('neutron:');
}

/** A port as a row of the NICs pane. */
export function portRowView(p: VpcPort): PortRowView {
  const row: PortRowView = {
    portId: p.id,
    serverId: p.device_id ?? '',
    mac: p.mac_address ?? '',
    networkId: p.network_id ?? '',
    fixedIps: (p.fixed_ips ?? []).flatMap((f) => {
      if (!f.ip_address) return [];
      const ip: PortRowView['fixedIps'][number] = { address: f.ip_address };
      setIf(ip, 'subnetId', text(f.subnet_id));
      return [ip];
    }),
    status: p.status ?? '',
  };
  const primary = p['binding:vif_details']?.primary_interface;
  if (typeof primary === 'boolean') row.primary = primary;
  return row;
}
