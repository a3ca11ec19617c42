/**
 * Our CloudClient against the simulator over HTTP: every ECS v1/v1.1/v2/v2.1 operation of the
 * table with realistic set-up (servers created through their job and client.waitForJob, NICs,
 * volumes, 2D tags, server groups), checking that what the simulator says happened did happen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SANDBOX_COVERAGE } from '../helpers/client-sandbox-coverage';
import {
  FAST_WAIT,
  createServer,
  createServers,
  exercisedInFile,
  startClientRig,
  stopServers,
  type ClientRig,
} from '../helpers/client-sandbox';

let rig: ClientRig;

beforeAll(async () => {
  rig = await startClientRig({ servers: 3 });
});
afterAll(async () => {
  await rig.close();
});

describe('ECS v1 servers', () => {
  it('creates 2 servers through one job, shows them ACTIVE and deletes them through another job', async () => {
    const ids = await createServers(rig, { name: 'pair', count: 2 });
    for (const id of ids) {
      const s = (await rig.client.call('showServer', { path: { server_id: id } })).server;
      expect(s.status).toBe('ACTIVE');
      expect(s.id).toBe(id);
    }
    const del = await rig.client.call('deleteServers', {
      body: { servers: ids.map((id) => ({ id })), delete_publicip: true, delete_volume: true },
    });
    const job = await rig.client.waitForJob(del.job_id!, FAST_WAIT);
    expect(job.status).toBe('SUCCESS');
    expect(job.subJobs.map((s) => s.serverId).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(rig.sb.state.servers.has(id)).toBe(false);
  });

  it('stops, starts and reboots servers in batches, each through its job', async () => {
    const ids = await createServers(rig, { name: 'power', count: 2 });
    await stopServers(rig, ids);
    for (const id of ids) expect(rig.sb.state.servers.get(id)!.status).toBe('SHUTOFF');
    const start = await rig.client.call('batchStartServers', {
      body: { 'os-start': { servers: ids.map((id) => ({ id })) } },
    });
    await rig.client.waitForJob(start.job_id!, FAST_WAIT);
    for (const id of ids) expect(rig.sb.state.servers.get(id)!.status).toBe('ACTIVE');
    const reboot = await rig.client.call('batchRebootServers', {
      body: { reboot: { type: 'HARD', servers: ids.map((id) => ({ id })) } },
    });
    const job = await rig.client.waitForJob(reboot.job_id!, FAST_WAIT);
    expect(job.subJobs).toHaveLength(2);
    for (const id of ids) expect(rig.sb.state.servers.get(id)!.status).toBe('ACTIVE');
  });

  it('resizes, migrates, reinstalls and changes the OS of a stopped server', async () => {
    const id = await createServer(rig, { name: 'ops' });
    await stopServers(rig, [id]);
    const resize = await rig.client.call('resizeServer', {
      path: { server_id: id },
      body: { resize: { flavorRef: 's6.medium.2' } },
    });
    await rig.client.waitForJob(resize.job_id!, FAST_WAIT);
    expect(rig.sb.state.servers.get(id)!.flavor_id).toBe('s6.medium.2');

    const hostBefore = rig.sb.state.servers.get(id)!.hypervisor_hostname;
    const mig = await rig.client.call('migrateServer', { path: { server_id: id }, body: { migrate: {} } });
    expect((await rig.client.waitForJob(mig.job_id!, FAST_WAIT)).jobType).toBe('migrateServer');
    expect(typeof rig.sb.state.servers.get(id)!.hypervisor_hostname).toBe(typeof hostBefore);

    const re = await rig.client.call('reinstallServerOs', {
      path: { server_id: id },
      body: { 'os-reinstall': { adminpass: 'Reinstall#2024x' } },
    });
    await rig.client.waitForJob(re.job_id!, FAST_WAIT);
    expect(rig.sb.state.servers.get(id)!.status).toBe('SHUTOFF');

    const centos = rig.imageId('CentOS');
    const ch = await rig.client.call('changeServerOs', {
      path: { server_id: id },
      body: { 'os-change': { adminpass: 'Change#2024xy', imageid: centos } },
    });
    await rig.client.waitForJob(ch.job_id!, FAST_WAIT);
    expect(rig.sb.state.servers.get(id)!.image_id).toBe(centos);
  });

  it('reads and sets auto-recovery', async () => {
    const id = await createServer(rig, { name: 'recover' });
    await rig.client.call('updateServerAutoRecovery', {
      path: { server_id: id },
      body: { support_auto_recovery: 'true' },
    });
    const on = await rig.client.call('showServerAutoRecovery', { path: { server_id: id } });
    expect(on.support_auto_recovery).toBe('true');
    await rig.client.call('updateServerAutoRecovery', {
      path: { server_id: id },
      body: { support_auto_recovery: 'false' },
    });
    expect(
      (await rig.client.call('showServerAutoRecovery', { path: { server_id: id } })).support_auto_recovery,
    ).toBe('false');
  });

  it('lists servers with the v1 offset pages and the v1.1 marker pages, matching the simulator', async () => {
    const total = rig.sb.state.servers.size;
    const v1 = await rig.client.call('listServersDetails', { query: { limit: 2, offset: 1 } });
    expect(v1.count).toBe(total);
    expect(v1.servers).toHaveLength(Math.min(2, total));
    const all: string[] = [];
    for await (const s of rig.client.paginate('listServersDetails', { query: { limit: 2 } })) all.push(s.id);
    expect(all.sort()).toEqual([...rig.sb.state.servers.keys()].sort());
    const viaMarker: string[] = [];
    for await (const s of rig.client.paginate('listServersDetailsV11', { query: { limit: 2 } }))
      viaMarker.push(s.id);
    expect(viaMarker.sort()).toEqual(all);
  });

  it('lists flavors, filtered by AZ, and the limits computed from usage', async () => {
    const all = (await rig.client.call('listFlavors')).flavors!.map((f) => f.id);
    expect(all).toContain('s6.small.1');
    const inB = (
      await rig.client.call('listFlavors', { query: { availability_zone: 'sandbox-1b' } })
    ).flavors!.map((f) => f.id);
    expect(inB).not.toContain('s6.4xlarge.2');
    const limits = (await rig.client.call('showServerLimits')).absolute!;
    expect(limits.totalInstancesUsed).toBe(rig.sb.state.servers.size);
  });

  it('shows a job with its sub-jobs', async () => {
    const id = await createServer(rig, { name: 'jobbed' });
    const r = await rig.client.call('batchStopServers', {
      body: { 'os-stop': { type: 'SOFT', servers: [{ id }] } },
    });
    await rig.client.waitForJob(r.job_id!, FAST_WAIT);
    const job = await rig.client.call('showJob', { path: { job_id: r.job_id! } });
    expect(job.status).toBe('SUCCESS');
    expect(job.entities?.sub_jobs?.[0]?.entities?.server_id).toBe(id);
  });
});

describe('ECS v1 NICs and volumes', () => {
  it('adds a second NIC, sees it in the job and deletes it', async () => {
    const id = await createServer(rig, { name: 'nics' });
    const add = await rig.client.call('batchAddServerNics', {
      path: { server_id: id },
      body: { nics: [{ subnet_id: rig.subnetId }] },
    });
    const job = await rig.client.waitForJob(add.job_id!, FAST_WAIT);
    const nicId = job.subJobs[0]!.nicId!;
    expect(rig.sb.state.servers.get(id)!.ports).toContain(nicId);
    const del = await rig.client.call('batchDeleteServerNics', {
      path: { server_id: id },
      body: { nics: [{ id: nicId }] },
    });
    await rig.client.waitForJob(del.job_id!, FAST_WAIT);
    expect(rig.sb.state.servers.get(id)!.ports).not.toContain(nicId);
    expect(rig.sb.state.ports.has(nicId)).toBe(false);
  });

  it('attaches a data disk, reads the block devices, and detaches it', async () => {
    const id = await createServer(rig, { name: 'disks', availability_zone: 'sandbox-1a' });
    const vol = [...rig.sb.state.volumes.values()].find(
      (v) => v.status === 'available' && v.availability_zone === 'sandbox-1a',
    )!;
    const att = await rig.client.call('attachServerVolume', {
      path: { server_id: id },
      body: { volumeAttachment: { volumeId: vol.id } },
    });
    await rig.client.waitForJob(att.job_id!, FAST_WAIT);
    const list = await rig.client.call('listServerBlockDevices', { path: { server_id: id } });
    const ids = list.volumeAttachments!.map((a) => a.volumeId);
    expect(ids).toContain(vol.id);
    expect(ids).toHaveLength(2);
    const one = await rig.client.call('showServerBlockDevice', {
      path: { server_id: id, volume_id: vol.id },
    });
    expect(one.volumeAttachment?.volumeId).toBe(vol.id);
    const det = await rig.client.call('detachServerVolume', { path: { server_id: id, volume_id: vol.id } });
    await rig.client.waitForJob(det.job_id!, FAST_WAIT);
    expect(rig.sb.state.volumes.get(vol.id)!.status).toBe('available');
  });
});

describe('ECS v1 2D tags', () => {
  it('creates, lists, filters by, counts and deletes tags', async () => {
    const [a, b] = await createServers(rig, { name: 'tagged', count: 2 });
    await rig.client.call('batchCreateServerTags', {
      path: { server_id: a! },
      body: {
        action: 'create',
        tags: [
          { key: 'owner', value: 'alice' },
          { key: 'team', value: 'web' },
        ],
      },
    });
    await rig.client.call('batchCreateServerTags', {
      path: { server_id: b! },
      body: { action: 'create', tags: [{ key: 'owner', value: 'bob' }] },
    });
    const tagsA = (await rig.client.call('listServerTags', { path: { server_id: a! } })).tags!;
    expect(tagsA).toEqual(
      expect.arrayContaining([
        { key: 'owner', value: 'alice' },
        { key: 'team', value: 'web' },
      ]),
    );
    const project = (await rig.client.call('listProjectTags')).tags!;
    expect(project.find((t) => t.key === 'owner')?.values?.sort()).toEqual(['alice', 'bob']);
    const filtered = await rig.client.call('listServersByTag', {
      body: { action: 'filter', tags: [{ key: 'owner', values: ['alice'] }] },
    });
    expect(filtered.resources!.map((r) => r.resource_id)).toEqual([a]);
    const count = await rig.client.call('listServersByTag', {
      body: { action: 'count', tags: [{ key: 'owner', values: [] }] },
    });
    expect(count.total_count).toBe(2);
    await rig.client.call('batchDeleteServerTags', {
      path: { server_id: a! },
      body: { action: 'delete', tags: [{ key: 'owner' }, { key: 'missing' }] },
    });
    expect((await rig.client.call('listServerTags', { path: { server_id: a! } })).tags).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ key: 'owner' })]),
    );
    expect(rig.sb.state.servers.get(a!)!.tags).toEqual({ team: 'web' });
  });
});

describe('ECS v1 server groups', () => {
  it('creates an anti-affinity group, adds and removes a stopped member, lists, shows and deletes it', async () => {
    const g = await rig.client.call('createServerGroup', {
      body: { server_group: { name: 'it-group', policies: ['anti-affinity'] } },
    });
    const gid = g.server_group!.id!;
    const id = await createServer(rig, { name: 'member' });
    await stopServers(rig, [id]);
    await rig.client.call('addServerGroupMember', {
      path: { server_group_id: gid },
      body: { add_member: { instance_uuid: id } },
    });
    expect(
      (await rig.client.call('showServerGroup', { path: { server_group_id: gid } })).server_group?.members,
    ).toEqual([id]);
    const listed: string[] = [];
    for await (const grp of rig.client.paginate('listServerGroups', { query: { limit: 1 } }))
      listed.push(grp.id!);
    expect(listed).toContain(gid);
    await rig.client.call('removeServerGroupMember', {
      path: { server_group_id: gid },
      body: { remove_member: { instance_uuid: id } },
    });
    expect(
      (await rig.client.call('showServerGroup', { path: { server_group_id: gid } })).server_group?.members,
    ).toEqual([]);
    await rig.client.call('deleteServerGroup', { path: { server_group_id: gid } });
    expect(rig.sb.state.serverGroups.has(gid)).toBe(false);
  });
});

describe('coverage', () => {
  it('got a 2xx answer for every operation this file claims', () => {
    const seen = exercisedInFile();
    expect(CLIENT_SANDBOX_COVERAGE['client-sandbox-ecs'].filter((id) => !seen.has(id))).toEqual([]);
  });
});
