/**
 * Handlers of `nics.*` and `networks.list`: a server's NICs, batch add and delete (tracked jobs), networks.
 */
import type { HandlerTable } from '../types';
import { networkView, nicView, primaryPortsOf } from '../views/resources';

type Channels = 'nics.list' | 'nics.add' | 'nics.delete' | 'networks.list';

/** The handlers of this namespace. */
export const nicHandlers: HandlerTable<Channels> = {
  'nics.list': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const path = { server_id: arg.serverId };
    const [res, shown] = await Promise.all([
      client.call('novaListServerInterfaces', { path }),
      client.call('showServer', { path }),
    ]);
    const interfaces = res?.interfaceAttachments ?? [];
    const primary = primaryPortsOf(shown.server);
    // Without a primary flag from the API, the first NIC is the primary one (it cannot be deleted).
    if (primary.size === 0 && interfaces[0]) primary.add(interfaces[0].port_id);
    return { nics: interfaces.map((a) => nicView(arg.serverId, a, primary)) };
  },
  'nics.add': async (arg, ctx) => {
    const nics = arg.nics.map((n) => ({
      subnet_id: n.subnetId,
      ...(n.ipAddress ? { ip_address: n.ipAddress } : {}),
      ...(n.securityGroupIds?.length ? { security_groups: n.securityGroupIds.map((id) => ({ id })) } : {}),
    }));
    const res = await (
      await ctx.client(arg)
    ).call('batchAddServerNics', {
      path: { server_id: arg.serverId },
      body: { nics },
    });
    return ctx.track({
      scope: arg,
      operation: 'batchAddServerNics',
      targets: [{ id: arg.serverId }],
      result: res,
    });
  },
  'nics.delete': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('batchDeleteServerNics', {
      path: { server_id: arg.serverId },
      body: { nics: arg.portIds.map((id) => ({ id })) },
    });
    return ctx.track({
      scope: arg,
      operation: 'batchDeleteServerNics',
      targets: [{ id: arg.serverId }],
      result: res,
    });
  },
  'networks.list': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('novaListNetworks', {});
    return { networks: (res?.networks ?? []).map(networkView) };
  },
};
