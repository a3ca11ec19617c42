/**
 * Our CloudClient against the simulator over HTTP: the documented errors arrive as the right typed
 * errors (ApiError with apiCode and status, AuthError, ThrottledError, JobFailedError), throttling
 * is retried after the server's Retry-After, and nothing a refused call asked for happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AuthError, JobFailedError, ThrottledError } from '../../main/cloud/errors';
import { RetryPolicy, abortableSleep } from '../../main/cloud/retry';
import {
  FAST_WAIT,
  createServer,
  startClientRig,
  stopServers,
  type ClientRig,
} from '../helpers/client-sandbox';

let rig: ClientRig;
const others: ClientRig[] = [];

beforeAll(async () => {
  rig = await startClientRig({ servers: 2 });
});
afterAll(async () => {
  await rig.close();
  for (const r of others) await r.close();
});

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

async function other(opts: Parameters<typeof startClientRig>[0]): Promise<ClientRig> {
  const r = await startClientRig(opts);
  others.push(r);
  return r;
}

describe('documented API errors', () => {
  it('Ecs.0114 (404) for an unknown server, on the v1 and v1.1 show and a v1 action', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const err = await failure(rig.client.call('showServer', { path: { server_id: missing } }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, apiCode: 'Ecs.0114', operation: 'showServer' });
    const err2 = await failure(
      rig.client.call('resizeServer', {
        path: { server_id: missing },
        body: { resize: { flavorRef: 's6.medium.2' } },
      }),
    );
    expect(err2).toMatchObject({ status: 404, apiCode: 'Ecs.0114' });
  });

  it('Ecs.0605 for a locked server, and nothing changes until it is unlocked', async () => {
    const id = await createServer(rig, { name: 'locked' });
    await stopServers(rig, [id]);
    await rig.client.call('novaLockServer', { path: { server_id: id }, body: { lock: null } });
    const err = await failure(
      rig.client.call('resizeServer', {
        path: { server_id: id },
        body: { resize: { flavorRef: 's6.medium.2' } },
      }),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, apiCode: 'Ecs.0605' });
    expect(rig.sb.state.servers.get(id)!.flavor_id).toBe('s6.small.1');
    await rig.client.call('novaUnlockServer', { path: { server_id: id }, body: { unlock: null } });
    const ok = await rig.client.call('resizeServer', {
      path: { server_id: id },
      body: { resize: { flavorRef: 's6.medium.2' } },
    });
    await rig.client.waitForJob(ok.job_id!, FAST_WAIT);
    expect(rig.sb.state.servers.get(id)!.flavor_id).toBe('s6.medium.2');
  });

  it('Ecs.0100 for a resize of a running server', async () => {
    const id = await createServer(rig, { name: 'running' });
    const err = await failure(
      rig.client.call('resizeServer', {
        path: { server_id: id },
        body: { resize: { flavorRef: 's6.medium.2' } },
      }),
    );
    expect(err).toMatchObject({ status: 400, apiCode: 'Ecs.0100', operation: 'resizeServer' });
  });

  it('Ecs.0005 for an illegal body (bytes that are not JSON, and a body without the action key)', async () => {
    const bad = await failure(
      rig.client.call('batchStopServers', { body: new TextEncoder().encode('{"os-stop":') as never }),
    );
    expect(bad).toMatchObject({ status: 400, apiCode: 'Ecs.0005' });
    const noKey = await failure(
      rig.client.call('deleteServers', { body: { servers: 'not-a-list' } as never }),
    );
    expect(noKey).toBeInstanceOf(ApiError);
    expect((noKey as ApiError).apiCode).toBe('Ecs.0005');
  });

  it('Ecs.0001 when the instance quota is used up, and no server is created', async () => {
    const before = rig.sb.state.servers.size;
    const quota = rig.sb.state.quotas.instances;
    rig.sb.state.quotas.instances = before;
    try {
      const err = await failure(createServer(rig, { name: 'over-quota' }));
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 400, apiCode: 'Ecs.0001', operation: 'createServers' });
    } finally {
      rig.sb.state.quotas.instances = quota;
    }
    expect(rig.sb.state.servers.size).toBe(before);
  });
});

describe('authentication and throttling', () => {
  it('AuthError (401) for a wrong secret key, after one attempt', async () => {
    const r = await other({ wrongSk: 'x'.repeat(40) });
    const err = await failure(r.client.call('showServerLimits'));
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).status).toBe(401);
    expect(r.log.map((e) => e.status)).toEqual([401]);
  });

  it('ThrottledError over the rate with no retries left', async () => {
    const r = await other({ rate: 1, retry: { maxAttempts: 1 } });
    await r.client.call('showServerLimits');
    const err = await failure(r.client.call('showServerLimits'));
    expect(err).toBeInstanceOf(ThrottledError);
    expect(err).toMatchObject({ status: 429, apiCode: 'Common.1503' });
    expect((err as ThrottledError).retryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it('retries a throttled call after at least the Retry-After it was given, then succeeds', async () => {
    const waits: number[] = [];
    const retry = new RetryPolicy({
      maxAttempts: 4,
      sleep: (ms, signal) => {
        waits.push(ms);
        return abortableSleep(ms, signal);
      },
    });
    const r = await other({ rate: 1, retry });
    await r.client.call('showServerLimits');
    const res = await r.client.callRaw('showServerLimits');
    expect(res.status).toBe(200);
    expect(res.attempts).toBeGreaterThanOrEqual(2);
    const throttled = r.log.filter((e) => e.status === 429);
    expect(throttled.length).toBe(res.attempts - 1);
    expect(waits).toHaveLength(throttled.length);
    throttled.forEach((e, i) => {
      expect(e.retryAfter).toMatch(/^\d+$/);
      expect(waits[i]).toBeGreaterThanOrEqual(Number(e.retryAfter) * 1000);
    });
  });
});

describe('jobs', () => {
  it('JobFailedError with fail_reason for an injected job failure, and the create is rolled back', async () => {
    const r = await other({ servers: 1, faults: { jobFailureRate: 1 } });
    const before = r.sb.state.servers.size;
    const err = await failure(createServer(r, { name: 'doomed' }));
    expect(err).toBeInstanceOf(JobFailedError);
    const jf = err as JobFailedError;
    expect(jf.failReason).toEqual(expect.stringMatching(/\S/));
    expect(jf.subJobs.length).toBeGreaterThan(0);
    expect(jf.subJobs[0]!.failReason).toEqual(expect.stringMatching(/\S/));
    const job = await r.client.call('showJob', { path: { job_id: jf.jobId } });
    expect(job.status).toBe('FAIL');
    expect(r.sb.state.servers.size).toBe(before);
  });
});
