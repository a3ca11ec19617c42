/** §6.9 server metadata: the six operations and the key/value rules they share. */
import type { RequestContext } from '../context';
import { badRequest, conflict, notFound, overQuota } from './errors';
import { body, findServer, isObject, requireUnlocked, touch } from './util';
import type { Server } from '../state';

const KEY_RE = /^[A-Za-z0-9_:.\- ]+$/;

/**
 * Checks a metadata map: keys 1–255 non-blank (`A-Z a-z 0-9 - _ : .`; space allowed too, as 5.1.1
 * allows it on create), values ≤255 strings. Returns a copy.
 */
export function validateMetadata(_ctx: RequestContext, raw: unknown, field: string): Record<string, string> {
  if (!isObject(raw)) throw badRequest(`Invalid input for field/attribute ${field}. Not an object`);
  const entries: [string, string][] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (k.trim() === '' || [...k].length > 255 || !KEY_RE.test(k))
      throw badRequest(`Invalid metadata key: '${k}'`);
    if (typeof v !== 'string')
      throw badRequest(`Invalid input for field/attribute ${field}. Value of '${k}' is not a string`);
    if ([...v].length > 255) throw badRequest(`Metadata value for '${k}' is longer than 255 characters`);
    entries.push([k, v]);
  }
  // Nova stores any valid key, `__proto__` included: fromEntries makes own properties, where
  // `out[k] = v` would set the prototype and lose the key.
  return Object.fromEntries(entries);
}

function checkCount(ctx: RequestContext, meta: Record<string, string>): void {
  const max = ctx.state.quotas.metadata_items;
  if (max >= 0 && Object.keys(meta).length > max)
    throw overQuota(`metadata_items: at most ${max} metadata items`);
}

function writable(ctx: RequestContext): Server {
  const server = findServer(ctx);
  // §6.9: "An ECS must be in active, stopped, paused, or suspended state".
  if (!['active', 'stopped', 'paused', 'suspended'].includes(server.vm_state))
    throw conflict(
      `Cannot 'update metadata' instance ${server.id} while it is in vm_state ${server.vm_state}`,
    );
  requireUnlocked(server);
  return server;
}

/** POST /servers/{id}/metadata: merge. */
export function updateMetadata(ctx: RequestContext): void {
  const server = writable(ctx);
  const add = validateMetadata(ctx, body(ctx).metadata, 'metadata');
  const merged = { ...server.metadata, ...add };
  checkCount(ctx, merged);
  server.metadata = merged;
  touch(server);
  ctx.ok({ metadata: { ...server.metadata } });
}

/** PUT /servers/{id}/metadata: replace all. */
export function replaceMetadata(ctx: RequestContext): void {
  const server = writable(ctx);
  const meta = validateMetadata(ctx, body(ctx).metadata, 'metadata');
  checkCount(ctx, meta);
  server.metadata = meta;
  touch(server);
  ctx.ok({ metadata: { ...server.metadata } });
}

/** GET /servers/{id}/metadata. */
export function listMetadata(ctx: RequestContext): void {
  ctx.ok({ metadata: { ...findServer(ctx).metadata } });
}

/** GET /servers/{id}/metadata/{key}. */
export function showMetadataItem(ctx: RequestContext): void {
  const server = findServer(ctx);
  const key = ctx.param('key');
  const v = Object.hasOwn(server.metadata, key) ? server.metadata[key] : undefined;
  if (v === undefined) throw notFound('Metadata item was not found');
  ctx.ok({ meta: { [key]: v } });
}

/** PUT /servers/{id}/metadata/{key}: body `meta` with exactly that one key. */
export function setMetadataItem(ctx: RequestContext): void {
  const server = writable(ctx);
  const key = ctx.param('key');
  const meta = validateMetadata(ctx, body(ctx).meta, 'meta');
  const keys = Object.keys(meta);
  if (keys.length !== 1) throw badRequest('Request body contains too many items');
  if (keys[0] !== key) throw badRequest('Request body and URI mismatch');
  const merged = { ...server.metadata, ...meta };
  checkCount(ctx, merged);
  server.metadata = merged;
  touch(server);
  ctx.ok({ meta });
}

/** DELETE /servers/{id}/metadata/{key}. */
export function deleteMetadataItem(ctx: RequestContext): void {
  const server = writable(ctx);
  const key = ctx.param('key');
  if (!Object.hasOwn(server.metadata, key)) throw notFound('Metadata item was not found');
  const { [key]: _gone, ...rest } = server.metadata;
  server.metadata = rest;
  touch(server);
  ctx.noContent();
}
