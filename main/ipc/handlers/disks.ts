/**
 * Handlers of `disks.*`: the project's disks page by page (limit/offset), a server's disks, attach and detach (tracked jobs), create and delete.
 */
import type { DiskView } from '../../../shared/ipc/views';
import type { HandlerTable } from '../types';
import { diskView, serverDiskView } from '../views/resources';

type Channels =
  'disks.list' | 'disks.listForServer' | 'disks.attach' | 'disks.detach' | 'disks.create' | 'disks.delete';

/** Disks per `disks.list` page when the caller names none: the API's most (Nova's max_limit). */
export const DISK_PAGE = 1000;

/** The handlers of this namespace. */
export const diskHandlers: HandlerTable<Channels> = {
  'disks.list': async (arg, ctx) => {
    const offset = arg.offset ?? 0;
    const limit = arg.limit ?? DISK_PAGE;
    const res = await (await ctx.client(arg)).call('novaListVolumesDetail', { query: { limit, offset } });
    const volumes = res?.volumes ?? [];
    const page: { disks: DiskView[]; nextOffset?: number } = { disks: volumes.map(diskView) };
    // A full page may have more behind it; a short one is the last (the client's paginator's rule).
    if (volumes.length > 0 && volumes.length >= limit) page.nextOffset = offset + volumes.length;
    return page;
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
};
