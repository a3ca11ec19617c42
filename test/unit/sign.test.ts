import { createHash, createHmac } from 'node:crypto';
import { escape as qsEscape, stringify as qsStringify } from 'node:querystring';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../main/cloud/errors';
import {
  canonicalQueryString,
  canonicalUri,
  formatSdkDate,
  hmacSha256Hex,
  parseSdkDate,
  signRequest,
  type AkSkCredentials,
  type SignableRequest,
} from '../../main/cloud/sign';
import { verifySignature, type IncomingSignedRequest } from '../../main/cloud/verify';
import { loadHuaweiSdk, type HuaweiSdk } from '../helpers/huawei-sdk';
import { Prng } from '../helpers/prng';

// ---------------------------------------------------------------------------------------------
// Generated requests

const UNRESERVED = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'];
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

interface Case {
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

function genCase(r: Prng): Case {
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

function ourRequest(r: Prng, c: Case): SignableRequest {
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

function sdkQuery(c: Case): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of c.query) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function sdkPath(c: Case): string {
  return `/${c.segments.join('/')}${c.trailingSlash ? '/' : ''}`;
}

async function sdkHeaders(sdk: HuaweiSdk, c: Case): Promise<Record<string, string>> {
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

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function bodyBytes(body: Uint8Array | string | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

/** The request as a server would receive it after sending `req` with `headers`. */
function incoming(req: SignableRequest, headers: Record<string, string>): IncomingSignedRequest {
  return {
    method: req.method,
    rawPath: req.url.pathname,
    rawQuery: req.url.search.slice(1),
    headers: lowerKeys(headers),
    body: bodyBytes(req.body),
  };
}

const CASES = 1200;

describe('signRequest matches the official SDK signer', () => {
  let sdk: HuaweiSdk;
  beforeAll(() => {
    sdk = loadHuaweiSdk();
  });

  it(`produces the SDK's signed headers and Authorization on ${CASES} generated requests`, async () => {
    const r = new Prng(0x5eed_0001);
    const stats = { query: 0, repeated: 0, unicodePath: 0, token: 0, project: 0, body: 0, big: 0 };
    for (let i = 0; i < CASES; i++) {
      const c = genCase(r);
      const req = ourRequest(r, c);
      const ours = lowerKeys(signRequest(req, c.creds, c.now));
      const theirs = await sdkHeaders(sdk, c);
      if (JSON.stringify(sorted(ours)) !== JSON.stringify(sorted(theirs))) {
        // A readable failure: which case, and both header sets.
        expect({ case: i, url: req.url.href, ours: sorted(ours) }).toEqual({
          case: i,
          url: req.url.href,
          ours: sorted(theirs),
        });
      }
      if (c.query.length > 0) stats.query++;
      if (new Set(c.query.map(([k]) => k)).size < c.query.length) stats.repeated++;
      if (c.segments.some((s) => /[^\x20-\x7e]/.test(s))) stats.unicodePath++;
      if (c.creds.securityToken) stats.token++;
      if (c.creds.projectId) stats.project++;
      if (c.data !== undefined) stats.body++;
      if (req.body !== undefined && req.body.length > 20_000) stats.big++;
    }
    // The generator really exercised every feature (a broken generator would prove nothing).
    for (const [feature, n] of Object.entries(stats)) expect(n, feature).toBeGreaterThan(10);
  });

  it('matches the SDK signer called directly, with the SDK choosing the date itself', () => {
    const req: SignableRequest = {
      method: 'GET',
      url: new URL('https://ecs.cn-north-4.myhuaweicloud.com/v1/p/cloudservers/detail?limit=5&name=a%20b'),
      headers: { 'content-type': 'application/json' },
    };
    const creds = { ak: 'AKEXAMPLE', sk: 'skexample' };
    const sdkOut = sdk.sign(
      {
        endpoint: 'https://ecs.cn-north-4.myhuaweicloud.com/v1/p/cloudservers/detail',
        method: 'GET',
        headers: { 'content-type': 'application/json' },
        queryParams: { limit: '5', name: 'a b' },
      },
      { getAk: () => creds.ak, getSk: () => creds.sk },
    );
    const date = parseSdkDate(sdkOut['X-Sdk-Date']!);
    expect(date).toBeDefined();
    const ours = signRequest(req, creds, new Date(date!));
    expect(ours.Authorization).toBe(sdkOut.Authorization);
  });
});

function sorted(h: Record<string, string>): [string, string][] {
  return Object.entries(h).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('signRequest', () => {
  const creds = { ak: 'AK1234567890', sk: 'secret-key-0123456789' };
  const now = new Date('2024-05-06T07:08:09.123Z');

  it('adds Host, X-Sdk-Date, X-Security-Token, X-Project-Id and Authorization and signs them', () => {
    const out = signRequest(
      {
        method: 'get',
        url: new URL('https://h.example:8443/v1/x'),
        headers: { 'Content-Type': 'application/json' },
      },
      { ...creds, securityToken: 'tok+/=', projectId: 'proj' },
      now,
    );
    expect(out.Host).toBe('h.example:8443');
    expect(out['X-Sdk-Date']).toBe('20240506T070809Z');
    expect(out['X-Security-Token']).toBe('tok+/=');
    expect(out['X-Project-Id']).toBe('proj');
    expect(out['Content-Type']).toBe('application/json');
    expect(out.Authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AK1234567890, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it('computes the signature from the documented canonical request (independent re-computation)', () => {
    const body = '{"a":"é"}';
    const out = signRequest(
      {
        method: 'POST',
        url: new URL('https://h.example/v1/a%20b/c~d?z=1&a=2&a=1&sp=x+y'),
        headers: { 'Content-Type': 'application/json' },
        body,
      },
      creds,
      now,
    );
    const canonical = [
      'POST',
      '/v1/a%20b/c~d/',
      'a=1&a=2&sp=x%20y&z=1',
      'content-type:application/json\nhost:h.example\nx-sdk-date:20240506T070809Z\n',
      'content-type;host;x-sdk-date',
      createHash('sha256').update(body).digest('hex'),
    ].join('\n');
    const sts = `SDK-HMAC-SHA256\n20240506T070809Z\n${createHash('sha256').update(canonical).digest('hex')}`;
    const sig = createHmac('sha256', creds.sk).update(sts).digest('hex');
    expect(out.Authorization).toBe(
      `SDK-HMAC-SHA256 Access=${creds.ak}, SignedHeaders=content-type;host;x-sdk-date, Signature=${sig}`,
    );
  });

  it('signs a string body and its UTF-8 bytes identically', () => {
    const url = new URL('https://h.example/v1/x');
    const s = '{"name":"服务器-😀"}';
    const a = signRequest({ method: 'POST', url, headers: {}, body: s }, creds, now);
    const b = signRequest(
      { method: 'POST', url, headers: {}, body: new TextEncoder().encode(s) },
      creds,
      now,
    );
    expect(a.Authorization).toBe(b.Authorization);
    const c = signRequest({ method: 'POST', url, headers: {}, body: `${s} ` }, creds, now);
    expect(c.Authorization).not.toBe(a.Authorization);
  });

  it('gives the same signature for equivalent encodings of the same path and query, in any order', () => {
    const sign = (u: string) =>
      signRequest({ method: 'GET', url: new URL(u), headers: {} }, creds, now).Authorization;
    expect(sign('https://h.example/v1/a~b/%41?x=1&y=%7E')).toBe(sign('https://h.example/v1/a%7eb/A?y=~&x=1'));
    expect(sign('https://h.example/v1/s?q=a%20b')).toBe(sign('https://h.example/v1/s?q=a+b'));
    expect(sign('https://h.example/v1/s?q=a%2Bb')).not.toBe(sign('https://h.example/v1/s?q=a+b'));
    expect(sign('https://h.example/v1/a%2Fb')).not.toBe(sign('https://h.example/v1/a/b'));
  });

  it('re-signing its own output replaces the date and signature instead of signing them', () => {
    const req = { method: 'GET', url: new URL('https://h.example/v1/x'), headers: { 'X-A': '1' } };
    const first = signRequest(req, creds, now);
    const later = new Date(now.getTime() + 5000);
    const again = signRequest({ ...req, headers: first }, creds, later);
    expect(again.Authorization).toBe(signRequest(req, creds, later).Authorization);
    expect(again['X-Sdk-Date']).toBe('20240506T070814Z');
  });

  it('rejects two headers that differ only in case', () => {
    expect(() =>
      signRequest(
        { method: 'GET', url: new URL('https://h.example/'), headers: { 'X-A': '1', 'x-a': '2' } },
        creds,
        now,
      ),
    ).toThrow(ValidationError);
  });

  it('honours X-Sdk-Content-Sha256 as the payload hash, as the SDK does', () => {
    const url = new URL('https://h.example/v1/upload');
    const headers = {
      'Content-Type': 'application/octet-stream',
      'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD',
    };
    const sdkOut = loadHuaweiSdk().sign(
      {
        endpoint: url.href,
        method: 'PUT',
        headers: { ...headers, 'X-Sdk-Date': formatSdkDate(now) },
        data: { a: 1 },
      },
      { getAk: () => creds.ak, getSk: () => creds.sk },
    );
    const ours = signRequest({ method: 'PUT', url, headers, body: new Uint8Array([1, 2, 3]) }, creds, now);
    expect(ours.Authorization).toBe(sdkOut.Authorization);
  });
});

describe('hmacSha256Hex (cached key pads)', () => {
  it('equals createHmac for short, 64-byte, long and non-ASCII keys, across cache evictions', () => {
    const r = new Prng(0x5eed_0004);
    const keys = [
      '',
      'k',
      'x'.repeat(64),
      'y'.repeat(65),
      'clé-secrète-é',
      ...Array.from({ length: 20 }, () => r.string(UNRESERVED, 1, 80)),
    ];
    for (let round = 0; round < 3; round++) {
      for (const key of r.shuffle(keys)) {
        const data = `SDK-HMAC-SHA256\n20240102T030405Z\n${r.string([...'0123456789abcdef'], 64, 64)}`;
        expect(hmacSha256Hex(key, data), key).toBe(createHmac('sha256', key).update(data).digest('hex'));
      }
    }
  });
});

describe('canonical forms', () => {
  it('canonicalUri encodes each segment once and appends a trailing slash', () => {
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('/v1/abc')).toBe('/v1/abc/');
    expect(canonicalUri('/v1/abc/')).toBe('/v1/abc/');
    expect(canonicalUri('/v1/%c3%a9!')).toBe('/v1/%C3%A9%21/');
    expect(canonicalUri('/v1/100%/x%zz')).toBe('/v1/100%25/x%25zz/');
    expect(canonicalUri('/v1/é')).toBe('/v1/%C3%A9/');
  });

  it('canonicalQueryString sorts decoded keys by code unit, then values, and encodes both', () => {
    // Sorting after encoding would put `a%C3%A9` before `a~`.
    expect(canonicalQueryString('a%C3%A9=1&a~=2')).toBe('a~=2&a%C3%A9=1');
    expect(canonicalQueryString('?b=2&b=1&flag&a=')).toBe('a=&b=1&b=2&flag=');
    expect(canonicalQueryString('a=1&&b=2&')).toBe('a=1&b=2');
    expect(canonicalQueryString('k=%FF')).toBe('k=%EF%BF%BD');
  });

  it('formatSdkDate and parseSdkDate round-trip and reject impossible dates', () => {
    const d = new Date('1999-12-31T23:59:59.999Z');
    expect(parseSdkDate(formatSdkDate(d))).toBe(Date.parse('1999-12-31T23:59:59Z'));
    for (const bad of [
      '20241332T000000Z',
      '20240230T000000Z',
      '20240101T240000Z',
      '20240101T000000',
      '2024-01-01T00:00:00Z',
      '',
    ])
      expect(parseSdkDate(bad), bad).toBeUndefined();
  });
});

describe('verifySignature', () => {
  const secrets = new Map([
    ['AKVERIFY000000000001', 'sk-verify-one-0123456789'],
    ['AKVERIFY000000000002', 'sk-verify-two-0123456789'],
  ]);
  const lookup = (ak: string) => secrets.get(ak);
  const creds = { ak: 'AKVERIFY000000000001', sk: 'sk-verify-one-0123456789' };
  const now = new Date('2025-01-07T10:00:00Z');
  const baseReq = (): SignableRequest => ({
    method: 'POST',
    url: new URL(
      'https://ecs.cn-north-4.myhuaweicloud.com/v1/proj/cloudservers/action?dry_run=false&tag=a&tag=b',
    ),
    headers: { 'Content-Type': 'application/json' },
    body: '{"os-stop":{"type":"SOFT","servers":[{"id":"6e1b2f4a"}]}}',
  });
  const signed = (req = baseReq(), c: AkSkCredentials = creds, at = now) =>
    incoming(req, signRequest(req, c, at));

  it(`accepts every request signRequest produced (${CASES} generated requests)`, () => {
    const r = new Prng(0x5eed_0002);
    for (let i = 0; i < CASES; i++) {
      const c = genCase(r);
      const req = ourRequest(r, c);
      const result = verifySignature(
        incoming(req, signRequest(req, c.creds, c.now)),
        (ak) => (ak === c.creds.ak ? c.creds.sk : undefined),
        { now: c.now },
      );
      if (!result.ok) expect({ case: i, url: req.url.href, result }).toBeUndefined();
      expect(result).toEqual({ ok: true, ak: c.creds.ak });
    }
  });

  it('accepts what the official SDK signed, as its HTTP client puts it on the wire', async () => {
    const sdk = loadHuaweiSdk();
    const r = new Prng(0x5eed_0003);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const c = genCase(r);
      // The SDK substitutes path values unencoded, so a literal `%` in one reaches the wire as an
      // escape the SDK did not sign: its bug, outside what a server can accept.
      if (c.segments.some((s) => s.includes('%'))) continue;
      const headers = await sdkHeaders(sdk, c);
      const wire = new URL(`${c.origin}${sdkPath(c)}`);
      const result = verifySignature(
        {
          method: c.method,
          rawPath: wire.pathname,
          rawQuery: qsStringify(sdkQuery(c)),
          headers,
          body: c.data === undefined ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(c.data)),
        },
        (ak) => (ak === c.creds.ak ? c.creds.sk : undefined),
        { now: c.now },
      );
      expect(result, `case ${i}`).toEqual({ ok: true, ak: c.creds.ak });
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('accepts a well-signed request and reports the access key', () => {
    expect(verifySignature(signed(), lookup, { now })).toEqual({ ok: true, ak: creds.ak });
  });

  it('rejects a signature made with the wrong secret key', () => {
    const req = signed(baseReq(), { ak: creds.ak, sk: 'not-the-secret' });
    expect(verifySignature(req, lookup, { now })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('rejects an unknown access key', () => {
    const req = signed(baseReq(), { ak: 'AKUNKNOWN', sk: 'whatever' });
    expect(verifySignature(req, lookup, { now })).toMatchObject({ ok: false, reason: 'unknown_ak' });
  });

  it('rejects a changed body, query, path, method or signed header', () => {
    const good = signed();
    const body = Uint8Array.from(good.body);
    body[5] = body[5]! ^ 1;
    const variants: IncomingSignedRequest[] = [
      { ...good, body },
      { ...good, body: new Uint8Array(0) },
      { ...good, rawQuery: good.rawQuery.replace('dry_run=false', 'dry_run=true') },
      { ...good, rawQuery: `${good.rawQuery}&extra=1` },
      { ...good, rawQuery: good.rawQuery.replace('&tag=b', '') },
      { ...good, rawPath: good.rawPath.replace('proj', 'other') },
      { ...good, rawPath: `${good.rawPath}/x` },
      { ...good, method: 'PUT' },
      { ...good, headers: { ...good.headers, 'content-type': 'text/plain' } },
      { ...good, headers: { ...good.headers, host: 'evil.example' } },
    ];
    for (const v of variants)
      expect(verifySignature(v, lookup, { now })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('rejects X-Sdk-Date more than 15 minutes off either way, and accepts 15 minutes exactly', () => {
    const req = signed();
    const min = 60_000;
    expect(verifySignature(req, lookup, { now: new Date(now.getTime() + 15 * min) }).ok).toBe(true);
    expect(verifySignature(req, lookup, { now: new Date(now.getTime() - 15 * min) }).ok).toBe(true);
    for (const off of [15 * min + 1000, -(15 * min + 1000), 24 * 60 * min])
      expect(verifySignature(req, lookup, { now: new Date(now.getTime() + off) })).toMatchObject({
        ok: false,
        reason: 'date_skew',
      });
    expect(
      verifySignature(req, lookup, { now: new Date(now.getTime() + 2 * min), maxSkewMs: min }),
    ).toMatchObject({
      reason: 'date_skew',
    });
  });

  it('rejects missing or malformed Authorization and X-Sdk-Date headers', () => {
    const good = signed();
    const auth = good.headers.authorization as string;
    const withHeaders = (h: Record<string, string | undefined>) => ({
      ...good,
      headers: { ...good.headers, ...h },
    });
    const cases: [IncomingSignedRequest, string][] = [
      [withHeaders({ authorization: undefined }), 'missing_header'],
      [withHeaders({ authorization: '' }), 'missing_header'],
      [withHeaders({ authorization: 'Bearer abc' }), 'malformed_header'],
      [
        withHeaders({ authorization: auth.replace('SDK-HMAC-SHA256', 'AWS4-HMAC-SHA256') }),
        'malformed_header',
      ],
      [
        withHeaders({ authorization: auth.replace(/Signature=[0-9a-f]+/, 'Signature=xyz') }),
        'malformed_header',
      ],
      [
        withHeaders({ authorization: auth.replace(/Signature=[0-9a-f]+/, 'Signature=abcd') }),
        'malformed_header',
      ],
      [withHeaders({ authorization: auth.replace(/Access=[^,]+, /, '') }), 'malformed_header'],
      [withHeaders({ authorization: auth.replace('x-sdk-date', 'x-other') }), 'malformed_header'],
      [withHeaders({ authorization: auth.replace('host;', '') }), 'malformed_header'],
      [withHeaders({ authorization: auth.replace('content-type', 'Content-Type') }), 'malformed_header'],
      [withHeaders({ 'x-sdk-date': undefined }), 'missing_header'],
      [withHeaders({ 'content-type': undefined }), 'missing_header'],
      [withHeaders({ 'x-sdk-date': '2025-01-07T10:00:00Z' }), 'date_malformed'],
      [withHeaders({ 'x-sdk-date': '20250107T100000' }), 'date_malformed'],
      [withHeaders({ 'x-sdk-date': '20251307T100000Z' }), 'date_malformed'],
      [withHeaders({ 'x-security-token': 'injected-token' }), 'malformed_header'],
    ];
    for (const [req, reason] of cases)
      expect(verifySignature(req, lookup, { now }), reason).toMatchObject({ ok: false, reason });
  });

  it('rejects a swapped security token on temporary credentials', () => {
    const req = signed(baseReq(), { ...creds, securityToken: 'token-one' });
    expect(verifySignature(req, lookup, { now }).ok).toBe(true);
    const swapped = { ...req, headers: { ...req.headers, 'x-security-token': 'token-two' } };
    expect(verifySignature(swapped, lookup, { now })).toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('accepts a binary (non-UTF-8) body only byte for byte', () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 0xff);
    const req: SignableRequest = {
      ...baseReq(),
      body: bytes,
      headers: { 'Content-Type': 'application/octet-stream' },
    };
    const inc = signed(req);
    expect(verifySignature(inc, lookup, { now }).ok).toBe(true);
    const flipped = Uint8Array.from(bytes);
    flipped[4095] = flipped[4095]! ^ 0x80;
    expect(verifySignature({ ...inc, body: flipped }, lookup, { now }).ok).toBe(false);
  });

  it('handles X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD by policy and checks a declared hash against the body', () => {
    const unsigned: SignableRequest = {
      ...baseReq(),
      headers: { 'Content-Type': 'application/octet-stream', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    };
    const inc = signed(unsigned);
    expect(verifySignature({ ...inc, body: new Uint8Array([9, 9]) }, lookup, { now }).ok).toBe(true);
    expect(verifySignature(inc, lookup, { now, allowUnsignedPayload: false })).toMatchObject({
      reason: 'signature_mismatch',
    });
    const body = baseReq().body as string;
    const declared: SignableRequest = {
      ...baseReq(),
      headers: { 'X-Sdk-Content-Sha256': createHash('sha256').update(body).digest('hex') },
    };
    const dInc = signed(declared);
    expect(verifySignature(dInc, lookup, { now }).ok).toBe(true);
    expect(verifySignature({ ...dInc, body: new Uint8Array([1]) }, lookup, { now })).toMatchObject({
      reason: 'signature_mismatch',
    });
  });

  it('reads headers given as arrays or with any name case', () => {
    const inc = signed();
    const upper: Record<string, string | string[] | undefined> = {};
    for (const [k, v] of Object.entries(inc.headers)) upper[k.toUpperCase()] = v;
    expect(verifySignature({ ...inc, headers: upper }, lookup, { now }).ok).toBe(true);
  });

  it('never puts the secret key in a failure message', () => {
    const req = signed(baseReq(), { ak: creds.ak, sk: 'wrong' });
    const result = verifySignature(req, lookup, { now });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(creds.sk);
  });
});
