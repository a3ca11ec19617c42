/**
 * `servers.list`: one page of servers from the cloud (ECS v1 pages by number), the same filter
 * applied to the offline cache when the cloud cannot be reached, and the cache kept up to date
 * from unfiltered listings.
 */
import type { ListServersDetailsQuery, ServerDetail } from '../../../shared/ecs/types/servers';
import type { InvokeArg } from '../../../shared/ipc/contract';
import type { ServerPage, ServerView } from '../../../shared/ipc/views';
import { isUnreachable, toErrorData } from '../../app-error';
import { ValidationError } from '../../cloud/errors';
import type { IpcContext } from '../types';
import { serverView, stripServerSecrets } from '../views/servers';

type ListArg = InvokeArg<'servers.list'>;
type Filter = NonNullable<ListArg['filter']>;

/** Default page size of `servers.list`. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The page a `servers.list` marker designates. ECS v1 lists page by number (§5.1.5, the SDK's
 * offset), so the marker handed out is the next page number, opaque to the renderer.
 */
export function pageOfMarker(marker: string | undefined): number {
  if (marker === undefined) return 1;
  if (!/^[1-9][0-9]{0,6}$/.test(marker))
    throw new ValidationError(`The marker ${JSON.stringify(marker)} was not handed out by servers.list.`);
  return Number(marker);
}

function tagQuery(tags: Filter['tags']): string | undefined {
  if (!tags || tags.length === 0) return undefined;
  return tags.map((t) => (t.value === undefined ? t.key : `${t.key}=${t.value}`)).join(',');
}

/** The ECS list query of a `servers.list` argument. */
export function listQuery(arg: ListArg): ListServersDetailsQuery {
  const q: ListServersDetailsQuery = {
    limit: arg.limit ?? DEFAULT_PAGE_SIZE,
    offset: pageOfMarker(arg.marker),
  };
  const f = arg.filter;
  if (f?.name) q.name = f.name;
  if (f?.status) q.status = f.status;
  if (f?.flavorId) q.flavor = f.flavorId;
  if (f?.ip) q.ip = f.ip;
  const tags = tagQuery(f?.tags);
  if (tags) q.tags = tags;
  const notTags = tagQuery(f?.notTags);
  if (notTags) q['not-tags'] = notTags;
  return q;
}

/** The same filter applied locally to cached servers (used offline). */
export function matchesFilter(s: ServerView, f: Filter | undefined): boolean {
  if (!f) return true;
  if (f.name && !s.name.toLowerCase().includes(f.name.toLowerCase())) return false;
  if (f.status && s.status !== f.status.toUpperCase()) return false;
  if (f.flavorId && s.flavor.id !== f.flavorId && s.flavor.name !== f.flavorId) return false;
  if (f.ip && !s.ips.some((ip) => ip.address.includes(f.ip!))) return false;
  const has = (t: { key: string; value?: string }) =>
    s.tags.some((x) => x.key === t.key && (t.value === undefined || x.value === t.value));
  if (f.tags && !f.tags.every(has)) return false;
  if (f.notTags && f.notTags.some(has)) return false;
  return true;
}

function hasFilter(f: Filter | undefined): boolean {
  return !!f && Object.values(f).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
}

/** `servers.list`: one page from the cloud, or from the cache when the cloud cannot be reached. */
export async function listServers(arg: ListArg, ctx: IpcContext): Promise<ServerPage> {
  const limit = arg.limit ?? DEFAULT_PAGE_SIZE;
  const page = pageOfMarker(arg.marker);
  try {
    const client = await ctx.client(arg);
    const res = await client.call('listServersDetails', { query: listQuery(arg) });
    const servers = res?.servers ?? [];
    const total = typeof res?.count === 'number' ? res.count : undefined;
    const out: ServerPage = {
      items: servers.map(serverView),
      fetchedAt: new Date().toISOString(),
      fromCache: false,
    };
    if (total !== undefined) out.total = total;
    const more = total !== undefined ? page * limit < total : servers.length === limit;
    if (more && servers.length > 0) out.nextMarker = String(page + 1);
    // Only unfiltered listings are cached (a filtered one is partial). The page's servers are
    // this call's own (their views are built above), so their secrets are stripped in place.
    if (!hasFilter(arg.filter))
      // The cache is a convenience: failing to write it must not fail the listing.
      await ctx.services.serverCache
        .add({
          accountId: arg.accountId,
          region: arg.region,
          page,
          servers: servers.map(stripServerSecrets),
          last: out.nextMarker === undefined,
        })
        .catch(() => undefined);
    return out;
  } catch (err) {
    if (!isUnreachable(err)) throw err;
    const cached = await ctx.services.inventory.get(arg.accountId, arg.region);
    if (!cached) throw err;
    const all = (cached.data.servers as ServerDetail[])
      .map(serverView)
      .filter((s) => matchesFilter(s, arg.filter));
    const start = (page - 1) * limit;
    const out: ServerPage = {
      items: all.slice(start, start + limit),
      total: all.length,
      fetchedAt: cached.savedAt,
      fromCache: true,
      offlineError: toErrorData(err),
    };
    if (start + limit < all.length) out.nextMarker = String(page + 1);
    return out;
  }
}
