import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../main/cloud/errors';
import type { OperationDef } from '../../main/cloud/ops/types';
import { nextMarkerFromLinks, paginateItems, paginatePages, type PageInput } from '../../main/cloud/paginate';
import { ECS, PROJECT, mockCloud } from '../helpers/mock-cloud';

const ids = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `s${String(from + i).padStart(4, '0')}` }));

function def(
  pagination: OperationDef['pagination'],
  query: string[] = ['limit', 'marker', 'offset'],
): OperationDef {
  return {
    id: 'testList',
    service: 'ecs',
    family: 'ecs-v1',
    method: 'GET',
    path: '/x',
    query,
    completion: 'sync',
    idempotent: true,
    pagination,
  };
}

async function collect<T>(g: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
}

/** A fake server of `total` items for every style; records every input it got. */
function server(total: number, style: 'links' | 'marker' | 'page_info' | 'offset' | 'page' | 'body') {
  const all = ids(0, total);
  const calls: PageInput[] = [];
  const fetch = async (input: PageInput) => {
    calls.push(input);
    const q = (style === 'body' ? input.body : input.query) as Record<string, unknown>;
    const limit = Number(q.limit ?? 25);
    let start = 0;
    if (style === 'offset' || style === 'body') start = Number(q.offset ?? 0);
    else if (style === 'page') start = (Number(q.offset ?? 1) - 1) * limit;
    else if (q.marker !== undefined) start = all.findIndex((s) => s.id === q.marker) + 1;
    const items = all.slice(start, start + limit);
    const more = start + limit < total;
    const last = items[items.length - 1]?.id;
    switch (style) {
      case 'links':
        return {
          servers: items,
          servers_links: more
            ? [{ rel: 'next', href: `https://h/v2.1/p/servers/detail?limit=${limit}&marker=${last}` }]
            : [],
        };
      case 'page_info':
        return {
          server_groups: items,
          page_info: more
            ? { next_marker: last, current_count: items.length }
            : { current_count: items.length },
        };
      case 'marker':
        return { vpcs: items };
      default:
        return { servers: items, resources: items, count: total, total_count: total };
    }
  };
  return { fetch, calls };
}

describe('paginate', () => {
  it('follows Nova *_links next links until there is none', async () => {
    const s = server(2500, 'links');
    const d = def({ kind: 'links', itemsKey: 'servers', linksKey: 'servers_links' });
    const items = await collect(paginateItems(d, { query: { limit: 1000 } }, s.fetch));
    expect(items).toEqual(ids(0, 2500));
    expect(s.calls.map((c) => c.query?.marker)).toEqual([undefined, 's0999', 's1999']);
  });

  it('uses the last id as marker and stops on a short page (limit/marker)', async () => {
    const s = server(250, 'marker');
    const d = def({ kind: 'marker', itemsKey: 'vpcs', maxLimit: 100 });
    const pages = await collect(paginatePages(d, {}, s.fetch));
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(s.calls.map((c) => [c.query?.limit, c.query?.marker])).toEqual([
      [100, undefined],
      [100, 's0099'],
      [100, 's0199'],
    ]);
  });

  it('stops with an empty page when the total is a multiple of the limit', async () => {
    const s = server(200, 'marker');
    const d = def({ kind: 'marker', itemsKey: 'vpcs', maxLimit: 100 });
    expect(await collect(paginateItems(d, {}, s.fetch))).toHaveLength(200);
    expect(s.calls).toHaveLength(3);
  });

  it('follows page_info.next_marker', async () => {
    const s = server(130, 'page_info');
    const d = def({ kind: 'page_info', itemsKey: 'server_groups' });
    const items = await collect(paginateItems(d, { query: { limit: 50 } }, s.fetch));
    expect(items).toEqual(ids(0, 130));
    expect(s.calls.map((c) => c.query?.marker)).toEqual([undefined, 's0049', 's0099']);
  });

  it('pages by item offset in the query up to the total', async () => {
    const s = server(2100, 'offset');
    const d = def({ kind: 'offset', itemsKey: 'servers', totalKey: 'count', maxLimit: 1000 });
    const items = await collect(paginateItems(d, {}, s.fetch));
    expect(items).toEqual(ids(0, 2100));
    expect(s.calls.map((c) => c.query?.offset)).toEqual([0, 1000, 2000]);
  });

  it('pages by 1-based page number when offset counts pages', async () => {
    const s = server(2000, 'page');
    const d = def({
      kind: 'offset',
      itemsKey: 'servers',
      totalKey: 'count',
      maxLimit: 1000,
      offsetUnit: 'page',
    });
    const items = await collect(paginateItems(d, {}, s.fetch));
    expect(items).toEqual(ids(0, 2000));
    // The total is reached on page 2: no third request.
    expect(s.calls.map((c) => c.query?.offset)).toEqual([1, 2]);
  });

  it('pages with string limit/offset in the POST body (resource_instances filter)', async () => {
    const s = server(1500, 'body');
    const d = def(
      { kind: 'offset', itemsKey: 'resources', totalKey: 'total_count', maxLimit: 1000, inBody: true },
      [],
    );
    const items = await collect(paginateItems(d, { body: { action: 'filter', tags: [] } }, s.fetch));
    expect(items).toHaveLength(1500);
    expect(s.calls.map((c) => c.body)).toEqual([
      { action: 'filter', tags: [], offset: '0', limit: '1000' },
      { action: 'filter', tags: [], offset: '1000', limit: '1000' },
    ]);
  });

  it('refuses to loop when the server repeats a marker', async () => {
    let n = 0;
    const d = def({ kind: 'page_info', itemsKey: 'server_groups' });
    const fetch = async () => ({ server_groups: ids(n++ * 2, 2), page_info: { next_marker: 'same' } });
    await expect(collect(paginateItems(d, {}, fetch))).rejects.toBeInstanceOf(ProtocolError);
    expect(n).toBe(2);
  });

  it('stops when a server ignoring the marker answers the same page again', async () => {
    const d = def({ kind: 'marker', itemsKey: 'vpcs' }, ['marker']);
    let calls = 0;
    const fetch = async () => {
      calls++;
      return { vpcs: ids(0, 3) };
    };
    expect(await collect(paginateItems(d, {}, fetch))).toEqual(ids(0, 3));
    expect(calls).toBe(2);
  });

  it('reads the marker of a rel=next link only', () => {
    expect(nextMarkerFromLinks([{ rel: 'self', href: 'https://h/x?marker=a' }])).toBeUndefined();
    expect(nextMarkerFromLinks([{ rel: 'next', href: 'https://h/x?limit=2&marker=b%20c' }])).toBe('b c');
  });

  it('lists 2,500 servers through the client over Nova links, one request per page', async () => {
    const m = mockCloud();
    const all = ids(0, 2500);
    for (let page = 0; page < 3; page++) {
      const items = all.slice(page * 1000, page * 1000 + 1000);
      const links =
        page < 2
          ? [
              {
                rel: 'next',
                href: `${ECS}/v2.1/${PROJECT}/servers/detail?limit=1000&marker=${items[999]!.id}`,
              },
            ]
          : [];
      m.script('GET', (p) => p.startsWith(`/v2.1/${PROJECT}/servers/detail`), [
        { status: 200, body: { servers: items, servers_links: links } },
      ]);
    }
    const got: string[] = [];
    for await (const s of m.client.paginate('novaListServersDetail', { query: { limit: 1000 } }))
      got.push(s.id);
    expect(got).toEqual(all.map((s) => s.id));
    expect(m.recorded.map((r) => r.path)).toEqual([
      `/v2.1/${PROJECT}/servers/detail?limit=1000`,
      `/v2.1/${PROJECT}/servers/detail?limit=1000&marker=s0999`,
      `/v2.1/${PROJECT}/servers/detail?limit=1000&marker=s1999`,
    ]);
  });
});
