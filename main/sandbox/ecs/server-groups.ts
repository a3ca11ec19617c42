/**
 * ECS server groups (API Reference §5.10.1-§5.10.6: create, delete, add and remove a member, list,
 * show). Only anti-affinity groups, as §5.10.1 says; Nova's os-server-groups (§6) are in nova/.
 */
import { pageAfterMarker } from '../paging';
import type { RequestContext } from '../context';
import { EcsFault, ecs, invalid } from '../faults';
import { deleteServerGroupRecord } from '../server-records';
import { uuid, type ServerGroup } from '../state';
import { arr, findServer, reqObj, str } from './util';

function groupView(g: ServerGroup): Record<string, unknown> {
  return { id: g.id, name: g.name, policies: g.policies, members: g.members, metadata: g.metadata };
}

function findGroup(ctx: RequestContext): ServerGroup {
  const g = ctx.state.serverGroups.get(ctx.param('server_group_id'));
  if (!g || g.project_id !== ctx.who.projectId)
    throw new EcsFault('Ecs.0005', `The ECS group ${ctx.param('server_group_id')} does not exist.`, {
      status: 404,
    });
  return g;
}

/** POST .../os-server-groups (§5.10.1). */
export function createGroup(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const sg = reqObj(body, 'server_group');
  const name = str(sg, 'name', { max: 255 })!;
  const policies = arr(sg, 'policies')!;
  // §5.10.1 Constraints: "Only anti-affinity groups are supported." (Nova's os-server-groups, §6,
  // keeps affinity.)
  if (policies.length !== 1 || policies[0] !== 'anti-affinity')
    throw invalid('policies must be ["anti-affinity"]: only anti-affinity groups are supported.');
  if (ctx.state.usage().serverGroups >= ctx.state.quotas.server_groups)
    throw ecs('Ecs.0022', 'Insufficient ECS group quota.');
  const g: ServerGroup = {
    id: uuid(),
    name,
    policies: policies as string[],
    members: [],
    metadata: {},
    project_id: ctx.who.projectId,
    user_id: ctx.who.userId,
  };
  ctx.state.serverGroups.set(g.id, g);
  ctx.ok({ server_group: groupView(g) });
}

/** GET one server group (§5.10.6). */
export function showGroup(ctx: RequestContext): void {
  ctx.ok({ server_group: groupView(findGroup(ctx)) });
}

/** DELETE .../os-server-groups/{server_group_id} (§5.10.2): members leave the group. */
export function deleteGroup(ctx: RequestContext): void {
  deleteServerGroupRecord(ctx.sandbox, findGroup(ctx));
  ctx.noContent();
}

/** POST .../os-server-groups/{server_group_id}/action (§5.10.3 add_member, §5.10.4 remove_member). */
export function groupAction(ctx: RequestContext): void {
  const g = findGroup(ctx);
  const body = ctx.jsonObject();
  const key = 'add_member' in body ? 'add_member' : 'remove_member' in body ? 'remove_member' : undefined;
  if (!key) throw invalid('The body must have add_member or remove_member.');
  const id = str(reqObj(body, key), 'instance_uuid')!;
  const server = findServer(ctx, id);
  if (key === 'add_member') {
    if (g.members.includes(id)) throw invalid(`The ECS ${id} is already in the group.`);
    // "The ECS to be added has been stopped." (§5.10.3)
    if (server.vm_state !== 'stopped' || server.task_state !== null)
      throw ecs('Ecs.0100', 'Only a stopped ECS can be added to an ECS group.');
    if (g.members.length >= ctx.state.quotas.server_group_members)
      throw ecs('Ecs.0022', 'The ECS group is full.');
    g.members.push(id);
    server.server_groups.push(g.id);
  } else {
    if (!g.members.includes(id)) throw invalid(`The ECS ${id} is not in the group.`);
    g.members = g.members.filter((m) => m !== id);
    server.server_groups = server.server_groups.filter((x) => x !== g.id);
  }
  // "Status code 200" with no body (§5.10.3/5.10.4).
  ctx.reply(200);
}

/** GET .../os-server-groups (§5.10.5), marker paging. */
export function listGroups(ctx: RequestContext): void {
  const limitRaw = ctx.query.get('limit');
  const marker = ctx.query.get('marker');
  const limit = limitRaw === undefined ? 1000 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit must be within [1, 1000].');
  const all = [...ctx.state.serverGroups.values()].filter((g) => g.project_id === ctx.who.projectId);
  const { page, more } = pageAfterMarker(all, marker, limit, (m) => invalid(`marker ${m} not found.`));
  ctx.ok({
    server_groups: page.map(groupView),
    page_info: { next_marker: more ? page[page.length - 1]!.id : null },
  });
}
