import { describe, expect, it } from 'vitest';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { ProjectResolver, type ProjectLister } from '../../main/cloud/auth/project';
import { TokenAuth } from '../../main/cloud/auth/token';
import { ConfigError, errorFromResponse } from '../../main/cloud/errors';
import { redactText } from '../../main/cloud/redact';
import type { PreparedRequest } from '../../main/cloud/request';
import { verifySignature } from '../../main/cloud/verify';
import { IAM, PROJECT, mockCloud } from '../helpers/mock-cloud';

const req = (): PreparedRequest => ({
  method: 'POST',
  url: new URL(`https://ecs.example/v1/${PROJECT}/cloudservers/action`),
  headers: { 'Content-Type': 'application/json;charset=UTF-8' },
  body: new TextEncoder().encode('{"os-start":{"servers":[{"id":"a"}]}}'),
});

function verifyPrepared(p: PreparedRequest, ak: string, sk: string) {
  return verifySignature(
    {
      method: p.method,
      rawPath: p.url.pathname,
      rawQuery: p.url.search.slice(1),
      headers: p.headers,
      body: p.body ?? new Uint8Array(),
    },
    (k) => (k === ak ? sk : undefined),
    { now: new Date('2025-01-07T10:00:00Z') },
  );
}

describe('AkSkAuth', () => {
  const now = () => new Date('2025-01-07T10:00:00Z');

  it('signs a copy of the request with permanent keys, leaving the input untouched', async () => {
    const input = req();
    const out = await new AkSkAuth(
      { ak: 'AKPERM000000000001', sk: 'permanent-secret-key-1' },
      { now },
    ).authorize(input);
    expect(input.headers).toEqual({ 'Content-Type': 'application/json;charset=UTF-8' });
    expect(out.headers['X-Sdk-Date']).toBe('20250107T100000Z');
    expect(out.headers['X-Security-Token']).toBeUndefined();
    expect(out.body).toBe(input.body);
    expect(verifyPrepared(out, 'AKPERM000000000001', 'permanent-secret-key-1')).toEqual({
      ok: true,
      ak: 'AKPERM000000000001',
    });
    // A different secret does not verify: the signature really depends on the key.
    expect(verifyPrepared(out, 'AKPERM000000000001', 'another-secret-key-2').ok).toBe(false);
  });

  it('sends and signs X-Security-Token with temporary keys', async () => {
    const token = 'temporary-security-token-' + 'z'.repeat(40);
    const out = await new AkSkAuth(
      { ak: 'AKTEMP000000000001', sk: 'temporary-secret-1', securityToken: token },
      { now },
    ).authorize(req());
    expect(out.headers['X-Security-Token']).toBe(token);
    expect(out.headers.Authorization).toMatch(/SignedHeaders=[^,]*x-security-token/);
    expect(verifyPrepared(out, 'AKTEMP000000000001', 'temporary-secret-1').ok).toBe(true);
    // Tampering with the token breaks the signature.
    const tampered = { ...out, headers: { ...out.headers, 'X-Security-Token': token + 'x' } };
    expect(verifyPrepared(tampered, 'AKTEMP000000000001', 'temporary-secret-1').ok).toBe(false);
  });

  it('registers the secret key and the token so that no error text can carry them', () => {
    const sk = 'registered-secret-key-abc123';
    const token = 'registered-security-token-xyz789';
    new AkSkAuth({ ak: 'AKREG', sk, securityToken: token });
    const err = errorFromResponse({
      status: 403,
      body: JSON.stringify({ error: { code: 'X.1', message: `${sk} / ${token}` } }),
      headers: {},
    });
    expect(err.message).not.toContain(sk);
    expect(err.message).not.toContain(token);
    expect(redactText(`key ${sk}`)).toBe('key ***');
  });
});

describe('TokenAuth', () => {
  const body = (expires: string) => ({
    token: { expires_at: expires, methods: ['password'], project: { id: PROJECT, name: 'cn-north-4' } },
  });

  function setup(now: { t: number }) {
    const m = mockCloud();
    const auth = new TokenAuth({
      iamEndpoint: IAM,
      domainName: 'acme',
      userName: 'ops',
      password: 'token-test-password-1',
      projectName: 'cn-north-4',
      transport: m.transport,
      now: () => now.t,
      refreshMarginMs: 5 * 60_000,
    });
    return { m, auth };
  }

  it('caches the token until shortly before expires_at, then fetches a new one', async () => {
    const now = { t: Date.parse('2025-01-07T10:00:00Z') };
    const { m, auth } = setup(now);
    m.script(
      'POST',
      '/v3/auth/tokens',
      [
        {
          status: 201,
          body: body('2025-01-07T11:00:00Z'),
          headers: { 'x-subject-token': 'first-token-value-000' },
        },
        {
          status: 201,
          body: body('2025-01-07T12:00:00Z'),
          headers: { 'x-subject-token': 'second-token-value-000' },
        },
      ],
      IAM,
    );
    expect(await auth.token()).toBe('first-token-value-000');
    now.t = Date.parse('2025-01-07T10:54:59Z');
    expect(await auth.token()).toBe('first-token-value-000');
    expect(auth.fetches).toBe(1);
    now.t = Date.parse('2025-01-07T10:55:01Z');
    expect(await auth.token()).toBe('second-token-value-000');
    expect(auth.fetches).toBe(2);
  });

  it('shares one IAM request between concurrent callers', async () => {
    const { m, auth } = setup({ t: Date.parse('2025-01-07T10:00:00Z') });
    m.script(
      'POST',
      '/v3/auth/tokens',
      [
        {
          status: 201,
          body: body('2025-01-07T11:00:00Z'),
          headers: { 'x-subject-token': 'shared-token-value-000' },
        },
      ],
      IAM,
    );
    const tokens = await Promise.all([auth.token(), auth.token(), auth.authorize(req())]);
    expect(tokens[0]).toBe('shared-token-value-000');
    expect(tokens[1]).toBe('shared-token-value-000');
    expect(tokens[2].headers['X-Auth-Token']).toBe('shared-token-value-000');
    expect(auth.fetches).toBe(1);
  });

  it('does not refetch on a 401 for a token that another call already replaced', async () => {
    const { m, auth } = setup({ t: Date.parse('2025-01-07T10:00:00Z') });
    m.script(
      'POST',
      '/v3/auth/tokens',
      [
        {
          status: 201,
          body: body('2025-01-07T11:00:00Z'),
          headers: { 'x-subject-token': 'token-one-value-000' },
        },
        {
          status: 201,
          body: body('2025-01-07T11:00:00Z'),
          headers: { 'x-subject-token': 'token-two-value-000' },
        },
      ],
      IAM,
    );
    const a = await auth.authorize(req());
    await auth.onUnauthorized(a);
    expect(auth.fetches).toBe(2);
    await auth.onUnauthorized(a); // stale request: token two is already current
    expect(auth.fetches).toBe(2);
    expect(await auth.token()).toBe('token-two-value-000');
  });
});

describe('ProjectResolver', () => {
  function lister(projects: Array<{ id: string; name: string }>) {
    const calls: string[] = [];
    const l: ProjectLister = {
      call: async (_id, input) => {
        calls.push(input.query.name);
        return {
          projects: projects
            .filter((p) => p.name.startsWith(input.query.name))
            .map((p) => ({ ...p, domain_id: 'd', enabled: true })),
        };
      },
    };
    return { l, calls };
  }

  it('finds the project named like the region, once', async () => {
    const { l, calls } = lister([
      { id: 'p-north', name: 'cn-north-4' },
      { id: 'p-sub', name: 'cn-north-4_dev' },
    ]);
    const r = new ProjectResolver(l);
    expect(await r.resolve('cn-north-4')).toBe('p-north');
    expect(await r.resolve('cn-north-4')).toBe('p-north');
    expect(calls).toEqual(['cn-north-4']);
  });

  it('throws ConfigError when no project matches, without caching the failure', async () => {
    const { l, calls } = lister([]);
    const r = new ProjectResolver(l);
    const err = await r.resolve('ap-southeast-3').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('ap-southeast-3');
    await r.resolve('ap-southeast-3').catch(() => undefined);
    expect(calls).toHaveLength(2);
  });

  it('prefers a manual override and asks IAM again once it is cleared', async () => {
    const { l, calls } = lister([{ id: 'p-found', name: 'eu-west-0' }]);
    const r = new ProjectResolver(l, { 'eu-west-0': 'p-manual' });
    expect(await r.resolve('eu-west-0')).toBe('p-manual');
    expect(calls).toHaveLength(0);
    r.setOverride('eu-west-0', undefined);
    expect(await r.resolve('eu-west-0')).toBe('p-found');
  });

  it('works with the client calling IAM GET /v3/projects?name=', async () => {
    const m = mockCloud();
    m.script(
      'GET',
      '/v3/projects?name=la-south-2',
      [
        {
          status: 200,
          body: { links: {}, projects: [{ id: 'p-la', name: 'la-south-2', domain_id: 'd', enabled: true }] },
        },
      ],
      IAM,
    );
    const r = new ProjectResolver(m.client);
    expect(await r.resolve('la-south-2')).toBe('p-la');
    expect(m.recorded[0]!.method).toBe('GET');
    expect(m.recorded[0]!.headers.authorization).toMatch(/^SDK-HMAC-SHA256/);
  });
});
