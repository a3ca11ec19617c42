/**
 * ECS disk attachments (API Reference §5.6.1 "Attaching an EVS Disk", §5.6.2 "Detaching an EVS
 * Disk", §5.6.3/§5.6.4 block devices at `/v2.1` and the SDK's `/v1` paths) and the SDK's
 * `os-volume_attachments` list.
 */
import type { RequestContext } from '../context';
import { ecs, invalid } from '../faults';
import { attachVolumeRecord, detachVolumeRecord, nextDevice } from '../lifecycle';
import { DURATIONS } from '../scheduler';
import type { Server, Volume } from '../state';
import type { SubJobControl } from '../jobs';
import { afterDelay, jobResponse, startServerJob, type JobTypes } from './jobs';
import { bool, findServer, reqObj, str, requireUnlocked } from './util';

/**
 * Starts the one-disk job of an attach or a detach: the disk is `attaching`/`detaching` until
 * `step` runs, DURATIONS.volume later, and ends the sub-job (restoring the status on failure).
 */
function startVolumeJob(
  ctx: RequestContext,
  server: Server,
  volume: Volume,
  kind: 'attach' | 'detach',
  step: (ctl: SubJobControl) => void,
): string {
  volume.status = kind === 'attach' ? 'attaching' : 'detaching';
  const types: JobTypes =
    kind === 'attach' ? ['attachVolume', 'attachSingleVolume'] : ['detachVolume', 'detachSingleVolume'];
  const run = afterDelay(ctx, DURATIONS.volume, step);
  return startServerJob(ctx, server, types, [{ entities: { volume_id: volume.id }, run }]);
}

const VBD_DEVICE = /^\/dev\/(vd|sd|xvd)[b-z]$/;

/** POST .../attachvolume (§5.6.1): a job attaches the disk. */
export function attachVolume(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const va = reqObj(body, 'volumeAttachment');
  const volumeId = str(va, 'volumeId')!;
  const device = str(va, 'device', { optional: true });
  const st = ctx.state;
  const volume = st.volumes.get(volumeId);
  if (!volume) throw ecs('Ecs.0103', `The disk ${volumeId} does not exist.`);
  if (volume.attachments.some((a) => a.server_id === server.id))
    throw ecs('Ecs.0057', `The disk ${volumeId} is already attached to this ECS.`);
  if (volume.status !== 'available' && !(volume.multiattach && volume.status === 'in-use'))
    throw ecs('Ecs.0103', `The disk ${volumeId} is ${volume.status}; only available disks can be attached.`);
  if (volume.availability_zone !== server.availability_zone)
    throw invalid(
      `The disk ${volumeId} is in ${volume.availability_zone}, the ECS in ${server.availability_zone}.`,
    );
  if (device !== undefined) {
    if (!VBD_DEVICE.test(device)) throw invalid(`Invalid device name ${device}: use /dev/vdb to /dev/vdz.`);
    const taken = server.volumes.some((vid) =>
      st.volumes
        .get(vid)
        ?.attachments.some((a) => a.server_id === server.id && a.device.slice(-1) === device.slice(-1)),
    );
    if (taken) throw invalid(`The device ${device} is already used on this ECS.`);
  }
  if (server.volumes.length - 1 >= 23)
    throw ecs('Ecs.0104', 'The number of EVS disks that can be attached to the ECS exceeds the maximum.');
  requireUnlocked(server);
  if (server.task_state !== null || (server.vm_state !== 'active' && server.vm_state !== 'stopped'))
    throw ecs('Ecs.0100', `Disks can be attached only to a running or stopped ECS; it is ${server.status}.`);
  if (bool(body, 'dry_run') === true) {
    ctx.reply(202, {});
    return;
  }
  const dev = device !== undefined ? `/dev/vd${device.slice(-1)}` : nextDevice(ctx.sandbox, server);
  if (dev === undefined) throw ecs('Ecs.0104', 'No free device name is left.');
  const rt = ctx.sandbox;
  const jobId = startVolumeJob(ctx, server, volume, 'attach', (ctl) => {
    if (ctl.injectFailure || !rt.state.servers.has(server.id)) {
      volume.status = volume.attachments.length > 0 ? 'in-use' : 'available';
      return ctl.fail('Ecs.0002', 'Attaching the disk failed.');
    }
    attachVolumeRecord(rt, server, volume, dev);
    ctl.succeed();
  });
  jobResponse(ctx, jobId);
}

/** DELETE .../detachvolume/{volume_id} (§5.6.2): a job detaches the disk. */
export function detachVolume(ctx: RequestContext): void {
  const server = findServer(ctx);
  const volumeId = ctx.param('volume_id');
  const flag = ctx.query.get('delete_flag') ?? '0';
  if (flag !== '0' && flag !== '1') throw invalid('delete_flag must be 0 or 1.');
  const volume = ctx.state.volumes.get(volumeId);
  const att = volume?.attachments.find((a) => a.server_id === server.id);
  if (!volume || !att) throw ecs('Ecs.0111', `The disk ${volumeId} is not attached to the ECS.`);
  requireUnlocked(server);
  const isSystem = att.device === server.root_device_name;
  // The system disk can be detached only when the ECS is stopped; a forced detach never applies to it (§6.8.4).
  if (isSystem && (server.vm_state !== 'stopped' || server.task_state !== null || flag === '1'))
    throw ecs('Ecs.0100', 'The system disk can be detached only when the ECS is stopped.');
  if (server.task_state !== null) throw ecs('Ecs.0100', `The ECS is busy (${server.task_state}).`);
  const rt = ctx.sandbox;
  const jobId = startVolumeJob(ctx, server, volume, 'detach', (ctl) => {
    if (ctl.injectFailure) {
      volume.status = 'in-use';
      return ctl.fail('Ecs.0002', 'Detaching the disk failed.');
    }
    if (rt.state.servers.has(server.id)) detachVolumeRecord(rt, server, volume);
    ctl.succeed();
  });
  jobResponse(ctx, jobId);
}

function blockDeviceView(
  ctx: RequestContext,
  server: Server,
  volumeId: string,
): Record<string, unknown> | undefined {
  const v = ctx.state.volumes.get(volumeId);
  const a = v?.attachments.find((x) => x.server_id === server.id);
  if (!v || !a) return undefined;
  const idx = server.volumes.indexOf(volumeId);
  return {
    id: volumeId,
    serverId: server.id,
    volumeId,
    device: a.device,
    size: v.size,
    bootIndex: a.device === server.root_device_name ? 0 : -1,
    pciAddress: `0000:02:${String(idx + 1).padStart(2, '0')}.0`,
    bus: 'virtio',
  };
}

function findServerAnyProject(ctx: RequestContext): Server {
  // The /v2.1/servers/{server_id}/block_device paths have no project id; the caller's project applies.
  return findServer(ctx);
}

/** GET .../block_device (§5.6.3): every attached disk and the free device slots. */
export function listBlockDevices(ctx: RequestContext): void {
  const server = findServerAnyProject(ctx);
  const list = server.volumes.map((v) => blockDeviceView(ctx, server, v)).filter((x) => x !== undefined);
  const free = 24 - list.length;
  ctx.ok({
    attachableQuantity: { free_scsi: free, free_blk: free, free_disk: free },
    volumeAttachments: list,
  });
}

/** GET .../block_device/{volume_id} (§5.6.4): one attached disk. */
export function showBlockDevice(ctx: RequestContext): void {
  const server = findServerAnyProject(ctx);
  const view = blockDeviceView(ctx, server, ctx.param('volume_id'));
  if (!view) throw ecs('Ecs.0111', `The disk ${ctx.param('volume_id')} is not attached to the ECS.`);
  ctx.ok({ volumeAttachment: view });
}

/** GET .../os-volume_attachments (SDK): the server's disk attachments. */
export function listVolumeAttachments(ctx: RequestContext): void {
  const server = findServer(ctx);
  const list = server.volumes.flatMap((vid) => {
    const a = ctx.state.volumes.get(vid)?.attachments.find((x) => x.server_id === server.id);
    return a ? [{ device: a.device, id: vid, serverId: server.id, volumeId: vid }] : [];
  });
  ctx.ok({ volumeAttachments: list });
}
