/**
 * Reconciliation over real HTTP against the Sandbox: each non-idempotent operation is committed and
 * its answer dropped (or refused with an injected 5xx before any work), and the client must find
 * the outcome in the state: nothing done twice, nothing reported failed that was done, and a
 * job-returning call whose job id was lost is answered with the servers' goal status to follow.
 * A scripted random source makes exactly the first request of the operation fail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { CloudClient } from '../../main/cloud/client';
import { Transport } from '../../main/cloud/http';
import { observedCompletion } from '../../main/cloud/reconcile/index';
import { serverRules } from '../../main/cloud/reconcile/servers';
import { DISK_MARKER_KEY } from '../../main/cloud/reconcile/volumes';
import { priorTimeScale } from '../../main/jobs/priors';
import { startSandbox, type Sandbox } from '../../main/sandbox/index';

const SPEED = 100;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

interface Rig {
  sb: Sandbox;
  client: CloudClient;
  /** Makes the next `n` fault draws hit (the first request(s) of the filtered operation fail). */
  failNext(n?: number): void;
  serverId: string;
  subnetId: string;
}

async function rig(faults: string, servers = 2, speed = SPEED): Promise<Rig> {
  const queue: number[] = [];
  const sb = await startSandbox({ speed, servers, faults, random: () => queue.shift() ?? 0.999 });
  const transport = new Transport({ proxy: 'direct' });
  open.push(sb, transport);
  const client = new CloudClient({
    region: sb.info.region,
    endpoints: { ecs: sb.info.endpoint, vpc: sb.info.endpoint },
    auth: new AkSkAuth({ ak: sb.info.ak, sk: sb.info.sk }),
    transport,
    projectId: sb.info.projectId,
    retry: { baseDelayMs: 5 },
    reconcileTimeScale: priorTimeScale(speed),
  });
  // Seeded servers are ACTIVE once their build finished.
  for (let i = 0; i < 200 && [...sb.state.servers.values()].some((s) => s.status !== 'ACTIVE'); i++)
    await new Promise((r) => setTimeout(r, 20));
  const server = [...sb.state.servers.values()][0]!;
  const subnetId = [...sb.state.subnets.values()].find((s) => s.vpc_id === server.vpc_id)!.id;
  return {
    sb,
    client,
    failNext: (n = 1) => queue.push(...Array<number>(n).fill(0)),
    serverId: server.id,
    subnetId,
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function newDisk(r: Rig, name: string): string {
  const az = r.sb.state.servers.get(r.serverId)!.availability_zone;
  const v = [...r.sb.state.volumes.values()].find((x) => x.name === name && x.availability_zone === az);
  if (!v) throw new Error(`no disk ${name}`);
  return v.id;
}

describe('reconciling a dropped answer', () => {
  it('creates a disk once and answers with the disk found by its marker', async () => {
    const r = await rig('drop=0.5@novaCreateVolume');
    r.failNext();
    const res = await r.client.callRaw('novaCreateVolume', {
      body: { volume: { size: 10, display_name: 'rec-disk' } },
    });
    expect(res.reconciled).toBe(true);
    const disks = [...r.sb.state.volumes.values()].filter((v) => v.name === 'rec-disk');
    expect(disks).toHaveLength(1);
    expect(res.body.volume.id).toBe(disks[0]!.id);
    expect(disks[0]!.metadata[DISK_MARKER_KEY]).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.client.stats()).toMatchObject({ reconciliations: 1, found: 1, resent: 0 });
  });

  it('re-sends a disk create refused by a 5xx before any work, still creating one disk', async () => {
    const r = await rig('error=0.5@novaCreateVolume');
    // The error draw and its status draw.
    r.failNext(2);
    const res = await r.client.callRaw('novaCreateVolume', {
      body: { volume: { size: 10, display_name: 'rec-5xx' } },
    });
    expect(res.reconciled).toBeUndefined();
    expect([...r.sb.state.volumes.values()].filter((v) => v.name === 'rec-5xx')).toHaveLength(1);
    expect(r.client.stats()).toMatchObject({ reconciliations: 1, found: 0, resent: 1 });
  });

  it('attaches once and follows the server instead of the lost job; detach and delete likewise', async () => {
    const r = await rig('drop=0.5@attachServerVolume|detachServerVolume|novaDeleteVolume');
    await r.client.call('novaCreateVolume', {
      body: {
        volume: {
          size: 10,
          display_name: 'att',
          availability_zone: r.sb.state.servers.get(r.serverId)!.availability_zone,
        },
      },
    });
    const volumeId = newDisk(r, 'att');
    await until(() => r.sb.state.volumes.get(volumeId)!.status === 'available', 'the disk');
    r.failNext();
    const jobsBefore = r.sb.state.jobs.size;
    const att = await r.client.call('attachServerVolume', {
      path: { server_id: r.serverId },
      body: { volumeAttachment: { volumeId } },
    });
    expect(observedCompletion(att)).toEqual({ serverStatus: 'ACTIVE' });
    expect(r.sb.state.jobs.size).toBe(jobsBefore + 1);
    expect(r.sb.state.volumes.get(volumeId)!.attachments).toHaveLength(1);

    r.failNext();
    const det = await r.client.call('detachServerVolume', {
      path: { server_id: r.serverId, volume_id: volumeId },
    });
    expect(observedCompletion(det)).toEqual({ serverStatus: 'ACTIVE' });
    await until(() => r.sb.state.volumes.get(volumeId)!.status === 'available', 'the detach');
    expect(r.sb.state.jobs.size).toBe(jobsBefore + 2);

    r.failNext();
    await expect(
      r.client.call('novaDeleteVolume', { path: { volume_id: volumeId } }),
    ).resolves.toBeUndefined();
    expect(r.sb.state.volumes.has(volumeId)).toBe(false);
    expect(r.client.stats()).toMatchObject({ reconciliations: 3, found: 3, resent: 0 });
  });

  it('adds a NIC once: waits for the port the lost job creates', async () => {
    const r = await rig('drop=0.5@batchAddServerNics');
    const before = r.sb.state.servers.get(r.serverId)!.ports.length;
    r.failNext();
    const res = await r.client.call('batchAddServerNics', {
      path: { server_id: r.serverId },
      body: { nics: [{ subnet_id: r.subnetId }] },
    });
    expect(observedCompletion(res)).toEqual({ serverStatus: 'ACTIVE' });
    expect(r.sb.state.servers.get(r.serverId)!.ports).toHaveLength(before + 1);
    // Nothing else arrives later.
    await new Promise((res2) => setTimeout(res2, 200));
    expect(r.sb.state.servers.get(r.serverId)!.ports).toHaveLength(before + 1);
  });

  it('stops once (no second stop failing on the first), and deletes servers once', async () => {
    const r = await rig('drop=0.5@batchServerAction|deleteServers');
    const ids = [...r.sb.state.servers.keys()];
    r.failNext();
    const jobs = r.sb.state.jobs.size;
    const stop = await r.client.call('batchStopServers', {
      body: { 'os-stop': { type: 'SOFT', servers: ids.map((id) => ({ id })) } },
    });
    expect(observedCompletion(stop)).toEqual({ serverStatus: 'SHUTOFF' });
    expect(r.sb.state.jobs.size).toBe(jobs + 1);
    await until(() => ids.every((id) => r.sb.state.servers.get(id)!.status === 'SHUTOFF'), 'the stop');
    expect([...r.sb.state.jobs.values()].every((j) => j.status !== 'FAIL')).toBe(true);

    r.failNext();
    const del = await r.client.call('deleteServers', { body: { servers: ids.map((id) => ({ id })) } });
    expect(observedCompletion(del)).toEqual({ serverStatus: 'DELETED' });
    await until(() => r.sb.state.servers.size === 0, 'the delete');
  });

  it('waits for a delete that was accepted but whose job has not started, instead of sending it again', async () => {
    // At real-time speed a job waits ~300 ms in INIT: the servers are untouched, the request is in.
    const { sb, client, serverId } = await rig('', 1, 1);
    const server = sb.state.servers.get(serverId)!;
    const input = { body: { servers: [{ id: server.id }] } };
    const sentAt = Date.now();
    await client.call('deleteServers', input);
    expect(server.task_state).toBeNull();
    const check = (at: number) =>
      serverRules.deleteServers.check({
        read: (id, arg) => client.call(id, arg as never) as never,
        input,
        sentAt: at,
        baseline: undefined,
        settled: true,
      });
    expect(await check(sentAt)).toEqual({ kind: 'pending' });
    // A delete older than the one asked about is not this one: that one never arrived.
    expect((await check(Date.now() + 60_000)).kind).toBe('absent');
  });

  it('re-sends a create with the same X-Client-Token and gets the first job and servers', async () => {
    const r = await rig('drop=0.5@createServers', 1);
    const server = r.sb.state.servers.get(r.serverId)!;
    r.failNext();
    const res = await r.client.call('createServers', {
      body: {
        server: {
          name: 'tok-created',
          imageRef: server.image_id,
          flavorRef: server.flavor_id,
          vpcid: server.vpc_id,
          nics: [{ subnet_id: r.subnetId }],
          root_volume: { volumetype: 'SSD' },
          adminPass: 'Sandbox#2024x',
        },
      } as never,
    });
    const created = [...r.sb.state.servers.values()].filter((s) => s.name === 'tok-created');
    expect(created).toHaveLength(1);
    expect(res.serverIds).toEqual([created[0]!.id]);
    expect(r.sb.state.jobs.get(res.job_id!)).toBeDefined();
    expect(r.client.stats().retries).toBe(1);
  });
});
