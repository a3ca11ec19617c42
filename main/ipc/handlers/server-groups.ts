/**
 * Handlers of `serverGroups.*`: every server group operation.
 */
import type { ServerGroup } from '../../../shared/ecs/types/server-groups';
import type { HandlerTable } from '../types';
import { serverGroupView } from '../views/resources';
import { collect } from './util';

type Channels =
  | 'serverGroups.list'
  | 'serverGroups.get'
  | 'serverGroups.create'
  | 'serverGroups.delete'
  | 'serverGroups.addMember'
  | 'serverGroups.removeMember';

/** The handlers of this namespace. */
export const serverGroupHandlers: HandlerTable<Channels> = {
  'serverGroups.list': async (arg, ctx) => {
    const groups = await collect(
      (await ctx.client(arg)).paginate<'listServerGroups', ServerGroup>('listServerGroups', {}),
    );
    return { serverGroups: groups.map(serverGroupView) };
  },
  'serverGroups.get': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('showServerGroup', { path: { server_group_id: arg.id } });
    return serverGroupView(res.server_group);
  },
  'serverGroups.create': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('createServerGroup', {
      body: { server_group: { name: arg.name, policies: [arg.policy] } },
    });
    return serverGroupView(res.server_group);
  },
  'serverGroups.delete': async (arg, ctx) => {
    await (await ctx.client(arg)).call('deleteServerGroup', { path: { server_group_id: arg.id } });
    return { deleted: true };
  },
  'serverGroups.addMember': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('addServerGroupMember', {
      path: { server_group_id: arg.id },
      body: { add_member: { instance_uuid: arg.serverId } },
    });
    return { done: true };
  },
  'serverGroups.removeMember': async (arg, ctx) => {
    await (
      await ctx.client(arg)
    ).call('removeServerGroupMember', {
      path: { server_group_id: arg.id },
      body: { remove_member: { instance_uuid: arg.serverId } },
    });
    return { done: true };
  },
};
