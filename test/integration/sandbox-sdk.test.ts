/**
 * The official Huawei Cloud SDK (EcsClient, VpcClient with BasicCredentials) against the sandbox:
 * ECS v1/v1.1/v2 operations, happy paths and the documented errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkError, startRig, waitJob, type Any, type SdkRig } from './sandbox-helpers';

let rig: SdkRig;
let vpcId: string;
let subnetId: string;
let imageId: string;

function serverBody(over: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Any {
  return {
    server: {
      name: 'sdk-test',
      imageRef: imageId,
      flavorRef: 's6.small.1',
      vpcid: vpcId,
      nics: [{ subnet_id: subnetId }],
      root_volume: { volumetype: 'SSD' },
      availability_zone: 'sandbox-1a',
      adminPass: 'Sandbox#2024x',
      ...over,
    },
    ...top,
  };
}

async function createOne(over: Record<string, unknown> = {}): Promise<string> {
  const res = await rig.ecsClient.createPostPaidServers({ body: serverBody(over) });
  const { job } = await waitJob(rig, res.job_id);
  expect(job.status).toBe('SUCCESS');
  return res.serverIds[0];
}

async function stop(id: string): Promise<void> {
  const r = await rig.ecsClient.batchStopServers({
    body: { 'os-stop': { type: 'SOFT', servers: [{ id }] } },
  });
  expect((await waitJob(rig, r.job_id)).job.status).toBe('SUCCESS');
}

beforeAll(async () => {
  rig = await startRig({ servers: 5 });
  const vpcs = await rig.vpcClient.listVpcs({});
  vpcId = vpcs.vpcs[0].id;
  const subnets = await rig.vpcClient.listSubnets({ vpc_id: vpcId });
  subnetId = subnets.subnets[0].id;
  imageId = [...rig.sb.state.images.values()].find((i) => i.status === 'active')!.id;
});
afterAll(async () => {
  await rig.sb.close();
});

describe('VPC v1 through VpcClient', () => {
  it('lists VPCs, subnets and security groups with marker paging', async () => {
    const subnets = await rig.vpcClient.listSubnets({ limit: 1 });
    expect(subnets.subnets).toHaveLength(1);
    const next = await rig.vpcClient.listSubnets({ limit: 1, marker: subnets.subnets[0].id });
    expect(next.subnets[0].id).not.toBe(subnets.subnets[0].id);
    const sgs = await rig.vpcClient.listSecurityGroups({});
    expect(sgs.security_groups.map((g: Any) => g.name)).toContain('default');
    const one = await rig.vpcClient.showSubnet({ subnet_id: subnetId });
    expect(one.subnet.cidr).toBe(rig.sb.state.subnets.get(subnetId)!.cidr);
  });
});

describe('flavors and limits', () => {
  it('filters by AZ: sold-out and abandoned flavors disappear', async () => {
    const all = (await rig.ecsClient.listFlavors({})).flavors.map((f: Any) => f.id);
    expect(all).toContain('c7.8xlarge.2');
    expect(all).not.toContain('s2.tiny.1');
    const inB = (await rig.ecsClient.listFlavors({ availability_zone: 'sandbox-1b' })).flavors.map(
      (f: Any) => f.id,
    );
    expect(inB).not.toContain('c7.8xlarge.2');
    expect(inB).not.toContain('s6.4xlarge.2');
    const inA = (await rig.ecsClient.listFlavors({ availability_zone: 'sandbox-1a' })).flavors.map(
      (f: Any) => f.id,
    );
    expect(inA).toContain('s6.4xlarge.2');
  });

  it('computes limits from usage with the SDK model keys', async () => {
    const l = (await rig.ecsClient.showServerLimits({})).absolute;
    expect(l.totalInstancesUsed).toBe(rig.sb.state.servers.size);
    expect(l.maxServerMeta).toBe(128);
    expect(typeof l.maxTotalKeypairs).toBe('number');
    const cores = [...rig.sb.state.servers.values()].reduce(
      (n, s) => n + rig.sb.state.flavors.get(s.flavor_id)!.vcpus,
      0,
    );
    expect(l.totalCoresUsed).toBe(cores);
  });
});

describe('create and delete', () => {
  it('creates through a job that goes INIT/RUNNING to SUCCESS and the server ends ACTIVE', async () => {
    const res = await rig.ecsClient.createPostPaidServers({ body: serverBody({ count: 2, name: 'batch' }) });
    expect(res.serverIds).toHaveLength(2);
    const { job, seen } = await waitJob(rig, res.job_id);
    expect(job.status).toBe('SUCCESS');
    expect(seen[seen.length - 1]).toBe('SUCCESS');
    expect(job.entities.sub_jobs).toHaveLength(2);
    expect(
      job.entities.sub_jobs.every((s: Any) => s.status === 'SUCCESS' && s.job_type === 'createSingleServer'),
    ).toBe(true);
    const names: string[] = [];
    for (const id of res.serverIds) {
      const s = (await rig.ecsClient.showServer({ server_id: id })).server;
      expect(s.status).toBe('ACTIVE');
      expect(s['OS-EXT-STS:vm_state']).toBe('active');
      expect(s['OS-EXT-AZ:availability_zone']).toBe('sandbox-1a');
      names.push(s.name);
    }
    expect(names.sort()).toEqual(['batch-0001', 'batch-0002']);
  });

  it('dry_run validates without creating', async () => {
    const before = rig.sb.state.servers.size;
    const res = await rig.ecsClient.createPostPaidServers({ body: serverBody({}, { dry_run: true }) });
    expect(res.httpStatusCode).toBe(202);
    expect(rig.sb.state.servers.size).toBe(before);
  });

  it('answers the documented error codes', async () => {
    expect(
      (await sdkError(rig.ecsClient.createPostPaidServers({ body: serverBody({ imageRef: 'missing' }) })))
        .code,
    ).toBe('Ecs.0031');
    const queued = [...rig.sb.state.images.values()].find((i) => i.status !== 'active')!.id;
    expect(
      (await sdkError(rig.ecsClient.createPostPaidServers({ body: serverBody({ imageRef: queued }) }))).code,
    ).toBe('Ecs.0032');
    expect(
      (
        await sdkError(
          rig.ecsClient.createPostPaidServers({ body: serverBody({ flavorRef: 'c7.8xlarge.2' }) }),
        )
      ).code,
    ).toBe('Ecs.0319');
    expect(
      (await sdkError(rig.ecsClient.createPostPaidServers({ body: serverBody({ flavorRef: 's2.tiny.1' }) })))
        .code,
    ).toBe('Ecs.0029');
    expect(
      (await sdkError(rig.ecsClient.createPostPaidServers({ body: serverBody({ name: 'bad name!' }) }))).code,
    ).toBe('Ecs.0915');
    expect(
      (await sdkError(rig.ecsClient.createPostPaidServers({ body: serverBody({ count: 501 }) }))).code,
    ).toBe('Ecs.0913');
    expect(
      (await sdkError(rig.ecsClient.createPostPaidServers({ body: serverBody({ adminPass: 'short' }) })))
        .code,
    ).toBe('Ecs.0011');
    const e = await sdkError(
      rig.ecsClient.createPostPaidServers({
        body: serverBody({ nics: [{ subnet_id: subnetId, ip_address: '10.0.0.5' }] }),
      }),
    );
    expect(e.code).toBe('Ecs.0005');
    const before = rig.sb.state.servers.size;
    rig.sb.state.quotas.instances = before;
    try {
      expect((await sdkError(rig.ecsClient.createPostPaidServers({ body: serverBody() }))).code).toBe(
        'Ecs.0001',
      );
    } finally {
      rig.sb.state.quotas.instances = 20000;
    }
    expect(rig.sb.state.servers.size).toBe(before);
  });

  it('deletes through a job, freeing ports, and a deleted server is Ecs.0114', async () => {
    const id = await createOne({ name: 'to-delete' });
    const ports = [...rig.sb.state.servers.get(id)!.ports];
    const res = await rig.ecsClient.deleteServers({ body: { servers: [{ id }], delete_volume: true } });
    expect((await waitJob(rig, res.job_id)).job.status).toBe('SUCCESS');
    expect(ports.every((p) => !rig.sb.state.ports.has(p))).toBe(true);
    const e = await sdkError(rig.ecsClient.showServer({ server_id: id }));
    expect([e.status, e.code]).toEqual([404, 'Ecs.0114']);
  });
});

describe('lifecycle actions', () => {
  it('stops, refuses resize while running, resizes when stopped, and refuses the same flavor', async () => {
    const id = await createOne({ name: 'resize-me' });
    const running = await sdkError(
      rig.ecsClient.resizePostPaidServer({ server_id: id, body: { resize: { flavorRef: 's6.medium.2' } } }),
    );
    expect(running.code).toBe('Ecs.0100');
    await stop(id);
    expect((await rig.ecsClient.showServer({ server_id: id })).server.status).toBe('SHUTOFF');
    const same = await sdkError(
      rig.ecsClient.resizePostPaidServer({ server_id: id, body: { resize: { flavorRef: 's6.small.1' } } }),
    );
    expect(same.code).toBe('Ecs.0810');
    const r = await rig.ecsClient.resizePostPaidServer({
      server_id: id,
      body: { resize: { flavorRef: 's6.medium.2' } },
    });
    expect((await waitJob(rig, r.job_id)).job.status).toBe('SUCCESS');
    const s = (await rig.ecsClient.showServer({ server_id: id })).server;
    expect(s.flavor.id).toBe('s6.medium.2');
    expect(s.status).toBe('SHUTOFF');
  });

  it('reinstalls and changes the OS only when stopped', async () => {
    const id = await createOne({ name: 'os-change' });
    const body = { 'os-reinstall': { adminpass: 'Sandbox#2024y' } };
    expect((await sdkError(rig.ecsClient.reinstallServerWithCloudInit({ server_id: id, body }))).code).toBe(
      'Ecs.0100',
    );
    await stop(id);
    const r = await rig.ecsClient.reinstallServerWithCloudInit({ server_id: id, body });
    expect((await waitJob(rig, r.job_id)).job.status).toBe('SUCCESS');
    const other = [...rig.sb.state.images.values()].find(
      (i) => i.status === 'active' && i.id !== imageId,
    )!.id;
    const c = await rig.ecsClient.changeServerOsWithCloudInit({
      server_id: id,
      body: { 'os-change': { adminpass: 'Sandbox#2024y', imageid: other } },
    });
    expect((await waitJob(rig, c.job_id)).job.status).toBe('SUCCESS');
    expect((await rig.ecsClient.showServer({ server_id: id })).server.image.id).toBe(other);
  });

  it('refuses management actions on a locked server with Ecs.0605', async () => {
    const id = await createOne({ name: 'locked' });
    rig.sb.state.servers.get(id)!.locked = true;
    const e = await sdkError(rig.ecsClient.batchStopServers({ body: { 'os-stop': { servers: [{ id }] } } }));
    expect(e.code).toBe('Ecs.0605');
    expect(rig.sb.state.servers.get(id)!.status).toBe('ACTIVE');
    rig.sb.state.servers.get(id)!.locked = false;
  });

  it('reboots through REBOOT back to ACTIVE', async () => {
    const id = await createOne({ name: 'reboot' });
    const r = await rig.ecsClient.batchRebootServers({
      body: { reboot: { type: 'HARD', servers: [{ id }] } },
    });
    expect((await waitJob(rig, r.job_id)).job.status).toBe('SUCCESS');
    expect((await rig.ecsClient.showServer({ server_id: id })).server.status).toBe('ACTIVE');
  });
});

describe('NICs and disks', () => {
  it('adds a NIC with an address from the subnet, refuses deleting the primary, deletes the secondary', async () => {
    const id = await createOne({ name: 'nics' });
    const r = await rig.ecsClient.batchAddServerNics({
      server_id: id,
      body: { nics: [{ subnet_id: subnetId }] },
    });
    expect((await waitJob(rig, r.job_id)).job.status).toBe('SUCCESS');
    const list = (await rig.ecsClient.listServerInterfaces({ server_id: id })).interfaceAttachments;
    expect(list).toHaveLength(2);
    const cidr = rig.sb.state.subnets.get(subnetId)!.cidr.split('.').slice(0, 2).join('.');
    expect(list.every((i: Any) => i.fixed_ips[0].ip_address.startsWith(cidr))).toBe(true);
    const primary = rig.sb.state.servers.get(id)!.ports[0]!;
    const secondary = rig.sb.state.servers.get(id)!.ports[1]!;
    expect(
      (
        await sdkError(
          rig.ecsClient.batchDeleteServerNics({ server_id: id, body: { nics: [{ id: primary }] } }),
        )
      ).code,
    ).toBe('Ecs.0005');
    expect(
      (
        await sdkError(
          rig.ecsClient.batchDeleteServerNics({ server_id: id, body: { nics: [{ id: 'nope' }] } }),
        )
      ).code,
    ).toBe('Ecs.0085');
    const d = await rig.ecsClient.batchDeleteServerNics({
      server_id: id,
      body: { nics: [{ id: secondary }] },
    });
    expect((await waitJob(rig, d.job_id)).job.status).toBe('SUCCESS');
    expect((await rig.ecsClient.listServerInterfaces({ server_id: id })).interfaceAttachments).toHaveLength(
      1,
    );
  });

  it('attaches an available disk with a device name, lists it, refuses a second attach, detaches', async () => {
    const id = await createOne({ name: 'disks' });
    const vol = [...rig.sb.state.volumes.values()].find(
      (v) => v.availability_zone === 'sandbox-1a' && v.status === 'available' && !v.bootable,
    )!;
    const r = await rig.ecsClient.attachServerVolume({
      server_id: id,
      body: { volumeAttachment: { volumeId: vol.id, device: '/dev/vdc' } },
    });
    expect((await waitJob(rig, r.job_id)).job.status).toBe('SUCCESS');
    const bd = await rig.ecsClient.listServerBlockDevices({ server_id: id });
    const att = bd.volumeAttachments.find((a: Any) => a.volumeId === vol.id);
    expect(att.device).toBe('/dev/vdc');
    const one = await rig.ecsClient.showServerBlockDevice({ server_id: id, volume_id: vol.id });
    expect(one.volumeAttachment.size).toBe(vol.size);
    expect(
      (
        await sdkError(
          rig.ecsClient.attachServerVolume({
            server_id: id,
            body: { volumeAttachment: { volumeId: vol.id } },
          }),
        )
      ).code,
    ).toBe('Ecs.0057');
    const root = rig.sb.state.servers.get(id)!.volumes[0]!;
    expect((await sdkError(rig.ecsClient.detachServerVolume({ server_id: id, volume_id: root }))).code).toBe(
      'Ecs.0100',
    );
    const d = await rig.ecsClient.detachServerVolume({ server_id: id, volume_id: vol.id });
    expect((await waitJob(rig, d.job_id)).job.status).toBe('SUCCESS');
    expect(rig.sb.state.volumes.get(vol.id)!.status).toBe('available');
    expect(
      (await sdkError(rig.ecsClient.detachServerVolume({ server_id: id, volume_id: vol.id }))).code,
    ).toBe('Ecs.0111');
  });
});

describe('2D tags', () => {
  it('creates idempotently, overwrites same key, limits to 10, deletes idempotently, filters and counts', async () => {
    const id = await createOne({ name: 'tagged' });
    const create = (tags: Any[]) =>
      rig.ecsClient.batchCreateServerTags({ server_id: id, body: { action: 'create', tags } });
    await create([{ key: 'team', value: 'a' }]);
    await create([{ key: 'team', value: 'a' }]);
    await create([{ key: 'team', value: 'b' }]);
    let tags = (await rig.ecsClient.showServerTags({ server_id: id })).tags;
    expect(tags.filter((t: Any) => t.key === 'team')).toEqual([{ key: 'team', value: 'b' }]);
    const many = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect((await sdkError(create(many))).code).toBe('Ecs.0905');
    expect((await sdkError(create([{ key: 'bad key', value: 'v' }]))).code).toBe('Ecs.0907');
    expect(
      (
        await sdkError(
          create([
            { key: 'x', value: '1' },
            { key: 'x', value: '2' },
          ]),
        )
      ).code,
    ).toBe('Ecs.0908');
    await rig.ecsClient.batchDeleteServerTags({
      server_id: id,
      body: { action: 'delete', tags: [{ key: 'team' }, { key: 'absent' }] },
    });
    tags = (await rig.ecsClient.showServerTags({ server_id: id })).tags;
    expect(tags.some((t: Any) => t.key === 'team')).toBe(false);
    await create([{ key: 'unique-tag', value: 'yes' }]);
    const project = (await rig.ecsClient.listServerTags({})).tags;
    expect(project.find((t: Any) => t.key === 'unique-tag').values).toEqual(['yes']);
    const filtered = await rig.ecsClient.listServersByTag({
      body: { action: 'filter', tags: [{ key: 'unique-tag', values: ['yes'] }], limit: '10', offset: '0' },
    });
    expect(filtered.total_count).toBe(1);
    expect(filtered.resources[0].resource_id).toBe(id);
    const count = await rig.ecsClient.listServersByTag({
      body: { action: 'count', not_tags: [{ key: 'unique-tag', values: [] }] },
    });
    expect(count.total_count).toBe(rig.sb.state.servers.size - 1);
  });
});

describe('server groups', () => {
  it('creates, adds a stopped member only, shows, lists with paging, removes and deletes', async () => {
    const g = (
      await rig.ecsClient.createServerGroup({
        body: { server_group: { name: 'grp', policies: ['anti-affinity'] } },
      })
    ).server_group;
    const id = await createOne({ name: 'member' });
    const add = { server_group_id: g.id, body: { add_member: { instance_uuid: id } } };
    expect((await sdkError(rig.ecsClient.addServerGroupMember(add))).code).toBe('Ecs.0100');
    await stop(id);
    await rig.ecsClient.addServerGroupMember(add);
    expect((await rig.ecsClient.showServerGroup({ server_group_id: g.id })).server_group.members).toEqual([
      id,
    ]);
    const g2 = (
      await rig.ecsClient.createServerGroup({
        body: { server_group: { name: 'grp2', policies: ['anti-affinity'] } },
      })
    ).server_group;
    const p1 = await rig.ecsClient.listServerGroups({ limit: 1 });
    expect(p1.server_groups).toHaveLength(1);
    const p2 = await rig.ecsClient.listServerGroups({ limit: 1, marker: p1.page_info.next_marker });
    expect(p2.server_groups[0].id).toBe(g2.id);
    await rig.ecsClient.deleteServerGroupMember({
      server_group_id: g.id,
      body: { remove_member: { instance_uuid: id } },
    });
    expect((await rig.ecsClient.showServerGroup({ server_group_id: g.id })).server_group.members).toEqual([]);
    await rig.ecsClient.deleteServerGroup({ server_group_id: g.id });
    await rig.ecsClient.deleteServerGroup({ server_group_id: g2.id });
    expect(rig.sb.state.serverGroups.size).toBe(0);
  });
});

describe('server queries', () => {
  it('pages /v1.1 detail by marker without duplicates and /v1 detail by offset', async () => {
    const total = rig.sb.state.servers.size;
    const ids: string[] = [];
    let marker: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await rig.ecsClient.listCloudServers(
        marker === undefined ? { limit: 3 } : { limit: 3, marker },
      );
      ids.push(...page.servers.map((s: Any) => s.id));
      if (!page.servers_links) break;
      marker = page.servers[page.servers.length - 1].id;
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const p1 = await rig.ecsClient.listServersDetails({ limit: 2, offset: 1 });
    const p2 = await rig.ecsClient.listServersDetails({ limit: 2, offset: 2 });
    expect(p1.count).toBe(total);
    expect(p2.servers[0].id).toBe(ids[2]);
    const byName = await rig.ecsClient.listServersDetails({ name: '^seed-0000[12]$' });
    expect(byName.servers.map((s: Any) => s.name).sort()).toEqual(['seed-00001', 'seed-00002']);
  });

  it('answers a missing job id with Common.0011', async () => {
    expect((await sdkError(rig.ecsClient.showJob({ job_id: 'ff80808288d41e1b018990260955686a' }))).code).toBe(
      'Common.0011',
    );
  });
});
