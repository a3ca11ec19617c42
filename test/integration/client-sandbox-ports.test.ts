/**
 * Our CloudClient against the simulator over HTTP: the VPC v1 port list (`vpcListPorts`, GET
 * /v1/{project_id}/ports). Marker paging in a stable order, the documented filters, the errors of
 * bad input, and one source of truth: the ports are exactly the NICs ECS and Nova show, before and
 * after NICs are added and deleted through either API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../main/cloud/errors';
import type { ListVpcPortsQuery, VpcPort } from '../../shared/ecs/types/vpc-ports';
import { CLIENT_SANDBOX_COVERAGE } from '../helpers/client-sandbox-coverage';
import {
  createServer,
  exercisedInFile,
  FAST_WAIT,
  startClientRig,
  until,
  type ClientRig,
} from '../helpers/client-sandbox';

let rig: ClientRig;

beforeAll(async () => {
  // 30 servers, 50 NICs: every server has its primary NIC, 20 have one extension NIC.
  rig = await startClientRig({ servers: 30, nics: 50 });
});
afterAll(async () => {
  await rig.close();
});

const list = async (query: ListVpcPortsQuery = {}): Promise<VpcPort[]> =>
  (await rig.client.call('vpcListPorts', { query })).ports;

/** Every port, paged by the client's paginate() with `limit`. */
async function all(limit: number, query: ListVpcPortsQuery = {}): Promise<VpcPort[]> {
  const out: VpcPort[] = [];
  for await (const p of rig.client.paginate('vpcListPorts', { query: { ...query, limit } })) out.push(p);
  return out;
}

/** The API error a call ends in. */
async function apiError(query: ListVpcPortsQuery): Promise<ApiError> {
  const err = await list(query).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('paging', () => {
  it('pages every port once, in the order the ports were created, with limit and marker', async () => {
    const state = [...rig.sb.state.ports.keys()];
    expect(state).toHaveLength(50);
    const paged = await all(7);
    expect(paged.map((p) => p.id)).toEqual(state);
    // Page by page by hand: 7 + 7 + ... + 1; the page after the last port is empty.
    const first = await list({ limit: 7 });
    expect(first.map((p) => p.id)).toEqual(state.slice(0, 7));
    const second = await list({ limit: 7, marker: first[6]!.id });
    expect(second.map((p) => p.id)).toEqual(state.slice(7, 14));
    expect(await list({ limit: 7, marker: state.at(-1)! })).toEqual([]);
    expect(await list({ limit: 0 })).toEqual([]);
  });

  it('answers at most 2000 ports without a limit (the documented default page)', async () => {
    expect((await list()).map((p) => p.id)).toEqual([...rig.sb.state.ports.keys()]);
    const big = await startClientRig({ servers: 700, nics: 2100 });
    try {
      const ids = [...big.sb.state.ports.keys()];
      const first = (await big.client.call('vpcListPorts', {})).ports;
      expect(first.map((p) => p.id)).toEqual(ids.slice(0, 2000));
      const rest = (await big.client.call('vpcListPorts', { query: { marker: first.at(-1)!.id } })).ports;
      expect(rest.map((p) => p.id)).toEqual(ids.slice(2000));
      expect(rest).toHaveLength(100);
    } finally {
      await big.close();
    }
  });

  it('keeps its order while NICs come and go: a listing started before an add neither skips nor repeats', async () => {
    const before = [...rig.sb.state.ports.keys()];
    const first = await list({ limit: 10 });
    const server = [...rig.sb.state.servers.values()][3]!;
    const add = await rig.client.call('batchAddServerNics', {
      path: { server_id: server.id },
      body: { nics: [{ subnet_id: rig.subnetId }] },
    });
    const job = await rig.client.waitForJob(add.job_id!, FAST_WAIT);
    const nicId = job.subJobs[0]!.nicId!;
    const rest: VpcPort[] = [];
    for await (const p of rig.client.paginate('vpcListPorts', {
      query: { limit: 10, marker: first.at(-1)!.id },
    }))
      rest.push(p);
    // The old ports keep their places; the new one comes last.
    expect([...first, ...rest].map((p) => p.id)).toEqual([...before, nicId]);
    const del = await rig.client.call('batchDeleteServerNics', {
      path: { server_id: server.id },
      body: { nics: [{ id: nicId }] },
    });
    await rig.client.waitForJob(del.job_id!, FAST_WAIT);
    expect((await list()).map((p) => p.id)).toEqual(before);
  });
});

describe('a restarted sandbox', () => {
  it('lists the same ports in the same order from its state file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ports-state-'));
    try {
      const stateFile = join(dir, 'state.json');
      const first = await startClientRig({ servers: 8, nics: 14, stateFile });
      const before = (await first.client.call('vpcListPorts', {})).ports;
      await first.close();
      const again = await startClientRig({ stateFile });
      try {
        expect((await again.client.call('vpcListPorts', {})).ports).toEqual(before);
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the port as the -vpc SDK reads it', () => {
  it('carries the fields of the Port model, the server as device_id and the primary flag', async () => {
    const server = [...rig.sb.state.servers.values()][0]!;
    const ports = await list({ device_id: server.id });
    expect(ports.map((p) => p.id)).toEqual(server.ports);
    const [primary, ...extension] = ports;
    const record = rig.sb.state.ports.get(primary!.id)!;
    expect(primary).toMatchObject({
      id: record.id,
      name: '',
      network_id: record.network_id,
      admin_state_up: true,
      mac_address: record.mac_address,
      fixed_ips: record.fixed_ips,
      device_id: server.id,
      // `compute:<zone>` on every ECS NIC: the server's availability zone.
      device_owner: `compute:${server.availability_zone}`,
      tenant_id: rig.sb.info.projectId,
      status: 'ACTIVE',
      security_groups: server.security_groups,
      'binding:vif_details': { primary_interface: true },
    });
    expect(extension.length).toBeGreaterThan(0);
    for (const p of extension) expect(p['binding:vif_details']?.primary_interface).toBe(false);
  });
});

describe('filters', () => {
  it('filters by device_id, network_id, mac_address, fixed_ips, status, id and security_groups', async () => {
    const ports = [...rig.sb.state.ports.values()];
    const p = ports.filter((x) => x.primary)[5]!;
    const ip = p.fixed_ips[0]!;
    const ids = (q: ListVpcPortsQuery) => list(q).then((r) => r.map((x) => x.id));

    expect(await ids({ device_id: p.device_id })).toEqual(
      ports.filter((x) => x.device_id === p.device_id).map((x) => x.id),
    );
    const secondary = ports.find((x) => !x.primary)!;
    expect(await ids({ network_id: secondary.network_id })).toEqual(
      ports.filter((x) => x.network_id === secondary.network_id).map((x) => x.id),
    );
    expect(await ids({ network_id: secondary.network_id })).toHaveLength(20);
    expect(await ids({ mac_address: p.mac_address })).toEqual([p.id]);
    expect(await ids({ mac_address: p.mac_address.toUpperCase() })).toEqual([p.id]);
    expect(await ids({ fixed_ips: [`ip_address=${ip.ip_address}`] })).toEqual([p.id]);
    // Both keys must hold for one and the same fixed IP of the port.
    expect(await ids({ fixed_ips: [`ip_address=${ip.ip_address}`, `subnet_id=${ip.subnet_id}`] })).toEqual([
      p.id,
    ]);
    expect(
      await ids({
        fixed_ips: [`ip_address=${ip.ip_address}`, `subnet_id=${secondary.fixed_ips[0]!.subnet_id}`],
      }),
    ).toEqual([]);
    expect(await ids({ fixed_ips: [`subnet_id=${ip.subnet_id}`] })).toEqual(
      ports.filter((x) => x.fixed_ips.some((f) => f.subnet_id === ip.subnet_id)).map((x) => x.id),
    );
    expect(await ids({ status: 'ACTIVE' })).toHaveLength(50);
    expect(await ids({ status: 'DOWN' })).toEqual([]);
    expect(await ids({ id: [ports[1]!.id, ports[2]!.id] })).toEqual([ports[1]!.id, ports[2]!.id]);
    expect(await ids({ security_groups: [p.security_groups[0]!] })).toHaveLength(50);
    expect(await ids({ admin_state_up: true })).toHaveLength(50);
    expect(await ids({ admin_state_up: false })).toEqual([]);
    expect(await ids({ device_owner: 'network:dhcp' })).toEqual([]);
    // A filter and paging together: the marker is a port of the filtered list.
    const net = await all(3, { network_id: secondary.network_id });
    expect(net.map((x) => x.id)).toEqual(
      ports.filter((x) => x.network_id === secondary.network_id).map((x) => x.id),
    );
  });

  it('refuses a bad limit, marker, fixed_ips or admin_state_up with a 400 that says why', async () => {
    const limit = await apiError({ limit: -1 });
    expect(limit).toMatchObject({ status: 400, apiCode: 'VPC.0002' });
    expect(limit.message).toContain('limit');
    const marker = await apiError({ marker: 'no-such-port' });
    expect(marker).toMatchObject({ status: 400, apiCode: 'VPC.0101' });
    expect(marker.message).toContain('no-such-port');
    const fixed = await apiError({ fixed_ips: ['10.0.0.1'] });
    expect(fixed).toMatchObject({ status: 400, apiCode: 'VPC.0002' });
    expect(fixed.message).toContain('fixed_ips must be ip_address=<address> or subnet_id=<id>');
    const admin = await rig.client.call('vpcListPorts', { query: { admin_state_up: 'yes' as never } }).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(admin).toMatchObject({ status: 400, apiCode: 'VPC.0002' });
    expect(admin!.message).toContain('admin_state_up must be true or false');
  });
});

describe('one source of truth with the ECS and Nova NIC lists', () => {
  /** The server's NICs as Nova os-interface lists them, and as the port list filtered by device. */
  async function both(serverId: string): Promise<{ nova: string[]; ports: VpcPort[] }> {
    const nova = (
      await rig.client.call('novaListServerInterfaces', { path: { server_id: serverId } })
    ).interfaceAttachments!.map((a) => a.port_id);
    return { nova, ports: await list({ device_id: serverId }) };
  }

  it('lists the same NICs as Nova and ECS (primary included) after ECS adds and deletes a NIC', async () => {
    const id = await createServer(rig, { name: 'ports-ecs' });
    const start = await both(id);
    expect(start.ports.map((p) => p.id)).toEqual(start.nova);
    const shown = await rig.client.call('showServer', { path: { server_id: id } });
    const primary = Object.values(shown.server.addresses ?? {})
      .flat()
      .find((a) => a?.primary === true)?.['OS-EXT-IPS:port_id'];
    expect(start.ports.filter((p) => p['binding:vif_details']?.primary_interface).map((p) => p.id)).toEqual([
      primary,
    ]);

    const add = await rig.client.call('batchAddServerNics', {
      path: { server_id: id },
      body: { nics: [{ subnet_id: rig.subnetId }] },
    });
    const nicId = (await rig.client.waitForJob(add.job_id!, FAST_WAIT)).subJobs[0]!.nicId!;
    const added = await both(id);
    expect(added.ports.map((p) => p.id)).toEqual(added.nova);
    expect(added.ports.map((p) => p.id)).toEqual([...start.nova, nicId]);
    const nic = added.ports.find((p) => p.id === nicId)!;
    expect(nic['binding:vif_details']?.primary_interface).toBe(false);
    // The address the ECS server shows for the NIC is the port's fixed IP.
    const after = await rig.client.call('showServer', { path: { server_id: id } });
    const addrs = Object.values(after.server.addresses ?? {}).flat();
    expect(addrs.find((a) => a?.['OS-EXT-IPS:port_id'] === nicId)?.addr).toBe(nic.fixed_ips![0]!.ip_address);
    expect((await list({ fixed_ips: [`ip_address=${nic.fixed_ips![0]!.ip_address}`] }))[0]?.device_id).toBe(
      id,
    );

    const del = await rig.client.call('batchDeleteServerNics', {
      path: { server_id: id },
      body: { nics: [{ id: nicId }] },
    });
    await rig.client.waitForJob(del.job_id!, FAST_WAIT);
    const removed = await both(id);
    expect(removed.ports.map((p) => p.id)).toEqual(start.nova);
    expect(removed.nova).toEqual(start.nova);
    expect(await list({ id: nicId })).toEqual([]);
  });

  it('follows a NIC Nova attaches (DOWN, then ACTIVE) and detaches', async () => {
    const id = await createServer(rig, { name: 'ports-nova' });
    const subnet = rig.sb.state.subnets.get(rig.subnetId)!;
    const created = await rig.client.call('novaCreateServerInterface', {
      path: { server_id: id },
      body: { interfaceAttachment: { net_id: subnet.neutron_network_id } },
    });
    const portId = created.interfaceAttachment!.port_id!;
    const attached = await both(id);
    expect(attached.ports.map((p) => p.id)).toEqual(attached.nova);
    expect(attached.ports.map((p) => p.id)).toContain(portId);
    await until(() => rig.sb.state.ports.get(portId)?.status === 'ACTIVE', `port ${portId} ACTIVE`);
    expect((await list({ id: portId }))[0]?.status).toBe('ACTIVE');
    await rig.client.call('novaDeleteServerInterface', { path: { server_id: id, port_id: portId } });
    await until(() => !rig.sb.state.ports.has(portId), `port ${portId} deleted`);
    const detached = await both(id);
    expect(detached.ports.map((p) => p.id)).toEqual(detached.nova);
    expect(detached.ports.map((p) => p.id)).not.toContain(portId);
  });
});

describe('coverage', () => {
  it('got a 2xx answer for every operation this file claims', () => {
    const seen = exercisedInFile();
    expect(CLIENT_SANDBOX_COVERAGE['client-sandbox-ports'].filter((id) => !seen.has(id))).toEqual([]);
  });
});
