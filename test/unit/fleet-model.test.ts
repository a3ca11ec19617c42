/**
 * The fleet's pure model: rows, sorted merge of arriving pages, filters across scopes, counts per
 * scope for the confirm dialog, and exports (CSV escaped and formula-injection safe, JSON).
 */
import { describe, expect, it } from 'vitest';
import type { ServerView } from '../../shared/ipc/views';
import {
  EMPTY_FLEET_FILTER,
  countByScope,
  csvCell,
  filterRows,
  makeRow,
  mergeSorted,
  sortRows,
  toCsv,
  toJson,
  type FleetRow,
} from '../../renderer/src/features/fleet/fleet-model';

function server(name: string, extra: Partial<ServerView> = {}): ServerView {
  return {
    id: `id-${name}`,
    name,
    status: 'ACTIVE',
    locked: false,
    flavor: { id: 's6.small.1', name: 's6.small.1', vcpus: 1, ramMb: 1024 },
    image: { id: 'img' },
    availabilityZone: 'az1',
    ips: [{ address: '192.168.0.9', type: 'fixed', version: 4 } as ServerView['ips'][number]],
    tags: [],
    securityGroups: [],
    volumeIds: [],
    metadata: {},
    created: '2024-01-01T00:00:00Z',
    ...extra,
  };
}
const A = { accountId: 'a', region: 'r1', accountName: 'Alpha' };
const B = { accountId: 'b', region: 'r2', accountName: 'Beta' };
const row = (name: string, scope = A, extra: Partial<ServerView> = {}) =>
  makeRow(server(name, extra), scope, 'L1');

describe('fleet rows', () => {
  it('key rows by scope so the same server id in two accounts stays two rows', () => {
    expect(row('x', A).key).not.toBe(row('x', B).key);
    expect(row('web', B).hay).toContain('beta');
    expect(row('web', B).hay).toContain('192.168.0.9');
  });

  it('merges a sorted page into sorted rows exactly as a full sort would order them', () => {
    const sort = { key: 'name' as const, dir: 'asc' as const };
    const existing = sortRows(
      ['b-2', 'a-10', 'c-1'].map((n) => row(n)),
      sort,
    );
    const page = sortRows(
      ['a-2', 'b-10', 'd'].map((n) => row(n, B)),
      sort,
    );
    const merged = mergeSorted(existing, page, sort).map((r) => r.name);
    expect(merged).toEqual(sortRows([...existing, ...page], sort).map((r) => r.name));
    expect(merged).toEqual(['a-2', 'a-10', 'b-2', 'b-10', 'c-1', 'd']);
  });

  it('merges pages of many scopes into the same order as a full sort, whatever the sort', () => {
    // A fixed pseudo-random sequence: the same cases on every run.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 0) % n;
    const scopes = [A, B, { accountId: 'c', region: 'r1', accountName: 'Alpha' }];
    const sorts = [
      { key: 'account', dir: 'asc' },
      { key: 'name', dir: 'desc' },
      { key: 'region', dir: 'asc' },
    ] as const;
    for (const sort of sorts)
      for (let round = 0; round < 20; round++) {
        let merged: FleetRow[] = [];
        const all: FleetRow[] = [];
        for (let p = 0; p < 4; p++) {
          const scope = scopes[rand(scopes.length)]!;
          const page = Array.from({ length: rand(30) }, (_, i) =>
            row(`web-${rand(12)}`, scope, { id: `id-${round}-${p}-${i}` }),
          );
          all.push(...page);
          merged = mergeSorted(merged, sortRows(page, sort), sort);
        }
        expect(merged.map((r) => r.key)).toEqual(sortRows(all.slice(), sort).map((r) => r.key));
      }
  });

  it('filters across scopes by account, region, search text and tag', () => {
    const rows: FleetRow[] = [
      row('web-1', A, { tags: [{ key: 'env', value: 'prod' }] }),
      row('web-2', B, { tags: [{ key: 'env', value: 'dev' }] }),
      row('db-1', B),
    ];
    const f = (patch: Partial<typeof EMPTY_FLEET_FILTER>) =>
      filterRows(rows, { ...EMPTY_FLEET_FILTER, ...patch }).map((r) => r.name);
    expect(f({})).toEqual(['web-1', 'web-2', 'db-1']);
    expect(f({ accountId: 'b' })).toEqual(['web-2', 'db-1']);
    expect(f({ region: 'r1' })).toEqual(['web-1']);
    expect(f({ text: 'WEB' })).toEqual(['web-1', 'web-2']);
    expect(f({ text: 'beta' })).toEqual(['web-2', 'db-1']);
    expect(f({ tag: 'env=prod' })).toEqual(['web-1']);
    expect(f({ tag: 'env', accountId: 'b' })).toEqual(['web-2']);
  });

  it('counts the servers of each scope, in first-seen order', () => {
    expect(countByScope([row('1'), row('2', B), row('3')])).toEqual([
      { accountName: 'Alpha', region: 'r1', count: 2 },
      { accountName: 'Beta', region: 'r2', count: 1 },
    ]);
  });
});

describe('fleet export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'])
      expect(csvCell(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('web-1')).toBe('web-1');
  });

  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('writes a header and one CRLF line per row; JSON keeps account and region', () => {
    const rows = [row('=evil', A, { tags: [{ key: 'k', value: 'v,w' }] }), row('ok', B)];
    const lines = toCsv(rows).split('\r\n');
    expect(lines[0]).toBe('account,region,id,name,status,flavor,ips,availability_zone,tags,created');
    expect(lines[1]).toBe(
      'Alpha,r1,id-=evil,\'=evil,ACTIVE,s6.small.1,192.168.0.9,az1,"k=v,w",2024-01-01T00:00:00Z',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    const json = JSON.parse(toJson(rows)) as { account: string; region: string; name: string }[];
    expect(json.map((j) => [j.account, j.region, j.name])).toEqual([
      ['Alpha', 'r1', '=evil'],
      ['Beta', 'r2', 'ok'],
    ]);
  });
});
