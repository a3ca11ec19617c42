/**
 * The fleet service over the real services (session-only vault) and a multi-scope Sandbox over
 * HTTP: listing every enabled account x region with pages pushed per scope, one scope failing
 * (wrong key) while the others answer, retry of that scope, a scope that cannot be reached shown
 * stale from the offline cache, 429s absorbed, and a batch stop fanned out per scope with
 * per-scope and per-server results.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetBatchView, FleetPageEvent, FleetScopeEvent, FleetScopeStatus } from '../../shared/fleet';
import { createFleetService, type FleetService } from '../../main/fleet/fleet.service';
import { createServices, type Services } from '../../main/services';
import { configureSandboxAccounts } from '../harness/server';

interface Rig {
  services: Services;
  fleet: FleetService;
  pages: FleetPageEvent[];
  scopes: FleetScopeEvent[];
  batches: FleetBatchView[];
  close(): Promise<void>;
}

async function startRig(sandbox: { accounts: number; regions: number; servers: number; rate?: number }) {
  const dataDir = await mkdtemp(join(tmpdir(), 'fleet-service-'));
  const services = await createServices({
    dataDir,
    vaultMode: 'session-only',
    sandbox: { speed: 500, ...sandbox },
    jobOptions: { minIntervalMs: 20, maxIntervalMs: 200 },
  });
  await configureSandboxAccounts(services);
  const rig: Rig = {
    services,
    pages: [],
    scopes: [],
    batches: [],
    fleet: undefined as never,
    async close() {
      rig.fleet.dispose();
      await services.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  rig.fleet = createFleetService(
    services,
    {
      page: (e) => rig.pages.push(e),
      scope: (e) => rig.scopes.push(e),
      batch: (b) => rig.batches.push(b),
    },
    { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))) },
  );
  return rig;
}

/** Waits until every scope of `listingId` reached a final state; returns their last statuses. */
async function settled(rig: Rig, listingId: string, count: number): Promise<FleetScopeStatus[]> {
  for (let i = 0; i < 600; i++) {
    const last = new Map<string, FleetScopeStatus>();
    for (const e of rig.scopes)
      if (e.listingId === listingId) last.set(`${e.status.accountId}/${e.status.region}`, e.status);
    const done = [...last.values()].filter((s) => s.state !== 'loading');
    if (done.length === count) return done;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the listing did not settle');
}

const key = (s: { accountId: string; region: string }) => `${s.accountId}/${s.region}`;

describe('fleet listing and batches over 2 accounts x 2 regions', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ accounts: 2, regions: 2, servers: 14 });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('lists every enabled account x region, each scope its own servers, pushed as pages', async () => {
    const { listingId, scopes } = await rig.fleet.lister.list();
    expect(scopes).toHaveLength(4);
    expect(scopes.every((s) => s.state === 'loading')).toBe(true);
    const done = await settled(rig, listingId, 4);
    expect(done.every((s) => s.state === 'ok')).toBe(true);
    const pages = rig.pages.filter((p) => p.listingId === listingId);
    const ids = pages.flatMap((p) => p.servers.map((s) => s.id));
    expect(ids).toHaveLength(14);
    // Every page holds the servers of its own scope's project.
    const sb = rig.services.sandbox!;
    for (const p of pages) {
      const rt = sb.runtimes.find(
        (r) => r.state.account.region === p.region && p.servers.every((s) => r.state.servers.has(s.id)),
      );
      expect(rt, key(p)).toBeDefined();
    }
    expect(done.map((s) => s.count).reduce((a, b) => a + b, 0)).toBe(14);
    // Once every scope is done, each one's complete list is the offline cache, user data left out.
    await rig.fleet.lister.settled();
    for (const s of done) {
      const cached = await rig.services.inventory.get(s.accountId, s.region);
      expect(cached?.data.servers, key(s)).toHaveLength(s.count);
      for (const server of cached!.data.servers as Record<string, unknown>[])
        expect(server).not.toHaveProperty('OS-EXT-SRV-ATTR:user_data');
    }
  });

  it('reports a scope with a wrong key as failed with the reason while the others answer, and retries it', async () => {
    const first = sb1(rig);
    const bad = await rig.services.accounts.add({
      kind: 'aksk',
      name: 'Wrong key',
      defaultRegion: 'sandbox-1',
      accessKeyId: first.ak,
      secretKey: 'not-the-secret-key-of-this-access-key-x',
    });
    const { listingId } = await rig.fleet.lister.list();
    const done = await settled(rig, listingId, 5);
    const failed = done.filter((s) => s.state === 'failed');
    expect(failed.map(key)).toEqual([`${bad.id}/sandbox-1`]);
    expect(failed[0]!.error?.code).toBe('AUTH');
    expect(done.filter((s) => s.state === 'ok')).toHaveLength(4);

    await rig.services.accounts.edit({ id: bad.id, rotate: { secretKey: first.sk } });
    rig.services.invalidateClients(bad.id);
    const retry = await rig.fleet.lister.list([{ accountId: bad.id, region: 'sandbox-1' }]);
    expect(retry.scopes).toHaveLength(1);
    const [again] = await settled(rig, retry.listingId, 1);
    expect(again!.state).toBe('ok');
    expect(again!.count).toBeGreaterThan(0);
    await rig.services.accounts.remove(bad.id);
  });

  it('shows an unreachable scope as stale from the offline cache, with its age and the reason', async () => {
    const acc = await rig.services.accounts.add({
      kind: 'aksk',
      name: 'Offline',
      defaultRegion: 'sandbox-1',
      accessKeyId: 'AKOFFLINEOFFLINEOFF1',
      secretKey: 'offline-secret-offline-secret-offline-se',
      // A closed port: connection refused, as when the network is down.
      endpoints: { ecs: 'http://127.0.0.1:9', iam: 'http://127.0.0.1:9', vpc: 'http://127.0.0.1:9' },
    });
    const raw = [...rig.services.sandbox!.runtimes[0]!.state.servers.values()][0]!;
    await rig.services.inventory.put(acc.id, 'sandbox-1', {
      servers: [{ id: raw.id, name: raw.name, status: 'ACTIVE', flavor: { id: raw.flavor_id }, tags: [] }],
      disks: [],
      nics: [],
      tags: [],
    });
    const { listingId } = await rig.fleet.lister.list([{ accountId: acc.id, region: 'sandbox-1' }]);
    const [status] = await settled(rig, listingId, 1);
    expect(status).toMatchObject({ state: 'stale', count: 1 });
    expect(status!.error?.code).toBe('NETWORK');
    expect(Date.now() - Date.parse(status!.cachedAt!)).toBeLessThan(60_000);
    const page = rig.pages.find((p) => p.listingId === listingId)!;
    expect(page).toMatchObject({ cached: true, accountId: acc.id });
    expect(page.servers.map((s) => s.id)).toEqual([raw.id]);
    await rig.services.accounts.remove(acc.id);
  });

  it('stops servers across 3 scopes as one batch with per-scope and per-server results; a failing scope fails alone', async () => {
    const accounts = (await rig.services.accounts.list()).filter((a) => !a.hidden);
    const sb = rig.services.sandbox!;
    const pick = (accountIdx: number, region: string) => {
      const rt = sb.runtimes.find(
        (r) =>
          r.state.account.region === region &&
          r.state.account.domainName === sb.info.scopes![accountIdx * 2]!.domainName,
      )!;
      return [...rt.state.servers.values()]
        .filter((s) => s.status === 'ACTIVE')
        .slice(0, 2)
        .map((s) => s.id);
    };
    const targets = [
      { accountId: accounts[0]!.id, region: 'sandbox-1', ids: pick(0, 'sandbox-1') },
      { accountId: accounts[0]!.id, region: 'sandbox-2', ids: pick(0, 'sandbox-2') },
      { accountId: accounts[1]!.id, region: 'sandbox-2', ids: pick(1, 'sandbox-2') },
      // An account that does not exist: this scope fails on its own.
      { accountId: 'no-such-account', region: 'sandbox-1', ids: ['3f1e1c5e-0000-4000-8000-000000000000'] },
    ];
    const started = await rig.fleet.batches.run({ action: 'stop', targets });
    expect(started.title).toBe('Stop 7 servers in 4 scopes');
    expect(started.scopes.slice(0, 3).every((s) => s.jobId !== undefined)).toBe(true);
    expect(started.scopes[3]).toMatchObject({ state: 'failed' });
    expect(started.scopes[3]!.error?.message).toMatch(/no-such-account|account/i);

    let view: FleetBatchView | undefined;
    for (let i = 0; i < 400 && view?.state !== 'partial'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = rig.fleet.batches.list().find((b) => b.id === started.id);
    }
    expect(view!.state).toBe('partial');
    for (const s of view!.scopes.slice(0, 3)) {
      expect(s.state).toBe('succeeded');
      expect(s.servers.map((x) => x.state)).toEqual(['succeeded', 'succeeded']);
    }
    for (const t of targets.slice(0, 3))
      for (const id of t.ids)
        expect(sb.runtimes.some((r) => r.state.servers.get(id)?.status === 'SHUTOFF')).toBe(true);
    // Progress was pushed as events, and the per-scope jobs are in the tracker.
    expect(rig.batches.filter((b) => b.id === started.id).length).toBeGreaterThan(1);
    expect(
      rig.services.tracker.list().filter((j) => j.operation === 'batchStopServers').length,
    ).toBeGreaterThanOrEqual(3);

    // The batch outlives the fleet service: a new one (the app restarted) lists it from the data
    // folder with the same per-scope and per-server results.
    await rig.fleet.batches.saved();
    const again = createFleetService(rig.services, { page: () => {}, scope: () => {}, batch: () => {} });
    try {
      await again.batches.ready;
      expect(again.batches.list().find((b) => b.id === started.id)).toEqual(view);
    } finally {
      again.dispose();
    }
  });

  it('a batch saved while running follows its jobs again after a restart; a scope never answered fails with why', async () => {
    const file = join(rig.services.dataDir, 'fleet-batches.json');
    const job = rig.services.tracker.list().find((j) => j.operation === 'batchStopServers')!;
    const running: FleetBatchView = {
      id: 'saved-running',
      action: 'stop',
      title: 'Stop 2 servers in 2 scopes',
      state: 'running',
      createdAt: new Date().toISOString(),
      scopes: [
        {
          accountId: job.accountId,
          region: job.region,
          accountName: 'x',
          state: 'running',
          jobId: job.id,
          servers: job.targets.map((t) => ({ id: t.id, state: 'running' as const })),
        },
        {
          accountId: job.accountId,
          region: 'sandbox-2',
          accountName: 'x',
          state: 'pending',
          servers: [{ id: 'never-answered', name: 'web-1', state: 'pending' }],
        },
      ],
    };
    await writeFile(file, JSON.stringify({ version: 1, batches: [running] }));
    const again = createFleetService(rig.services, { page: () => {}, scope: () => {}, batch: () => {} });
    try {
      await again.batches.ready;
      const b = again.batches.list().find((x) => x.id === 'saved-running')!;
      expect(b.scopes[0]!.servers.every((x) => x.state === 'succeeded')).toBe(true);
      expect(b.scopes[1]).toMatchObject({ state: 'failed' });
      expect(b.scopes[1]!.servers[0]).toMatchObject({ name: 'web-1', state: 'failed' });
      expect(b.scopes[1]!.error!.message).toMatch(/quit before this scope answered/);
      expect(b).toMatchObject({ state: 'partial' });
      expect(b.finishedAt).toBeDefined();
    } finally {
      again.dispose();
    }
    // A file that is not ours is only history: no batches, no crash.
    await writeFile(file, '{"version":1,"batches":[{"id":1}]}');
    const third = createFleetService(rig.services, { page: () => {}, scope: () => {}, batch: () => {} });
    await third.batches.ready;
    expect(third.batches.list()).toEqual([]);
    third.dispose();
  });
});

function sb1(rig: Rig) {
  return rig.services.sandbox!.info.scopes![0]!;
}

describe('fleet listing under flow control', () => {
  it('absorbs 429s: every scope ends ok and no error reaches the caller', async () => {
    const rig = await startRig({ accounts: 2, regions: 2, servers: 8, rate: 1 });
    try {
      const first = await rig.fleet.lister.list();
      await settled(rig, first.listingId, 4);
      const before = rig.services.sandbox!.stats.throttled;
      const { listingId } = await rig.fleet.lister.list();
      const done = await settled(rig, listingId, 4);
      expect(done.map((s) => s.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(done.every((s) => s.error === undefined)).toBe(true);
      expect(rig.services.sandbox!.stats.throttled - before).toBeGreaterThan(0);
    } finally {
      await rig.close();
    }
  });
});
