/**
 * ECS flavors (API Reference §5.4.1 "Querying the Flavors"): with an AZ, only those on sale there
 * (Table 5-41 `cond:operation:*`, kit.ts `flavorSellable`, which create and resize apply too).
 */
import type { RequestContext } from '../context';
import { invalid } from '../faults';
import { flavorSellable } from '../kit';
import type { Flavor } from '../state';

function flavorView(ctx: RequestContext, f: Flavor): Record<string, unknown> {
  const href = `${ctx.sandbox.info.endpoint}/v1/${ctx.who.projectId}/flavors/${f.id}`;
  return {
    id: f.id,
    name: f.name,
    // vcpus is a String in v1 (§5.4.1; NOTES.md §13).
    vcpus: String(f.vcpus),
    ram: f.ram,
    disk: '0',
    swap: '',
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    rxtx_factor: 1,
    rxtx_quota: null,
    rxtx_cap: null,
    'os-flavor-access:is_public': f.is_public,
    links: [
      { rel: 'self', href, type: null },
      { rel: 'bookmark', href, type: null },
    ],
    os_extra_specs: f.extra_specs,
  };
}

/** GET .../cloudservers/flavors (§5.4.1), optionally only those on sale in one AZ. */
export function listFlavors(ctx: RequestContext): void {
  const az = ctx.query.get('availability_zone');
  if (az !== undefined && !ctx.state.availabilityZones.includes(az))
    throw invalid(`availability_zone ${az} does not exist.`);
  // With ?availability_zone= only flavors on sale there are listed; without it, all but abandoned ones.
  const flavors = [...ctx.state.flavors.values()].filter((f) => {
    const s = flavorSellable(f, az);
    return az === undefined ? s !== 'abandon' : s === 'normal';
  });
  ctx.ok({ flavors: flavors.map((f) => flavorView(ctx, f)) });
}
