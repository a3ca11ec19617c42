/**
 * Listing 10,000 servers in pages of 1,000 from the simulator (seeded with 10,000), the same list
 * (`GET /v1/{project_id}/cloudservers/detail?offset=<page>&limit=1000`) three ways:
 * - ours: CloudClient.paginate('listServersDetails') (AK/SK signing, retry wrapper, JSON parse);
 * - SDK: the official EcsClient.listServersDetails with the same page size;
 * - raw: an undici keep-alive loop that signs each request (the simulator verifies signatures and
 *   their date) and parses the JSON: the floor.
 * The runners are interleaved round by round and the median of each is reported, with the ratios
 * ours/raw and SDK/ours.
 */
import { createRequire } from 'node:module';
import { Agent } from 'undici';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { CloudClient } from '../../main/cloud/client';
import { Transport } from '../../main/cloud/http';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox } from '../../main/sandbox/server';
import { loadHuaweiSdk } from '../helpers/huawei-sdk';
import { keep, median, type Bench, type BenchContext } from './harness';

const TOTAL = 10_000;
const PAGE = 1_000;

interface SdkListClient {
  listServersDetails(req: unknown): Promise<{ servers?: unknown[]; count?: number }>;
}

function loadSdk(endpoint: string, ak: string, sk: string, projectId: string) {
  loadHuaweiSdk(); // points HOME at a temporary directory before the SDK loads
  const require = createRequire(import.meta.url);
  type Chain = { withAk(v: string): Chain; withSk(v: string): Chain; withProjectId(v: string): Chain };
  const core = require('@huaweicloud/huaweicloud-sdk-core') as { BasicCredentials: new () => Chain };
  const ecs = require('@huaweicloud/huaweicloud-sdk-ecs') as {
    EcsClient: {
      newBuilder(): { withCredential(c: unknown): { withEndpoint(e: string): { build(): SdkListClient } } };
    };
    ListServersDetailsRequest: new () => { withOffset(n: number): { withLimit(n: number): unknown } };
  };
  // The SDK logs every call through log4js; keep the bench output clean.
  try {
    (require('log4js') as { configure(c: unknown): void }).configure({
      appenders: { out: { type: 'stdout' } },
      categories: { default: { appenders: ['out'], level: 'off' } },
    });
  } catch {
    // Noise only.
  }
  const cred = new core.BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId);
  const client = ecs.EcsClient.newBuilder().withCredential(cred).withEndpoint(endpoint).build();
  return {
    client,
    page: (offset: number) => new ecs.ListServersDetailsRequest().withOffset(offset).withLimit(PAGE),
  };
}

async function timeIt(fn: () => Promise<number>): Promise<number> {
  const t0 = performance.now();
  const got = await fn();
  const ms = performance.now() - t0;
  if (got !== TOTAL) throw new Error(`listed ${got} servers, expected ${TOTAL}`);
  return ms;
}

export default {
  name: 'listing',
  async run(ctx: BenchContext) {
    const t0 = performance.now();
    const sb = await startSandbox({ servers: TOTAL });
    ctx.log(`simulator seeded with ${TOTAL} servers in ${Math.round(performance.now() - t0)} ms`);
    const { endpoint, ak, sk, projectId } = sb.info;
    const rounds = ctx.quick ? 2 : 7;

    const transport = new Transport({ proxy: 'direct' });
    const ours = new CloudClient({
      region: sb.info.region,
      endpoints: { ecs: endpoint },
      auth: new AkSkAuth({ ak, sk }),
      transport,
      projectId,
    });
    const sdk = loadSdk(endpoint, ak, sk, projectId);
    const raw = new Agent({ connections: 16, keepAliveTimeout: 30_000 });
    const origin = new URL(endpoint).origin;

    const runners: { name: string; list: () => Promise<number> }[] = [
      {
        name: 'raw undici',
        list: async () => {
          let got = 0;
          for (let page = 1; ; page++) {
            const url = new URL(
              `${endpoint}/v1/${projectId}/cloudservers/detail?offset=${page}&limit=${PAGE}`,
            );
            const headers = signRequest(
              { method: 'GET', url, headers: { Accept: 'application/json' } },
              { ak, sk },
            );
            const res = await raw.request({
              origin,
              path: url.pathname + url.search,
              method: 'GET',
              headers,
            });
            const body = (await res.body.json()) as { servers: unknown[] };
            if (res.statusCode !== 200) throw new Error(`raw: HTTP ${res.statusCode}`);
            got += body.servers.length;
            keep(body);
            if (body.servers.length < PAGE) return got;
          }
        },
      },
      {
        name: 'ours',
        list: async () => {
          let got = 0;
          for await (const s of ours.paginate('listServersDetails', { query: { limit: PAGE } })) {
            keep(s);
            got++;
          }
          return got;
        },
      },
      {
        name: 'SDK',
        list: async () => {
          let got = 0;
          for (let page = 1; ; page++) {
            const body = await sdk.client.listServersDetails(sdk.page(page));
            const n = body.servers?.length ?? 0;
            got += n;
            keep(body);
            if (n < PAGE) return got;
          }
        },
      },
    ];

    // Warm-up: connections, JIT, the SDK's lazy loading; also checks that each lists everything.
    for (const r of runners) await timeIt(r.list);

    const ms = new Map<string, number[]>(runners.map((r) => [r.name, []]));
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so that no runner always follows the same one (GC, caches).
      for (let i = 0; i < runners.length; i++) {
        const r = runners[(i + round) % runners.length]!;
        ms.get(r.name)!.push(await timeIt(r.list));
      }
    }
    const med = (name: string) => median(ms.get(name)!);
    for (const r of runners)
      ctx.report({
        metric: `list ${TOTAL.toLocaleString('en')} servers (pages of ${PAGE.toLocaleString('en')}), ${r.name}`,
        value: Math.round(med(r.name)),
        unit: 'ms',
      });
    ctx.report({ metric: 'ours / raw', value: round2(med('ours') / med('raw undici')), unit: 'x' });
    ctx.report({ metric: 'SDK / ours', value: round2(med('SDK') / med('ours')), unit: 'x' });

    await transport.close();
    await raw.close();
    await sb.close();
  },
} satisfies Bench;

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
