/**
 * The official Huawei Cloud SDK's VpcClient.listPorts (ListPortsRequest, the Port model) against
 * the sandbox's VPC v1 port list: the SDK's own query serialization (repeated `fixed_ips=`),
 * marker paging, the fields its Port model reads, and the same NICs as the SDK's ECS os-interface
 * list (EcsClient.listServerInterfaces) after a NIC is added and deleted (EcsClient jobs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkError, startRig, waitJob, type Any, type SdkRig } from './sandbox-helpers';

let rig: SdkRig;

beforeAll(async () => {
  rig = await startRig({ servers: 6, nics: 9 });
});
afterAll(async () => {
  await rig.sb.close();
});

const ids = (r: Any): string[] => r.ports.map((p: Any) => p.id);

describe('VpcClient.listPorts', () => {
  it('pages with limit and marker in the order of the ports', async () => {
    const all = [...rig.sb.state.ports.keys()];
    expect(all).toHaveLength(9);
    const out: string[] = [];
    let marker: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const req = new rig.vpc.ListPortsRequest().withLimit(4);
      if (marker) req.withMarker(marker);
      const page = await rig.vpcClient.listPorts(req);
      out.push(...ids(page));
      if (page.ports.length < 4) break;
      marker = page.ports.at(-1).id;
    }
    expect(out).toEqual(all);
  });

  it('reads a port through its Port model: device, MAC, fixed IPs and the primary flag', async () => {
    const server = [...rig.sb.state.servers.values()][0]!;
    const res = await rig.vpcClient.listPorts(new rig.vpc.ListPortsRequest().withDeviceId(server.id));
    expect(ids(res)).toEqual(server.ports);
    const p = res.ports[0];
    const record = rig.sb.state.ports.get(p.id)!;
    expect(p.device_id).toBe(server.id);
    expect(p.mac_address).toBe(record.mac_address);
    expect(p.network_id).toBe(record.network_id);
    expect(p.fixed_ips).toEqual(record.fixed_ips);
    expect(p.status).toBe('ACTIVE');
    expect(p['binding:vif_details'].primary_interface).toBe(true);
  });

  it('filters by fixed_ips and mac_address as the SDK serializes them', async () => {
    const port = [...rig.sb.state.ports.values()][4]!;
    const ip = port.fixed_ips[0]!;
    const byIp = await rig.vpcClient.listPorts(
      new rig.vpc.ListPortsRequest().withFixedIps([
        `ip_address=${ip.ip_address}`,
        `subnet_id=${ip.subnet_id}`,
      ]),
    );
    expect(ids(byIp)).toEqual([port.id]);
    const byMac = await rig.vpcClient.listPorts(
      new rig.vpc.ListPortsRequest().withMacAddress(port.mac_address),
    );
    expect(ids(byMac)).toEqual([port.id]);
    const err = await sdkError(
      rig.vpcClient.listPorts(new rig.vpc.ListPortsRequest().withMarker('no-such-port')),
    );
    expect(err).toMatchObject({ status: 400, code: 'VPC.0101' });
  });

  it('lists the NICs EcsClient.listServerInterfaces lists, after a NIC is added and deleted', async () => {
    const server = [...rig.sb.state.servers.values()][1]!;
    const subnetId = [...rig.sb.state.subnets.values()][0]!.id;
    const ecsNics = async (): Promise<string[]> =>
      (await rig.ecsClient.listServerInterfaces({ server_id: server.id })).interfaceAttachments.map(
        (a: Any) => a.port_id,
      );
    const ports = async (): Promise<string[]> =>
      ids(await rig.vpcClient.listPorts(new rig.vpc.ListPortsRequest().withDeviceId(server.id)));
    const before = await ecsNics();
    expect(await ports()).toEqual(before);

    const add = await rig.ecsClient.batchAddServerNics({
      server_id: server.id,
      body: { nics: [{ subnet_id: subnetId }] },
    });
    const added = (await waitJob(rig, add.job_id)).job.entities.sub_jobs[0].entities.nic_id as string;
    expect(await ecsNics()).toEqual([...before, added]);
    expect(await ports()).toEqual([...before, added]);

    const del = await rig.ecsClient.batchDeleteServerNics({
      server_id: server.id,
      body: { nics: [{ id: added }] },
    });
    expect((await waitJob(rig, del.job_id)).job.status).toBe('SUCCESS');
    expect(await ecsNics()).toEqual(before);
    expect(await ports()).toEqual(before);
  });
});
