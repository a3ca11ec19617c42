import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operations } from '../../main/cloud/ops';
import type { OperationDef } from '../../main/cloud/ops/types';
import { opSamples } from '../fixtures/op-samples';

// The catalogue extracted from the API Reference, kept in the repository (docs/ecs-api/README.md).
const CATALOGUE = fileURLToPath(new URL('../../docs/ecs-api/operations.tsv', import.meta.url));

interface CatalogueRow {
  id: string;
  section: string;
  family: string;
  method: string;
  path: string;
  query_params: string;
  async: string;
  discriminator: string;
  sdk_name: string;
}

function parseCatalogue(): CatalogueRow[] {
  const [header, ...lines] = readFileSync(CATALOGUE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cols = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ''])) as unknown as CatalogueRow;
  });
}

const catalogue = parseCatalogue();
const table = operations as Record<string, OperationDef>;

/** The SDK's path, when the sdk_name column notes one ("name (SDK path /v1/...)"). */
function sdkPathOf(row: CatalogueRow): string | undefined {
  return /SDK path (\S+?)\)/.exec(row.sdk_name)?.[1];
}

/** `body key os-start` -> ['os-start','key']; `body field action = filter | count` -> ['filter|count','action']. */
function discriminatorOf(row: CatalogueRow): [string, 'key' | 'action'] | undefined {
  if (row.discriminator === '-') return undefined;
  const key = /^body key (\S+)$/.exec(row.discriminator);
  if (key) return [key[1]!, 'key'];
  const action = /^body field action = (.+)$/.exec(row.discriminator);
  if (action)
    return [
      action[1]!
        .split('|')
        .map((s) => s.trim())
        .join('|'),
      'action',
    ];
  throw new Error(`unparsed discriminator ${row.discriminator}`);
}

const EXTRAS = [
  'listServersDetails',
  'listServersDetailsV11',
  'showServer',
  'iamCreateToken',
  'iamListProjects',
  'iamListAuthProjects',
  'vpcListVpcs',
  'vpcShowVpc',
  'vpcListSubnets',
  'vpcShowSubnet',
  'vpcListSecurityGroups',
  'vpcShowSecurityGroup',
  'vpcListPorts',
];

describe('operation table vs the catalogue (operations.tsv)', () => {
  it('parses 124 catalogue rows with unique ids', () => {
    expect(catalogue).toHaveLength(124);
    expect(new Set(catalogue.map((r) => r.id)).size).toBe(124);
  });

  it('has every catalogue row plus exactly the documented extras', () => {
    const ids = Object.keys(table);
    const catalogueIds = new Set(catalogue.map((r) => r.id));
    expect(ids.filter((id) => !catalogueIds.has(id)).sort()).toEqual([...EXTRAS].sort());
    expect(catalogue.filter((r) => !(r.id in table)).map((r) => r.id)).toEqual([]);
    expect(ids).toHaveLength(124 + EXTRAS.length);
  });

  it('keys each row by its own id', () => {
    for (const [key, def] of Object.entries(table)) expect(def.id, key).toBe(key);
  });

  describe.each(catalogue)('$id', (row) => {
    const def = table[row.id]!;

    it('has the catalogue method, section and family', () => {
      expect(def.method).toBe(row.method);
      expect(def.section).toBe(row.section.split(' ')[0]);
      expect(def.family).toBe(row.family);
      expect(def.service).toBe('ecs');
      expect(def.deprecated === true).toBe(row.family === 'discarded');
    });

    it('uses the document path, or the SDK path with docPath set to the document path', () => {
      const sdkPath = sdkPathOf(row);
      if (sdkPath === undefined) {
        expect(def.path).toBe(row.path);
        expect(def.docPath).toBeUndefined();
      } else {
        expect(def.path).toBe(sdkPath);
        expect(def.docPath).toBe(row.path);
      }
    });

    it('has the catalogue discriminator', () => {
      const expected = discriminatorOf(row);
      expect(def.discriminator).toBe(expected?.[0]);
      if (expected) expect(def.discriminatorKind).toBe(expected[1]);
    });

    it('accepts every catalogue query parameter', () => {
      const names =
        row.query_params === '-' || row.query_params.startsWith('(')
          ? []
          : row.query_params.split(',').map((p) => /^[A-Za-z_:-]+/.exec(p.trim())![0]);
      for (const name of names) expect(def.query ?? []).toContain(name);
    });

    it('marks job completion exactly where the catalogue returns a job_id', () => {
      expect(def.completion === 'job').toBe(row.async.startsWith('job'));
    });

    it('uses the SDK method name from the sdk_name column', () => {
      const sdkName = row.sdk_name.trim().split(' ')[0];
      expect(def.sdkName).toBe(sdkName === '-' || sdkName === '' ? undefined : sdkName);
    });
  });
});

describe('row semantics', () => {
  const rows = Object.values(table);

  it('marks every GET, PUT and DELETE idempotent', () => {
    for (const def of rows) if (def.method !== 'POST') expect(def.idempotent, def.id).toBe(true);
  });

  it('never marks a create as idempotent', () => {
    const creates = rows.filter(
      (d) => d.method === 'POST' && /create|Create/.test(d.id) && !/Tags$/.test(d.id),
    );
    expect(creates.length).toBeGreaterThan(5);
    for (const def of creates) {
      if (def.id === 'iamCreateToken') continue; // a token, not a resource: see the row's comment
      expect(def.idempotent, def.id).toBe(false);
    }
  });

  it('marks the read-only POSTs and batch power actions idempotent', () => {
    for (const id of [
      'listServersByTag',
      'novaGetConsoleOutput',
      'batchStartServers',
      'batchStopServers',
      'batchRebootServers',
    ])
      expect(table[id]!.idempotent, id).toBe(true);
  });

  it('requires microversion 2.26 on every §6.15 tag API and no fixed microversion elsewhere in §5', () => {
    for (const def of rows) {
      if (def.section?.startsWith('6.15')) expect(def.microversion, def.id).toBe('2.26');
      if (def.section?.startsWith('5.')) expect(def.microversion, def.id).toBeUndefined();
    }
  });

  it('tells apart every shared method+path by a distinct discriminator', () => {
    const groups = new Map<string, OperationDef[]>();
    for (const def of rows) {
      const key = `${def.method} ${def.path}`;
      groups.set(key, [...(groups.get(key) ?? []), def]);
    }
    const shared = [...groups.values()].filter((g) => g.length > 1);
    expect(shared.length).toBeGreaterThanOrEqual(4);
    for (const group of shared) {
      const discriminators = group.map((d) => d.discriminator);
      expect(
        discriminators.every((d) => d !== undefined),
        group.map((d) => d.id).join(),
      ).toBe(true);
      expect(new Set(discriminators).size).toBe(group.length);
    }
  });

  it('gives every paginated list a query parameter to page with', () => {
    for (const def of rows) {
      const p = def.pagination;
      if (!p || (p.kind === 'offset' && p.inBody)) continue;
      const needed = p.kind === 'offset' ? ['limit', 'offset'] : ['limit', 'marker'];
      for (const name of needed) expect(def.query ?? [], def.id).toContain(name);
    }
  });

  it('has a sample input for every row', () => {
    expect(Object.keys(opSamples).sort()).toEqual(Object.keys(table).sort());
  });
});

describe('paths against the official SDK', () => {
  const require = createRequire(import.meta.url);
  const ecs = require('@huaweicloud/huaweicloud-sdk-ecs/v2/EcsClient') as {
    ParamCreater: () => Record<string, (req?: unknown) => { method: string; url: string }>;
  };
  const vpc = require('@huaweicloud/huaweicloud-sdk-vpc/v2/VpcClient') as typeof ecs;
  const ecsCreators = ecs.ParamCreater();
  const vpcCreators = vpc.ParamCreater();

  const checked = Object.values(table).filter(
    (d) =>
      d.sdkName !== undefined && (d.service === 'vpc' ? vpcCreators : ecsCreators)[d.sdkName] !== undefined,
  );

  it('covers the SDK-named rows', () => {
    expect(checked.length).toBeGreaterThan(50);
  });

  it.each(checked.map((d) => [d.id, d] as const))('%s sends what the SDK sends', (_, def) => {
    const creators = def.service === 'vpc' ? vpcCreators : ecsCreators;
    const sample = opSamples[def.id as keyof typeof opSamples] as { path?: object; body?: unknown };
    // The SDK's request objects take path params by wire name and the body as `body`.
    const options = creators[def.sdkName!]!({ ...sample.path, body: sample.body ?? {} });
    expect(options.method).toBe(def.method);
    expect(options.url).toBe(def.path);
  });
});
