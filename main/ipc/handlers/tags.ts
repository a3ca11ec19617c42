/**
 * Handlers of `tags.*`: 2D server and project tags, filtering servers by tag, batch add and delete across servers, Nova 1D tags.
 */
import type { ListServersByTagBody } from '../../../shared/ecs/types/tags';
import type { HandlerTable } from '../types';
import { tagView } from '../views/resources';
import { forEachServer } from './util';

type Channels =
  | 'tags.server'
  | 'tags.project'
  | 'tags.filterServers'
  | 'tags.batchAdd'
  | 'tags.batchDelete'
  | 'tags.nova'
  | 'tags.novaReplace';

/** The handlers of this namespace. */
export const tagHandlers: HandlerTable<Channels> = {
  'tags.server': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('listServerTags', { path: { server_id: arg.id } });
    return { tags: (res?.tags ?? []).map(tagView) };
  },
  'tags.project': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('listProjectTags', {});
    return { tags: (res?.tags ?? []).map((t) => ({ key: t.key, values: [...(t.values ?? [])] })) };
  },
  'tags.filterServers': async (arg, ctx) => {
    const body: ListServersByTagBody = { action: 'filter' };
    // The API wants at least one of tags/not_tags/matches; an empty `tags` list means "any tags".
    body.tags = (arg.tags ?? []).map((t) => ({ key: t.key, ...(t.values ? { values: t.values } : {}) }));
    if (arg.notTags?.length)
      body.not_tags = arg.notTags.map((t) => ({ key: t.key, ...(t.values ? { values: t.values } : {}) }));
    if (arg.name) body.matches = [{ key: 'resource_name', value: arg.name }];
    // Numbers as strings: §5.9.1 types limit and offset as String.
    body.limit = String(arg.limit ?? 100);
    body.offset = String(arg.offset ?? 0);
    const res = await (await ctx.client(arg)).call('listServersByTag', { body });
    return {
      servers: (res?.resources ?? []).map((r) => ({
        id: r.resource_id,
        name: r.resource_name,
        tags: (r.tags ?? []).map(tagView),
      })),
      total: res?.total_count ?? 0,
    };
  },
  'tags.batchAdd': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const out = await forEachServer(arg.ids, (id) =>
      client.call('batchCreateServerTags', {
        path: { server_id: id },
        body: { action: 'create', tags: arg.tags },
      }),
    );
    if (out.succeeded.length)
      ctx.emit({
        channel: 'servers.changed',
        payload: { accountId: arg.accountId, region: arg.region, ids: out.succeeded },
      });
    return out;
  },
  'tags.batchDelete': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const tags = arg.tags.map((t) =>
      t.value === undefined ? { key: t.key } : { key: t.key, value: t.value },
    );
    const out = await forEachServer(arg.ids, (id) =>
      client.call('batchDeleteServerTags', { path: { server_id: id }, body: { action: 'delete', tags } }),
    );
    if (out.succeeded.length)
      ctx.emit({
        channel: 'servers.changed',
        payload: { accountId: arg.accountId, region: arg.region, ids: out.succeeded },
      });
    return out;
  },
  'tags.nova': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('novaListServerTags', { path: { server_id: arg.id } });
    return { tags: [...(res?.tags ?? [])] };
  },
  'tags.novaReplace': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaReplaceServerTags', {
      path: { server_id: arg.id },
      body: { tags: arg.tags },
    });
    return { tags: [...(res?.tags ?? arg.tags)] };
  },
};
