/**
 * The servers' offline cache writer: pages merged in memory, one file write per listing (when the
 * last page arrives, before it is answered), a write after a pause for an abandoned listing, and a
 * listing resumed after a restart adding to what the file holds.
 */
import { describe, expect, it } from 'vitest';
import type { InventorySnapshot } from '../../main/accounts/inventory-cache';
import { ServerCacheWriter } from '../../main/accounts/server-cache-writer';

function fakeInventory(initial?: InventorySnapshot) {
  let stored = initial;
  const puts: InventorySnapshot[] = [];
  let gets = 0;
  return {
    puts,
    get gets() {
      return gets;
    },
    get: async () => {
      gets++;
      return stored
        ? { accountId: 'a', region: 'r', savedAt: new Date(0).toISOString(), ageMs: 0, data: stored }
        : undefined;
    },
    // As InventoryCache.putServers: the servers replaced, the other lists kept.
    putServers: async (_a: string, _r: string, servers: unknown[]) => {
      stored = { ...(stored ?? { servers: [], disks: [], nics: [], tags: [] }), servers };
      puts.push(stored);
    },
  };
}

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${from + i}` }));
const page = (n: number, servers: { id: string }[], last = false) => ({
  accountId: 'a',
  region: 'r',
  page: n,
  servers,
  last,
});

describe('ServerCacheWriter', () => {
  it('writes a 10-page listing once, when its last page arrives, keeping the other lists', async () => {
    const inv = fakeInventory({ servers: [{ id: 'old' }], disks: [{ id: 'd1' }], nics: [], tags: [] });
    const w = new ServerCacheWriter(inv, 60_000);
    for (let p = 1; p <= 9; p++) await w.add(page(p, ids((p - 1) * 100, 100)));
    expect(inv.puts).toHaveLength(0);
    await w.add(page(10, ids(900, 100), true));
    expect(inv.puts).toHaveLength(1);
    const saved = inv.puts[0]!;
    expect(saved.servers.map((s) => (s as { id: string }).id)).toEqual(ids(0, 1000).map((s) => s.id));
    expect(saved.disks).toEqual([{ id: 'd1' }]);
    // A listing this process started is written without reading the file first.
    expect(inv.gets).toBe(0);
  });

  it('a server listed twice (it moved between pages) is kept once, in its first place', async () => {
    const inv = fakeInventory();
    const w = new ServerCacheWriter(inv, 60_000);
    await w.add(page(1, [{ id: 'x' }, { id: 'y' }]));
    await w.add(page(2, [{ id: 'y' }, { id: 'z' }], true));
    expect(inv.puts[0]!.servers).toEqual([{ id: 'x' }, { id: 'y' }, { id: 'z' }]);
  });

  it('writes what an abandoned listing got after the pause', async () => {
    const inv = fakeInventory();
    const w = new ServerCacheWriter(inv, 20);
    await w.add(page(1, ids(0, 3)));
    await w.add(page(2, ids(3, 3)));
    expect(inv.puts).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(inv.puts).toHaveLength(1);
    expect(inv.puts[0]!.servers).toHaveLength(6);
  });

  it('flush() writes a pending listing at once and cancels its pause write', async () => {
    const inv = fakeInventory();
    const w = new ServerCacheWriter(inv, 20);
    await w.add(page(1, ids(0, 4)));
    await w.flush();
    expect(inv.puts).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(inv.puts).toHaveLength(1);
    expect(inv.puts[0]!.servers).toHaveLength(4);
  });

  it('a new listing replaces the pending one; its pause write never lands on top', async () => {
    const inv = fakeInventory();
    const w = new ServerCacheWriter(inv, 20);
    await w.add(page(1, ids(0, 5)));
    await w.add(page(1, ids(100, 2), true));
    await new Promise((r) => setTimeout(r, 80));
    expect(inv.puts).toHaveLength(1);
    expect(inv.puts[0]!.servers).toEqual(ids(100, 2));
  });

  it('a later page of a listing it did not start adds to what the file holds', async () => {
    const inv = fakeInventory({ servers: ids(0, 2), disks: [], nics: [], tags: [] });
    const w = new ServerCacheWriter(inv, 60_000);
    await w.add(page(3, [{ id: 's1' }, { id: 's9' }], true));
    expect(inv.puts[0]!.servers).toEqual([{ id: 's0' }, { id: 's1' }, { id: 's9' }]);
  });

  it('keeps scopes apart', async () => {
    const inv = fakeInventory();
    const w = new ServerCacheWriter(inv, 60_000);
    await w.add({ ...page(1, ids(0, 1)), region: 'r1' });
    await w.add({ ...page(1, ids(5, 1)), region: 'r2', last: true });
    expect(inv.puts).toHaveLength(1);
    expect(inv.puts[0]!.servers).toEqual(ids(5, 1));
  });
});
