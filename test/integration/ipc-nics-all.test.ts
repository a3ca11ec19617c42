/**
 * `nics.listAll` through dispatch() against the real services and the in-process Sandbox: every
 * NIC of the region page by page (VPC port list), each with its server, IP, MAC, subnet and the
 * primary flag; one server's NICs by `serverId`; a NIC added or deleted through `nics.add` /
 * `nics.delete` shows in the list, in place; bad arguments are refused before any call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortRowView } from '../../shared/ipc/views';
import { startIpcRig, type IpcRig } from '../helpers/ipc-rig';

let rig: IpcRig;
const ok: IpcRig['ok'] = (channel, arg) => rig.ok(channel, arg);
const call: IpcRig['call'] = (channel, arg) => rig.call(channel, arg);
const finished: IpcRig['finished'] = (jobId) => rig.finished(jobId);

/** Every NIC, `limit` per page, following `nextMarker`; and how many pages it took. */
async function listAll(limit: number, serverId?: string): Promise<{ nics: PortRowView[]; pages: number }> {
  const nics: PortRowView[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await ok('nics.listAll', {
      ...rig.scope,
      limit,
      ...(marker ? { marker } : {}),
      ...(serverId ? { serverId } : {}),
    });
    nics.push(...page.nics);
    marker = page.nextMarker;
    pages++;
  } while (marker !== undefined && pages < 100);
  return { nics, pages };
}

beforeAll(async () => {
  // 12 servers, 20 NICs: 8 servers have an extension NIC on a second subnet.
  rig = await startIpcRig('ipc-nics-all', {
    sandbox: { servers: 12, nics: 20, speed: 200 },
    jobOptions: { minIntervalMs: 30, maxIntervalMs: 200 },
  });
});

afterAll(async () => {
  await rig?.close();
});

describe('nics.listAll against the Sandbox', () => {
  it('pages every NIC of the region with the marker it hands out, in a stable order', async () => {
    const state = rig.services.sandbox!.runtimes[0]!.state;
    const { nics, pages } = await listAll(7);
    // 20 NICs at 7 a page: 7 + 7 + 6, and the short last page says there is no more.
    expect(pages).toBe(3);
    expect(nics.map((n) => n.portId)).toEqual([...state.ports.keys()]);
    // The same rows in one page of the default size.
    const one = await ok('nics.listAll', rig.scope);
    expect(one.nextMarker).toBeUndefined();
    expect(one.nics).toEqual(nics);
  });

  it('says which server holds each IP and MAC, on which subnet, and which NIC is primary', async () => {
    const state = rig.services.sandbox!.runtimes[0]!.state;
    const { nics } = await listAll(2000);
    const servers = (await ok('servers.list', { ...rig.scope, limit: 100 })).items;
    const subnets = (await ok('subnets.list', rig.scope)).subnets;
    for (const n of nics) {
      const port = state.ports.get(n.portId)!;
      expect(n).toEqual({
        portId: port.id,
        serverId: port.device_id,
        mac: port.mac_address,
        networkId: port.network_id,
        fixedIps: port.fixed_ips.map((f) => ({ address: f.ip_address, subnetId: f.subnet_id })),
        status: 'ACTIVE',
        primary: port.primary,
      });
      // Every NIC's server is in the server list and its network is a subnet of subnets.list.
      const server = servers.find((s) => s.id === n.serverId)!;
      expect(server.ips.map((ip) => ip.address)).toContain(n.fixedIps[0]!.address);
      expect(subnets.map((s) => s.id)).toContain(n.networkId);
    }
    expect(nics.filter((n) => n.primary)).toHaveLength(12);
    expect(nics.filter((n) => n.primary === false)).toHaveLength(8);
  });

  it("lists one server's NICs by serverId: the NICs nics.list shows", async () => {
    const { nics } = await listAll(2000);
    const withTwo = nics.find((n) => n.primary === false)!.serverId;
    const mine = await listAll(1, withTwo);
    expect(mine.nics.map((n) => n.serverId)).toEqual([withTwo, withTwo]);
    const perServer = await ok('nics.list', { ...rig.scope, serverId: withTwo });
    expect(mine.nics.map((n) => n.portId)).toEqual(perServer.nics.map((n) => n.portId));
    expect(mine.nics.map((n) => n.primary)).toEqual(perServer.nics.map((n) => n.primary));
  });

  it('shows a NIC added by nics.add at the end and drops it after nics.delete; the rest keep their order', async () => {
    const before = (await listAll(2000)).nics;
    const server = before[0]!.serverId;
    const subnets = (await ok('subnets.list', rig.scope)).subnets;
    const add = await ok('nics.add', {
      ...rig.scope,
      serverId: server,
      nics: [{ subnetId: subnets[0]!.id }],
    });
    expect((await finished(add.jobId)).state).toBe('succeeded');
    const during = (await listAll(6)).nics;
    expect(during.slice(0, before.length)).toEqual(before);
    const added = during.at(-1)!;
    expect(during).toHaveLength(before.length + 1);
    expect(added).toMatchObject({ serverId: server, primary: false, networkId: subnets[0]!.id });
    expect((await listAll(2000, server)).nics.map((n) => n.portId)).toContain(added.portId);

    const del = await ok('nics.delete', { ...rig.scope, serverId: server, portIds: [added.portId] });
    expect((await finished(del.jobId)).state).toBe('succeeded');
    expect((await listAll(2000)).nics).toEqual(before);
  });

  it('refuses a bad limit, marker or an unknown field before calling the cloud, and reports an unknown marker', async () => {
    for (const bad of [
      { ...rig.scope, limit: 0 },
      { ...rig.scope, limit: 2001 },
      { ...rig.scope, marker: 'not a port' },
      { ...rig.scope, serverId: '' },
      { ...rig.scope, deviceId: 'x' },
    ]) {
      const res = await call('nics.listAll', bad as never);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const gone = await call('nics.listAll', { ...rig.scope, marker: '0b3c6a4e-1f2d-4c5b-9a8e-7d6f5e4c3b2a' });
    expect(gone).toMatchObject({ ok: false, error: { status: 400, apiCode: 'VPC.0101' } });
  });
});
