/**
 * Job tracking cost and promptness: 500 concurrent jobs of mixed kinds and durations on the
 * simulator over HTTP (ECS batch start/stop/reboot jobs on 1-3 servers, Nova start/stop/reboot
 * tracked by server status), tracked by our JobTracker and, side by side, by a naive tracker that
 * polls every job once a second. Reports status requests per job and the delay between the job
 * really ending (the simulator's own record) and the tracker's final event: median and p95.
 *
 * Our tracker runs three times: "cold, no priors" (nothing learned, duration priors off: the old
 * cold start), "cold" (nothing learned, the shipped per-operation priors; a smaller batch) and
 * "learned" (the durations learned by the cold run, loaded from its journal, as after any earlier
 * session). The simulator runs at half speed so jobs take 4-7 s, closer to the cloud's than speed
 * 1 (the pace the priors are written for).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { CloudClient } from '../../main/cloud/client';
import { Transport } from '../../main/cloud/http';
import { cloudJobBackend } from '../../main/jobs/cloud-backend';
import { novaGoalFor, observeEcsJob, observeServer } from '../../main/jobs/interpret';
import { JobTracker } from '../../main/jobs/tracker';
import {
  FINAL_STATUSES,
  type FetchJob,
  type FetchServer,
  type JobTrackerOptions,
  type WaitSpec,
} from '../../main/jobs/types';
import { startSandbox, type Sandbox } from '../../main/sandbox/index';
import { Prng } from '../helpers/prng';
import { median, type Bench, type BenchContext } from './harness';

/** One job started on the simulator, with how to learn when it really ended. */
interface Started {
  operation: string;
  targets: string[];
  wait: WaitSpec;
}

interface Outcome {
  polls: number[];
  delays: number[];
  wallMs: number;
}

interface Target {
  track(s: Started): Promise<string>;
  polls(id: string): number;
  finalAt(id: string): number | undefined;
  done(): boolean;
  close(): Promise<void>;
}

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN;
}

function clientFor(sb: Sandbox, transport: Transport): CloudClient {
  return new CloudClient({
    region: sb.info.region,
    endpoints: { ecs: sb.info.endpoint },
    auth: new AkSkAuth({ ak: sb.info.ak, sk: sb.info.sk }),
    transport,
    projectId: sb.info.projectId,
    retry: { maxAttempts: 1 },
  });
}

/** Starts `count` jobs of a seeded mix on distinct servers and returns them. */
async function startJobs(sb: Sandbox, client: CloudClient, count: number, seed: number): Promise<Started[]> {
  const r = new Prng(seed);
  const active = [...sb.state.servers.values()].filter((s) => s.status === 'ACTIVE').map((s) => s.id);
  const shutoff = [...sb.state.servers.values()].filter((s) => s.status === 'SHUTOFF').map((s) => s.id);
  const plans: (() => Promise<Started>)[] = [];
  for (let i = 0; i < count; i++) {
    const kind = r.int(0, 5);
    const n = r.int(1, 3);
    const useShutoff = kind === 2 || kind === 5;
    const pool = useShutoff ? shutoff : active;
    if (pool.length < n) throw new Error('not enough seeded servers for the job mix');
    const ids = pool.splice(0, n);
    const id = ids[0]!;
    const servers = ids.map((s) => ({ id: s }));
    if (kind === 0)
      plans.push(async () => ({
        operation: 'batchStopServers',
        targets: ids,
        wait: {
          kind: 'ecsJob',
          jobId: (await client.call('batchStopServers', { body: { 'os-stop': { type: 'SOFT', servers } } }))
            .job_id,
        },
      }));
    else if (kind === 1)
      plans.push(async () => ({
        operation: 'batchRebootServers',
        targets: ids,
        wait: {
          kind: 'ecsJob',
          jobId: (await client.call('batchRebootServers', { body: { reboot: { type: 'SOFT', servers } } }))
            .job_id,
        },
      }));
    else if (kind === 2)
      plans.push(async () => ({
        operation: 'batchStartServers',
        targets: ids,
        wait: {
          kind: 'ecsJob',
          jobId: (await client.call('batchStartServers', { body: { 'os-start': { servers } } })).job_id,
        },
      }));
    else {
      const operation = kind === 3 ? 'novaStopServer' : kind === 4 ? 'novaRebootServer' : 'novaStartServer';
      // Nova actions act on one server; the rest of the picked servers stay unused.
      plans.push(async () => {
        if (operation === 'novaStopServer')
          await client.call('novaStopServer', { path: { server_id: id }, body: { 'os-stop': {} } });
        else if (operation === 'novaRebootServer')
          await client.call('novaRebootServer', {
            path: { server_id: id },
            body: { reboot: { type: 'HARD' } },
          });
        else await client.call('novaStartServer', { path: { server_id: id }, body: { 'os-start': {} } });
        return { operation, targets: [id], wait: { kind: 'serverStatus', goal: novaGoalFor(operation)! } };
      });
    }
  }
  const out: Started[] = new Array(plans.length);
  let next = 0;
  // A few parallel senders: the jobs start within a fraction of a second, like a big batch.
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < plans.length) {
        const i = next++;
        out[i] = await plans[i]!();
      }
    }),
  );
  return out;
}

/** Records when each job really ended in the simulator (job end_time, or the server reaching its goal). */
function watchTruth(
  sb: Sandbox,
  jobs: Started[],
): { endOf: (i: number) => number | undefined; stop: () => void } {
  const ends: (number | undefined)[] = new Array(jobs.length).fill(undefined);
  const tick = (): void => {
    jobs.forEach((j, i) => {
      if (ends[i] !== undefined) return;
      if (j.wait.kind === 'ecsJob') {
        const rec = sb.state.jobs.get(j.wait.jobId);
        if (rec && (rec.status === 'SUCCESS' || rec.status === 'FAIL') && rec.end_time)
          ends[i] = Date.parse(rec.end_time);
      } else {
        const s = sb.state.servers.get(j.targets[0]!);
        if (s && s.status === j.wait.goal.status && s.task_state === null) ends[i] = Date.now();
      }
    });
  };
  const timer = setInterval(tick, 5);
  return { endOf: (i) => ends[i], stop: () => clearInterval(timer) };
}

async function runPhase(
  ctx: BenchContext,
  label: string,
  count: number,
  speed: number,
  seed: number,
  makeTarget: (backend: { fetchJob: FetchJob; fetchServer: FetchServer }) => Promise<Target>,
): Promise<Outcome> {
  const sb = await startSandbox({ servers: count * 4, speed });
  const transport = new Transport({ proxy: 'direct', connections: 32 });
  try {
    const client = clientFor(sb, transport);
    const target = await makeTarget(cloudJobBackend(() => client));
    const t0 = Date.now();
    const jobs = await startJobs(sb, client, count, seed);
    const truth = watchTruth(sb, jobs);
    const ids = await Promise.all(jobs.map((j) => target.track(j)));
    while (!target.done()) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 20));
    truth.stop();
    const out: Outcome = { polls: [], delays: [], wallMs: Date.now() - t0 };
    ids.forEach((id, i) => {
      out.polls.push(target.polls(id));
      const end = truth.endOf(i);
      const fin = target.finalAt(id);
      if (end !== undefined && fin !== undefined) out.delays.push(Math.max(0, fin - end));
    });
    await target.close();
    ctx.log(`${label}: ${count} jobs in ${(out.wallMs / 1000).toFixed(1)} s`);
    return out;
  } finally {
    await sb.close();
    await transport.dispatcher.close();
  }
}

function ours(
  journalPath: string,
  options: JobTrackerOptions = {},
): (b: { fetchJob: FetchJob; fetchServer: FetchServer }) => Promise<Target> {
  return async (backend) => {
    const finalAt = new Map<string, number>();
    let pending = 0;
    const t = new JobTracker({
      journalPath,
      ...backend,
      options,
      onEvent: (e) => {
        if (e.type === 'job.updated' && FINAL_STATUSES.has(e.job.status) && !finalAt.has(e.job.id)) {
          finalAt.set(e.job.id, Date.now());
          pending--;
        }
      },
    });
    await t.start();
    return {
      track: async (s) => {
        pending++;
        const job = await t.track({
          accountId: 'bench',
          region: 'sandbox',
          operation: s.operation,
          targets: s.targets.map((id) => ({ id })),
          wait: s.wait,
        });
        return job.id;
      },
      polls: (id) => t.get(id)?.polls ?? NaN,
      finalAt: (id) => finalAt.get(id),
      done: () => pending === 0,
      close: () => t.close(),
    };
  };
}

/** The baseline: every job polled once a second from the start, no learning, no concurrency cap. */
function naive(b: { fetchJob: FetchJob; fetchServer: FetchServer }): Promise<Target> {
  const polls = new Map<string, number>();
  const finalAt = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let pending = 0;
  return Promise.resolve({
    track: async (s) => {
      const id = `naive-${++seq}`;
      polls.set(id, 0);
      pending++;
      const signal = new AbortController().signal;
      const timer = setInterval(() => {
        polls.set(id, polls.get(id)! + 1);
        void (async () => {
          let done: boolean;
          if (s.wait.kind === 'ecsJob') {
            const body = await b.fetchJob('bench', 'sandbox', s.wait.jobId, signal);
            done = FINAL_STATUSES.has(observeEcsJob(s.wait.jobId, body).status);
          } else {
            const snap = await b.fetchServer('bench', 'sandbox', s.targets[0]!, signal);
            const sub = observeServer(s.targets[0]!, s.wait.goal, snap);
            done = sub.status === 'SUCCESS' || sub.status === 'FAIL';
          }
          if (done && !finalAt.has(id)) {
            finalAt.set(id, Date.now());
            clearInterval(timer);
            timers.delete(timer);
            pending--;
          }
        })().catch(() => {
          // A poll still in flight when the phase's Sandbox closes: the next tick (if any) retries.
        });
      }, 1000);
      timers.add(timer);
      return id;
    },
    polls: (id) => polls.get(id) ?? NaN,
    finalAt: (id) => finalAt.get(id),
    done: () => pending === 0,
    close: async () => {
      for (const t of timers) clearInterval(t);
    },
  });
}

function report(ctx: BenchContext, label: string, o: Outcome): void {
  const avg = o.polls.reduce((a, b) => a + b, 0) / o.polls.length;
  ctx.report({ metric: `${label}: polls per job`, value: Number(avg.toFixed(2)), unit: 'requests' });
  ctx.report({ metric: `${label}: event delay median`, value: Math.round(median(o.delays)), unit: 'ms' });
  ctx.report({ metric: `${label}: event delay p95`, value: Math.round(p95(o.delays)), unit: 'ms' });
}

export default {
  name: 'jobs',
  async run(ctx) {
    const count = ctx.quick ? 100 : 500;
    const speed = 0.5;
    const dir = await mkdtemp(join(tmpdir(), 'jobs-bench-'));
    try {
      const journal = join(dir, 'jobs.json');
      const coldCount = Math.ceil(count / 5);
      const bare = await runPhase(
        ctx,
        'ours, cold, no priors',
        coldCount,
        speed,
        1,
        ours(join(dir, 'bare.json'), { priorTimeScale: 0 }),
      );
      const cold = await runPhase(ctx, 'ours, cold', coldCount, speed, 1, ours(journal));
      const warm = await runPhase(ctx, 'ours, learned', count, speed, 2, ours(journal));
      const base = await runPhase(ctx, 'naive 1 s', count, speed, 2, naive);
      report(ctx, `ours, cold, no priors (${bare.polls.length} jobs)`, bare);
      report(ctx, `ours, cold with priors (${cold.polls.length} jobs)`, cold);
      report(ctx, `ours, learned (${count} jobs)`, warm);
      report(ctx, `naive 1 s (${count} jobs)`, base);
      const avg = (o: Outcome) => o.polls.reduce((a, b) => a + b, 0) / o.polls.length;
      const ratio = (metric: string, v: number) =>
        ctx.report({ metric, value: Number(v.toFixed(2)), unit: 'x' });
      ratio('requests saved vs naive (learned)', avg(base) / avg(warm));
      ratio('requests saved vs naive (cold with priors)', avg(base) / avg(cold));
      ratio('cold with priors vs learned: polls per job', avg(cold) / avg(warm));
      ratio('cold with priors vs learned: event delay p95', p95(cold.delays) / p95(warm.delays));
      ratio('cold with priors vs cold without: polls per job', avg(cold) / avg(bare));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
} satisfies Bench;
