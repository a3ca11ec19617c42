/**
 * §11.4 and §11.6 (discarded) Nova volume APIs once proxied to Cinder: os-volumes and os-snapshots.
 * Still served, because old scripts call them.
 */
import type { RequestContext } from '../context';
import { createVolume } from '../server-records';
import { DURATIONS } from '../scheduler';
import type { Snapshot, Volume } from '../state';
import { isoNow, uuid } from '../state';
import { badRequest, foundOr404, notFound, overQuota } from './errors';
import { validateMetadata } from './metadata';
import { body, boolLike, intLike, member, str } from './util';

function volumeView(v: Volume): Record<string, unknown> {
  return {
    id: v.id,
    displayName: v.name,
    displayDescription: v.description,
    status: v.status,
    size: v.size,
    availabilityZone: v.availability_zone,
    createdAt: v.created_at.replace(/Z$/, '.000000'),
    volumeType: v.volume_type,
    snapshotId: null,
    metadata: { ...v.metadata },
    attachments: v.attachments.map((a) => ({
      id: a.id,
      serverId: a.server_id,
      volumeId: a.volume_id,
      device: a.device,
    })),
  };
}

/** Upstream Nova's `CONF.api.max_limit`: the most items one list response carries. */
export const MAX_LIMIT = 1000;

/**
 * A `limit`/`offset` query value as upstream Nova reads it (`common._get_int_param`: Python's
 * `int(str(v))`, then `>= 0`), or undefined when absent; anything else is a 400 with Nova's words.
 */
function queryCount(ctx: RequestContext, key: 'limit' | 'offset'): number | undefined {
  const raw = ctx.query.get(key);
  if (raw === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw badRequest(`Invalid input received: ${key} must be an integer`);
  const n = Number(raw.trim());
  if (n < 0) throw badRequest(`Invalid input received: ${key} must be >= 0`);
  if (!Number.isSafeInteger(n)) throw badRequest(`Invalid input received: ${key} must be an integer`);
  return n;
}

/**
 * Upstream Nova's `common.limited(items, req)`: `offset` (default 0) items skipped, then at most
 * `limit` items, where a missing or zero `limit` means, and a larger one is capped at,
 * {@link MAX_LIMIT}. So a list without `limit` is cut at 1,000 items too, and clients page.
 */
export function limited<T>(ctx: RequestContext, items: Iterable<T>): T[] {
  const offset = queryCount(ctx, 'offset') ?? 0;
  const limit = Math.min(MAX_LIMIT, queryCount(ctx, 'limit') || MAX_LIMIT);
  const out: T[] = [];
  let i = 0;
  for (const item of items) {
    if (i++ < offset) continue;
    if (out.length >= limit) break;
    out.push(item);
  }
  return out;
}

/**
 * GET /os-volumes and /os-volumes/detail. §11.4.1/11.4.2 list no query parameters; upstream Nova
 * (nova/api/openstack/compute/volumes.py `_items`) pages both with `limit` and `offset` through
 * `common.limited`, capping every answer at `CONF.api.max_limit` = 1,000, and real clients page
 * that way, so the Sandbox does the same. Order: creation order (the state's insertion order),
 * stable while the list is unchanged, so offset pages neither skip nor repeat a volume; a new
 * volume goes to the end. (Cinder, behind the real proxy, sorts newest first by default; a stable
 * order is what paging needs, and creation order keeps a new disk from shifting every page.)
 */
export function listVolumes(ctx: RequestContext): void {
  ctx.ok({ volumes: limited(ctx, ctx.state.volumes.values()).map(volumeView) });
}

function findVolume(ctx: RequestContext): Volume {
  const id = ctx.param('volume_id');
  return foundOr404(ctx.state.volumes, id, `Volume ${id} could not be found.`);
}

/** GET /os-volumes/{id}. */
export function showVolume(ctx: RequestContext): void {
  ctx.ok({ volume: volumeView(findVolume(ctx)) });
}

/**
 * POST /os-volumes: fields inside `volume` (the example's form; the table lists them flat). An
 * unknown AZ yields a volume in `error`, as 11.4.4 says.
 */
export function createNovaVolume(ctx: RequestContext): void {
  const v = member(body(ctx), 'volume');
  const snapshotId = str(v.snapshot_id, 'snapshot_id');
  const snap = snapshotId === undefined ? undefined : ctx.state.snapshots.get(snapshotId);
  if (snapshotId !== undefined && snap === undefined)
    throw notFound(`Snapshot ${snapshotId} could not be found.`);
  const size = intLike(v.size, 'size') ?? snap?.size;
  if (size === undefined) throw badRequest('size is mandatory unless snapshot_id is given.');
  if (size < 1 || size > 32768) throw badRequest('size must be 1 to 32768 GB.');
  const az = str(v.availability_zone, 'availability_zone') ?? ctx.state.availabilityZones[0] ?? '';
  const metadata = v.metadata === undefined ? {} : validateMetadata(ctx, v.metadata, 'metadata');
  const q = ctx.state.quotas;
  const u = ctx.state.usage();
  if ((q.volumes >= 0 && u.volumes >= q.volumes) || (q.gigabytes >= 0 && u.gigabytes + size > q.gigabytes))
    throw overQuota('volumes/gigabytes (Ecs.0021)');
  const vol = createVolume(ctx.sandbox, {
    name: str(v.display_name, 'display_name', { max: 255 }) ?? '',
    size,
    volumeType: str(v.volume_type, 'volume_type') ?? 'SATA',
    availabilityZone: az,
  });
  vol.description = str(v.display_description, 'display_description', { max: 255 }) ?? '';
  vol.metadata = metadata;
  vol.status = 'creating';
  const ok = ctx.state.availabilityZones.includes(az);
  ctx.sandbox.scheduler.after(DURATIONS.short, () => {
    if (vol.status === 'creating') vol.status = ok ? 'available' : 'error';
  });
  ctx.ok({ volume: volumeView(vol) });
}

/** DELETE /os-volumes/{id}: only available/error disks without snapshots (11.4.5). */
export function deleteNovaVolume(ctx: RequestContext): void {
  const v = findVolume(ctx);
  if (
    !['available', 'error', 'error_restoring', 'error_extending'].includes(v.status) ||
    v.attachments.length > 0
  )
    throw badRequest(
      `Invalid volume: volume status must be available or error, but current status is: ${v.status}`,
    );
  if ([...ctx.state.snapshots.values()].some((s) => s.volume_id === v.id))
    throw badRequest('Invalid volume: volume has snapshots.');
  ctx.state.volumes.delete(v.id);
  ctx.reply(202);
}

// ---- snapshots (§11.6) ---------------------------------------------------------------------------

function snapshotView(s: Snapshot): Record<string, unknown> {
  return {
    id: s.id,
    status: s.status,
    displayName: s.display_name,
    displayDescription: s.display_description,
    createdAt: s.created_at.replace(/Z$/, '.000000'),
    volumeId: s.volume_id,
    size: s.size,
  };
}

/** POST /os-snapshots: fields inside `snapshot`; in-use disks need force=true; no `autobk_snapshot` names. */
export function createSnapshot(ctx: RequestContext): void {
  const s = member(body(ctx), 'snapshot');
  const volumeId = str(s.volume_id, 'volume_id', { required: true })!;
  const vol = ctx.state.volumes.get(volumeId);
  if (vol === undefined) throw notFound(`Volume ${volumeId} could not be found.`);
  const name = str(s.display_name, 'display_name') ?? '';
  if (Buffer.byteLength(name) > 255) throw badRequest('display_name must be at most 255 bytes.');
  if (name.startsWith('autobk_snapshot'))
    throw badRequest('Snapshot names starting with autobk_snapshot are reserved.');
  const force = boolLike(s.force, 'force') ?? false;
  if (vol.status === 'in-use' && !force)
    throw badRequest('The volume is in use; set force to true to snapshot it.');
  if (vol.status !== 'available' && vol.status !== 'in-use')
    throw badRequest(`Volume status ${vol.status} does not allow snapshots.`);
  const snap: Snapshot = {
    id: uuid(),
    volume_id: vol.id,
    display_name: name,
    display_description: str(s.display_description, 'display_description') ?? '',
    size: vol.size,
    status: 'creating',
    created_at: isoNow(),
  };
  ctx.state.snapshots.set(snap.id, snap);
  ctx.sandbox.scheduler.after(DURATIONS.short, () => {
    if (snap.status === 'creating') snap.status = 'available';
  });
  ctx.ok({ snapshot: snapshotView(snap) });
}

function findSnapshot(ctx: RequestContext): Snapshot {
  const id = ctx.param('snapshot_id');
  return foundOr404(ctx.state.snapshots, id, `Snapshot ${id} could not be found.`);
}

/** GET /os-snapshots/{id}. */
export function showSnapshot(ctx: RequestContext): void {
  ctx.ok({ snapshot: snapshotView(findSnapshot(ctx)) });
}

/** DELETE /os-snapshots/{id}. */
export function deleteSnapshot(ctx: RequestContext): void {
  ctx.state.snapshots.delete(findSnapshot(ctx).id);
  ctx.reply(202);
}
