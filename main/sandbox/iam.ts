/**
 * The sandbox's IAM: tokens, projects, version document.
 */
import type { Router } from './router';

/** Registers the IAM routes. */
export function registerIamRoutes(router: Router): void {
  void router;
}
