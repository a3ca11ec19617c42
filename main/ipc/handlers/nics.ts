/**
 * Handlers of `nics.*` and `networks.list`: a server's NICs, every NIC of the region page by page,
 * batch add and delete (tracked jobs), networks.
 */
import type { HandlerTable } from '../types';
import { isInfrastructurePort, portRowView } from '../views/ports';
import { networkView, nicView, primaryPortsOf } from '../views/resources';

type Channels = 'nics.list' | 'nics.listAll' | 'nics.add' | 'nics.delete' | 'networks.list';

/** The VPC port list's page when none is asked for (its own default, "at most 2000 per query"). */
const PORT_PAGE = 2000;

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
  'nics.listAll': async (arg, ctx) => {
    const limit = arg.limit ?? PORT_PAGE;
    const res = await (
      await ctx.client(arg)
    ).call('vpcListPorts', {
      query: {
        limit,
        ...(arg.marker ? { marker: arg.marker } : {}),
        ...(arg.serverId ? { device_id: arg.serverId } : {}),
      },
    });
    const ports = res?.ports ?? [];
    // VPC v1 pages have no next link: a full page may have more after it, its last port is the
    // marker. Taken before infrastructure ports are left out, so paging never skips any port.
    const last = ports.length >= limit ? ports[ports.length - 1]?.id : undefined;
    return {
      nics: ports.filter((p) => !isInfrastructurePort(p)).map(portRowView),
      ...(last ? { nextMarker: last } : {}),
    };
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
