/**
 * The Sandbox's idempotency and fault injection over real HTTP: `X-Client-Token` on server creation
 * (a re-send gets the same job and servers; other parameters -> Ecs.0122; a malformed token ->
 * Ecs.0123; an expired one -> Ecs.0124; the record survives a restart through the state file),
 * the official SDK's createServers with its own token, `drop` (committed, answer lost) and the
 * per-operation fault filter with its parse errors.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../main/cloud/errors';
import { NO_RETRY } from '../../main/cloud/retry';
import { parseFaults } from '../../main/sandbox/faults';
import { startSandbox } from '../../main/sandbox/server';
import { startClientRig, type ClientRig } from '../helpers/client-sandbox';
import { startRig } from './sandbox-helpers';

const rigs: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

async function rig(opts: Parameters<typeof startClientRig>[0] = {}): Promise<ClientRig> {
  const r = await startClientRig({ retry: NO_RETRY, ...opts });
  rigs.push(r);
  return r;
}

function createBody(r: ClientRig, name = 'tok-server', count = 1) {
  return {
    server: {
      name,
      imageRef: r.imageId(),
      flavorRef: 's6.small.1',
      vpcid: r.vpcId,
      nics: [{ subnet_id: r.subnetId }],
      root_volume: { volumetype: 'SSD' },
      adminPass: 'Sandbox#2024x',
      count,
    },
  } as never;
}

const TOKEN = '46436810-d999-454c-bd85-e515fd258600';

describe('X-Client-Token on createServers', () => {
  it('answers a re-send with the same job and servers and creates nothing more', async () => {
    const r = await rig();
    const first = await r.client.call(
      'createServers',
      { body: createBody(r, 'tok', 2) },
      { clientToken: TOKEN },
    );
    const again = await r.client.call(
      'createServers',
      { body: createBody(r, 'tok', 2) },
      { clientToken: TOKEN },
    );
    expect(again.job_id).toBe(first.job_id);
    expect(again.serverIds).toEqual(first.serverIds);
    expect(first.serverIds).toHaveLength(2);
    expect([...r.sb.state.servers.values()].filter((s) => s.name.startsWith('tok'))).toHaveLength(2);
  });

  it('refuses the token with other parameters (Ecs.0122) and a malformed token (Ecs.0123)', async () => {
    const r = await rig();
    await r.client.call('createServers', { body: createBody(r, 'a') }, { clientToken: TOKEN });
    const other = await r.client
      .call('createServers', { body: createBody(r, 'b') }, { clientToken: TOKEN })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ApiError);
    expect((other as ApiError).apiCode).toBe('Ecs.0122');
    expect((other as ApiError).status).toBe(400);
    for (const bad of ['not-a-uuid', TOKEN.toUpperCase(), `${TOKEN}0`]) {
      const err = await r.client
        .call('createServers', { body: createBody(r, 'c') }, { clientToken: bad })
        .catch((e: unknown) => e);
      expect((err as ApiError).apiCode).toBe('Ecs.0123');
    }
    // Nothing was created by the refused requests.
    expect([...r.sb.state.servers.values()].map((s) => s.name).sort()).toEqual(['a']);
  });

  it('remembers only requests that created a job: a refused request may be corrected and re-sent', async () => {
    const r = await rig();
    const bad = await r.client
      .call('createServers', { body: { server: { name: 'x' } } as never }, { clientToken: TOKEN })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    const ok = await r.client.call('createServers', { body: createBody(r, 'fixed') }, { clientToken: TOKEN });
    expect(ok.job_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses an expired token with Ecs.0124 and keeps tokens in the persisted state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-token-'));
    const stateFile = join(dir, 'state.json');
    const r = await rig({ stateFile });
    const first = await r.client.call('createServers', { body: createBody(r) }, { clientToken: TOKEN });
    await r.close();
    rigs.splice(rigs.indexOf(r), 1);
    const r2 = await rig({ stateFile });
    const again = await r2.client.call('createServers', { body: createBody(r2) }, { clientToken: TOKEN });
    expect(again.job_id).toBe(first.job_id);
    for (const rec of r2.sb.state.clientTokens.values()) rec.createdAt -= 9 * 3600_000;
    const expired = await r2.client
      .call('createServers', { body: createBody(r2) }, { clientToken: TOKEN })
      .catch((e: unknown) => e);
    expect((expired as ApiError).apiCode).toBe('Ecs.0124');
  });

  it("de-duplicates the official SDK's createServers re-sent with its X-Client-Token", async () => {
    const s = await startRig({ speed: 500 });
    rigs.push(s.sb);
    const subnet = [...s.sb.state.subnets.values()].find((x) => x.name === 'subnet-default')!;
    const image = [...s.sb.state.images.values()].find(
      (i) => i.status === 'active' && i.name.startsWith('Ubuntu'),
    )!;
    const send = () =>
      s.ecsClient.createPostPaidServers(
        new s.ecs.CreatePostPaidServersRequest().withXClientToken(TOKEN).withBody(
          new s.ecs.CreatePostPaidServersRequestBody().withServer({
            name: 'sdk-tok',
            imageRef: image.id,
            flavorRef: 's6.small.1',
            vpcid: subnet.vpc_id,
            nics: [{ subnet_id: subnet.id }],
            root_volume: { volumetype: 'SSD' },
            adminPass: 'Sandbox#2024x',
          }),
        ),
      ) as Promise<{ jobId?: string; serverIds?: string[] }>;
    const a = await send();
    const b = await send();
    expect(b.jobId).toBe(a.jobId);
    expect(b.serverIds).toEqual(a.serverIds);
    expect([...s.sb.state.servers.values()].filter((x) => x.name === 'sdk-tok')).toHaveLength(1);
  });
});

describe('fault injection: drop and the operation filter', () => {
  it('drop commits the request and loses the answer', async () => {
    const r = await rig({ faults: 'drop=1@createServers' });
    const err = await r.client
      .call('createServers', { body: createBody(r, 'dropped') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    // The request was carried out: the server and its job exist.
    const servers = [...r.sb.state.servers.values()].filter((s) => s.name === 'dropped');
    expect(servers).toHaveLength(1);
    expect(r.sb.state.jobs.size).toBe(1);
    expect(r.sb.faultCounts().drops).toBe(1);
    // Other routes are not filtered in: they answer normally.
    const flavors = await r.client.call('listFlavors', {});
    expect(flavors.flavors?.length).toBeGreaterThan(0);
  });

  it('ops= narrows every request-level kind; a kind with @ops wins over it', async () => {
    const r = await rig({ faults: 'error=1,ops=listFlavors' });
    await expect(r.client.call('listFlavors', {})).rejects.toMatchObject({ status: expect.any(Number) });
    await expect(r.client.call('showServerLimits', {})).resolves.toBeDefined();
    const r2 = await rig({ faults: 'error=1@showServerLimits,reset=1@listFlavors,ops=showJob' });
    await expect(r2.client.call('showServerLimits', {})).rejects.toBeInstanceOf(ApiError);
    await expect(r2.client.call('listFlavors', {})).rejects.toBeInstanceOf(NetworkError);
    expect(r2.sb.faultCounts()).toEqual({ errors: 1, resets: 1, drops: 0 });
  });

  it('gives specific messages for bad specs', async () => {
    expect(parseFaults('error=0.1,drop=0.05,latency=50,jobfail=0.1')).toMatchObject({
      errorRate: 0.1,
      dropRate: 0.05,
      latencyMs: 50,
      jobFailureRate: 0.1,
    });
    expect(parseFaults('drop=0.5@createServers|attachServerVolume').opsByKind).toEqual({
      drop: ['createServers', 'attachServerVolume'],
    });
    expect(() => parseFaults('drop=2')).toThrow('faults dropRate must be within [0, 1], got 2');
    expect(() => parseFaults('drop=x')).toThrow('drop needs a number, got "x"');
    expect(() => parseFaults('boom=1')).toThrow(/bad faults spec "boom=1": expected error=R/);
    expect(() => parseFaults('jobfail=0.1@createServers')).toThrow(
      'jobfail applies to every job and takes no @operations',
    );
    expect(() => parseFaults('ops=a b')).toThrow('operation names are route names joined by |');
    expect(() => parseFaults('ops=a,ops=b')).toThrow('ops= is given twice');
    await expect(startSandbox({ faults: 'drop=0.1@createServer' })).rejects.toThrow(
      'faults: unknown operation "createServer"',
    );
  });
});
