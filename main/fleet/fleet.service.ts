/**
 * The fleet service: listing of every enabled account x region ({@link FleetLister}) and batch
 * actions across scopes ({@link FleetBatches}), over the app's clients, inventory cache and job
 * tracker. Plain Node; the IPC layer turns its callbacks into pushed events.
 */
import type { FleetBatchView, FleetPageEvent, FleetScopeEvent } from '../../shared/fleet';
import type { Services } from '../services';
import { waitSpecFor } from '../jobs/wait-spec';
import { fileBatchStore } from './batch-store';
import { FleetBatches } from './batch';
import { FleetLister } from './listing';

export { FleetBatches, type FleetBatchInput, type FleetBatchTarget } from './batch';
export { FleetLister, FLEET_PAGE_SIZE, enabledScopes } from './listing';

/** Where the fleet's pushed updates go. */
export interface FleetSink {
  page(event: FleetPageEvent): void;
  scope(event: FleetScopeEvent): void;
  batch(view: FleetBatchView): void;
}

/** Listing and batches of one app instance. */
export interface FleetService {
  lister: FleetLister;
  batches: FleetBatches;
  dispose(): void;
}

/** Builds the fleet service over the app's services. */
export function createFleetService(
  services: Pick<Services, 'accounts' | 'clientFor' | 'inventory' | 'tracker'> & { dataDir?: string },
  sink: FleetSink,
  opts: { sleep?: (ms: number) => Promise<void> } = {},
): FleetService {
  const lister = new FleetLister({
    listAccounts: () => services.accounts.list(),
    clientFor: services.clientFor,
    inventory: services.inventory,
    onPage: sink.page,
    onScope: sink.scope,
  });
  const batches = new FleetBatches({
    clientFor: services.clientFor,
    tracker: services.tracker,
    waitSpecFor,
    accountName: async (id) => (await services.accounts.get(id)).name,
    onBatch: sink.batch,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(services.dataDir !== undefined ? { store: fileBatchStore(services.dataDir) } : {}),
  });
  return {
    lister,
    batches,
    dispose() {
      lister.dispose();
      batches.dispose();
    },
  };
}
