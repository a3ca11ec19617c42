/**
 * paginate() over 2,500 seeded servers in every list style the table uses for servers, against the
 * simulator: Nova `servers_links` (brief and detail), ECS v1 page-numbered offset, ECS v1.1 marker,
 * and listServersByTag's offset in the POST body. Each must yield every server exactly once, in
 * the number of requests its page size implies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationId } from '../../shared/ecs/operations';
import { startClientRig, type ClientRig } from '../helpers/client-sandbox';

const TOTAL = 2500;
let rig: ClientRig;
let expected: string[];

beforeAll(async () => {
  rig = await startClientRig({ servers: TOTAL });
  expected = [...rig.sb.state.servers.keys()].sort();
});
afterAll(async () => {
  await rig.close();
});

async function collect(
  id: OperationId,
  input: Record<string, unknown>,
  pick: (item: Record<string, unknown>) => string,
): Promise<{ ids: string[]; requests: number }> {
  const before = rig.log.filter((e) => e.op === id).length;
  const ids: string[] = [];
  for await (const item of rig.client.paginate(id, input as never))
    ids.push(pick(item as Record<string, unknown>));
  return { ids, requests: rig.log.filter((e) => e.op === id).length - before };
}

function expectAllOnce(ids: string[]): void {
  expect(ids).toHaveLength(TOTAL);
  expect(new Set(ids).size).toBe(TOTAL);
  expect([...ids].sort()).toEqual(expected);
}

describe(`paginate() over ${TOTAL} servers`, () => {
  it('Nova servers_links, detail, pages of 1,000', async () => {
    const { ids, requests } = await collect('novaListServersDetail', { query: { limit: 1000 } }, (s) =>
      String(s.id),
    );
    expectAllOnce(ids);
    expect(requests).toBe(3);
  });

  it('Nova servers_links, brief, pages of 700', async () => {
    const { ids, requests } = await collect('novaListServers', { query: { limit: 700 } }, (s) =>
      String(s.id),
    );
    expectAllOnce(ids);
    expect(requests).toBe(4);
  });

  it('ECS v1 cloudservers/detail, page-numbered offset, pages of 1,000', async () => {
    const { ids, requests } = await collect('listServersDetails', { query: { limit: 1000 } }, (s) =>
      String(s.id),
    );
    expectAllOnce(ids);
    expect(requests).toBe(3);
  });

  it('ECS v1.1 cloudservers/detail, marker, pages of 100 (its maximum)', async () => {
    const { ids, requests } = await collect('listServersDetailsV11', { query: { limit: 100 } }, (s) =>
      String(s.id),
    );
    expectAllOnce(ids);
    // 25 full pages; a 26th, empty page may be needed to learn that the 25th was the last.
    expect(requests).toBeGreaterThanOrEqual(25);
    expect(requests).toBeLessThanOrEqual(26);
  });

  it('listServersByTag, offset in the POST body, pages of 1,000', async () => {
    const { ids, requests } = await collect(
      'listServersByTag',
      { body: { action: 'filter', limit: '1000' } },
      (r) => String(r.resource_id),
    );
    expectAllOnce(ids);
    expect(requests).toBe(3);
  });
});
