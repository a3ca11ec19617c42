/**
 * Wires the tracker's injected reads to the cloud client: `fetchJob` is `showJob` (§5.8.1) and
 * `fetchServer` is `novaShowServer` (§6.2.6) reduced to the A.3 status fields. The composition
 * root passes `cloudJobBackend(clientFor)` into the tracker; tests may pass fakes instead.
 */
import type { CloudClient } from '../cloud/client';
import { ApiError } from '../cloud/errors';
import type { EcsJobWire, FetchJob, FetchServer, ServerSnapshot } from './types';

/** Finds the client of an account in a region (created once per account+region by the caller). */
export type ClientFor = (accountId: string, region: string) => CloudClient | Promise<CloudClient>;

/** The tracker's `fetchJob` and `fetchServer` built on {@link CloudClient}. */
export function cloudJobBackend(clientFor: ClientFor): { fetchJob: FetchJob; fetchServer: FetchServer } {
  const fetchJob: FetchJob = async (accountId, region, jobId, signal) => {
    const client = await clientFor(accountId, region);
    return (await client.call('showJob', { path: { job_id: jobId } }, { signal })) as EcsJobWire;
  };
  const fetchServer: FetchServer = async (accountId, region, serverId, signal) => {
    const client = await clientFor(accountId, region);
    try {
      const { server } = await client.call('novaShowServer', { path: { server_id: serverId } }, { signal });
      const snap: ServerSnapshot = {
        status: server.status,
        task_state: server['OS-EXT-STS:task_state'] ?? null,
        vm_state: server['OS-EXT-STS:vm_state'] ?? null,
      };
      if (server.fault) snap.fault = { code: server.fault.code, message: server.fault.message };
      return snap;
    } catch (err) {
      // A deleted server answers 404 (Ecs.0114 / itemNotFound): that is an observation, not an error.
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  };
  return { fetchJob, fetchServer };
}
