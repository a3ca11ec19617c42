/**
 * ECS v1/v2/v2.1 routes (§5) at the document's paths and the official SDK's paths.
 */
import type { Router } from '../router';

/** Registers every ECS route. */
export function registerEcsRoutes(router: Router): void {
  void router;
}
