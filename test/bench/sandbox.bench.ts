/**
 * Sandbox throughput: requests per second (token and AK/SK-signed, 16 concurrent connections), the
 * time to seed 10,000 servers, and the time for one 1,000-server page with 10,000 seeded (v1 and
 * v1.1 detail lists, median of several runs, measured over HTTP).
 */
import { Pool } from 'undici';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox } from '../../main/sandbox/server';
import { login } from '../integration/sandbox-helpers';
import { median, type Bench } from './harness';

async function rps(
  pool: Pool,
  durationMs: number,
  headersFor: () => Record<string, string>,
  path: string,
): Promise<number> {
  let count = 0;
  const end = performance.now() + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const r = await pool.request({ method: 'GET', path, headers: headersFor() });
      await r.body.text();
      if (r.statusCode !== 200) throw new Error(`unexpected ${r.statusCode}`);
      count++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  return (count * 1000) / (performance.now() - t0);
}

export default {
  name: 'sandbox',
  async run(ctx) {
    const t0 = performance.now();
    const sb = await startSandbox({ servers: 10_000 });
    ctx.report({ metric: 'start with 10,000 seeded servers', value: performance.now() - t0, unit: 'ms' });
    const pool = new Pool(sb.info.endpoint, { connections: 16 });
    try {
      const token = await login(sb);
      const limits = `/v1/${sb.info.projectId}/cloudservers/limits`;
      const show = `/v1/${sb.info.projectId}/cloudservers/${[...sb.state.servers.keys()][42]!}`;
      // Warm both paths up first: the first endpoint measured would otherwise pay for the JIT.
      for (const path of [limits, show])
        await rps(pool, ctx.durationMs / 4, () => ({ 'X-Auth-Token': token }), path);
      const limitsRps = await rps(pool, ctx.durationMs, () => ({ 'X-Auth-Token': token }), limits);
      ctx.report({ metric: 'requests/s, token, GET limits', value: limitsRps, unit: 'req/s' });
      const showRps = await rps(pool, ctx.durationMs, () => ({ 'X-Auth-Token': token }), show);
      ctx.report({ metric: 'requests/s, token, GET server', value: showRps, unit: 'req/s' });
      // Usage is kept incrementally, so limits should cost about what one server does (1.0),
      // not a scan of 10,000 servers per call.
      ctx.report({
        metric: 'GET limits / GET server throughput, 10,000 servers',
        value: limitsRps / showRps,
        unit: 'ratio',
      });
      const url = new URL(sb.info.endpoint + show);
      const signedHeaders = (): Record<string, string> =>
        signRequest({ method: 'GET', url, headers: { 'Content-Type': 'application/json' } }, sb.info);
      ctx.report({
        metric: 'requests/s, AK/SK signed, GET server',
        value: await rps(pool, ctx.durationMs, signedHeaders, show),
        unit: 'req/s',
      });

      const runs = ctx.quick ? 3 : 9;
      for (const [label, path] of [
        ['v1 detail', `/v1/${sb.info.projectId}/cloudservers/detail?limit=1000&offset=5`],
        ['v1.1 detail', `/v1.1/${sb.info.projectId}/cloudservers/detail?limit=1000`],
      ] as const) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < runs + 1; i++) {
          const s = performance.now();
          const r = await pool.request({ method: 'GET', path, headers: { 'X-Auth-Token': token } });
          const text = await r.body.text();
          const ms = performance.now() - s;
          if (r.statusCode !== 200) throw new Error(`page: ${r.statusCode}`);
          bytes = text.length;
          if (i > 0) times.push(ms); // the first run warms up the JIT
        }
        ctx.report({
          metric: `1,000-server page of 10,000 (${label}), median`,
          value: median(times),
          unit: 'ms',
        });
        ctx.log(
          `${label}: ${(bytes / 1e6).toFixed(2)} MB per page, runs ${times.map((t) => t.toFixed(1)).join(' ')} ms`,
        );
      }
    } finally {
      await pool.close();
      await sb.close();
    }
  },
} satisfies Bench;
