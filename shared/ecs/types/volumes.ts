/**
 * Disks attached to servers: ECS attach/detach and block_device (§5.6), Nova
 * os-volume_attachments (§6.8) and the discarded os-volumes (§11.4).
 */
import type { StringMap } from './common';

/** Body of POST /v1/{project_id}/cloudservers/{server_id}/attachvolume (§5.6.1). */
export interface AttachServerVolumeBody {
  volumeAttachment: {
    volumeId: string;
    device?: string;
    volume_type?: string;
    count?: number;
    /** A String here ("true"/"false"), unlike create's Boolean. */
    'hw:passthrough'?: string;
  };
  dry_run?: boolean;
}

/** Query of DELETE .../detachvolume/{volume_id} (§5.6.2): 1 = forcible detach of a data disk. */
export interface DetachServerVolumeQuery {
  delete_flag?: '0' | '1' | 0 | 1;
}

/** A block_device attachment (§5.6.3/5.6.4; SDK ServerBlockDevice). */
export interface ServerBlockDevice {
  serverId: string;
  volumeId: string;
  id: string;
  /** GB. */
  size: number;
  device: string;
  pciAddress?: string;
  bootIndex?: number;
  bus?: 'virtio' | 'scsi' | string;
}

/** Result of GET .../block_device (§5.6.3). */
export interface ListServerBlockDevicesResult {
  volumeAttachments: ServerBlockDevice[];
  attachableQuantity?: { free_scsi?: number; free_blk?: number; free_disk?: number };
}

/** Result of GET .../block_device/{volume_id} (§5.6.4). */
export interface ShowServerBlockDeviceResult {
  volumeAttachment: ServerBlockDevice;
}

/** A Nova volume attachment (§6.8). */
export interface NovaVolumeAttachment {
  device: string;
  id: string;
  serverId: string;
  volumeId: string;
}

/** Result of GET .../os-volume_attachments (§6.8.1). */
export interface NovaListVolumeAttachmentsResult {
  volumeAttachments: NovaVolumeAttachment[];
}

/** Result of GET/POST .../os-volume_attachments[/{volume_id}] (§6.8.2/6.8.3). */
export interface NovaVolumeAttachmentResult {
  volumeAttachment: NovaVolumeAttachment;
}

/** Body of POST .../os-volume_attachments (§6.8.3). */
export interface NovaAttachVolumeBody {
  volumeAttachment: { volumeId: string; device?: string };
}

/** Query of DELETE .../os-volume_attachments/{volume_id} (§6.8.4). */
export interface NovaDetachVolumeQuery {
  delete_flag?: 0 | 1 | '0' | '1';
}

/** A discarded os-volumes volume (§11.4). */
export interface NovaVolume {
  id: string;
  displayName: string | null;
  status: string;
  attachments: Array<Partial<NovaVolumeAttachment>>;
  availabilityZone: string;
  createdAt: string;
  displayDescription: string | null;
  volumeType: string;
  snapshotId: string | null;
  metadata: StringMap;
  size: number;
}

/**
 * Query of the os-volumes lists (§11.4.1/11.4.2 name none; upstream Nova's `common.limited`):
 * skip `offset` volumes, return at most `limit` (at most 1,000 either way).
 */
export interface NovaListVolumesQuery {
  limit?: number;
  offset?: number;
}

/** Result of the os-volumes lists (§11.4.1/11.4.2). */
export interface NovaListVolumesResult {
  volumes: NovaVolume[];
}

/** Result of GET/POST os-volumes[/{volume_id}] (§11.4.3/11.4.4). */
export interface NovaVolumeResult {
  volume: NovaVolume;
}

/**
 * Body of POST /v2.1/{project_id}/os-volumes (§11.4.4). The table lists the fields at top
 * level but the example wraps them in `volume`, as Nova does; we send the wrapped form.
 */
export interface NovaCreateVolumeBody {
  volume: {
    size?: number;
    availability_zone?: string;
    display_description?: string;
    snapshot_id?: string;
    display_name?: string;
    volume_type?: string;
    metadata?: StringMap;
  };
}
