import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('treats a corrupt cache file as absent', async () => {
    const cache = new InventoryCache(dir, { now: () => clock });
    await cache.put('a', 'cn-north-4', snapshot(1));
    const [acct] = await fs.readdir(join(dir, 'inventory'));
    const [file] = await fs.readdir(join(dir, 'inventory', acct!));
    await fs.writeFile(join(dir, 'inventory', acct!, file!), '{"version":1,"data":');
    expect(await cache.get('a', 'cn-north-4')).toBeUndefined();
  });

  it('refuses a snapshot without its four lists', async () => {
    const cache = new InventoryCache(dir);
    await expect(cache.put('a', 'r', { servers: [] } as unknown as InventorySnapshot)).rejects.toThrow(
      /servers, disks, nics and tags/,
    );
  });
});
