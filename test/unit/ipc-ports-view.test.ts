/**
 * The VPC port -> NIC row mapper and the `nics.listAll` argument schema: a port as the -vpc SDK
 * reads it becomes a small row; DHCP, router and virtual-IP ports are no server's NIC; the primary
 * flag is kept only when the API gives it; bad paging arguments are refused with a message naming
 * the field.
 */
import { describe, expect, it } from 'vitest';
import { isInfrastructurePort, portRowView } from '../../main/ipc/views/ports';
import { validateInvoke } from '../../shared/ipc/schemas';
import type { VpcPort } from '../../shared/ecs/types/vpc-ports';

/** A port as GET /v1/{project_id}/ports answers it (the sandbox's and the doc's fields). */
const wirePort: VpcPort = {
  id: 'd2b11bc6-5e2c-4df6-9a4f-2f1e3b76c0d7',
  name: '',
  network_id: '157ee789-03ea-45b1-a698-76c92660dd83',
  admin_state_up: true,
  mac_address: 'fa:16:3e:00:00:0a',
  fixed_ips: [{ subnet_id: 'b6fd5175-4b22-4256-9b1a-9fc4b9dce1fe', ip_address: '192.168.0.10' }],
  device_id: '616fb98f-46ca-475e-917e-2563e5a8cd19',
  device_owner: 'compute:cn-north-4a',
  tenant_id: 'p1',
  status: 'ACTIVE',
  security_groups: ['507ca48f-814c-4293-8706-300564d54620'],
  'binding:vif_details': { primary_interface: true, port_filter: true, ovs_hybrid_plug: false },
};

const scope = { accountId: 'sandbox', region: 'sandbox-1' };

describe('portRowView', () => {
  it('maps a server NIC: server, MAC, network, fixed IPs with their subnets, status, primary', () => {
    expect(portRowView(wirePort)).toEqual({
      portId: wirePort.id,
      serverId: wirePort.device_id,
      mac: 'fa:16:3e:00:00:0a',
      networkId: wirePort.network_id,
      fixedIps: [{ address: '192.168.0.10', subnetId: 'b6fd5175-4b22-4256-9b1a-9fc4b9dce1fe' }],
      status: 'ACTIVE',
      primary: true,
    });
    expect(portRowView({ ...wirePort, 'binding:vif_details': { primary_interface: false } }).primary).toBe(
      false,
    );
  });

  it('leaves primary out when the API does not say, and tolerates a free port with missing fields', () => {
    const { 'binding:vif_details': _details, ...bare } = wirePort;
    expect('primary' in portRowView(bare)).toBe(false);
    expect(portRowView({ id: 'p-free', device_id: '', fixed_ips: [{ subnet_id: 's' }] })).toEqual({
      portId: 'p-free',
      serverId: '',
      mac: '',
      networkId: '',
      fixedIps: [],
      status: '',
    });
  });
});

describe('isInfrastructurePort', () => {
  it('tells DHCP, router, SNAT and virtual-IP ports from server NICs and free ports', () => {
    for (const owner of [
      'network:dhcp',
      'network:router_interface_distributed',
      'network:router_centralized_snat',
      'neutron:VIP_PORT',
    ])
      expect(isInfrastructurePort({ device_owner: owner }), owner).toBe(true);
    for (const owner of ['compute:cn-north-4a', 'compute:nova', '', undefined])
      expect(isInfrastructurePort({ device_owner: owner }), String(owner)).toBe(false);
  });
});

describe('nics.listAll arguments', () => {
  it('accepts a scope alone, or with limit 1-2000, a marker and a server id', () => {
    expect(validateInvoke('nics.listAll', scope).ok).toBe(true);
    expect(
      validateInvoke('nics.listAll', {
        ...scope,
        limit: 2000,
        marker: wirePort.id,
        serverId: wirePort.device_id,
      }).ok,
    ).toBe(true);
  });

  it('refuses limits outside 1-2000, a malformed marker and unknown fields, naming the field', () => {
    const msg = (arg: unknown) => {
      const r = validateInvoke('nics.listAll', arg);
      return r.ok ? 'accepted' : r.message;
    };
    expect(msg({ ...scope, limit: 0 })).toMatch(/^Invalid arguments for nics.listAll: limit: /);
    expect(msg({ ...scope, limit: 2001 })).toMatch(/limit: /);
    expect(msg({ ...scope, limit: 1.5 })).toContain('limit: must be a whole number');
    expect(msg({ ...scope, marker: 'a b' })).toContain('marker: is not a valid id');
    expect(msg({ ...scope, serverId: '' })).toContain('serverId: must not be empty');
    expect(msg({ ...scope, device_id: 'x' })).toMatch(/device_id/);
    expect(msg({ limit: 10 })).toMatch(/accountId/);
  });
});
