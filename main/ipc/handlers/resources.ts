/**
 * Handlers of disks, NICs, networks, tags, the catalogue (flavors, images, zones, VPCs, subnets,
 * security groups), key pairs, server groups, quotas and jobs.
 */
import type { Flavor } from '../../../shared/ecs/types/flavors';
import type { NovaImage } from '../../../shared/ecs/types/images';
import type { ServerGroup } from '../../../shared/ecs/types/server-groups';
import type { ListServersByTagBody } from '../../../shared/ecs/types/tags';
import type { Subnet, Vpc, VpcSecurityGroup } from '../../../shared/ecs/types/vpc';
import type { ErrorData } from '../../../shared/errors';
import type { AvailabilityZoneView } from '../../../shared/ipc/views';
import { ValidationError, toErrorData } from '../../cloud/errors';
import type { HandlerTable } from '../types';
import { jobView } from '../views/jobs';
import {
  diskView,
  flavorView,
  imageView,
  keypairView,
  networkView,
  nicView,
  primaryPortsOf,
  quotaView,
  securityGroupView,
  serverDiskView,
  serverGroupView,
  subnetView,
  tagView,
  vpcView,
} from '../views/resources';

type ResourceChannels =
  | 'disks.list'
  | 'disks.listForServer'
  | 'disks.attach'
  | 'disks.detach'
  | 'disks.create'
  | 'disks.delete'
  | 'nics.list'
  | 'nics.add'
  | 'nics.delete'
  | 'networks.list'
  | 'tags.server'
  | 'tags.project'
  | 'tags.filterServers'
  | 'tags.batchAdd'
  | 'tags.batchDelete'
  | 'tags.nova'
  | 'tags.novaReplace'
  | 'flavors.list'
  | 'images.list'
  | 'zones.list'
  | 'vpcs.list'
  | 'subnets.list'
  | 'securityGroups.list'
  | 'keypairs.list'
  | 'keypairs.create'
  | 'keypairs.import'
  | 'keypairs.delete'
  | 'serverGroups.list'
  | 'serverGroups.get'
  | 'serverGroups.create'
  | 'serverGroups.delete'
  | 'serverGroups.addMember'
  | 'serverGroups.removeMember'
  | 'quotas.get'
  | 'jobs.list'
  | 'jobs.retry'
  | 'jobs.forget';

/** Most items a catalogue list collects (pages are fetched until then). */
const MAX_ITEMS = 10_000;
/** Per-server calls of a tag batch run this many at a time (the limiter paces them further). */
const BATCH_CONCURRENCY = 8;

async function collect<T>(items: AsyncIterable<T>, max = MAX_ITEMS): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

/** Runs `fn` for every id, a few at a time, and sorts the outcomes into succeeded and failed. */
async function forEachServer(
  ids: readonly string[],
  fn: (id: string) => Promise<unknown>,
): Promise<{ succeeded: string[]; failed: { id: string; error: ErrorData }[] }> {
  const succeeded: string[] = [];
  const failed: { id: string; error: ErrorData }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        await fn(id);
        succeeded.push(id);
      } catch (err) {
        failed.push({ id, error: toErrorData(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, ids.length) }, worker));
  // Stable order for the caller, whatever order the calls finished in.
  const order = new Map(ids.map((id, i) => [id, i]));
  succeeded.sort((a, b) => order.get(a)! - order.get(b)!);
  failed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { succeeded, failed };
}

/** The handlers of the resource, catalogue and job channels. */
export const resourceHandlers: HandlerTable<ResourceChannels> = {
  'disks.list': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('novaListVolumesDetail', {});
    return { disks: (res?.volumes ?? []).map(diskView) };
  },
  'disks.listForServer': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('listServerBlockDevices', { path: { server_id: arg.serverId } });
    return { disks: (res?.volumeAttachments ?? []).map(serverDiskView) };
  },
  'disks.attach': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('attachServerVolume', {
      path: { server_id: arg.serverId },
      body: { volumeAttachment: { volumeId: arg.volumeId, ...(arg.device ? { device: arg.device } : {}) } },
    });
    return ctx.track({
      scope: arg,
      operation: 'attachServerVolume',
      targets: [{ id: arg.serverId }],
      result: res,
    });
  },
  'disks.detach': async (arg, ctx) => {
    const input = {
      path: { server_id: arg.serverId, volume_id: arg.volumeId },
      query: arg.force ? { delete_flag: '1' as const } : {},
    };
    const res = await (await ctx.client(arg)).call('detachServerVolume', input);
    return ctx.track({
      scope: arg,
      operation: 'detachServerVolume',
      targets: [{ id: arg.serverId }],
      result: res,
      retryInput: input,
    });
  },
  'disks.create': async (arg, ctx) => {
    const volume: Record<string, string | number> = { size: arg.sizeGb, display_name: arg.name };
    if (arg.volumeType) volume.volume_type = arg.volumeType;
    if (arg.availabilityZone) volume.availability_zone = arg.availabilityZone;
    if (arg.description) volume.display_description = arg.description;
    const res = await (await ctx.client(arg)).call('novaCreateVolume', { body: { volume } });
    return diskView(res.volume);
  },
  'disks.delete': async (arg, ctx) => {
    await (await ctx.client(arg)).call('novaDeleteVolume', { path: { volume_id: arg.id } });
    return { deleted: true };
  },

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

  'tags.server': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('listServerTags', { path: { server_id: arg.id } });
    return { tags: (res?.tags ?? []).map(tagView) };
  },
  'tags.project': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('listProjectTags', {});
    return { tags: (res?.tags ?? []).map((t) => ({ key: t.key, values: [...(t.values ?? [])] })) };
  },
  'tags.filterServers': async (arg, ctx) => {
    const body: ListServersByTagBody = { action: 'filter' };
    // The API wants at least one of tags/not_tags/matches; an empty `tags` list means "any tags".
    body.tags = (arg.tags ?? []).map((t) => ({ key: t.key, ...(t.values ? { values: t.values } : {}) }));
    if (arg.notTags?.length)
      body.not_tags = arg.notTags.map((t) => ({ key: t.key, ...(t.values ? { values: t.values } : {}) }));
    if (arg.name) body.matches = [{ key: 'resource_name', value: arg.name }];
    // Numbers as strings: §5.9.1 types limit and offset as String.
    body.limit = String(arg.limit ?? 100);
    body.offset = String(arg.offset ?? 0);
    const res = await (await ctx.client(arg)).call('listServersByTag', { body });
    return {
      servers: (res?.resources ?? []).map((r) => ({
        id: r.resource_id,
        name: r.resource_name,
        tags: (r.tags ?? []).map(tagView),
      })),
      total: res?.total_count ?? 0,
    };
  },
  'tags.batchAdd': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const out = await forEachServer(arg.ids, (id) =>
      client.call('batchCreateServerTags', {
        path: { server_id: id },
        body: { action: 'create', tags: arg.tags },
      }),
    );
    if (out.succeeded.length)
      ctx.emit({
        channel: 'servers.changed',
        payload: { accountId: arg.accountId, region: arg.region, ids: out.succeeded },
      });
    return out;
  },
  'tags.batchDelete': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const tags = arg.tags.map((t) =>
      t.value === undefined ? { key: t.key } : { key: t.key, value: t.value },
    );
    const out = await forEachServer(arg.ids, (id) =>
      client.call('batchDeleteServerTags', { path: { server_id: id }, body: { action: 'delete', tags } }),
    );
    if (out.succeeded.length)
      ctx.emit({
        channel: 'servers.changed',
        payload: { accountId: arg.accountId, region: arg.region, ids: out.succeeded },
      });
    return out;
  },
  'tags.nova': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('novaListServerTags', { path: { server_id: arg.id } });
    return { tags: [...(res?.tags ?? [])] };
  },
  'tags.novaReplace': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaReplaceServerTags', {
      path: { server_id: arg.id },
      body: { tags: arg.tags },
    });
    return { tags: [...(res?.tags ?? arg.tags)] };
  },

  'flavors.list': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const query = arg.availabilityZone ? { availability_zone: arg.availabilityZone } : {};
    const flavors = await collect(client.paginate<'listFlavors', Flavor>('listFlavors', { query }));
    return { flavors: flavors.map(flavorView) };
  },
  'images.list': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const images = await collect(
      client.paginate<'novaListImagesDetail', NovaImage>('novaListImagesDetail', {}),
    );
    return { images: images.map(imageView) };
  },
  'zones.list': async (arg, ctx) => {
    // The operation table has no availability-zone list; the zones are those the flavors are sold
    // in (cond:operation:az) and those the subnets live in.
    const client = await ctx.client(arg);
    const [flavors, subnets] = await Promise.all([
      collect(client.paginate<'listFlavors', Flavor>('listFlavors', {})),
      collect(client.paginate<'vpcListSubnets', Subnet>('vpcListSubnets', {})),
    ]);
    const zones = new Map<string, boolean>();
    for (const f of flavors)
      for (const [az, status] of Object.entries(flavorView(f).azStatus))
        zones.set(az, (zones.get(az) ?? false) || status !== 'abandon');
    for (const s of subnets) if (s.availability_zone) zones.set(s.availability_zone, true);
    const list: AvailabilityZoneView[] = [...zones.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, available]) => ({ name, available }));
    return { zones: list };
  },
  'vpcs.list': async (arg, ctx) => {
    const vpcs = await collect((await ctx.client(arg)).paginate<'vpcListVpcs', Vpc>('vpcListVpcs', {}));
    return { vpcs: vpcs.map(vpcView) };
  },
  'subnets.list': async (arg, ctx) => {
    const query = arg.vpcId ? { vpc_id: arg.vpcId } : {};
    const subnets = await collect(
      (await ctx.client(arg)).paginate<'vpcListSubnets', Subnet>('vpcListSubnets', { query }),
    );
    return { subnets: subnets.map(subnetView) };
  },
  'securityGroups.list': async (arg, ctx) => {
    const query = arg.vpcId ? { vpc_id: arg.vpcId } : {};
    const groups = await collect(
      (await ctx.client(arg)).paginate<'vpcListSecurityGroups', VpcSecurityGroup>('vpcListSecurityGroups', {
        query,
      }),
    );
    return { securityGroups: groups.map(securityGroupView) };
  },

  'keypairs.list': async (arg, ctx) => {
    type Item = { keypair: { fingerprint: string; name: string; public_key: string; type?: string } };
    const items = await collect(
      (await ctx.client(arg)).paginate<'novaListKeypairs', Item>('novaListKeypairs', {}),
    );
    return { keypairs: items.map((i) => keypairView(i.keypair)) };
  },
  'keypairs.create': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaCreateKeypair', { body: { keypair: { name: arg.name } } });
    const privateKey = res.keypair.private_key;
    if (!privateKey) throw new ValidationError('The cloud created the key pair but returned no private key.');
    // The private key is handed over once, here; main keeps no copy.
    return { ...keypairView(res.keypair), privateKey };
  },
  'keypairs.import': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaCreateKeypair', {
      body: { keypair: { name: arg.name, public_key: arg.publicKey } },
    });
    return keypairView(res.keypair);
  },
  'keypairs.delete': async (arg, ctx) => {
    await (await ctx.client(arg)).call('novaDeleteKeypair', { path: { keypair_name: arg.name } });
    return { deleted: true };
  },

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

  'quotas.get': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('showServerLimits', {});
    return quotaView(res?.absolute ?? {});
  },

  'jobs.list': (arg, ctx) => {
    const jobs = ctx.services.tracker
      .list()
      .filter((j) => arg.accountId === undefined || j.accountId === arg.accountId);
    return { jobs: jobs.map(jobView) };
  },
  'jobs.retry': async (arg, ctx) => {
    const job = await ctx.services.tracker.retry(arg.id);
    return job.wait.kind === 'ecsJob' ? { jobId: job.id, cloudJobId: job.wait.jobId } : { jobId: job.id };
  },
  'jobs.forget': async (arg, ctx) => {
    if (!(await ctx.services.tracker.forget(arg.id)))
      throw new ValidationError(`There is no tracked job ${arg.id}.`);
    return { forgotten: true };
  },
};
