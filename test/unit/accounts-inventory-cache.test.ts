import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryCache, type InventorySnapshot } from '../../main/accounts/inventory-cache';

let dir: string;
let clock: Date;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'ecs-inventory-'));
  clock = new Date('2024-06-01T12:00:00Z');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const snapshot = (n: number): InventorySnapshot => ({
  servers: Array.from({ length: n }, (_, i) => ({ id: `srv-${i}`, name: `web-${i}`, status: 'ACTIVE' })),
  disks: [{ id: 'vol-1', size: 40 }],
  nics: [{ port_id: 'nic-1' }],
  tags: [{ key: 'env', value: 'prod' }],
});

describe('InventoryCache', () => {
  it('returns the last saved inventory with its save time and age', async () => {
    const cache = new InventoryCache(dir, { now: () => clock });
    await cache.put('acct-1', 'cn-north-4', snapshot(3));
    clock = new Date(clock.getTime() + 90_000);
    const got = await cache.get('acct-1', 'cn-north-4');
    expect(got).toEqual({
      accountId: 'acct-1',
      region: 'cn-north-4',
      savedAt: '2024-06-01T12:00:00.000Z',
      ageMs: 90_000,
      data: snapshot(3),
    });
  });

  it('keeps accounts and regions apart, unicode ids included, and survives a new instance', async () => {
    const cache = new InventoryCache(dir, { now: () => clock });
    await cache.put('账户/../x', 'cn-north-4', snapshot(1));
    await cache.put('账户/../x', 'ap-southeast-1', snapshot(2));
    await cache.put('other', 'cn-north-4', snapshot(5));
    const fresh = new InventoryCache(dir, { now: () => clock });
    expect((await fresh.get('账户/../x', 'cn-north-4'))?.data.servers).toHaveLength(1);
    expect((await fresh.get('账户/../x', 'ap-southeast-1'))?.data.servers).toHaveLength(2);
    expect((await fresh.get('other', 'cn-north-4'))?.data.servers).toHaveLength(5);
    expect(await fresh.get('other', 'ap-southeast-1')).toBeUndefined();
    // Everything stays under <dataDir>/inventory, whatever the id holds.
    expect(await fs.readdir(dir)).toEqual(['inventory']);
  });

  it('replaces a snapshot and forgets an account', async () => {
    const cache = new InventoryCache(dir, { now: () => clock });
    await cache.put('a', 'cn-north-4', snapshot(1));
    await cache.put('a', 'cn-north-4', snapshot(4));
    expect((await cache.get('a', 'cn-north-4'))?.data.servers).toHaveLength(4);
    await cache.removeAccount('a');
    expect(await cache.get('a', 'cn-north-4')).toBeUndefined();
  });

  it('treats a corrupt servers file as no cache, and another corrupt list as empty', async () => {
    const cache = new InventoryCache(dir, { now: () => clock });
    await cache.put('a', 'cn-north-4', snapshot(1));
    const [acct] = await fs.readdir(join(dir, 'inventory'));
    const files = await fs.readdir(join(dir, 'inventory', acct!));
    expect(files.map((f) => f.replace(/^[0-9a-f]{32}\./, '')).sort()).toEqual([
      'disks.json',
      'nics.json',
      'servers.json',
      'tags.json',
    ]);
    const file = (kind: string) =>
      join(
        dir,
        'inventory',
        acct!,
        files.find((f) => f.endsWith(`.${kind}.json`))!,
      );
    await fs.writeFile(file('disks'), '{"version":2,"items":');
    expect((await cache.get('a', 'cn-north-4'))?.data).toEqual({ ...snapshot(1), disks: [] });
    // Another app's file, or one saved for another scope, is not ours either.
    await fs.writeFile(
      file('nics'),
      JSON.stringify({
        version: 2,
        accountId: 'b',
        region: 'cn-north-4',
        kind: 'nics',
        savedAt: clock.toISOString(),
        items: [1],
      }),
    );
    expect((await cache.get('a', 'cn-north-4'))?.data.nics).toEqual([]);
    await fs.writeFile(file('servers'), '{"version":2,"items":');
    expect(await cache.get('a', 'cn-north-4')).toBeUndefined();
  });

  it('saves servers alone without touching the other lists, and tells their save time', async () => {
    const cache = new InventoryCache(dir, { now: () => clock });
    await cache.put('a', 'cn-north-4', snapshot(1));
    clock = new Date(clock.getTime() + 60_000);
    await cache.putServers('a', 'cn-north-4', [{ id: 'srv-9' }]);
    const got = await cache.get('a', 'cn-north-4');
    expect(got?.data).toEqual({ ...snapshot(1), servers: [{ id: 'srv-9' }] });
    expect(got?.savedAt).toBe(clock.toISOString());
    // Servers alone, with nothing cached before: the other lists are empty.
    await cache.putServers('a', 'eu-west-0', [{ id: 'x' }]);
    expect((await cache.get('a', 'eu-west-0'))?.data).toEqual({
      servers: [{ id: 'x' }],
      disks: [],
      nics: [],
      tags: [],
    });
    await expect(cache.putServers('a', 'r', {} as unknown as unknown[])).rejects.toThrow(/must be an array/);
  });

  it('reads a cache an older version wrote (one file), and moves it to one file per list on the next save', async () => {
    const cache = new InventoryCache(dir, { now: () => clock });
    // Where and how version 1 kept a scope: <hash of account>/<hash of region>.json, all four lists.
    const hash = (v: string) => createHash('sha256').update(v).digest('hex').slice(0, 32);
    const legacy = join(dir, 'inventory', hash('a'), `${hash('cn-north-4')}.json`);
    await fs.mkdir(dirname(legacy), { recursive: true });
    const old = {
      version: 1,
      accountId: 'a',
      region: 'cn-north-4',
      savedAt: '2024-05-31T12:00:00.000Z',
      data: snapshot(2),
    };
    await fs.writeFile(legacy, JSON.stringify(old));
    expect(await cache.get('a', 'cn-north-4')).toMatchObject({ savedAt: old.savedAt, data: snapshot(2) });
    await cache.putServers('a', 'cn-north-4', [{ id: 'new' }]);
    await expect(fs.access(legacy)).rejects.toThrow();
    expect((await cache.get('a', 'cn-north-4'))?.data).toEqual({ ...snapshot(2), servers: [{ id: 'new' }] });
    // A version 1 file of another scope, or a corrupt one, is no cache.
    await fs.writeFile(legacy, JSON.stringify({ ...old, region: 'elsewhere' }));
    expect(await cache.get('b', 'cn-north-4')).toBeUndefined();
  });

  it('refuses a snapshot without its four lists', async () => {
    const cache = new InventoryCache(dir);
    await expect(cache.put('a', 'r', { servers: [] } as unknown as InventorySnapshot)).rejects.toThrow(
      /servers, disks, nics and tags/,
    );
  });
});
