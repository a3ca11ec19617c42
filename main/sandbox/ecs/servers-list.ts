/**
 * ECS server queries the SDK and the console use (not sections of the API Reference, which
 * documents only operations): the v1 list with page-number paging, the v1.1 list with marker
 * paging, and one server's v1 details.
 */
import { pageAfterMarker } from '../paging';
import type { RequestContext } from '../context';
import { invalid } from '../faults';
import type { SandboxRuntime } from '../runtime';
import type { Server } from '../state';
import { findServer, queryInt } from './util';
import { cloudServerV11, serverDetailV1 } from './views';

function newestFirst(rt: SandboxRuntime, projectId: string): Server[] {
  const out: Server[] = [];
  for (const s of rt.state.servers.values()) if (s.project_id === projectId) out.push(s);
  return out.reverse();
}

function tagFilter(list: string[]): ((s: Server) => boolean) | undefined {
  // `tags=key=value,key2` style: every given tag must be present (key or key=value).
  if (list.length === 0) return undefined;
  const wanted = list
    .flatMap((t) => t.split(','))
    .filter((t) => t !== '')
    .map((t) => {
      const i = t.indexOf('=');
      return i < 0 ? { key: t, value: undefined } : { key: t.slice(0, i), value: t.slice(i + 1) };
    });
  return (s) =>
    wanted.every((w) => Object.hasOwn(s.tags, w.key) && (w.value === undefined || s.tags[w.key] === w.value));
}

function filterServers(ctx: RequestContext, servers: Server[]): Server[] {
  const q = ctx.query;
  const name = q.get('name');
  const status = q.get('status');
  const flavor = q.get('flavor') ?? q.get('flavor_name');
  const ip = q.get('ip');
  const ipEq = q.get('ip_eq');
  const reservation = q.get('reservation_id');
  const ids = q
    .getAll('server_id')
    .concat(q.getAll('id'))
    .flatMap((x) => x.split(','));
  const az = q.get('availability_zone');
  const imageId = q.get('image_id');
  const keyName = q.get('key_name');
  const tags = tagFilter(q.getAll('tags'));
  const notTags = tagFilter(q.getAll('not-tags'));
  let nameRe: RegExp | undefined;
  if (name !== undefined) {
    try {
      nameRe = new RegExp(name);
    } catch {
      throw invalid('name is not a valid pattern.');
    }
  }
  const st = ctx.state;
  const addrs = (s: Server): string[] =>
    s.ports.flatMap((p) => st.ports.get(p)?.fixed_ips.map((f) => f.ip_address) ?? []);
  return servers.filter(
    (s) =>
      (!nameRe || nameRe.test(s.name)) &&
      (status === undefined || s.status === status.toUpperCase()) &&
      (flavor === undefined || s.flavor_id === flavor || st.flavors.get(s.flavor_id)?.name === flavor) &&
      (reservation === undefined || s.reservation_id === reservation) &&
      (ids.length === 0 || ids.includes(s.id)) &&
      (az === undefined || s.availability_zone === az) &&
      (imageId === undefined || s.image_id === imageId) &&
      (keyName === undefined || s.key_name === keyName) &&
      (ip === undefined || addrs(s).some((a) => a.includes(ip))) &&
      (ipEq === undefined || addrs(s).includes(ipEq)) &&
      (!tags || tags(s)) &&
      (!notTags || !notTags(s)),
  );
}

/** GET /v1/{project_id}/cloudservers/detail: `offset` is the page number (1-based; 0 = first), `limit` 25 default, 1,000 max. */
export function listDetailV1(ctx: RequestContext): void {
  const limit = queryInt(ctx, 'limit', 1, 1000) ?? 25;
  const offset = queryInt(ctx, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 1;
  const all = filterServers(ctx, newestFirst(ctx.sandbox, ctx.who.projectId));
  const start = (Math.max(1, offset) - 1) * limit;
  const st = ctx.state;
  ctx.ok({ count: all.length, servers: all.slice(start, start + limit).map((s) => serverDetailV1(st, s)) });
}

/** GET /v1.1/{project_id}/cloudservers/detail: marker paging (marker = last id of the previous page). */
export function listDetailV11(ctx: RequestContext): void {
  const limit = queryInt(ctx, 'limit', 1, 1000) ?? 25;
  const all = filterServers(ctx, newestFirst(ctx.sandbox, ctx.who.projectId));
  const { page, more } = pageAfterMarker(all, ctx.query.get('marker'), limit, (m) =>
    invalid(`marker ${m} not found.`),
  );
  const st = ctx.state;
  const body: Record<string, unknown> = {
    request_id: ctx.requestId,
    servers: page.map((s) => cloudServerV11(st, s)),
  };
  if (more) {
    const params = new URLSearchParams(ctx.rawQuery);
    params.set('marker', page[page.length - 1]!.id);
    params.set('limit', String(limit));
    body.servers_links = [
      {
        rel: 'next',
        href: `${ctx.sandbox.info.endpoint}/v1.1/${ctx.who.projectId}/cloudservers/detail?${params.toString()}`,
      },
    ];
  }
  ctx.ok(body);
}

/** GET /v1/{project_id}/cloudservers/{server_id}: one server in the v1 view. */
export function showServer(ctx: RequestContext): void {
  ctx.ok({ server: serverDetailV1(ctx.state, findServer(ctx)) });
}
