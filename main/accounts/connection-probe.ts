/**
 * The connection test's one cheap signed call: `showServerLimits` with the account's credentials,
 * sent once (no retry), its raw answer handed to connection-diagnosis.ts to classify.
 */
import { CloudClient } from '../cloud/client';
import { ProjectResolver } from '../cloud/auth/project';
import { operations } from '../cloud/ops/index';
import { buildRequest } from '../cloud/request';
import type { AccountClients } from './account-clients';
import type { ConnectionProbe } from './accounts.service';
import type { ProbeResponse } from './connection-diagnosis';

/** The probe of the accounts service, reaching accounts the way their clients do. */
export function makeConnectionProbe(clients: AccountClients): ConnectionProbe {
  return async ({ profile, credentials, region, signal }) => {
    const { endpoints, transport, auth, projectId: known } = clients.target(profile, credentials, region);
    let projectId = known;
    if (projectId === undefined) {
      const iam = new CloudClient({ region, endpoints, auth, transport, retry: { maxAttempts: 1 } });
      projectId = await new ProjectResolver(iam).resolve(region, signal);
    }
    const req = buildRequest(operations.showServerLimits, {}, { baseUrl: endpoints.ecs, projectId });
    const signed = await auth.authorize(req, signal);
    const res = await transport.send(signed, signal ? { signal, operation: 'showServerLimits' } : {});
    const out: ProbeResponse = { status: res.status, headers: res.headers, body: res.body.toString('utf8') };
    return out;
  };
}
