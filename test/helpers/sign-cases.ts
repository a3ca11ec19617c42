/**
 * Generated requests for the SDK-HMAC-SHA256 tests (test/unit/sign*.test.ts): random methods,
 * origins, paths, queries, headers, bodies and credentials, built once for our signer and once
 * for the official SDK's, so the signer and verifier tests draw from one generator.
 */
import { escape as qsEscape } from 'node:querystring';
import { formatSdkDate, type AkSkCredentials, type SignableRequest } from '../../main/cloud/sign';
import type { IncomingSignedRequest } from '../../main/cloud/verify';
import type { HuaweiSdk } from './huawei-sdk';
import type { Prng } from './prng';

export const UNRESERVED = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'];
// Characters the SDK can take raw in a path (its url.parse leaves them alone), plus unicode.
const PATH_EXTRA = [...'!$&()*+,;=:@[]%', 'é', 'ß', 'Ω', '中', '文', '😀', '𝄞', '\u00a0', '\u2028'];
// Anything at all in query keys and values: reserved characters, space, unicode, astral, controls.
const QUERY_EXTRA = [
  ...' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}',
  '\t',
  '\n',
  '\u0000',
  '\u007f',
  'é',
  'ü',
  '中',
  '😀',
  '🚀',
  '\ufffd',
  '\uffff',
  '\u2028',
];
const HEADER_VALUE = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:=/+*()"\'[]{}!?@#$%&',
];
const ORIGINS = [
  'https://ecs.cn-north-4.myhuaweicloud.com',
  'https://ecs.eu-west-101.myhuaweicloud.eu',
  'http://127.0.0.1:8443',
  'https://localhost:9000',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

export interface Case {
  method: string;
  origin: string;
  segments: string[];
  trailingSlash: boolean;
  query: [string, string][];
  headers: Record<string, string>;
  data?: unknown;
  creds: AkSkCredentials;
  now: Date;
}

function genSegment(r: Prng): string {
  const alphabet = r.chance(0.5) ? UNRESERVED : [...UNRESERVED, ...PATH_EXTRA];
  let s = r.string(alphabet, 1, 24);
  // `.` and `..` are resolved away by URL parsing; they are not parameter values.
  if (s === '.' || s === '..') s = `x${s}`;
  // The SDK's url.parse trims whitespace (NBSP, U+2028) off the end of the whole URL.
  if (/\s$/u.test(s)) s += 'x';
  return s;
}

function genQueryString(r: Prng, allowEmpty: boolean): string {
  const alphabet = r.chance(0.4) ? UNRESERVED : [...UNRESERVED, ...QUERY_EXTRA];
  return r.string(alphabet, allowEmpty ? 0 : 1, 16);
}

function genJson(r: Prng, depth: number, big: boolean): unknown {
  const roll = r.int(0, depth > 2 ? 3 : 5);
  if (roll === 0) return r.int(-1e6, 1e6);
  if (roll === 1) return r.chance(0.5);
  if (roll === 2) return null;
  if (roll === 3)
    return r.string([...UNRESERVED, ...QUERY_EXTRA, '\u0001', '\u001f', '\ud800\udc00'], 0, big ? 4000 : 20);
  if (roll === 4) return Array.from({ length: r.int(0, big ? 40 : 4) }, () => genJson(r, depth + 1, big));
  const obj: Record<string, unknown> = {};
  for (let i = r.int(0, big ? 30 : 4); i > 0; i--) obj[genQueryString(r, false)] = genJson(r, depth + 1, big);
  return obj;
}

export function genCase(r: Prng): Case {
  const segments = [
    'v1',
    ...Array.from({ length: r.int(0, 5) }, () => (r.chance(0.05) ? '' : genSegment(r))),
  ];
  const query: [string, string][] = [];
  const keys = r.int(0, 6);
  for (let i = 0; i < keys; i++) {
    const key = r.chance(0.03) ? '' : genQueryString(r, false);
    if (query.some(([k]) => k === key)) continue;
    const repeats = r.chance(0.25) ? r.int(2, 4) : 1;
    for (let j = 0; j < repeats; j++) {
      // Repeated keys sometimes repeat a value too.
      const value = j > 0 && r.chance(0.2) ? query[query.length - 1]![1] : genQueryString(r, true);
      query.push([key, value]);
    }
  }
  const headers: Record<string, string> = {};
  // The SDK hashes JSON.stringify(data), i.e. it only signs JSON bodies: always application/json.
  headers[r.pick(['content-type', 'Content-Type'])] = 'application/json';
  for (let i = r.int(0, 3); i > 0; i--) {
    const name = `X-Test-${r.string([...'abcdefghijklmnopqrstuvwxyz0123456789-'], 1, 10)}`;
    const cased = r.chance(0.5) ? name.toLowerCase() : name;
    if (Object.keys(headers).some((k) => k.toLowerCase() === cased.toLowerCase())) continue;
    const value = r.string(HEADER_VALUE, 1, 40).trim();
    headers[cased] = value === '' ? 'v' : value;
  }
  const creds: AkSkCredentials = {
    ak: r.string([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'], 20, 20),
    sk: r.string(UNRESERVED, 40, 40),
  };
  if (r.chance(0.3)) creds.securityToken = r.string([...UNRESERVED, '+', '/', '='], 100, 600);
  if (r.chance(0.4)) creds.projectId = r.string([...'0123456789abcdef'], 32, 32);
  const c: Case = {
    method: r.pick(METHODS),
    origin: r.pick(ORIGINS),
    segments,
    trailingSlash: r.chance(0.2),
    query,
    headers,
    creds,
    now: new Date(Date.UTC(2000, 0, 1) + r.int(0, 100 * 365 * 86400) * 1000),
  };
  const bodyKind = r.int(0, 9);
  if (bodyKind >= 4) c.data = r.chance(0.8) ? genJson(r, 0, bodyKind === 9) : [genJson(r, 0, false)];
  if (c.data !== undefined && (typeof c.data !== 'object' || c.data === null)) c.data = { v: c.data };
  return c;
}

/** Encodes a query pair the way one of several real encoders would. */
function encodeQuery(r: Prng, pairs: [string, string][]): string {
  const style = r.int(0, 2);
  if (style === 0) return new URLSearchParams(pairs).toString(); // space as `+`
  const enc = style === 1 ? encodeURIComponent : qsEscape;
  return pairs
    .map(([k, v]) => (v === '' && k !== '' && r.chance(0.3) ? enc(k) : `${enc(k)}=${enc(v)}`))
    .join('&');
}

export function ourRequest(r: Prng, c: Case): SignableRequest {
  let path = `/${c.segments.map(encodeURIComponent).join('/')}`;
  if (c.trailingSlash) path += '/';
  const query = encodeQuery(r, r.shuffle(c.query));
  const url = new URL(`${c.origin}${path}${query ? `?${query}` : ''}`);
  const req: SignableRequest = { method: c.method, url, headers: { ...c.headers } };
  if (c.data !== undefined) {
    const json = JSON.stringify(c.data);
    req.body = r.chance(0.5) ? json : new TextEncoder().encode(json);
  } else if (r.chance(0.3)) {
    req.body = r.chance(0.5) ? '' : new Uint8Array(0);
  }
  return req;
}

export function sdkQuery(c: Case): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of c.query) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function sdkPath(c: Case): string {
  return `/${c.segments.join('/')}${c.trailingSlash ? '/' : ''}`;
}

export async function sdkHeaders(sdk: HuaweiSdk, c: Case): Promise<Record<string, string>> {
  const signed = await sdk.signLikeClient({
    origin: c.origin,
    path: sdkPath(c),
    method: c.method,
    // Passing X-Sdk-Date pins the SDK's clock to the case's time.
    headers: { ...c.headers, 'X-Sdk-Date': formatSdkDate(c.now) },
    query: sdkQuery(c),
    data: c.data,
    ak: c.creds.ak,
    sk: c.creds.sk,
    ...(c.creds.securityToken !== undefined ? { securityToken: c.creds.securityToken } : {}),
    ...(c.creds.projectId !== undefined ? { projectId: c.creds.projectId } : {}),
  });
  return lowerKeys(signed);
}

export function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function bodyBytes(body: Uint8Array | string | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

/** The request as a server would receive it after sending `req` with `headers`. */
export function incoming(req: SignableRequest, headers: Record<string, string>): IncomingSignedRequest {
  return {
    method: req.method,
    rawPath: req.url.pathname,
    rawQuery: req.url.search.slice(1),
    headers: lowerKeys(headers),
    body: bodyBytes(req.body),
  };
}

/** Generated requests per property test. */
export const CASES = 1200;
