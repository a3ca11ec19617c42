/**
 * §6.2 servers: list (filters, sorting, marker paging), list detail, show, update and delete. Create
 * is in server-create.ts, re-exported here so the route table finds every §6.2 handler in this
 * module.
 */
import type { RequestContext } from '../context';
import { runDelete } from '../lifecycle';
import { pageAfterMarker } from '../paging';
import type { Server } from '../state';
import { badRequest } from './errors';
import { briefServer, detailServer } from './views';
import {
  baseUrl,
  body,
  findServer,
  member,
  record,
  requireUnlocked,
  str,
  touch,
  versionPrefix,
} from './util';

export { createServer } from './server-create';

const STATUSES = new Set([
  'ACTIVE',
  'BUILD',
  'ERROR',
  'HARD_REBOOT',
  'MIGRATING',
  'REBOOT',
  'REBUILD',
  'RESIZE',
  'REVERT_RESIZE',
  'SHUTOFF',
  'VERIFY_RESIZE',
]);
const SORT_KEYS_BRIEF = [
  'created_at',
  'availability_zone',
  'display_name',
  'host',
  'instance_type_id',
  'key_name',
  'project_id',
  'user_id',
  'updated_at',
  'uuid',
  'vm_state',
];
const SORT_KEYS_DETAIL = [
  ...SORT_KEYS_BRIEF,
  'auto_disk_config',
  'display_description',
  'host_name',
  'image_ref',
  'kernel_id',
  'launch_index',
  'launched_at',
  'locked_by',
  'node',
  'power_state',
  'ramdisk_id',
  'reservation_id',
  'root_device_name',
  'task_state',
  'terminated_at',
];

function sortValue(s: Server, key: string): string | number {
  switch (key) {
    case 'created_at':
      return s.created;
    case 'availability_zone':
      return s.availability_zone;
    case 'display_name':
    case 'host_name':
      return s.name;
    case 'host':
    case 'node':
      return s.hypervisor_hostname;
    case 'instance_type_id':
      return s.flavor_id;
    case 'key_name':
      return s.key_name ?? '';
    case 'project_id':
      return s.project_id;
    case 'user_id':
      return s.user_id;
    case 'updated_at':
      return s.updated;
    case 'uuid':
      return s.id;
    case 'vm_state':
      return s.vm_state;
    case 'display_description':
      return s.description;
    case 'image_ref':
      return s.image_id;
    case 'launch_index':
      return s.launch_index;
    case 'launched_at':
      return s.launched_at ?? '';
    case 'locked_by':
      return s.locked ? 'owner' : '';
    case 'power_state':
      return s.power_state;
    case 'reservation_id':
      return s.reservation_id;
    case 'root_device_name':
      return s.root_device_name;
    case 'task_state':
      return s.task_state ?? '';
    case 'terminated_at':
      return s.terminated_at ?? '';
    default:
      return '';
  }
}

function looseMatch(pattern: string, value: string): boolean {
  // Upstream Nova treats name and ip as regular expressions; an invalid one falls back to a substring.
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return value.includes(pattern);
  }
}

function tagList(v: string | undefined): string[] {
  return v === undefined
    ? []
    : v
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
}

/** The filtered, sorted servers of a list request, before paging. */
function filtered(ctx: RequestContext, detail: boolean): { items: Server[]; paged: boolean } {
  const q = ctx.query;
  const all = [...ctx.state.servers.values()].filter(
    (s) => s.project_id === ctx.who.projectId && s.vm_state !== 'deleted',
  );
  // §6.2.4: "image ... excludes all other filters and paging".
  const image = q.get('image');
  if (image !== undefined) {
    const id = image.split('/').pop() ?? image;
    return { items: all.filter((s) => s.image_id === id).reverse(), paged: false };
  }
  let items = all;
  const status = q.get('status');
  if (status !== undefined) {
    const st = status.toUpperCase();
    if (!STATUSES.has(st)) {
      if (ctx.mvAtLeast('2.38')) throw badRequest(`Invalid status value: ${status}`);
      return { items: [], paged: true };
    }
    items = items.filter((s) => s.status === st);
  }
  const name = q.get('name');
  if (name !== undefined) items = items.filter((s) => looseMatch(name, s.name));
  const flavor = q.get('flavor');
  if (flavor !== undefined) {
    const id = flavor.split('/').pop() ?? flavor;
    items = items.filter((s) => s.flavor_id === id || s.flavor_id.includes(id));
  }
  const ip = q.get('ip');
  if (ip !== undefined)
    items = items.filter((s) =>
      s.ports.some(
        (pid) => ctx.state.ports.get(pid)?.fixed_ips.some((f) => looseMatch(ip, f.ip_address)) ?? false,
      ),
    );
  const reservation = q.get('reservation_id');
  if (reservation !== undefined) items = items.filter((s) => s.reservation_id === reservation);
  const since = q.get('changes-since');
  if (since !== undefined) {
    const t = Date.parse(since);
    if (Number.isNaN(t)) throw badRequest(`Invalid changes-since value: ${since}`);
    items = items.filter((s) => Date.parse(s.updated) >= t);
  }
  const tags = tagList(q.get('tags'));
  if (tags.length > 0) items = items.filter((s) => tags.every((t) => s.tags1d.includes(t)));
  const tagsAny = tagList(q.get('tags-any'));
  if (tagsAny.length > 0) items = items.filter((s) => tagsAny.some((t) => s.tags1d.includes(t)));
  const notTags = tagList(q.get('not-tags'));
  if (notTags.length > 0) items = items.filter((s) => !notTags.every((t) => s.tags1d.includes(t)));
  const notTagsAny = tagList(q.get('not-tags-any'));
  if (notTagsAny.length > 0) items = items.filter((s) => !notTagsAny.some((t) => s.tags1d.includes(t)));
  const sortKey = q.get('sort_key');
  const sortDir = q.get('sort_dir') ?? 'desc';
  if (sortDir !== 'asc' && sortDir !== 'desc') throw badRequest(`Invalid sort_dir ${sortDir}`);
  // Default: "reverse order of created_at"; insertion order is creation order, so reversing keeps
  // servers created within the same second in a stable order.
  items = items.slice().reverse();
  if (sortKey !== undefined) {
    if (!(detail ? SORT_KEYS_DETAIL : SORT_KEYS_BRIEF).includes(sortKey))
      throw badRequest(`Invalid sort_key ${sortKey}`);
    const sign = sortDir === 'asc' ? 1 : -1;
    items.sort((a, b) => {
      const x = sortValue(a, sortKey);
      const y = sortValue(b, sortKey);
      return x < y ? -sign : x > y ? sign : 0;
    });
  }
  return { items, paged: true };
}

function list(ctx: RequestContext, detail: boolean): void {
  const { items, paged } = filtered(ctx, detail);
  let page = items;
  let next: string | undefined;
  if (paged) {
    const limitRaw = ctx.query.get('limit');
    let limit = 25;
    if (limitRaw !== undefined) {
      if (!/^\d+$/.test(limitRaw))
        throw badRequest(`Invalid limit ${limitRaw}: limit must be a non-negative integer`);
      limit = Math.min(Number(limitRaw), 1000);
    }
    const got = pageAfterMarker(items, ctx.query.get('marker'), limit, (m) =>
      badRequest(`marker [${m}] not found`),
    );
    page = got.page;
    if (got.more) {
      const params = new URLSearchParams();
      for (const k of ctx.query.keys())
        if (k !== 'marker') for (const v of ctx.query.getAll(k)) params.append(k, v);
      params.set('limit', String(limit));
      params.set('marker', page[page.length - 1]!.id);
      next = `${baseUrl(ctx)}${versionPrefix(ctx)}/servers${detail ? '/detail' : ''}?${params.toString()}`;
    }
  }
  const out: Record<string, unknown> = {
    servers: page.map((s) => (detail ? detailServer(ctx, s) : briefServer(ctx, s))),
  };
  if (next !== undefined) out.servers_links = [{ rel: 'next', href: next }];
  ctx.ok(out);
}

/** GET /servers (brief). */
export function listServers(ctx: RequestContext): void {
  list(ctx, false);
}

/** GET /servers/detail. */
export function listServersDetail(ctx: RequestContext): void {
  list(ctx, true);
}

/** GET /servers/{server_id}. */
export function showServer(ctx: RequestContext): void {
  ctx.ok({ server: detailServer(ctx, findServer(ctx)) });
}

/** PUT /servers/{server_id}: only name (1–255) and description (2.19+, ≤255 bytes) change. */
export function updateServer(ctx: RequestContext): void {
  const server = findServer(ctx);
  const s = member(body(ctx), 'server');
  for (const k of Object.keys(s)) {
    if (k === 'name' || (k === 'description' && ctx.mvAtLeast('2.19'))) continue;
    throw badRequest(`Additional properties are not allowed ('${k}' was unexpected)`);
  }
  if (s.name !== undefined) server.name = str(s.name, 'name', { min: 1, max: 255 })!;
  if (s.description !== undefined) {
    const d = s.description === null ? '' : str(s.description, 'description')!;
    if (Buffer.byteLength(d) > 255)
      throw badRequest('Invalid input for field/attribute description. is too long (255 bytes)');
    server.description = d;
  }
  touch(server);
  ctx.ok({ server: detailServer(ctx, server) });
}

/** DELETE /servers/{server_id}: 204, then `deleting` until the records go. */
export function deleteServer(ctx: RequestContext): void {
  const server = findServer(ctx);
  requireUnlocked(server);
  if (server.task_state === 'deleting') {
    ctx.noContent();
    return;
  }
  record(ctx, server, 'delete');
  runDelete(ctx.sandbox, server);
  delete server.encrypted_password;
  ctx.noContent();
}
