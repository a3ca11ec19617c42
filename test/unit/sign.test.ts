/**
 * signRequest (SDK-HMAC-SHA256): parity with the official SDK signer on generated requests, the
 * documented canonical request, the cached HMAC and the canonical forms. The verifier is
 * sign-verify.test.ts.
 */
import { createHash, createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../main/cloud/errors';
import {
  canonicalQueryString,
  canonicalUri,
  formatSdkDate,
  hmacSha256Hex,
  parseSdkDate,
  signRequest,
  type SignableRequest,
} from '../../main/cloud/sign';
import { loadHuaweiSdk, type HuaweiSdk } from '../helpers/huawei-sdk';
import { Prng } from '../helpers/prng';
import { CASES, UNRESERVED, genCase, lowerKeys, ourRequest, sdkHeaders } from '../helpers/sign-cases';

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
