/**
 * ECS v1/v2/v2.1 routes (§5) at the document's paths and the official SDK's paths.
 */
import type { Router } from '../router';
import { registerResourceRoutes } from './resources';
import { registerServerRoutes } from './servers';

/** Registers every ECS route. */
export function registerEcsRoutes(router: Router): void {
  registerServerRoutes(router);
  registerResourceRoutes(router);
}
