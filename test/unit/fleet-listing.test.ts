/**
 * The fleet lister's offline cache, with fake clients: each scope's complete list is written only
 * once no scope is listing any more (a write per scope competed with the pages of the others),
 * without user data or an admin password, and nothing is written after dispose.
 */
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/accounts';
import type { CloudClient } from '../../main/cloud/client';
import type { InventoryCache } from '../../main/accounts/inventory-cache';
import { FleetLister } from '../../main/fleet/listing';

function server(id: string) {
  return {
    id,
    name: `vm-${id}`,
    status: 'ACTIVE',
    flavor: { id: 's6.small.1' },
    metadata: { admin_pass: 'secret', image_name: 'ubuntu' },
    'OS-EXT-SRV-ATTR:user_data': 'IyEvYmluL3NoCmVjaG8gc2VjcmV0',
  };
}

function rig() {
  let releaseSlow!: () => void;
  const slow = new Promise<void>((r) => (releaseSlow = r));
  const puts: { region: string; servers: Record<string, unknown>[] }[] = [];
  const finished: string[] = [];
  const lister = new FleetLister({
    listAccounts: async () => [
      { id: 'acc', name: 'Acc', hidden: false, regions: ['fast', 'slow'] } as AccountView,
    ],
    clientFor: async (_id, region) =>
      ({
        call: async () => {
          if (region === 'slow') await slow;
          return { count: 2, servers: [server(`${region}-1`), server(`${region}-2`)] };
        },
      }) as unknown as CloudClient,
    inventory: {
      get: async () => undefined,
      putServers: async (_a: string, region: string, servers: Record<string, unknown>[]) => {
        puts.push({ region, servers: JSON.parse(JSON.stringify(servers)) });
      },
    } as unknown as InventoryCache,
    onPage: () => undefined,
    onScope: (e) => {
      if (e.status.state !== 'loading') finished.push(e.status.region);
    },
  });
  return { lister, puts, finished, releaseSlow };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('fleet lister offline cache', () => {
  it('writes every scope once no scope is listing, without user data or admin password', async () => {
    const { lister, puts, finished, releaseSlow } = rig();
    await lister.list();
    await tick();
    expect(finished).toEqual(['fast']);
    // The fast scope is done, but the slow one is still listing: nothing written yet.
    expect(puts).toEqual([]);
    releaseSlow();
    await tick();
    await lister.settled();
    expect(puts.map((p) => p.region).sort()).toEqual(['fast', 'slow']);
    for (const p of puts)
      for (const s of p.servers) {
        expect(s).not.toHaveProperty('OS-EXT-SRV-ATTR:user_data');
        expect(s.metadata).toEqual({ image_name: 'ubuntu' });
      }
  });

  it('writes nothing once disposed', async () => {
    const { lister, puts, releaseSlow } = rig();
    await lister.list();
    await tick();
    lister.dispose();
    releaseSlow();
    await tick();
    await lister.settled();
    expect(puts).toEqual([]);
  });
});
