/**
 * ECS flavors (API Reference §5.4.1 "Querying the Flavors") and the sale-status rule (Table 5-41
 * `cond:operation:*`) that create (§5.1.1) and resize (§5.2.4) also apply.
 */
import type { RequestContext } from '../context';
import { ecs, invalid } from '../faults';
import type { Flavor } from '../state';

/** Whether a flavor can be sold in an AZ (Table 5-41 `cond:operation:status` and `cond:operation:az`). */
export function flavorSellable(f: Flavor, az: string | undefined): 'normal' | 'sellout' | 'abandon' {
  const st = f.extra_specs['cond:operation:status'] ?? 'normal';
  if (st === 'abandon') return 'abandon';
  let status = st;
  const azSpec = f.extra_specs['cond:operation:az'];
  if (az !== undefined && azSpec !== undefined) {
    const m = new RegExp(`(?:^|,)\\s*${az.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\((\\w+)\\)`).exec(azSpec);
    if (m) status = m[1]!;
  }
  return status === 'sellout' || status === 'obt_sellout'
    ? 'sellout'
    : status === 'abandon'
      ? 'abandon'
      : 'normal';
}

/** The flavor of `flavorRef`, refused when unknown or abandoned (Ecs.0029) or sold out in the AZ (Ecs.0319). */
export function resolveFlavor(ctx: RequestContext, id: string, az: string | undefined): Flavor {
  const f = ctx.state.flavors.get(id);
  if (!f) throw ecs('Ecs.0029', `The flavor ${id} does not exist.`);
  const sell = flavorSellable(f, az);
  if (sell === 'abandon') throw ecs('Ecs.0029', `The flavor ${id} does not exist or has been abandoned.`);
  if (sell === 'sellout') throw ecs('Ecs.0319', `The flavor ${id} is sold out${az ? ` in ${az}` : ''}.`);
  return f;
}

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
