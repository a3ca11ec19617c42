import { describe, expect, it } from 'vitest';
import { TokenAuth } from '../../main/cloud/auth/token';
import {
  AbortError,
  ApiError,
  AuthError,
  NetworkError,
  ProtocolError,
  ThrottledError,
} from '../../main/cloud/errors';
import { Limiter } from '../../main/cloud/limiter';
import { RetryPolicy } from '../../main/cloud/retry';
import { verifySignature } from '../../main/cloud/verify';
import { AK, ECS, IAM, PROJECT, SK, mockCloud, type Recorded } from '../helpers/mock-cloud';

function verify(r: Recorded) {
  const q = r.path.indexOf('?');
  return verifySignature(
    {
      method: r.method,
      rawPath: q < 0 ? r.path : r.path.slice(0, q),
      rawQuery: q < 0 ? '' : r.path.slice(q + 1),
      headers: r.headers,
      body: r.body,
    },
    (ak) => (ak === AK ? SK : undefined),
    { now: new Date(Date.parse('2025-01-07T10:00:00Z')), maxSkewMs: 3600_000 },
  );
}

const JOB = { job_id: 'ff80808288d41e1b018990260955686a' };

describe('CloudClient pipeline', () => {
  it('sends the built method, path, query and signed headers of a GET and parses the JSON body', async () => {
    const m = mockCloud();
    m.script('GET', (p) => p.startsWith(`/v2.1/${PROJECT}/servers/detail`), [
      {
        status: 200,
        body: { servers: [{ id: 'a' }], servers_links: [] },
        headers: { 'x-request-id': 'req-1' },
      },
    ]);
    const res = await m.client.callRaw('novaListServersDetail', { query: { limit: 5, status: 'ACTIVE' } });
    expect(res.body).toEqual({ servers: [{ id: 'a' }], servers_links: [] });
    expect(res.requestId).toBe('req-1');
    const r = m.recorded[0]!;
    expect(r.method).toBe('GET');
    expect(r.path).toBe(`/v2.1/${PROJECT}/servers/detail?limit=5&status=ACTIVE`);
    expect(r.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=TESTAKEXAMPLE0000001, SignedHeaders=/);
    expect(r.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(verify(r)).toEqual({ ok: true, ak: AK });
  });

  it('signs and sends the exact JSON bytes of a POST body', async () => {
    const m = mockCloud();
    m.script('POST', `/v1/${PROJECT}/cloudservers/action`, [{ status: 200, body: JOB }]);
    const body = { 'os-stop': { type: 'SOFT' as const, servers: [{ id: 'srv-1' }, { id: 'srv-2' }] } };
    const out = await m.client.call('batchStopServers', { body });
    expect(out).toEqual(JOB);
    const r = m.recorded[0]!;
    expect(r.body.toString('utf8')).toBe(JSON.stringify(body));
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(verify(r).ok).toBe(true);
  });

  it('re-signs every retry attempt of an idempotent call with a fresh X-Sdk-Date', async () => {
    const m = mockCloud();
    m.script('GET', `/v1/${PROJECT}/jobs/${JOB.job_id}`, [
      { status: 503, body: { error: { code: 'Common.0001', message: 'busy' } } },
      { status: 502, body: '' },
      { status: 200, body: { status: 'RUNNING', job_id: JOB.job_id } },
    ]);
    const res = await m.client.callRaw('showJob', { path: { job_id: JOB.job_id } });
    expect(res.attempts).toBe(3);
    expect(m.recorded).toHaveLength(3);
    const dates = m.recorded.map((r) => r.headers['x-sdk-date']);
    expect(new Set(dates).size).toBe(3);
    const sigs = m.recorded.map((r) => r.headers.authorization);
    expect(new Set(sigs).size).toBe(3);
    for (const r of m.recorded) expect(verify(r).ok).toBe(true);
    expect(m.delays).toHaveLength(2);
  });

  it('never re-sends a non-idempotent POST after a 5xx or a reset connection', async () => {
    const m = mockCloud();
    m.script('POST', `/v2.1/${PROJECT}/servers/srv-1/action`, [
      { status: 503, body: { error: { code: 'Common.0001', message: 'busy' } } },
    ]);
    await expect(
      m.client.call('novaRebootServer', { path: { server_id: 'srv-1' }, body: { reboot: { type: 'SOFT' } } }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(m.recorded).toHaveLength(1);

    const m2 = mockCloud();
    m2.script('POST', `/v2.1/${PROJECT}/servers/srv-1/action`, [{ status: 0, errorCode: 'ECONNRESET' }]);
    await expect(
      m2.client.call('novaRebootServer', {
        path: { server_id: 'srv-1' },
        body: { reboot: { type: 'SOFT' } },
      }),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(m2.sends).toHaveLength(1);
  });

  it('re-sends a non-idempotent POST when the connection failed before sending (ECONNREFUSED)', async () => {
    const m = mockCloud();
    m.script('POST', `/v2.1/${PROJECT}/servers/srv-1/action`, [
      { status: 0, errorCode: 'ECONNREFUSED' },
      { status: 202, body: '' },
    ]);
    const out = await m.client.call('novaRebootServer', {
      path: { server_id: 'srv-1' },
      body: { reboot: { type: 'HARD' } },
    });
    expect(out).toBeUndefined();
    expect(m.sends).toHaveLength(2);
    expect(m.recorded).toHaveLength(1);
  });

  it('retries a clientToken POST with the same X-Client-Token on every attempt', async () => {
    const m = mockCloud();
    m.script('POST', `/v1/${PROJECT}/cloudservers`, [
      { status: 500, body: { error: { code: 'Common.0001', message: 'system exception' } } },
      { status: 200, body: JOB },
    ]);
    const out = await m.client.call('createServers', { body: { server: { name: 'web' } } as never });
    expect(out).toEqual(JOB);
    expect(m.recorded).toHaveLength(2);
    const tokens = m.recorded.map((r) => r.headers['x-client-token']);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toBe(tokens[0]);
    // X-Client-Token is part of the signature: a changed token would not verify.
    for (const r of m.recorded) expect(verify(r).ok).toBe(true);

    // A second logical call gets a new token.
    m.script('POST', `/v1/${PROJECT}/cloudservers`, [{ status: 200, body: JOB }]);
    await m.client.call('createServers', { body: { server: { name: 'web' } } as never });
    expect(m.recorded[2]!.headers['x-client-token']).not.toBe(tokens[0]);
  });

  it('honours Retry-After on throttling and slows the shared limiter down', async () => {
    const limiter = new Limiter({ rate: 100, burst: 10, concurrency: 4 });
    const m = mockCloud({ limiter });
    m.script('GET', `/v1/${PROJECT}/jobs/j1`, [
      {
        status: 429,
        body: { error_code: 'APIG.0308', error_msg: 'throttled' },
        headers: { 'retry-after': '3' },
      },
      { status: 200, body: { status: 'SUCCESS', job_id: 'j1' } },
    ]);
    await m.client.call('showJob', { path: { job_id: 'j1' } });
    expect(m.delays[0]).toBeGreaterThanOrEqual(3000);
    expect(limiter.rate).toBe(50);
  });

  it('throws ThrottledError after the attempt budget', async () => {
    const m = mockCloud({ retry: new RetryPolicy({ maxAttempts: 2, sleep: async () => {} }) });
    m.script('GET', `/v1/${PROJECT}/jobs/j1`, [
      { status: 429, body: { error: { code: 'Common.1503', message: 'flow control' } } },
      { status: 429, body: { error: { code: 'Common.1503', message: 'flow control' } } },
    ]);
    const err = await m.client.call('showJob', { path: { job_id: 'j1' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottledError);
    expect((err as ThrottledError).apiCode).toBe('Common.1503');
    expect(m.recorded).toHaveLength(2);
  });

  it('maps an error body to ApiError with code, request id and operation', async () => {
    const m = mockCloud();
    m.script('GET', `/v1/${PROJECT}/jobs/bad`, [
      {
        status: 400,
        body: { error: { code: 'Common.0011', message: 'Failed to query system tasks.' } },
        headers: { 'x-request-id': 'rid-9' },
      },
    ]);
    const err = (await m.client
      .call('showJob', { path: { job_id: 'bad' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.toData()).toMatchObject({
      status: 400,
      apiCode: 'Common.0011',
      requestId: 'rid-9',
      operation: 'showJob',
      message: 'Failed to query system tasks.',
    });
    expect(m.recorded).toHaveLength(1); // 400 is not retried
  });

  it('parses 204 and empty bodies as undefined and refuses bad JSON with ProtocolError', async () => {
    const m = mockCloud();
    m.script('DELETE', `/v2.1/${PROJECT}/servers/srv-1`, [{ status: 204 }]);
    await expect(
      m.client.call('novaDeleteServer', { path: { server_id: 'srv-1' } }),
    ).resolves.toBeUndefined();
    m.script('GET', `/v1/${PROJECT}/jobs/j2`, [{ status: 200, body: '{"status":"RUN' }]);
    await expect(m.client.call('showJob', { path: { job_id: 'j2' } })).rejects.toBeInstanceOf(ProtocolError);
  });

  it('fails with AbortError when the signal aborts, without sending', async () => {
    const m = mockCloud();
    const ac = new AbortController();
    ac.abort();
    await expect(
      m.client.call('showJob', { path: { job_id: 'j' } }, { signal: ac.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(m.recorded).toHaveLength(0);
  });

  it('never lets the secret key, a token or a password into an error message or its data', async () => {
    const m = mockCloud();
    // A server that echoes secrets back in its error message.
    m.script('GET', `/v1/${PROJECT}/jobs/leak`, [
      {
        status: 400,
        body: {
          error: {
            code: 'Ecs.0005',
            message: `bad signature for sk=${SK} and Authorization: SDK-HMAC-SHA256 x`,
          },
        },
      },
    ]);
    const err = (await m.client
      .call('showJob', { path: { job_id: 'leak' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).not.toContain(SK);
    expect(JSON.stringify(err.toData())).not.toContain(SK);
  });
});

describe('CloudClient with IAM token auth', () => {
  const password = 'Pa55word-for-unit-tests!';
  function tokenClient() {
    const m0 = mockCloud();
    const auth = new TokenAuth({
      iamEndpoint: IAM,
      domainName: 'acme',
      userName: 'ops',
      password,
      projectName: 'cn-north-4',
      transport: m0.transport,
    });
    const m = mockCloud({ auth, transport: m0.transport });
    return { ...m, agent: m0.agent, recorded: m0.recorded, script: m0.script, auth };
  }
  const tokenReply = (n: number) => ({
    status: 201,
    body: {
      token: {
        expires_at: '2999-01-01T00:00:00Z',
        methods: ['password'],
        project: { id: PROJECT, name: 'cn-north-4' },
      },
    },
    headers: { 'x-subject-token': `MIItoken-${n}-${'x'.repeat(20)}` },
  });

  it('gets a token with a password identity and project scope, then sends X-Auth-Token', async () => {
    const m = tokenClient();
    m.script('POST', '/v3/auth/tokens', [tokenReply(1)], IAM);
    m.script('GET', `/v1/${PROJECT}/jobs/j1`, [{ status: 200, body: { status: 'SUCCESS' } }]);
    await m.client.call('showJob', { path: { job_id: 'j1' } });
    const [iam, ecs] = m.recorded;
    expect(JSON.parse(iam!.body.toString())).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'ops', password, domain: { name: 'acme' } } },
        },
        scope: { project: { name: 'cn-north-4' } },
      },
    });
    expect(ecs!.headers['x-auth-token']).toBe(`MIItoken-1-${'x'.repeat(20)}`);
    expect(ecs!.headers.authorization).toBeUndefined();
    expect(m.auth.projectId).toBe(PROJECT);
  });

  it('refreshes the token exactly once on a 401 and retries the call once', async () => {
    const m = tokenClient();
    m.script('POST', '/v3/auth/tokens', [tokenReply(1), tokenReply(2)], IAM);
    m.script('GET', `/v1/${PROJECT}/jobs/j1`, [
      { status: 401, body: { error: { code: 'Common.0013', message: 'Invalid token.' } } },
      { status: 200, body: { status: 'SUCCESS' } },
    ]);
    await m.client.call('showJob', { path: { job_id: 'j1' } });
    expect(m.auth.fetches).toBe(2);
    const ecs = m.recorded.filter((r) => r.origin === ECS);
    expect(ecs.map((r) => r.headers['x-auth-token'])).toEqual([
      `MIItoken-1-${'x'.repeat(20)}`,
      `MIItoken-2-${'x'.repeat(20)}`,
    ]);
  });

  it('gives up with AuthError when the refreshed token is refused too', async () => {
    const m = tokenClient();
    m.script('POST', '/v3/auth/tokens', [tokenReply(1), tokenReply(2), tokenReply(3)], IAM);
    m.script('GET', `/v1/${PROJECT}/jobs/j1`, [
      { status: 401, body: { error: { code: 'Common.0013', message: 'Invalid token.' } } },
      { status: 401, body: { error: { code: 'Common.0013', message: 'Invalid token.' } } },
      { status: 200, body: { status: 'SUCCESS' } },
    ]);
    const err = await m.client.call('showJob', { path: { job_id: 'j1' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(m.auth.fetches).toBe(2);
    expect(m.recorded.filter((r) => r.origin === ECS)).toHaveLength(2);
    const data = JSON.stringify((err as AuthError).toData());
    expect(data).not.toContain('MIItoken');
    expect(data).not.toContain(password);
  });

  it('never leaks the password when IAM refuses it', async () => {
    const m = tokenClient();
    m.script(
      'POST',
      '/v3/auth/tokens',
      [{ status: 401, body: { error: { code: 'IAM.0001', message: `The password ${password} is wrong` } } }],
      IAM,
    );
    const err = (await m.client
      .call('showJob', { path: { job_id: 'j1' } })
      .catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).not.toContain(password);
    expect(JSON.stringify(err.toData())).not.toContain(password);
  });
});
