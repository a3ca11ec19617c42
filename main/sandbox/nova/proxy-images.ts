/**
 * §11.2 (discarded) Nova image APIs: the images list, detail, show, metadata and delete that Nova
 * once proxied to Glance (upstream's "proxy APIs", deprecated in microversion 2.36). Still served,
 * because old scripts call them.
 */
import type { RequestContext } from '../context';
import type { Image } from '../state';
import { badRequest, conflict, foundOr404 } from './errors';
import { intLike, links } from './util';
import { briefItem } from './views';

// Glance status -> Nova status (§11.2.1): queued/saving -> SAVING, active -> ACTIVE, deleted -> DELETED.
function novaImageStatus(s: Image['status']): string {
  return s === 'active' ? 'ACTIVE' : s === 'deleted' ? 'DELETED' : 'SAVING';
}

function imageDetail(ctx: RequestContext, img: Image): Record<string, unknown> {
  const v: Record<string, unknown> = {
    id: img.id,
    name: img.name,
    links: [
      ...links(ctx, 'images', img.id),
      {
        rel: 'alternate',
        type: 'application/vnd.openstack.image',
        href: `${ctx.sandbox.info.endpoint}/images/${img.id}`,
      },
    ],
    metadata: { ...img.metadata, os_type: img.os_type },
    'OS-EXT-IMG-SIZE:size': img.size,
    minDisk: img.min_disk,
    minRam: img.min_ram,
    progress: img.status === 'active' ? 100 : 50,
    status: novaImageStatus(img.status),
    created: img.created,
    updated: img.updated,
  };
  if (img.server_id !== undefined)
    v.server = { id: img.server_id, links: links(ctx, 'servers', img.server_id) };
  return v;
}

function imageFilter(ctx: RequestContext): Image[] {
  const name = ctx.query.get('name');
  const status = ctx.query.get('status')?.toUpperCase();
  if (status === 'DELETED') throw badRequest('Images in the deleted status cannot be queried.');
  const since = ctx.query.get('changes-since');
  const minRam = intLike(ctx.query.get('minRam'), 'minRam');
  const minDisk = intLike(ctx.query.get('minDisk'), 'minDisk');
  return [...ctx.state.images.values()].filter(
    (i) =>
      i.status !== 'deleted' &&
      (name === undefined || i.name === name) &&
      (status === undefined || novaImageStatus(i.status) === status) &&
      (since === undefined || Date.parse(i.updated) >= Date.parse(since)) &&
      (minRam === undefined || i.min_ram >= minRam) &&
      (minDisk === undefined || i.min_disk >= minDisk),
  );
}

/** GET /images. */
export function listImages(ctx: RequestContext): void {
  ctx.ok({ images: imageFilter(ctx).map((i) => briefItem(ctx, 'images', i)) });
}

/** GET /images/detail: a list under `images` (7.1; the 11.2.2 example's singular `image` is an extraction slip). */
export function listImagesDetail(ctx: RequestContext): void {
  ctx.ok({ images: imageFilter(ctx).map((i) => imageDetail(ctx, i)) });
}

function findImage(ctx: RequestContext): Image {
  return foundOr404(
    ctx.state.images,
    ctx.param('image_id'),
    'Image not found.',
    (i) => i.status !== 'deleted',
  );
}

/** GET /images/{image_id}. */
export function showImage(ctx: RequestContext): void {
  ctx.ok({ image: imageDetail(ctx, findImage(ctx)) });
}

/** GET /images/{image_id}/metadata. */
export function showImageMetadata(ctx: RequestContext): void {
  ctx.ok({ metadata: { ...findImage(ctx).metadata } });
}

/** DELETE /images/{image_id}: only private images (public ones belong to the platform). */
export function deleteImage(ctx: RequestContext): void {
  const img = findImage(ctx);
  if (img.visibility === 'public') forbiddenImage();
  ctx.state.images.delete(img.id);
  ctx.noContent();
}

function forbiddenImage(): never {
  throw conflict('Public images cannot be deleted.');
}
