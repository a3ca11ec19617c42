/**
 * dispatch() against the real services and the in-process Sandbox over HTTP: the IPC layer end to
 * end, minus Electron. Servers are created, stopped, tagged, given disks and NICs through the
 * contract; jobs are tracked to completion; API errors and the offline cache reach the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeChannel, InvokeChannels, Result } from '../../shared/ipc/contract';
import type { JobView } from '../../shared/ipc/views';
import type { AppEvent, Ipc } from '../../main/ipc/index';
import type { Services } from '../../main/services';
import { startIpcRig, type IpcRig } from '../helpers/ipc-rig';

let services: Services;
let ipc: Ipc;
let rig: IpcRig;
const events: AppEvent[] = [];
const results: unknown[] = [];
let scope: { accountId: string; region: string };
const IMPORT_AK = 'IMPORTAKEXAMPLE0001';
const IMPORT_SK = 'import-secret-key-0123456789abcdef';

async function call<C extends InvokeChannel>(
  channel: C,
  arg: InvokeChannels[C]['arg'],
): Promise<Result<InvokeChannels[C]['result']>> {
  const res = (await ipc.dispatch(channel, arg, { url: 'harness:' })) as Result<InvokeChannels[C]['result']>;
  results.push(res);
  return res;
}

async function ok<C extends InvokeChannel>(
  channel: C,
  arg: InvokeChannels[C]['arg'],
): Promise<InvokeChannels[C]['result']> {
  const res = await call(channel, arg);
  if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
  return res.value;
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits for the job's final state through the pushed 'jobs.updated' events. */
function finished(jobId: string | undefined): Promise<JobView> {
  expect(jobId).toBeTypeOf('string');
  return until(`job ${jobId}`, () => {
    const updates = events.filter((e) => e.channel === 'jobs.updated' && e.payload.id === jobId);
    const last = updates.at(-1)?.payload as JobView | undefined;
    return last?.finishedAt !== undefined ? last : undefined;
  });
}

beforeAll(async () => {
  rig = await startIpcRig('ipc-sandbox', {
    sandbox: { servers: 7, speed: 200 },
    jobOptions: { minIntervalMs: 30, maxIntervalMs: 200 },
    // An SDK-style environment for the importer; no credential files (an empty home).
    env: {
      HUAWEICLOUD_SDK_AK: IMPORT_AK,
      HUAWEICLOUD_SDK_SK: IMPORT_SK,
      HUAWEICLOUD_SDK_REGION: 'cn-north-4',
    },
  });
  ({ services, ipc, scope } = rig);
  ipc.onEvent((e) => events.push(e));
});

afterAll(async () => {
  await rig?.close();
});

describe('IPC against the Sandbox', () => {
  it('lists the built-in Sandbox account, with no secret in the result', async () => {
    const list = await ok('accounts.list', {});
    const sandbox = list.accounts.find((a) => a.id === 'sandbox');
    expect(sandbox).toMatchObject({ builtin: true, hasSecret: true, kind: 'aksk' });
    expect(list.vaultMode).toBe('session-only');
    const text = JSON.stringify(list);
    expect(text).not.toContain(services.sandbox!.info.sk);
    expect(text).not.toContain(services.sandbox!.info.password);
  });

  it('pages through the servers with the marker it hands out', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await ok('servers.list', { ...scope, limit: 3, ...(marker ? { marker } : {}) });
      expect(page.fromCache).toBe(false);
      expect(page.total).toBe(7);
      seen.push(...page.items.map((s) => s.id));
      marker = page.nextMarker;
      pages++;
    } while (marker !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const bad = await call('servers.list', { ...scope, marker: 'not-a-page' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  let created: string[] = [];

  it('creates a key pair (private key once) and 2 servers tracked as a job until ACTIVE', async () => {
    const kp = await ok('keypairs.create', { ...scope, name: 'ipc-test' });
    expect(kp.privateKey).toContain('PRIVATE KEY');
    const listed = await ok('keypairs.list', scope);
    expect(listed.keypairs.map((k) => k.name)).toContain('ipc-test');
    expect(JSON.stringify(listed)).not.toContain(kp.privateKey);

    const [flavors, images, vpcs] = await Promise.all([
      ok('flavors.list', scope),
      ok('images.list', scope),
      ok('vpcs.list', scope),
    ]);
    const vpc = vpcs.vpcs[0]!;
    const subnets = await ok('subnets.list', { ...scope, vpcId: vpc.id });
    const spec = {
      name: 'ipc-web',
      imageId: images.images.find((i) => /ubuntu/i.test(i.name))?.id ?? images.images[0]!.id,
      flavorId: flavors.flavors.find((f) => f.status === 'normal')!.id,
      vpcId: vpc.id,
      nics: [{ subnetId: subnets.subnets[0]!.id }],
      rootVolume: { volumeType: 'SSD', sizeGb: 40 },
      keyName: 'ipc-test',
      count: 2,
    };
    const dry = await ok('servers.create', { ...scope, spec, dryRun: true });
    expect(dry).toEqual({ dryRunPassed: true });
    const ref = await ok('servers.create', { ...scope, spec });
    expect(ref.cloudJobId).toBeTypeOf('string');
    const job = await finished(ref.jobId);
    expect(job.state).toBe('succeeded');
    expect(job.operation).toBe('createServers');
    created = job.subJobs.map((s) => s.targetId!).filter(Boolean);
    if (created.length === 0) created = job.targets.map((t) => t.id);
    expect(created).toHaveLength(2);
    for (const id of created) {
      const s = await ok('servers.get', { ...scope, id });
      expect(s.status).toBe('ACTIVE');
      expect(s.keyName).toBe('ipc-test');
      expect(JSON.stringify(s.raw)).not.toContain('OS-EXT-SRV-ATTR:user_data');
    }
    const listedJobs = await ok('jobs.list', { accountId: 'sandbox' });
    expect(listedJobs.jobs.some((j) => j.id === ref.jobId)).toBe(true);
  });

  it('stops both servers in one batch job and announces the change', async () => {
    const ref = await ok('servers.stop', { ...scope, ids: created, type: 'SOFT' });
    const job = await finished(ref.jobId);
    expect(job.state).toBe('succeeded');
    expect(job.title).toBe('Stop 2 servers');
    for (const id of created) expect((await ok('servers.get', { ...scope, id })).status).toBe('SHUTOFF');
    await until('servers.changed', () =>
      events.some(
        (e) => e.channel === 'servers.changed' && created.every((id) => e.payload.ids.includes(id)),
      ),
    );
  });

  it('adds tags to servers and filters servers by them', async () => {
    const added = await ok('tags.batchAdd', {
      ...scope,
      ids: created,
      tags: [{ key: 'team', value: 'blue' }],
    });
    expect(added.succeeded.sort()).toEqual([...created].sort());
    expect(added.failed).toEqual([]);
    const tags = await ok('tags.server', { ...scope, id: created[0]! });
    expect(tags.tags).toContainEqual({ key: 'team', value: 'blue' });
    const found = await ok('tags.filterServers', { ...scope, tags: [{ key: 'team', values: ['blue'] }] });
    expect(found.servers.map((s) => s.id).sort()).toEqual([...created].sort());
    expect(found.total).toBe(2);
    const page = await ok('servers.list', { ...scope, filter: { tags: [{ key: 'team', value: 'blue' }] } });
    expect(page.items.map((s) => s.id).sort()).toEqual([...created].sort());
  });

  it('creates, attaches and detaches a disk, each attach/detach tracked as a job', async () => {
    const server = created[0]!;
    const disk = await ok('disks.create', { ...scope, name: 'ipc-data', sizeGb: 20 });
    await until('disk available', async () =>
      (await ok('disks.list', scope)).disks.find((d) => d.id === disk.id && d.status === 'available'),
    );
    const attach = await ok('disks.attach', { ...scope, serverId: server, volumeId: disk.id });
    expect((await finished(attach.jobId)).state).toBe('succeeded');
    const attached = await ok('disks.listForServer', { ...scope, serverId: server });
    expect(attached.disks.map((d) => d.volumeId)).toContain(disk.id);
    expect(attached.disks.filter((d) => d.system)).toHaveLength(1);
    const detach = await ok('disks.detach', { ...scope, serverId: server, volumeId: disk.id });
    expect((await finished(detach.jobId)).state).toBe('succeeded');
    const after = await ok('disks.listForServer', { ...scope, serverId: server });
    expect(after.disks.map((d) => d.volumeId)).not.toContain(disk.id);
  });

  it('adds and deletes a NIC', async () => {
    const server = created[1]!;
    const before = await ok('nics.list', { ...scope, serverId: server });
    expect(before.nics.filter((n) => n.primary)).toHaveLength(1);
    const detail = await ok('servers.get', { ...scope, id: server });
    const vpcId = detail.ips[0]!.network!;
    const subnets = await ok('subnets.list', { ...scope, vpcId });
    const add = await ok('nics.add', {
      ...scope,
      serverId: server,
      nics: [{ subnetId: subnets.subnets.at(-1)!.id }],
    });
    expect((await finished(add.jobId)).state).toBe('succeeded');
    const during = await ok('nics.list', { ...scope, serverId: server });
    expect(during.nics).toHaveLength(before.nics.length + 1);
    const extra = during.nics.find((n) => !n.primary && !before.nics.some((b) => b.portId === n.portId))!;
    const del = await ok('nics.delete', { ...scope, serverId: server, portIds: [extra.portId] });
    expect((await finished(del.jobId)).state).toBe('succeeded');
    const after = await ok('nics.list', { ...scope, serverId: server });
    expect(after.nics.map((n) => n.portId).sort()).toEqual(before.nics.map((n) => n.portId).sort());
  });

  it('reports quotas with the servers in use', async () => {
    const q = await ok('quotas.get', scope);
    const instances = q.items.find((i) => i.resource === 'instances');
    expect(instances?.used).toBe(9);
    expect(instances!.limit).toBeGreaterThanOrEqual(9);
  });

  it('hands an API error to the caller with its code, request id and a hint', async () => {
    const res = await call('servers.get', { ...scope, id: '00000000-0000-0000-0000-000000000000' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('API_ERROR');
    expect(res.error.status).toBe(404);
    expect(res.error.apiCode).toMatch(/^Ecs\.\d{4}$/);
    expect(res.error.requestId).toBeTypeOf('string');
    expect(res.error.hint).toBeTypeOf('string');
    const refused = await call('servers.start', { ...scope, ids: ['00000000-0000-0000-0000-000000000000'] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.hint).toBeTypeOf('string');
  });

  it('imports an account found in the environment: preview without the secret, then into the vault', async () => {
    const preview = await ok('accounts.importPreview', {});
    const candidate = preview.candidates.find((c) => c.source === 'env');
    expect(candidate).toMatchObject({ kind: 'aksk', hasSecret: true });
    expect(JSON.stringify(preview)).not.toContain(IMPORT_SK);
    const imported = await ok('accounts.import', { candidateIds: [candidate!.candidateId] });
    expect(imported.failed).toEqual([]);
    expect(imported.added).toHaveLength(1);
    expect(imported.added[0]).toMatchObject({ kind: 'aksk', hasSecret: true });
    expect(imported.added[0]!.accessKeyIdMasked).not.toBe(IMPORT_AK);
    const list = await ok('accounts.list', {});
    expect(list.accounts.map((a) => a.id)).toContain(imported.added[0]!.id);
    // The scan's secrets are dropped after an import: the same candidate cannot be imported twice.
    const again = await ok('accounts.import', { candidateIds: [candidate!.candidateId] });
    expect(again.added).toEqual([]);
    expect(again.failed[0]?.error.message).toMatch(/scan again/);
  });

  it('tests connections in plain words: the Sandbox, a wrong secret key, a dead endpoint, a good key', async () => {
    expect((await ok('accounts.test', { id: 'sandbox' })).verdict).toBe('ok');
    const info = services.sandbox!.info;
    const endpoints = { ecs: info.endpoint, iam: info.iamEndpoint, vpc: info.endpoint };
    const settings = { defaultRegion: info.region, regions: [info.region], endpoints };
    const wrong = await ok('accounts.add', {
      kind: 'aksk',
      name: 'Wrong key',
      accessKeyId: info.ak,
      secretKey: 'not-the-secret-key',
      ...settings,
    });
    const wrongResult = await ok('accounts.test', { id: wrong.id });
    expect(wrongResult.verdict).toBe('wrong-key');
    expect(wrongResult.hint).toBeTruthy();
    const right = await ok('accounts.add', {
      kind: 'aksk',
      name: 'Right key',
      accessKeyId: info.ak,
      secretKey: info.sk,
      ...settings,
    });
    expect((await ok('accounts.test', { id: right.id })).verdict).toBe('ok');
    const dead = await ok('accounts.add', {
      kind: 'aksk',
      name: 'Dead endpoint',
      accessKeyId: info.ak,
      secretKey: info.sk,
      defaultRegion: info.region,
      regions: [info.region],
      endpoints: { ecs: 'http://127.0.0.1:9', iam: 'http://127.0.0.1:9', vpc: 'http://127.0.0.1:9' },
    });
    expect((await ok('accounts.test', { id: dead.id })).verdict).toBe('network');
    for (const a of [wrong, right, dead]) await ok('accounts.remove', { id: a.id });
  });

  it('never returned a secret in any result', () => {
    const text = JSON.stringify(results);
    expect(text).not.toContain(IMPORT_SK);
    expect(text).not.toContain(services.sandbox!.info.sk);
    expect(text).not.toContain(services.sandbox!.info.password);
  });

  it('falls back to the cached servers when the cloud cannot be reached', async () => {
    const live = await ok('servers.list', { ...scope, limit: 1000 });
    expect(live.items).toHaveLength(9);
    await services.sandbox!.close();
    const offline = await ok('servers.list', { ...scope, limit: 5 });
    expect(offline.fromCache).toBe(true);
    expect(offline.offlineError?.code).toBe('NETWORK');
    expect(offline.total).toBe(9);
    expect(offline.items).toHaveLength(5);
    expect(offline.nextMarker).toBe('2');
    expect(Date.parse(offline.fetchedAt)).toBeLessThanOrEqual(Date.now());
    const second = await ok('servers.list', { ...scope, limit: 5, marker: offline.nextMarker! });
    expect(second.items.map((s) => s.id)).toEqual(live.items.slice(5).map((s) => s.id));
    const filtered = await ok('servers.list', {
      ...scope,
      filter: { tags: [{ key: 'team', value: 'blue' }] },
    });
    expect(filtered.items.map((s) => s.id).sort()).toEqual([...created].sort());
    // Calls with nothing cached still fail, as data.
    const disks = await call('disks.list', scope);
    expect(disks).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });
});
