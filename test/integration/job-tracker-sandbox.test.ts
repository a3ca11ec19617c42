/**
 * The job tracker against the real simulator over HTTP, through the real CloudClient: ECS jobs and
 * Nova actions complete, injected sub-job failures are reported, and a restarted tracker resumes
 * pending jobs from its journal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { CloudClient } from '../../main/cloud/client';
import { Transport } from '../../main/cloud/http';
import { cloudJobBackend } from '../../main/jobs/cloud-backend';
import { JobTracker } from '../../main/jobs/tracker';
import type { JobEvent, TrackedJob } from '../../main/jobs/types';
import { startSandbox, type Sandbox } from '../../main/sandbox/index';
import type { SandboxOptions } from '../../main/sandbox/runtime';

interface Rig {
  sb: Sandbox;
  client: CloudClient;
  transport: Transport;
  dir: string;
  journalPath: string;
  serverIds: string[];
}

const rigs: Rig[] = [];
const trackers: JobTracker[] = [];

async function rig(opts: SandboxOptions): Promise<Rig> {
  const sb = await startSandbox({ servers: 6, ...opts });
  const transport = new Transport({ proxy: 'direct' });
  const client = new CloudClient({
    region: sb.info.region,
    endpoints: { ecs: sb.info.endpoint },
    auth: new AkSkAuth({ ak: sb.info.ak, sk: sb.info.sk }),
    transport,
    projectId: sb.info.projectId,
    // The tracker has its own back-off; the client must not hide throttling from it.
    retry: { maxAttempts: 1 },
  });
  const dir = await mkdtemp(join(tmpdir(), 'jobs-it-'));
  const r: Rig = {
    sb,
    client,
    transport,
    dir,
    journalPath: join(dir, 'jobs.json'),
    serverIds: [...sb.state.servers.keys()],
  };
  rigs.push(r);
  return r;
}

async function tracker(r: Rig, events: JobEvent[] = []): Promise<JobTracker> {
  const t = new JobTracker({
    journalPath: r.journalPath,
    ...cloudJobBackend(() => r.client),
    onEvent: (e) => events.push(e),
    // Simulated time runs fast here, so the tracker's intervals are shortened to match; duration
    // priors (a cloud's pace) are off: these tests follow jobs from their start.
    options: { minIntervalMs: 50, maxIntervalMs: 400, priorTimeScale: 0 },
  });
  trackers.push(t);
  return t;
}

/** Resolves when the job reaches a final status (or rejects after `ms`). */
function finished(t: JobTracker, id: string, ms = 15_000): Promise<TrackedJob> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const j = t.get(id);
      if (j?.finishedAt === undefined) return false;
      off();
      clearTimeout(timer);
      resolve(j);
      return true;
    };
    const off = t.subscribe(() => void check());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`job ${id} did not finish in ${ms} ms: ${JSON.stringify(t.get(id))}`));
    }, ms);
    check();
  });
}

async function until(pred: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  for (const t of trackers.splice(0)) await t.close();
  for (const r of rigs.splice(0)) {
    await r.sb.close();
    await (r.transport.dispatcher as { close(): Promise<void> }).close();
    await rm(r.dir, { recursive: true, force: true });
  }
});

describe('job tracker on the simulator', () => {
  it('tracks a batch stop job to SUCCESS with one sub-job per server', async () => {
    const r = await rig({ speed: 10 });
    const t = await tracker(r);
    await t.start();
    const ids = r.serverIds.slice(0, 3);
    const { job_id } = await r.client.call('batchStopServers', {
      body: { 'os-stop': { type: 'SOFT', servers: ids.map((id) => ({ id })) } },
    });
    const job = await t.track({
      accountId: 'sandbox',
      region: r.sb.info.region,
      operation: 'batchStopServers',
      targets: ids.map((id) => ({ id })),
      wait: { kind: 'ecsJob', jobId: job_id },
    });
    const done = await finished(t, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.subJobs.map((s) => s.serverId).sort()).toEqual([...ids].sort());
    expect(done.subJobs.every((s) => s.status === 'SUCCESS')).toBe(true);
    expect(done.remote?.jobType).toBe('batchStopServers');
    for (const id of ids) expect(r.sb.state.servers.get(id)!.status).toBe('SHUTOFF');
  });

  it('tracks a Nova reboot by server status until ACTIVE with no task_state', async () => {
    const r = await rig({ speed: 10 });
    const t = await tracker(r);
    await t.start();
    const id = r.serverIds[0]!;
    await r.client.call('novaRebootServer', { path: { server_id: id }, body: { reboot: { type: 'SOFT' } } });
    const job = await t.track({
      accountId: 'sandbox',
      region: r.sb.info.region,
      operation: 'novaRebootServer',
      targets: [{ id }],
      wait: { kind: 'serverStatus', goal: { status: 'ACTIVE' } },
    });
    const done = await finished(t, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.polls).toBeGreaterThan(1);
    const server = r.sb.state.servers.get(id)!;
    expect([server.status, server.task_state]).toEqual(['ACTIVE', null]);
  });

  it('reports sub-job failures injected by the simulator, as the simulator recorded them', async () => {
    const r = await rig({ speed: 10, faults: { jobFailureRate: 0.5 }, random: seeded(3) });
    const t = await tracker(r);
    await t.start();
    const ids = r.serverIds.slice(0, 6);
    const { job_id } = await r.client.call('batchRebootServers', {
      body: { reboot: { type: 'SOFT', servers: ids.map((id) => ({ id })) } },
    });
    const job = await t.track({
      accountId: 'sandbox',
      region: r.sb.info.region,
      operation: 'batchRebootServers',
      targets: ids.map((id) => ({ id })),
      wait: { kind: 'ecsJob', jobId: job_id },
    });
    const done = await finished(t, job.id);
    const truth = r.sb.state.jobs.get(job_id)!;
    const failedTruth = truth.entities.sub_jobs!.filter((s) => s.status === 'FAIL');
    expect(failedTruth.length).toBeGreaterThan(0);
    expect(failedTruth.length).toBeLessThan(ids.length);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('JOB_FAILED');
    const failed = done.subJobs.filter((s) => s.status === 'FAIL');
    expect(failed.map((s) => [s.serverId, s.errorCode]).sort()).toEqual(
      failedTruth.map((s) => [s.entities.server_id, s.error_code]).sort(),
    );
    expect(done.error?.details?.map((d) => d.id).sort()).toEqual(
      failedTruth.map((s) => s.entities.server_id).sort(),
    );
  });

  it('resumes pending jobs after a restart and finishes them', async () => {
    const r = await rig({ speed: 2 });
    const first = await tracker(r);
    await first.start();
    const ids = r.serverIds.slice(0, 2);
    const { job_id } = await r.client.call('batchStopServers', {
      body: { 'os-stop': { type: 'SOFT', servers: ids.map((id) => ({ id })) } },
    });
    const ecsJob = await first.track({
      accountId: 'sandbox',
      region: r.sb.info.region,
      operation: 'batchStopServers',
      targets: ids.map((id) => ({ id })),
      wait: { kind: 'ecsJob', jobId: job_id },
    });
    const novaId = r.serverIds[3]!;
    await r.client.call('novaRebootServer', {
      path: { server_id: novaId },
      body: { reboot: { type: 'HARD' } },
    });
    const novaJob = await first.track({
      accountId: 'sandbox',
      region: r.sb.info.region,
      operation: 'novaRebootServer',
      targets: [{ id: novaId }],
      wait: { kind: 'serverStatus', goal: { status: 'ACTIVE' } },
    });
    await first.close();
    expect(first.get(ecsJob.id)!.finishedAt).toBeUndefined();

    // Both end while the app is closed.
    await until(() => r.sb.state.jobs.get(job_id)!.status === 'SUCCESS');
    await until(() => {
      const s = r.sb.state.servers.get(novaId)!;
      return s.status === 'ACTIVE' && s.task_state === null;
    });

    const events: JobEvent[] = [];
    const second = await tracker(r, events);
    expect(await second.start()).toMatchObject({ resumed: 2, skipped: 0 });
    expect((await finished(second, ecsJob.id)).status).toBe('succeeded');
    expect((await finished(second, novaJob.id)).status).toBe('succeeded');
    expect(events.filter((e) => e.type === 'job.updated' && e.job.status === 'succeeded')).toHaveLength(2);
  });
});

/** A deterministic random source, so the injected failures are the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
