/**
 * Client throughput against a local HTTP server on 127.0.0.1 that answers canned JSON:
 * - N sequential `listFlavors` calls: our CloudClient (AK/SK signing, limiter, retry wrapper,
 *   JSON parse) vs the official SDK's EcsClient (HcClient, BasicCredentials) vs a raw undici
 *   keep-alive loop that only sends and parses (the floor);
 * - listing 10,000 servers in pages of 1,000 (Nova `servers_links` markers), the same three ways.
 * Rounds are interleaved and the median of each is reported, with the ratios.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { CloudClient } from '../../main/cloud/client';
import { Transport } from '../../main/cloud/http';
import { Limiter } from '../../main/cloud/limiter';
import { nextMarkerFromLinks } from '../../main/cloud/paginate';
import { loadSdkEcsClient } from '../helpers/huawei-ecs-sdk';
import { Prng } from '../helpers/prng';
import { keep, median, type Bench, type BenchContext } from './harness';

const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const AK = 'BENCHAKEXAMPLE000001';
const SK = 'benchSecretKeyExample0123456789abcdefghij';
const TOTAL = 10_000;
const PAGE = 1_000;

const HEX = [...'0123456789abcdef'];

function uuid(r: Prng): string {
  return `${r.string(HEX, 8, 8)}-${r.string(HEX, 4, 4)}-${r.string(HEX, 4, 4)}-${r.string(HEX, 4, 4)}-${r.string(HEX, 12, 12)}`;
}

/** A Nova server as `servers/detail` returns it (about 1.3 KB of JSON). */
function server(r: Prng, i: number): Record<string, unknown> {
  const id = uuid(r);
  return {
    id,
    name: `web-${String(i).padStart(5, '0')}`,
    status: 'ACTIVE',
    tenant_id: PROJECT,
    user_id: r.string(HEX, 32, 32),
    metadata: { owner: 'ops', env: 'prod' },
    hostId: r.string(HEX, 56, 56),
    image: { id: uuid(r), links: [{ rel: 'bookmark', href: `https://ecs.example/images/${uuid(r)}` }] },
    flavor: {
      id: 's6.large.2',
      links: [{ rel: 'bookmark', href: 'https://ecs.example/flavors/s6.large.2' }],
    },
    created: '2025-01-07T10:00:00Z',
    updated: '2025-01-07T10:05:00Z',
    addresses: {
      [uuid(r)]: [
        {
          version: 4,
          addr: `192.168.${(i >> 8) & 255}.${i & 255}`,
          'OS-EXT-IPS:type': 'fixed',
          'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01',
        },
      ],
    },
    accessIPv4: '',
    accessIPv6: '',
    links: [{ rel: 'self', href: `https://ecs.example/v2.1/${PROJECT}/servers/${id}` }],
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': 'cn-north-4a',
    'OS-EXT-SRV-ATTR:host': r.string(HEX, 16, 16),
    'OS-EXT-SRV-ATTR:instance_name': `instance-${r.string(HEX, 8, 8)}`,
    'OS-EXT-STS:task_state': null,
    'OS-EXT-STS:vm_state': 'active',
    'OS-EXT-STS:power_state': 1,
    'os-extended-volumes:volumes_attached': [{ id: uuid(r) }],
    security_groups: [{ name: 'default' }],
    key_name: 'ops-key',
    progress: 0,
    config_drive: '',
  };
}

interface Fixture {
  origin: string;
  close(): Promise<void>;
  requests(): number;
}

async function startFixture(): Promise<Fixture> {
  const r = new Prng(20250107);
  const servers = Array.from({ length: TOTAL }, (_, i) => server(r, i));
  const flavors = Buffer.from(
    JSON.stringify({
      flavors: Array.from({ length: 4 }, (_, i) => ({
        id: `s6.large.${i}`,
        name: `s6.large.${i}`,
        vcpus: '2',
        ram: 4096 * (i + 1),
        disk: '0',
        os_extra_specs: { 'ecs:performancetype': 'normal', 'cond:operation:status': 'normal' },
      })),
    }),
  );
  // Pages pre-serialized once: the server's cost stays out of the comparison.
  const pages = new Map<string, Buffer>();
  let origin = '';
  const pageFor = (marker: string | null): Buffer => {
    const key = marker ?? '';
    let b = pages.get(key);
    if (!b) {
      const start = marker === null ? 0 : servers.findIndex((s) => s.id === marker) + 1;
      const items = servers.slice(start, start + PAGE);
      const last = items[items.length - 1];
      const links =
        start + PAGE < TOTAL && last
          ? [
              {
                rel: 'next',
                href: `${origin}/v2.1/${PROJECT}/servers/detail?limit=${PAGE}&marker=${String(last.id)}`,
              },
            ]
          : [];
      b = Buffer.from(JSON.stringify({ servers: items, servers_links: links }));
      pages.set(key, b);
    }
    return b;
  };
  let count = 0;
  const srv = createServer((req: IncomingMessage, res: ServerResponse) => {
    count++;
    req.resume();
    const url = new URL(req.url ?? '/', 'http://x');
    let body: Buffer;
    if (url.pathname === `/v1/${PROJECT}/cloudservers/flavors`) body = flavors;
    else if (url.pathname === `/v2.1/${PROJECT}/servers/detail`)
      body = pageFor(url.searchParams.get('marker'));
    else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"itemNotFound":{"message":"not found","code":404}}');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-request-id': 'bench',
    });
    res.end(body);
  });
  srv.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  for (let i = 0; i < TOTAL / PAGE; i++) pageFor(i === 0 ? null : String(servers[i * PAGE - 1]!.id));
  return {
    origin,
    requests: () => count,
    close: async () => {
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}

type Runner = { name: string; calls: () => Promise<void>; list: () => Promise<number> };

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  keep(await fn());
  return performance.now() - t0;
}

export default {
  name: 'client',
  async run(ctx: BenchContext) {
    const fx = await startFixture();
    const n = ctx.quick ? 300 : 2000;
    const rounds = ctx.quick ? 2 : 5;
    const listRounds = ctx.quick ? 2 : 5;

    const transport = new Transport({ proxy: 'direct' });
    const auth = new AkSkAuth({ ak: AK, sk: SK });
    const ours = new CloudClient({
      region: 'cn-north-4',
      endpoints: { ecs: fx.origin },
      auth,
      transport,
      projectId: PROJECT,
      // The limiter on the hot path, opened wide so that only its overhead is measured.
      limiter: new Limiter({ rate: Infinity, concurrency: 64 }),
    });
    const sdk = loadSdkEcsClient({ endpoint: fx.origin, ak: AK, sk: SK, projectId: PROJECT });
    const raw = new Agent({ connections: 16, pipelining: 1, keepAliveTimeout: 30_000 });

    // The floor sends the same headers as ours (signed once, up front) so that both put the same
    // bytes on the wire and the difference is the client's own work; a second raw loop sends
    // only Accept, to show what the signature headers themselves cost.
    const base = { method: 'GET' as const, headers: { Accept: 'application/json' } };
    const flavorsSigned = (
      await auth.authorize({ ...base, url: new URL(`${fx.origin}/v1/${PROJECT}/cloudservers/flavors`) })
    ).headers;
    const listSigned = (
      await auth.authorize({
        ...base,
        url: new URL(`${fx.origin}/v2.1/${PROJECT}/servers/detail?limit=${PAGE}`),
      })
    ).headers;
    const rawMinimal = {
      name: 'raw undici, Accept only',
      calls: async () => {
        for (let i = 0; i < n; i++) {
          const res = await raw.request({
            origin: fx.origin,
            path: `/v1/${PROJECT}/cloudservers/flavors`,
            method: 'GET',
            headers: { accept: 'application/json' },
          });
          keep(await res.body.json());
        }
      },
    };

    const runners: Runner[] = [
      {
        name: 'raw undici',
        calls: async () => {
          for (let i = 0; i < n; i++) {
            const res = await raw.request({
              origin: fx.origin,
              path: `/v1/${PROJECT}/cloudservers/flavors`,
              method: 'GET',
              headers: flavorsSigned,
            });
            keep(await res.body.json());
          }
        },
        list: async () => {
          let marker: string | undefined;
          let got = 0;
          for (;;) {
            const path = `/v2.1/${PROJECT}/servers/detail?limit=${PAGE}${marker ? `&marker=${marker}` : ''}`;
            const res = await raw.request({ origin: fx.origin, path, method: 'GET', headers: listSigned });
            const body = (await res.body.json()) as { servers: unknown[]; servers_links: unknown };
            got += body.servers.length;
            marker = nextMarkerFromLinks(body.servers_links);
            if (!marker) return got;
          }
        },
      },
      {
        name: 'ours',
        calls: async () => {
          for (let i = 0; i < n; i++) keep(await ours.call('listFlavors'));
        },
        list: async () => {
          let got = 0;
          for await (const page of ours.pages('novaListServersDetail', { query: { limit: PAGE } }))
            got += page.length;
          return got;
        },
      },
      {
        name: 'SDK',
        calls: async () => {
          for (let i = 0; i < n; i++) keep(await sdk.client.listFlavors(sdk.requests.listFlavors()));
        },
        list: async () => {
          let marker: string | undefined;
          let got = 0;
          for (;;) {
            const body = await sdk.client.novaListServersDetails(
              sdk.requests.novaListServersDetails(PAGE, marker),
            );
            got += body.servers?.length ?? 0;
            marker = nextMarkerFromLinks(body.servers_links);
            if (!marker) return got;
          }
        },
      },
    ];

    // Warm-up: connections, JIT, the SDK's lazy loading.
    for (const r of runners) {
      await r.calls();
      const got = await r.list();
      if (got !== TOTAL) throw new Error(`${r.name} listed ${got} servers, expected ${TOTAL}`);
    }

    const callMs = new Map<string, number[]>(runners.map((r) => [r.name, []]));
    const listMs = new Map<string, number[]>(runners.map((r) => [r.name, []]));
    callMs.set(rawMinimal.name, []);
    for (let round = 0; round < rounds; round++) {
      for (const r of runners) callMs.get(r.name)!.push(await timeIt(r.calls));
      callMs.get(rawMinimal.name)!.push(await timeIt(rawMinimal.calls));
    }
    for (let round = 0; round < listRounds; round++) {
      for (const r of runners) listMs.get(r.name)!.push(await timeIt(r.list));
    }

    const rps = (name: string) => (n / median(callMs.get(name)!)) * 1000;
    const lms = (name: string) => median(listMs.get(name)!);
    for (const r of runners)
      ctx.report({
        metric: `${n} sequential calls, ${r.name}`,
        value: Math.round(rps(r.name)),
        unit: 'req/s',
      });
    ctx.report({
      metric: 'calls: ours / raw undici',
      value: round2(rps('ours') / rps('raw undici')),
      unit: 'x',
    });
    ctx.report({
      metric: 'calls: ours / raw undici, Accept only',
      value: round2(rps('ours') / rps(rawMinimal.name)),
      unit: 'x',
    });
    ctx.report({ metric: 'calls: ours / SDK', value: round2(rps('ours') / rps('SDK')), unit: 'x' });
    for (const r of runners)
      ctx.report({
        metric: `list 10,000 servers (10 pages), ${r.name}`,
        value: Math.round(lms(r.name)),
        unit: 'ms',
      });
    ctx.report({
      metric: 'list: ours time / raw time',
      value: round2(lms('ours') / lms('raw undici')),
      unit: 'x',
    });
    ctx.report({ metric: 'list: SDK time / ours time', value: round2(lms('SDK') / lms('ours')), unit: 'x' });

    await transport.close();
    await raw.close();
    await fx.close();
  },
} satisfies Bench;

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
