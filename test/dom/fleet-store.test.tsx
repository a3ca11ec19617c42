/**
 * The fleet store with the fake API: pages and statuses that arrive before the `fleet.list`
 * answer are kept (the listing id is the renderer's), rows fill per frame, a scope that finishes
 * drops what its listing did not deliver again, a failed scope carries its reason, and a retry
 * relists only that scope.
 */
import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { waitFor } from '@solidjs/testing-library';
import type { FleetScopeStatus } from '../../shared/fleet';
import { createFleetStore } from '../../renderer/src/features/fleet/fleet-store';
import { makeFakeApi, makeServer } from './fake-api';

const A = { accountId: 'acc-a', region: 'r-1', accountName: 'Alpha' };
const B = { accountId: 'acc-b', region: 'r-2', accountName: 'Beta' };
const status = (
  s: typeof A,
  state: FleetScopeStatus['state'],
  count: number,
  extra = {},
): FleetScopeStatus => ({
  ...s,
  state,
  count,
  ...extra,
});

describe('the fleet store', () => {
  it('keeps events that come before the answer, fills rows, prunes on completion and retries one scope', async () => {
    const api = makeFakeApi();
    api.handle('fleet.list', (arg) => {
      const { listingId, scopes } = arg as { listingId: string; scopes?: { accountId: string }[] };
      const targets = scopes ? [B] : [A, B];
      // Everything of the listing is pushed before the answer, as a fast scope may do.
      for (const s of targets) {
        api.emit('fleet.scope', { listingId, status: status(s, 'loading', 0) });
        const servers = s === A ? [makeServer(0), makeServer(1)] : scopes ? [makeServer(7)] : [makeServer(2)];
        api.emit('fleet.page', { listingId, ...s, servers, cached: false });
        if (s === B && !scopes)
          api.emit('fleet.scope', {
            listingId,
            status: status(s, 'failed', 0, {
              error: { name: 'AuthError', code: 'AUTH', message: 'signature mismatch', retryable: false },
            }),
          });
        else api.emit('fleet.scope', { listingId, status: status(s, 'ok', servers.length) });
      }
      return { ok: true, value: { listingId, scopes: targets.map((s) => status(s, 'loading', 0)) } };
    });
    await createRoot(async (dispose) => {
      const fleet = createFleetStore(api);
      expect(await fleet.refresh()).toBeUndefined();
      await waitFor(() => expect(fleet.scopes().map((s) => s.state)).toEqual(['ok', 'failed']));
      expect(fleet.scopes()[1]!.error?.message).toBe('signature mismatch');
      // The failed scope delivered a page before failing, but keeps nothing it did not finish.
      await waitFor(() =>
        expect(
          fleet
            .rows()
            .map((r) => r.accountName)
            .sort(),
        ).toEqual(['Alpha', 'Alpha']),
      );

      await fleet.refresh([{ accountId: B.accountId, region: B.region }]);
      await waitFor(() => expect(fleet.scopes().map((s) => s.state)).toEqual(['ok', 'ok']));
      await waitFor(() => expect(fleet.rows()).toHaveLength(3));
      expect(api.callsOf('fleet.list')[1]).toMatchObject({ scopes: [{ accountId: 'acc-b', region: 'r-2' }] });

      fleet.setFilter('accountId', 'acc-b');
      expect(fleet.shown().map((r) => r.region)).toEqual(['r-2']);
      fleet.setSort({ key: 'name', dir: 'desc' });
      fleet.setFilter('accountId', '');
      const names = fleet.shown().map((r) => r.name);
      expect(names).toEqual([...names].sort().reverse());
      dispose();
    });
  });

  it('narrows the search as more is typed, and widens it again, with rows arriving in between', async () => {
    const api = makeFakeApi();
    let push: (from: number, to: number) => void = () => undefined;
    api.handle('fleet.list', (arg) => {
      const { listingId } = arg as { listingId: string };
      push = (from, to) =>
        api.emit('fleet.page', {
          listingId,
          ...A,
          servers: Array.from({ length: to - from }, (_, i) => makeServer(from + i)),
          cached: false,
        });
      push(0, 30);
      return { ok: true, value: { listingId, scopes: [status(A, 'loading', 0)] } };
    });
    await createRoot(async (dispose) => {
      const fleet = createFleetStore(api);
      await fleet.refresh();
      await waitFor(() => expect(fleet.rows()).toHaveLength(30));
      const names = () => fleet.shown().map((r) => r.name);
      fleet.setFilter('text', 'web-01');
      expect(names()).toHaveLength(10);
      fleet.setFilter('text', 'web-012');
      expect(names()).toEqual(['web-012']);
      // Rows that arrive while typing are searched too.
      push(30, 130);
      await waitFor(() => expect(fleet.rows()).toHaveLength(130));
      fleet.setFilter('text', 'web-0120');
      expect(names()).toEqual([]);
      fleet.setFilter('text', 'web-1');
      expect(names()).toHaveLength(30);
      fleet.setFilter('text', 'web-12');
      expect(names()).toHaveLength(10);
      fleet.setFilter('text', '');
      expect(names()).toHaveLength(130);
      dispose();
    });
  });

  it('applies a big page in slices: the first at once, the rest on later frames, in sorted order', async () => {
    const api = makeFakeApi();
    api.handle('fleet.list', (arg) => {
      const { listingId } = arg as { listingId: string };
      // Names in descending order: the store sorts them (by account, then name).
      const servers = Array.from({ length: 1000 }, (_, i) => makeServer(999 - i));
      // As the main process does: the scope's status (with its account's name) before its pages.
      api.emit('fleet.scope', { listingId, status: status(A, 'loading', 0) });
      api.emit('fleet.page', { listingId, ...A, servers, cached: false });
      return { ok: true, value: { listingId, scopes: [status(A, 'loading', 0)] } };
    });
    // A slow machine: every slice seems to take 5 ms, so the 8 ms budget ends a frame after two.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 5));
    await createRoot(async (dispose) => {
      const fleet = createFleetStore(api);
      await fleet.refresh();
      // The first page goes in without waiting for a frame, but not all 1,000 rows of it in one step.
      const first = fleet.rows().length;
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(1000);
      await waitFor(() => expect(fleet.rows()).toHaveLength(1000));
      const names = fleet.rows().map((r) => r.name);
      expect(new Set(names).size).toBe(1000);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
      dispose();
    });
    now.mockRestore();
  });
});
