/**
 * Handlers of `fleet.*`: list every enabled account x region (pages and scope statuses follow as
 * `fleet.page` / `fleet.scope` events), run a batch action across scopes (progress as
 * `fleet.batch` events), and the batches so far.
 */
import { createFleetService, type FleetService } from '../../fleet/fleet.service';
import type { HandlerTable, IpcContext } from '../types';

type Channels = 'fleet.list' | 'fleet.batch' | 'fleet.batches';

// One fleet service per IPC instance, built on first use, pushing through that instance's emit.
const services = new WeakMap<IpcContext, FleetService>();
function fleetOf(ctx: IpcContext): FleetService {
  let f = services.get(ctx);
  if (!f) {
    f = createFleetService(ctx.services, {
      page: (payload) => ctx.emit({ channel: 'fleet.page', payload }),
      scope: (payload) => ctx.emit({ channel: 'fleet.scope', payload }),
      batch: (payload) => ctx.emit({ channel: 'fleet.batch', payload }),
    });
    services.set(ctx, f);
  }
  return f;
}

/** Stops the fleet service of an IPC instance (no cache write after), when the instance is disposed. */
export function disposeFleetOf(ctx: IpcContext): void {
  services.get(ctx)?.dispose();
  services.delete(ctx);
}

/** The handlers of this namespace. */
export const fleetHandlers: HandlerTable<Channels> = {
  'fleet.list': (arg, ctx) => fleetOf(ctx).lister.list(arg.scopes, arg.listingId),
  'fleet.batch': (arg, ctx) => fleetOf(ctx).batches.run(arg),
  'fleet.batches': async (_arg, ctx) => {
    const { batches } = fleetOf(ctx);
    await batches.ready;
    return { batches: batches.list() };
  },
};
