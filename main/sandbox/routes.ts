/**
 * The one place that registers every route module. Each module exports `register(router)`.
 */
import { registerEcsRoutes } from './ecs/index';
import { registerIamRoutes } from './iam';
import { registerNovaRoutes } from './nova/index';
import type { Router } from './router';
import { registerVpcRoutes } from './vpc';
import { registerVpcPortRoutes } from './vpc-ports';

/** Registers IAM, VPC, ECS and Nova routes on a router. */
export function registerRoutes(router: Router): void {
  registerIamRoutes(router);
  registerVpcRoutes(router);
  registerVpcPortRoutes(router);
  registerEcsRoutes(router);
  registerNovaRoutes(router);
}
