/**
 * §11.1 (discarded) server auto-recovery: `GET|PUT /v1/{project_id}/cloudservers/{server_id}/autorecovery`.
 * An ECS v1 path, so it answers with ECS-style errors (Ecs.xxxx), not Nova faults.
 */
import type { RequestContext } from '../context';
import { ecs } from '../faults';

function ecsServer(ctx: RequestContext) {
  const id = ctx.param('server_id');
  const s = ctx.state.servers.get(id);
  if (s === undefined || s.project_id !== ctx.who.projectId)
    throw ecs('Ecs.0114', `The ECS ${id} does not exist.`, 404);
  return s;
}

/** GET /v1/{project_id}/cloudservers/{server_id}/autorecovery. */
export function showAutoRecovery(ctx: RequestContext): void {
  ctx.ok({ support_auto_recovery: String(ecsServer(ctx).auto_recovery) });
}

/** PUT /v1/{project_id}/cloudservers/{server_id}/autorecovery: the flavor must support it (Ecs.0036). */
export function updateAutoRecovery(ctx: RequestContext): void {
  const server = ecsServer(ctx);
  const v = ctx.jsonObject().support_auto_recovery;
  if (v !== 'true' && v !== 'false' && typeof v !== 'boolean')
    throw ecs('Ecs.0005', 'support_auto_recovery must be "true" or "false".');
  const on = v === true || v === 'true';
  const flavor = ctx.state.flavors.get(server.flavor_id);
  if (on && flavor?.extra_specs['cond:compute'] !== 'autorecovery') throw ecs('Ecs.0036');
  server.auto_recovery = on;
  ctx.noContent();
}
