/**
 * Signing throughput: our `signRequest` against the official SDK's `AKSKSigner.sign` on the same
 * mixed workload (listing GETs with queries, JSON actions with bodies, four accounts of which one
 * uses temporary credentials),
 * measured in interleaved rounds within one run; reports both rates, their ratio and the
 * verifier's rate.
 */
import { formatSdkDate, signRequest, type AkSkCredentials } from '../../main/cloud/sign';
import { verifySignature } from '../../main/cloud/verify';
import { loadHuaweiSdk, type SdkCredential, type SdkSignerRequest } from '../helpers/huawei-sdk';
import { Prng } from '../helpers/prng';
import { keep, measureOps, median, type Bench } from './harness';

interface Workload {
  ours: { method: string; url: URL; headers: Record<string, string>; body?: string }[];
  sdk: SdkSignerRequest[];
  creds: AkSkCredentials[];
  sdkCreds: SdkCredential[];
}

const HEX = [...'0123456789abcdef'];
const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

function buildWorkload(size: number): Workload {
  const r = new Prng(20250107);
  const w: Workload = { ours: [], sdk: [], creds: [], sdkCreds: [] };
  const origin = 'https://ecs.cn-north-4.myhuaweicloud.com';
  // A desktop console signs for a handful of accounts: three permanent keys, one temporary.
  const accounts: AkSkCredentials[] = Array.from({ length: 4 }, (_, i) => ({
    ak: r.string(ALNUM, 20, 20),
    sk: r.string(ALNUM, 40, 40),
    ...(i === 3 ? { securityToken: r.string([...ALNUM, '+', '/'], 400, 400) } : {}),
  }));
  for (let i = 0; i < size; i++) {
    const projectId = r.string(HEX, 32, 32);
    const serverId = `${r.string(HEX, 8, 8)}-${r.string(HEX, 4, 4)}-${r.string(HEX, 4, 4)}-${r.string(HEX, 12, 12)}`;
    const creds = r.pick(accounts);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Project-Id': projectId };
    if (creds.securityToken) headers['X-Security-Token'] = creds.securityToken;
    const kind = r.int(0, 9);
    let method: string;
    let path: string;
    let query: Record<string, string | string[]> = {};
    let data: unknown;
    if (kind < 5) {
      method = 'GET';
      path = `/v1/${projectId}/cloudservers/detail`;
      query = { limit: String(r.int(1, 1000)), offset: String(r.int(0, 50)), status: 'ACTIVE' };
      if (r.chance(0.5)) query.name = `web-${r.string(ALNUM, 3, 10)} prod`;
      if (r.chance(0.3)) query.tags = ['env=prod', `team=${r.string(ALNUM, 4, 8)}`];
    } else if (kind < 8) {
      method = 'POST';
      path = `/v1/${projectId}/cloudservers/action`;
      const servers = Array.from({ length: r.int(1, 40) }, () => ({ id: serverId }));
      data = { 'os-stop': { type: 'SOFT', servers } };
    } else {
      method = r.chance(0.5) ? 'GET' : 'DELETE';
      path = `/v2.1/${projectId}/servers/${serverId}`;
    }
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) search.append(k, x);
    const qs = search.toString();
    const url = new URL(`${origin}${path}${qs ? `?${qs}` : ''}`);
    w.ours.push({
      method,
      url,
      headers,
      ...(data !== undefined ? { body: JSON.stringify(data) } : {}),
    });
    w.sdk.push({
      endpoint: `${origin}${path}`,
      method,
      headers: { ...headers },
      queryParams: query,
      ...(data !== undefined ? { data } : {}),
    });
    w.creds.push(creds);
    w.sdkCreds.push({ getAk: () => creds.ak, getSk: () => creds.sk });
  }
  return w;
}

export default {
  name: 'sign',
  async run(ctx) {
    const sdk = loadHuaweiSdk();
    const w = buildWorkload(64);
    const n = w.ours.length;

    // Like-for-like check first: with the same date both signers must produce the same header.
    const at = new Date();
    for (let i = 0; i < n; i++) {
      const theirs = sdk.sign(
        { ...w.sdk[i]!, headers: { ...w.sdk[i]!.headers, 'X-Sdk-Date': formatSdkDate(at) } },
        w.sdkCreds[i]!,
      );
      const ours = signRequest(w.ours[i]!, w.creds[i]!, at);
      if (ours.Authorization !== theirs.Authorization)
        throw new Error(`workload request ${i} signs differently from the SDK: not a fair comparison`);
    }

    const rounds = ctx.quick ? 1 : 3;
    const oursRuns: number[] = [];
    const sdkRuns: number[] = [];
    for (let round = 0; round < rounds; round++) {
      oursRuns.push(
        measureOps((i) => signRequest(w.ours[i % n]!, w.creds[i % n]!), { durationMs: ctx.durationMs }),
      );
      sdkRuns.push(
        measureOps((i) => sdk.sign(w.sdk[i % n]!, w.sdkCreds[i % n]!), { durationMs: ctx.durationMs }),
      );
      ctx.log(
        `round ${round + 1}: ours ${oursRuns[round]!.toFixed(0)}/s, sdk ${sdkRuns[round]!.toFixed(0)}/s`,
      );
    }
    const ours = median(oursRuns);
    const theirs = median(sdkRuns);
    ctx.report({ metric: 'signRequest (ours)', value: ours, unit: 'ops/s' });
    ctx.report({ metric: 'AKSKSigner.sign (SDK)', value: theirs, unit: 'ops/s' });
    ctx.report({ metric: 'speedup vs SDK', value: ours / theirs, unit: 'x' });

    // The simulator verifies every request: its cost matters under load.
    const now = new Date();
    const secrets = new Map(w.creds.map((c) => [c.ak, c.sk]));
    const incoming = w.ours.map((req, i) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(signRequest(req, w.creds[i]!, now))) headers[k.toLowerCase()] = v;
      return {
        method: req.method,
        rawPath: req.url.pathname,
        rawQuery: req.url.search.slice(1),
        headers,
        body: new TextEncoder().encode(req.body ?? ''),
      };
    });
    const lookup = (ak: string) => secrets.get(ak);
    const opts = { now };
    for (const inc of incoming) if (!verifySignature(inc, lookup, opts).ok) throw new Error('verify failed');
    const verifyOps = measureOps((i) => keep(verifySignature(incoming[i % n]!, lookup, opts)), {
      durationMs: ctx.durationMs,
    });
    ctx.report({ metric: 'verifySignature (ours)', value: verifyOps, unit: 'ops/s' });
  },
} satisfies Bench;
