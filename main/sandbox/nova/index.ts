/**
 * Nova v2.1 (§6) and discarded (§11) routes. Stub created by the sandbox framework; owned by the
 * Nova engineer from here on.
 */
import type { Router } from '../router';

/** Registers every Nova and discarded route. */
export function registerNovaRoutes(router: Router): void {
  void router;
}
