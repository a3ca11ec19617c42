/**
 * Our CloudClient against the simulator with each of the three kinds of credentials: permanent
 * AK/SK, temporary AK/SK with a security token, and an IAM user's password (token provider and
 * project discovery through the simulator's IAM). Each signs or authenticates a GET with a query,
 * a POST with a body and a Nova call, and the simulator accepts them as the right caller.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenAuth } from '../../main/cloud/auth/token';
import { AuthError } from '../../main/cloud/errors';
import { startClientRig, type AuthKind, type ClientRig } from '../helpers/client-sandbox';

const rigs: ClientRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function rig(kind: AuthKind): Promise<ClientRig> {
  const r = await startClientRig({ auth: kind, servers: 3 });
  rigs.push(r);
  return r;
}

/** A GET with a query, a POST with a JSON body, and a Nova list: the calls every kind must carry. */
async function exercise(r: ClientRig): Promise<void> {
  const list = await r.client.call('listServersDetails', { query: { limit: 2, offset: 1 } });
  expect(list.count).toBe(3);
  const g = await r.client.call('createServerGroup', {
    body: { server_group: { name: `grp-${Date.now()}`, policies: ['anti-affinity'] } },
  });
  expect(r.sb.state.serverGroups.get(g.server_group!.id!)?.name).toMatch(/^grp-/);
  const nova = await r.client.call('novaListServersDetail', { query: { limit: 1000 } });
  expect(nova.servers!.map((s) => s.id).sort()).toEqual([...r.sb.state.servers.keys()].sort());
}

describe('three kinds of credentials against the simulator', () => {
  it('permanent AK/SK: every request signed, no token headers', async () => {
    const r = await rig('aksk');
    await exercise(r);
    for (const e of r.log) {
      expect(e.sent.Authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${r.sb.info.ak}, `));
      expect(e.sent['X-Security-Token']).toBeUndefined();
      expect(e.sent['X-Auth-Token']).toBeUndefined();
    }
  });

  it('temporary AK/SK: X-Security-Token sent and signed; the permanent key is not used', async () => {
    const r = await rig('temporary');
    await exercise(r);
    for (const e of r.log) {
      expect(e.sent['X-Security-Token']).toEqual(expect.any(String));
      expect(e.sent.Authorization).toMatch(/SignedHeaders=[^,]*x-security-token/);
      expect(e.sent.Authorization).not.toContain(r.sb.info.ak);
    }
  });

  it('temporary AK/SK refused (AuthError) once the simulator forgets the security token', async () => {
    const r = await rig('temporary');
    await r.client.call('showServerLimits');
    r.sb.state.account.tempKeys = {};
    const err = await r.client.call('showServerLimits').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).status).toBe(401);
  });

  it('IAM password: one token, project discovered by region name, X-Auth-Token on every call', async () => {
    const r = await rig('password');
    expect(await r.client.projectId()).toBe(r.sb.info.projectId);
    await exercise(r);
    expect(r.log[0]).toMatchObject({ op: 'iamCreateToken', status: 201 });
    expect(r.log[1]).toMatchObject({ op: 'iamListProjects', status: 200 });
    expect(r.log.filter((e) => e.op === 'iamCreateToken')).toHaveLength(1);
    // The simulator keys its tokens by value: exactly the one it issued is the one sent.
    expect(r.sb.state.tokens.size).toBe(1);
    const token = [...r.sb.state.tokens.keys()][0]!;
    for (const e of r.log.slice(1)) {
      expect(e.sent['X-Auth-Token']).toBe(token);
      expect(e.sent.Authorization).toBeUndefined();
    }
    expect((r.auth as TokenAuth).fetches).toBe(1);
  });

  it('IAM password: a revoked token is refreshed once after the 401 and the call succeeds', async () => {
    const r = await rig('password');
    await r.client.call('showServerLimits');
    r.sb.state.tokens.clear();
    const res = await r.client.callRaw('showServerLimits');
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect((r.auth as TokenAuth).fetches).toBe(2);
    expect(r.log.map((e) => `${e.op}:${e.status}`).slice(-3)).toEqual([
      'showServerLimits:401',
      'iamCreateToken:201',
      'showServerLimits:200',
    ]);
  });
});
