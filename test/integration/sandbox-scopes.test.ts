/**
 * The multi-scope Sandbox (`--accounts 2 --regions 2`) over real HTTP, with our client and the
 * official SDK: one endpoint per region, a project per account per region, global IAM, servers
 * spread over the scopes, flow control per project, and no way for one account to read another's
 * project (or a region's endpoint to serve another region's project).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { CloudClient } from '../../main/cloud/client';
import { ApiError, AuthError } from '../../main/cloud/errors';
import { Transport } from '../../main/cloud/http';
import type { SandboxScopeInfo } from '../../main/sandbox/runtime';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';
import { loadSdk, type Any } from './sandbox-helpers';

let sb: Sandbox;
let scopes: SandboxScopeInfo[];
const transport = new Transport({ proxy: 'direct' });

beforeAll(async () => {
  sb = await startSandbox({ accounts: 2, regions: 2, servers: 10, speed: 500, rate: 5 });
  scopes = sb.info.scopes!;
});
afterAll(async () => {
  await sb.close();
  await transport.close();
});

/** Account n (1-based) in region r (1-based). */
const scope = (n: number, r: number) => scopes.find((s) => s.account === n && s.region === `sandbox-${r}`)!;

/** Our client signed with `keys`' AK/SK, at `at`'s endpoint, naming `project` in URLs. */
function client(keys: SandboxScopeInfo, at: SandboxScopeInfo, project = at.projectId): CloudClient {
  return new CloudClient({
    region: at.region,
    endpoints: { ecs: at.endpoint, iam: at.iamEndpoint, vpc: at.endpoint },
    auth: new AkSkAuth({ ak: keys.ak, sk: keys.sk }),
    transport,
    projectId: project,
    retry: { maxAttempts: 1 },
  });
}

async function serverIds(c: CloudClient): Promise<string[]> {
  const res = await c.call('listServersDetails', { query: { limit: 1000, offset: 1 } });
  return (res?.servers ?? []).map((s) => s.id);
}

describe('a sandbox of 2 accounts x 2 regions', () => {
  it('describes every scope on the first line: first account and region first, one endpoint per region, global IAM', () => {
    expect(scopes).toHaveLength(4);
    expect(scopes[0]).toMatchObject({
      account: 1,
      region: 'sandbox-1',
      ak: sb.info.ak,
      projectId: sb.info.projectId,
    });
    expect(scope(1, 1).endpoint).toBe(scope(2, 1).endpoint);
    expect(scope(1, 1).endpoint).not.toBe(scope(1, 2).endpoint);
    expect(new Set(scopes.map((s) => s.iamEndpoint))).toEqual(new Set([sb.info.endpoint]));
    // Each region's project id differs, for each account.
    expect(new Set(scopes.map((s) => s.projectId)).size).toBe(4);
    // Each account its own domain, user, password and keys; the same ones in both regions.
    expect(scope(1, 1).domainName).not.toBe(scope(2, 1).domainName);
    expect(scope(1, 1).ak).not.toBe(scope(2, 1).ak);
    expect(scope(2, 1)).toMatchObject({ ak: scope(2, 2).ak, password: scope(2, 2).password });
  });

  it('spreads the servers over the scopes, each listed only in its own project', async () => {
    const lists = await Promise.all(
      [scope(1, 1), scope(1, 2), scope(2, 1), scope(2, 2)].map((s) => serverIds(client(s, s))),
    );
    expect(lists.map((l) => l.length)).toEqual([3, 3, 2, 2]);
    expect(new Set(lists.flat()).size).toBe(10);
  });

  it("refuses a request signed for account A naming account B's project (Ecs.0023), and another region's project", async () => {
    const a = scope(1, 1);
    const b = scope(2, 1);
    await expect(serverIds(client(a, b, b.projectId))).rejects.toMatchObject({ apiCode: 'Ecs.0023' });
    // A's own project of region 2, sent to region 1's endpoint: not a project of that region.
    await expect(serverIds(client(a, a, scope(1, 2).projectId))).rejects.toBeInstanceOf(ApiError);
  });

  it('the official SDK reads its own project in region 2 and is refused with X-Project-Id of another account', async () => {
    const { core, ecs } = loadSdk();
    const sdk = (keys: SandboxScopeInfo, at: SandboxScopeInfo, project: string): Any =>
      ecs.EcsClient.newBuilder()
        .withCredential(new core.BasicCredentials().withAk(keys.ak).withSk(keys.sk).withProjectId(project))
        .withEndpoint(at.endpoint)
        .build();
    const own = scope(2, 2);
    const res = await sdk(own, own, own.projectId).listServersDetails(
      new ecs.ListServersDetailsRequest().withLimit(100),
    );
    expect(res.count).toBe(2);
    const other = scope(1, 2);
    const err: Any = await sdk(own, other, other.projectId)
      .listServersDetails(new ecs.ListServersDetailsRequest())
      .catch((e: unknown) => e);
    expect(err.httpStatusCode).toBe(401);
    expect(err.errorCode).toBe('APIGW.0301');
  });

  it('IAM is global: a password token for account 2 scoped to sandbox-2 works at region 2 only', async () => {
    const b = scope(2, 2);
    const res = await fetch(`${b.iamEndpoint}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: b.userName, password: b.password, domain: { name: b.domainName } } },
          },
          scope: { project: { name: 'sandbox-2' } },
        },
      }),
    });
    expect(res.status).toBe(201);
    const token = res.headers.get('x-subject-token')!;
    const body = (await res.json()) as Any;
    expect(body.token.project.id).toBe(b.projectId);
    expect(body.token.catalog.find((c: Any) => c.type === 'ecs').endpoints[0].url).toBe(b.endpoint);
    const at = (s: SandboxScopeInfo) =>
      fetch(`${s.endpoint}/v1/${b.projectId}/cloudservers/detail`, { headers: { 'x-auth-token': token } });
    expect((await at(b)).status).toBe(200);
    expect((await at(scope(2, 1))).status).toBe(401);
    // The account's projects of both regions, and none of the other account's.
    const projects = await fetch(`${b.iamEndpoint}/v3/projects`, { headers: { 'x-auth-token': token } });
    const names = ((await projects.json()) as Any).projects.map((p: Any) => p.name).sort();
    expect(names).toEqual(['sandbox-1', 'sandbox-1_other', 'sandbox-2', 'sandbox-2_other']);
  });

  it('rejects wrong credentials of a known account with 401', async () => {
    const a = scope(1, 1);
    await expect(serverIds(client({ ...a, sk: scope(2, 1).sk }, a))).rejects.toBeInstanceOf(AuthError);
  });

  it('meters flow control per project: one project throttled, the other account in the same region not', async () => {
    const a = scope(1, 2);
    const b = scope(2, 2);
    const before = sb.stats.throttled;
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => serverIds(client(a, a))));
    const throttled = results.filter(
      (r) => r.status === 'rejected' && (r.reason as ApiError).status === 429,
    ).length;
    expect(throttled).toBeGreaterThan(0);
    expect(sb.stats.throttled - before).toBe(throttled);
    await expect(serverIds(client(b, b))).resolves.toHaveLength(2);
  });
});
