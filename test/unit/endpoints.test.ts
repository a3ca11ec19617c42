import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REGIONS,
  findRegion,
  isKnownRegion,
  normalizeCustomEndpoint,
  resolveEndpoints,
} from '../../main/cloud/endpoints';
import { ConfigError } from '../../main/cloud/errors';
import { loadHuaweiSdk } from '../helpers/huawei-sdk';

type RegionMap = Record<string, { id: string; endpoints?: string[]; endpoint?: string }>;

function endpointOf(entry: RegionMap[string] | undefined): string | undefined {
  return entry?.endpoints?.[0] ?? entry?.endpoint;
}

describe('REGIONS', () => {
  let ecsTable: RegionMap;
  let vpcTables: RegionMap[];

  beforeAll(() => {
    loadHuaweiSdk(); // points HOME at a temp directory before any SDK module loads
    const require = createRequire(import.meta.url);
    ecsTable = (
      require('@huaweicloud/huaweicloud-sdk-ecs/v2/EcsRegion') as { EcsRegion: { REGION_MAP: RegionMap } }
    ).EcsRegion.REGION_MAP;
    vpcTables = ['v2', 'v3'].map(
      (v) =>
        (
          require(`@huaweicloud/huaweicloud-sdk-vpc/${v}/VpcRegion`) as {
            VpcRegion: { REGION_MAP: RegionMap };
          }
        ).VpcRegion.REGION_MAP,
    );
  });

  it('has about 26 regions with unique well-formed ids and display names, sorted by id', () => {
    expect(REGIONS.length).toBeGreaterThanOrEqual(24);
    expect(REGIONS.length).toBeLessThanOrEqual(34);
    const ids = REGIONS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const r of REGIONS) {
      expect(r.id).toMatch(/^[a-z]{2}-[a-z]+-\d+$/);
      expect(r.name.trim().length).toBeGreaterThan(2);
      expect(findRegion(r.id)).toBe(r);
      expect(isKnownRegion(r.id)).toBe(true);
    }
    expect(Object.isFrozen(REGIONS)).toBe(true);
  });

  it('lists only regions the official SDK knows for both ECS and VPC', () => {
    for (const r of REGIONS) {
      expect(endpointOf(ecsTable[r.id]), `ECS ${r.id}`).toBeDefined();
      for (const table of vpcTables) expect(endpointOf(table[r.id]), `VPC ${r.id}`).toBeDefined();
    }
  });

  it("resolves the SDK's ECS and VPC hosts, with eu-west-101 moved to .myhuaweicloud.eu", () => {
    for (const r of REGIONS) {
      const ep = resolveEndpoints(r.id);
      const sdkEcs = endpointOf(ecsTable[r.id])!;
      const sdkVpc = endpointOf(vpcTables[0]![r.id])!;
      if (r.id === 'eu-west-101') {
        expect(ep.ecs).toBe(sdkEcs.replace(/\.com$/, '.eu'));
        expect(ep.vpc).toBe(sdkVpc.replace(/\.com$/, '.eu'));
        expect(ep.iam).toBe('https://iam.eu-west-101.myhuaweicloud.eu');
      } else {
        expect(ep.ecs).toBe(sdkEcs);
        expect(ep.vpc).toBe(sdkVpc);
        expect(ep.iam).toBe(sdkEcs.replace('//ecs.', '//iam.'));
      }
    }
  });

  it('gives https base URLs without a trailing slash, path, query or credentials', () => {
    for (const r of REGIONS) {
      for (const url of Object.values(resolveEndpoints(r.id))) {
        const u = new URL(url);
        expect(u.protocol).toBe('https:');
        expect(u.pathname).toBe('/');
        expect(url.endsWith('/')).toBe(false);
        expect(u.hostname.split('.')[1]).toBe(r.id);
        expect(u.search + u.hash + u.username + u.password).toBe('');
      }
    }
  });
});

describe('resolveEndpoints', () => {
  it('throws ConfigError for a region outside the catalogue', () => {
    for (const bad of ['', 'cn-north-99', 'CN-NORTH-4', 'us-east-1', ' cn-north-4', 'cn-north-4.evil.com'])
      expect(() => resolveEndpoints(bad), bad).toThrow(ConfigError);
  });

  it('replaces only the services given as custom endpoints', () => {
    const ep = resolveEndpoints('cn-north-4', { ecs: 'http://127.0.0.1:8443/' });
    expect(ep.ecs).toBe('http://127.0.0.1:8443');
    expect(ep.iam).toBe(resolveEndpoints('cn-north-4').iam);
    expect(ep.vpc).toBe(resolveEndpoints('cn-north-4').vpc);
  });

  it('accepts an unlisted but well-formed region only when every endpoint is custom', () => {
    const custom = { ecs: 'http://127.0.0.1:1', iam: 'http://127.0.0.1:2', vpc: 'http://127.0.0.1:3' };
    expect(resolveEndpoints('sandbox-1', custom)).toEqual(custom);
    expect(() => resolveEndpoints('sandbox-1', { ecs: custom.ecs, iam: custom.iam })).toThrow(ConfigError);
    expect(() => resolveEndpoints('Not A Region', custom)).toThrow(ConfigError);
  });

  it('throws ConfigError for a malformed custom endpoint of any service', () => {
    for (const service of ['ecs', 'iam', 'vpc'] as const)
      expect(() => resolveEndpoints('cn-north-4', { [service]: 'ftp://x.example' })).toThrow(ConfigError);
  });
});

describe('normalizeCustomEndpoint', () => {
  it('keeps scheme, host, port and path, and drops trailing slashes and surrounding space', () => {
    expect(normalizeCustomEndpoint('ecs', ' https://ECS.Example.com:8443/proxy/ecs// ')).toBe(
      'https://ecs.example.com:8443/proxy/ecs',
    );
    expect(normalizeCustomEndpoint('ecs', 'http://[::1]:9000')).toBe('http://[::1]:9000');
    expect(normalizeCustomEndpoint('iam', 'https://iam.example.com:443/')).toBe('https://iam.example.com');
  });

  it('rejects other schemes, credentials, queries, fragments and non-URLs', () => {
    const bad = [
      '',
      '   ',
      'ecs.example.com',
      'not a url',
      'ftp://ecs.example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ws://ecs.example.com',
      'https://user:s3cret-pass@ecs.example.com',
      'https://user@ecs.example.com',
      'https://:s3cret-pass@ecs.example.com',
      'https://ecs.example.com/?a=1',
      'https://ecs.example.com?',
      'https://ecs.example.com/#frag',
      'https://ecs.example.com#',
    ];
    for (const value of bad) {
      let thrown: unknown;
      try {
        normalizeCustomEndpoint('ecs', value);
      } catch (err) {
        thrown = err;
      }
      expect(thrown, JSON.stringify(value)).toBeInstanceOf(ConfigError);
      // SECURITY: a password typed into the URL never reaches the message.
      expect((thrown as ConfigError).message).not.toContain('s3cret');
    }
  });
});
