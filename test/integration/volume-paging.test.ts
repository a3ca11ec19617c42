/**
 * Paging the os-volumes lists (§11.4.1/11.4.2) with 2,503 disks in the Sandbox, over HTTP: the
 * Sandbox's `limit`/`offset` as upstream Nova's `common.limited` (1,000 at most per answer, even
 * without `limit`; bad values are a 400), our client's paginator, the create-disk reconciliation
 * finding a disk past the first 1,000, and `disks.list` through the IPC layer handing out
 * `nextOffset` until every disk was listed once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volumeRules, DISK_MARKER_KEY } from '../../main/cloud/reconcile/volumes';
import { signRequest } from '../../main/cloud/sign';
import type { InvokeChannels, Result } from '../../shared/ipc/contract';
import { startClientRig, type ClientRig } from '../helpers/client-sandbox';
import { startIpcRig, type IpcRig } from '../helpers/ipc-rig';

// 1,200 servers with 2,500 disks in all, plus the 3 data disks every Sandbox starts with.
const TOTAL = 2503;

let rig: ClientRig;

/** A raw signed GET below /v2.1/{project_id}: the status and the parsed body. */
async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(`${rig.sb.info.endpoint}/v2.1/${rig.sb.info.projectId}${path}`);
  const headers = signRequest(
    { method: 'GET', url, headers: {} },
    { ak: rig.sb.info.ak, sk: rig.sb.info.sk },
  );
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const ids = async (path: string): Promise<string[]> => {
  const r = await get(path);
  expect(r.status, path).toBe(200);
  return (r.body.volumes as { id: string }[]).map((v) => v.id);
};

/** Every volume id of the Sandbox's state, in its (creation) order. */
const stateOrder = () => [...rig.sb.state.volumes.keys()];

beforeAll(async () => {
  rig = await startClientRig({ servers: 1200, disks: 2500 });
}, 60_000);
afterAll(async () => {
  await rig?.close();
});

describe('the Sandbox pages os-volumes like upstream Nova (common.limited)', () => {
  it('holds the seeded disks', () => {
    expect(rig.sb.state.volumes.size).toBe(TOTAL);
  });

  for (const path of ['/os-volumes', '/os-volumes/detail']) {
    it(`${path}: cuts an answer without limit at 1,000, in creation order`, async () => {
      expect(await ids(path)).toEqual(stateOrder().slice(0, 1000));
    });

    it(`${path}: skips offset volumes and returns at most limit`, async () => {
      expect(await ids(`${path}?limit=10&offset=5`)).toEqual(stateOrder().slice(5, 15));
      expect(await ids(`${path}?offset=2500`)).toEqual(stateOrder().slice(2500));
      expect(await ids(`${path}?offset=${TOTAL}`)).toEqual([]);
      expect(await ids(`${path}?offset=99999`)).toEqual([]);
    });

    it(`${path}: caps limit at 1,000 and reads limit=0 as the cap, as upstream does`, async () => {
      expect(await ids(`${path}?limit=5000`)).toHaveLength(1000);
      expect(await ids(`${path}?limit=0&offset=2000`)).toEqual(stateOrder().slice(2000));
    });

    it(`${path}: pages of 1,000 by offset list every volume once`, async () => {
      const seen: string[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await ids(`${path}?limit=1000&offset=${offset}`);
        seen.push(...page);
        if (page.length < 1000) break;
      }
      expect(seen).toEqual(stateOrder());
      expect(new Set(seen).size).toBe(TOTAL);
    });

    it(`${path}: refuses a negative or non-integer limit or offset with a Nova 400`, async () => {
      for (const [query, message] of [
        ['limit=-1', 'Invalid input received: limit must be >= 0'],
        ['offset=-5', 'Invalid input received: offset must be >= 0'],
        ['limit=abc', 'Invalid input received: limit must be an integer'],
        ['offset=1.5', 'Invalid input received: offset must be an integer'],
        ['limit=', 'Invalid input received: limit must be an integer'],
      ] as const) {
        const r = await get(`${path}?${query}`);
        expect(r.status, query).toBe(400);
        expect(r.body, query).toEqual({ badRequest: { code: 400, message } });
      }
    });
  }
});

describe('our client pages os-volumes to the end', () => {
  it('paginate() lists every volume in three requests', async () => {
    const before = rig.log.length;
    const seen: string[] = [];
    for await (const v of rig.client.paginate('novaListVolumesDetail')) seen.push(v.id);
    expect(seen).toEqual(stateOrder());
    expect(rig.log.slice(before).filter((x) => x.op === 'novaListVolumesDetail')).toHaveLength(3);
  });

  it('the create-disk reconciliation finds a disk listed after the first 1,000', async () => {
    // The client marks every disk it creates (the rule's `prepare`): the marker is in the answer.
    const created = await rig.client.call('novaCreateVolume', {
      body: { volume: { size: 10, display_name: 'late-disk' } },
    });
    const marker = created.volume.metadata?.[DISK_MARKER_KEY];
    expect(marker).toBeTypeOf('string');
    expect(stateOrder().indexOf(created.volume.id)).toBe(TOTAL);
    const check = (m: string) =>
      volumeRules.novaCreateVolume.check({
        read: (id, input) => rig.client.call(id, input),
        input: { body: { volume: { size: 10, metadata: { [DISK_MARKER_KEY]: m } } } },
        sentAt: Date.now(),
        baseline: undefined,
        settled: true,
      });
    const verdict = await check(marker!);
    expect(verdict.kind).toBe('applied');
    expect((verdict as { result: { volume: { id: string } } }).result.volume.id).toBe(created.volume.id);
    expect((await check('never-sent')).kind).toBe('absent');
    await rig.client.call('novaDeleteVolume', { path: { volume_id: created.volume.id } });
  });
});

describe('disks.list through the IPC layer', () => {
  let rig: IpcRig;
  const call: IpcRig['call'] = (channel, arg) => rig.call(channel, arg);

  beforeAll(async () => {
    rig = await startIpcRig('disk-paging', { sandbox: { servers: 600, disks: 1500, speed: 200 } });
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('hands out nextOffset until every one of 1,503 disks was listed once, in order', async () => {
    const order = [...rig.services.sandbox!.runtimes[0]!.state.volumes.keys()];
    expect(order).toHaveLength(1503);
    const seen: string[] = [];
    const offsets: number[] = [];
    let offset: number | undefined = 0;
    const sizes = [250, 1000, 1000];
    for (let i = 0; offset !== undefined && i < 10; i++) {
      offsets.push(offset);
      const r: Result<InvokeChannels['disks.list']['result']> = await call('disks.list', {
        ...rig.scope,
        offset,
        limit: sizes[i]!,
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      seen.push(...r.value.disks.map((d) => d.id));
      offset = r.value.nextOffset;
    }
    expect(offsets).toEqual([0, 250, 1250]);
    expect(seen).toEqual(order);
  });

  it('answers 1,000 disks and the next offset when asked without a page', async () => {
    const r = await call('disks.list', rig.scope);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.disks).toHaveLength(1000);
    expect(r.value.nextOffset).toBe(1000);
    const last = await call('disks.list', { ...rig.scope, offset: 1500, limit: 1000 });
    expect(last.ok && last.value.disks.length).toBe(3);
    expect(last.ok && last.value.nextOffset).toBeUndefined();
  });

  it('refuses a page outside the contract before calling the cloud', async () => {
    for (const bad of [{ limit: 0 }, { limit: 1001 }, { offset: -1 }, { offset: 1.5 }, { page: 2 }]) {
      const r = await call('disks.list', { ...rig.scope, ...bad } as never);
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});
