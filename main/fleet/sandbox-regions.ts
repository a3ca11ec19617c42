/**
 * The Sandbox's regions as a local region catalogue: a multi-scope Sandbox serves `sandbox-N`
 * regions, each on its own endpoint, with one global IAM endpoint, just as the public catalogue
 * maps `cn-north-4` to its hosts. An account that names a Sandbox region (and sets no custom
 * endpoints of its own) reaches that region's listener; everything else uses the public catalogue.
 */
import type { CustomEndpoints } from '../../shared/accounts';
import type { ServiceEndpoints } from '../cloud/client';
import type { SandboxInfo } from '../sandbox/index';

/** The endpoints of a Sandbox region for an account without custom endpoints, else undefined. */
export function sandboxRegionEndpoints(
  info: SandboxInfo | undefined,
  region: string,
  custom: CustomEndpoints | undefined,
): ServiceEndpoints | undefined {
  if (!info || (custom && Object.values(custom).some((v) => v !== undefined))) return undefined;
  const scope = (info.scopes ?? []).find((s) => s.region === region);
  if (!scope) return undefined;
  return { ecs: scope.endpoint, iam: scope.iamEndpoint, vpc: scope.endpoint };
}
