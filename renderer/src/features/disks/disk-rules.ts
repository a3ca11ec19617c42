/**
 * The API's rules for disks: which disk is the system disk, when it may be detached or deleted.
 */
import type { DiskView, ServerView } from '../../../../shared/ipc/views';

/** True for a server's system disk: bootable, or attached as the first device (/dev/vda, /dev/sda, /dev/xvda). */
export function isSystemDisk(d: Pick<DiskView, 'bootable' | 'attachments'>): boolean {
  if (d.bootable) return true;
  return d.attachments.some((a) => /^\/dev\/(x?v|s|h)da$/.test(a.device));
}

/** Why this disk cannot be detached from `server` now, or undefined when it can. */
export function detachBlockedReason(
  d: Pick<DiskView, 'bootable' | 'attachments' | 'status'>,
  server: Pick<ServerView, 'name' | 'status'> | undefined,
): string | undefined {
  if (d.status !== 'in-use') return `The disk is ${d.status}; wait until it is in-use.`;
  if (isSystemDisk(d) && server?.status !== 'SHUTOFF')
    return `System disk: stop ${server?.name ?? 'the server'} first (the API detaches a system disk only from a stopped server).`;
  return undefined;
}

/** Why this disk cannot be attached now, or undefined when it can. */
export function attachBlockedReason(d: Pick<DiskView, 'status' | 'attachments'>): string | undefined {
  if (d.attachments.length) return 'Already attached; detach it first.';
  if (d.status !== 'available') return `The disk is ${d.status}; only available disks can be attached.`;
  return undefined;
}

/** Why this disk cannot be deleted now, or undefined when it can. */
export function deleteBlockedReason(d: Pick<DiskView, 'status' | 'attachments'>): string | undefined {
  if (d.attachments.length) return 'Attached to a server; detach it first.';
  if (!['available', 'error', 'error_restoring', 'error_extending'].includes(d.status))
    return `The disk is ${d.status}; only available or failed disks can be deleted.`;
  return undefined;
}

/** The name shown for a disk (its id when it has no name). */
export function diskLabel(d: Pick<DiskView, 'name' | 'id'>): string {
  return d.name || d.id;
}
