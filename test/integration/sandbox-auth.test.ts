/**
 * Authentication and flow control of the sandbox over raw HTTP (undici): signatures made with
 * main/cloud/sign.ts then tampered, temporary keys, IAM tokens, project mismatch, rate limit,
 * fault injection.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';
import { passwordAuthBody } from './sandbox-helpers';

let sb: Sandbox;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => Record<string, unknown>;
}

async function send(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  const res = await request(base + path, {
    method: method as 'GET',
    headers: opts.headers ?? {},
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

function signed(
  s: Sandbox,
  method: string,
  path: string,
  body?: string,
  creds: { ak: string; sk: string; securityToken?: string } = s.info,
  now?: Date,
): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  return signRequest(
    { method, url: new URL(s.info.endpoint + path), headers, ...(body !== undefined ? { body } : {}) },
    creds,
    now,
  );
}

async function token(s: Sandbox, scope: Record<string, unknown>): Promise<Raw> {
  return send(s.info.endpoint, 'POST', '/v3/auth/tokens', {
    headers: { 'Content-Type': 'application/json' },
    body: passwordAuthBody(s, scope),
  });
}

beforeAll(async () => {
  sb = await startSandbox({ servers: 3, speed: 1000 });
});
afterAll(async () => {
  await sb.close();
});

describe('AK/SK signatures', () => {
  const listPath = () => `/v1/${sb.info.projectId}/cloudservers/detail?limit=2`;

  it('accepts a correctly signed request', async () => {
    const r = await send(sb.info.endpoint, 'GET', listPath(), { headers: signed(sb, 'GET', listPath()) });
    expect(r.status).toBe(200);
    expect((r.json().servers as unknown[]).length).toBe(2);
  });

  it('rejects a wrong secret key, a changed query, path or body, and a stale date with 401, executing nothing', async () => {
    const p = listPath();
    const wrong = await send(sb.info.endpoint, 'GET', p, {
      headers: signed(sb, 'GET', p, undefined, { ak: sb.info.ak, sk: 'x'.repeat(40) }),
    });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text).error_code).toBe('APIGW.0301');
    const query = await send(sb.info.endpoint, 'GET', p.replace('limit=2', 'limit=3'), {
      headers: signed(sb, 'GET', p),
    });
    expect(query.status).toBe(401);
    const other = `/v1/${sb.info.projectId}/cloudservers/limits`;
    const path = await send(sb.info.endpoint, 'GET', other, { headers: signed(sb, 'GET', p) });
    expect(path.status).toBe(401);
    const stale = await send(sb.info.endpoint, 'GET', p, {
      headers: signed(sb, 'GET', p, undefined, sb.info, new Date(Date.now() - 16 * 60 * 1000)),
    });
    expect(stale.status).toBe(401);
    const slightly = await send(sb.info.endpoint, 'GET', p, {
      headers: signed(sb, 'GET', p, undefined, sb.info, new Date(Date.now() - 5 * 60 * 1000)),
    });
    expect(slightly.status).toBe(200);

    const id = [...sb.state.servers.keys()][0]!;
    const tagPath = `/v1/${sb.info.projectId}/cloudservers/${id}/tags/action`;
    const body = JSON.stringify({ action: 'create', tags: [{ key: 'signed', value: 'yes' }] });
    const tampered = JSON.stringify({ action: 'create', tags: [{ key: 'tampered', value: 'yes' }] });
    const h = signed(sb, 'POST', tagPath, body);
    const r = await send(sb.info.endpoint, 'POST', tagPath, { headers: h, body: tampered });
    expect(r.status).toBe(401);
    expect(sb.state.servers.get(id)!.tags).not.toHaveProperty('tampered');
    const ok = await send(sb.info.endpoint, 'POST', tagPath, {
      headers: signed(sb, 'POST', tagPath, body),
      body,
    });
    expect(ok.status).toBe(204);
    expect(ok.text).toBe('');
    expect(sb.state.servers.get(id)!.tags.signed).toBe('yes');
  });

  it('accepts temporary keys only with their security token', async () => {
    const tmp = sb.temporaryCredentials();
    const p = listPath();
    const good = await send(sb.info.endpoint, 'GET', p, { headers: signed(sb, 'GET', p, undefined, tmp) });
    expect(good.status).toBe(200);
    const noToken = await send(sb.info.endpoint, 'GET', p, {
      headers: signed(sb, 'GET', p, undefined, { ak: tmp.ak, sk: tmp.sk }),
    });
    expect(noToken.status).toBe(401);
    const badToken = await send(sb.info.endpoint, 'GET', p, {
      headers: signed(sb, 'GET', p, undefined, { ...tmp, securityToken: 'forged' }),
    });
    expect(badToken.status).toBe(401);
  });

  it('refuses a project id in the URL that is not the caller’s with Ecs.0023', async () => {
    const other = sb.state.account.projects[1]!.id;
    const p = `/v1/${other}/cloudservers/detail`;
    // BasicCredentials with a project id sends X-Project-Id, naming the caller's project.
    const withHeader = signRequest(
      { method: 'GET', url: new URL(sb.info.endpoint + p), headers: { 'Content-Type': 'application/json' } },
      { ...sb.info, projectId: sb.info.projectId },
    );
    const r = await send(sb.info.endpoint, 'GET', p, { headers: withHeader });
    expect(r.status).toBe(400);
    expect((r.json().error as { code: string }).code).toBe('Ecs.0023');
    const unknown = await send(sb.info.endpoint, 'GET', `/v1/${'0'.repeat(32)}/cloudservers/detail`, {
      headers: signed(sb, 'GET', `/v1/${'0'.repeat(32)}/cloudservers/detail`),
    });
    expect(unknown.status).toBe(400);
  });
});

describe('IAM tokens', () => {
  it('issues a token by project name with X-Subject-Token and a catalog listing compute and image', async () => {
    const r = await token(sb, { project: { name: sb.info.region, domain: { id: 'default' } } });
    expect(r.status).toBe(201);
    const t = r.headers['x-subject-token'] as string;
    expect(t.length).toBeGreaterThan(20);
    const body = r.json().token as Record<string, unknown> & {
      catalog: { type: string; endpoints: { url: string }[] }[];
      project: { id: string };
    };
    expect(body.project.id).toBe(sb.info.projectId);
    expect(Date.parse(body.expires_at as string)).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    const compute = body.catalog.find((c) => c.type === 'compute')!;
    expect(compute.endpoints[0]!.url).toBe(`${sb.info.endpoint}/v2.1/${sb.info.projectId}`);
    expect(body.catalog.some((c) => c.type === 'image')).toBe(true);
    const list = await send(sb.info.endpoint, 'GET', `/v1/${sb.info.projectId}/cloudservers/detail`, {
      headers: { 'X-Auth-Token': t },
    });
    expect(list.status).toBe(200);
    const projects = await send(sb.info.endpoint, 'GET', `/v3/projects?name=${sb.info.region}`, {
      headers: { 'X-Auth-Token': t },
    });
    expect((projects.json().projects as { id: string }[]).map((p) => p.id)).toEqual([sb.info.projectId]);
    const auth = await send(sb.info.endpoint, 'GET', '/v3/auth/projects', { headers: { 'X-Auth-Token': t } });
    expect((auth.json().projects as unknown[]).length).toBe(2);
  });

  it('scopes by project id, refuses a wrong password, unknown and expired tokens, and a foreign project', async () => {
    const byId = await token(sb, { project: { id: sb.info.projectId } });
    expect(byId.status).toBe(201);
    const bad = await send(sb.info.endpoint, 'POST', '/v3/auth/tokens', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: { name: sb.info.userName, password: 'nope', domain: { name: sb.info.domainName } },
            },
          },
        },
      }),
    });
    expect(bad.status).toBe(401);
    const unknown = await send(sb.info.endpoint, 'GET', `/v1/${sb.info.projectId}/cloudservers/detail`, {
      headers: { 'X-Auth-Token': 'nope' },
    });
    expect(unknown.status).toBe(401);
    const t = byId.headers['x-subject-token'] as string;
    const other = sb.state.account.projects[1]!.id;
    const foreign = await send(sb.info.endpoint, 'GET', `/v1/${other}/cloudservers/detail`, {
      headers: { 'X-Auth-Token': t },
    });
    expect([foreign.status, (foreign.json().error as { code: string }).code]).toEqual([400, 'Ecs.0023']);
    sb.state.tokens.get(t)!.expiresAt = Date.now() - 1;
    const expired = await send(sb.info.endpoint, 'GET', `/v1/${sb.info.projectId}/cloudservers/detail`, {
      headers: { 'X-Auth-Token': t },
    });
    expect(expired.status).toBe(401);
  });

  it('answers GET /v3 without a token', async () => {
    const r = await send(sb.info.endpoint, 'GET', '/v3');
    expect(r.status).toBe(200);
    expect((r.json().version as { id: string }).id).toBe('v3.0');
  });
});

describe('request bodies', () => {
  it('answers Common.0002 for an empty body and Ecs.0005 for invalid JSON', async () => {
    const p = `/v1/${sb.info.projectId}/cloudservers/delete`;
    const empty = await send(sb.info.endpoint, 'POST', p, { headers: signed(sb, 'POST', p, ''), body: '' });
    expect((empty.json().error as { code: string }).code).toBe('Common.0002');
    const junk = await send(sb.info.endpoint, 'POST', p, {
      headers: signed(sb, 'POST', p, '{nope'),
      body: '{nope',
    });
    expect((junk.json().error as { code: string }).code).toBe('Ecs.0005');
  });
});

describe('flow control and faults', () => {
  it('answers 429 Common.1503 with Retry-After above the rate', async () => {
    const s = await startSandbox({ rate: 5 });
    try {
      const p = `/v1/${s.info.projectId}/cloudservers/limits`;
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 12; i++) {
        const r = await send(s.info.endpoint, 'GET', p, { headers: signed(s, 'GET', p) });
        statuses.push(r.status);
        if (r.status === 429) {
          retryAfter = r.headers['retry-after'] as string;
          expect((r.json().error as { code: string }).code).toBe('Common.1503');
        }
      }
      expect(statuses.filter((x) => x === 200).length).toBeGreaterThanOrEqual(5);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await s.close();
    }
  });

  it('injects 5xx answers and connection resets at the configured rates', async () => {
    const s = await startSandbox({ faults: { errorRate: 1 } });
    try {
      const p = `/v1/${s.info.projectId}/cloudservers/limits`;
      const r = await send(s.info.endpoint, 'GET', p, { headers: signed(s, 'GET', p) });
      expect(r.status).toBeGreaterThanOrEqual(500);
    } finally {
      await s.close();
    }
    const s2 = await startSandbox({ faults: 'reset=1' });
    try {
      const p = `/v1/${s2.info.projectId}/cloudservers/limits`;
      await expect(send(s2.info.endpoint, 'GET', p, { headers: signed(s2, 'GET', p) })).rejects.toThrow();
    } finally {
      await s2.close();
    }
  });
});
