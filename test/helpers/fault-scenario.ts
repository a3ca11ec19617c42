/**
 * The fault scenario shared by its test and the `faults` bench: N mixed operations (server
 * create/delete/start/stop/reboot, disk create/attach/detach/delete, NIC add/delete, tag add/delete)
 * sent through the IPC dispatch (the app's real path: handlers -> client -> Sandbox over HTTP,
 * jobs followed by the tracker) while the Sandbox injects 5xx answers, resets, dropped answers
 * after committing, latency and job failures, under a request rate limit.
 *
 * Every outcome is checked against the Sandbox's own state right after the operation ends and
 * again at the end: a name created twice, a NIC or attachment added twice, is a duplicate; an
 * operation whose reported outcome disagrees with the state, or a tracked job that never ends, is
 * a lost job. Server and disk names and the ports of a server identify what each operation made.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorData } from '../../shared/errors';
import type { InvokeChannel, InvokeChannels, Result } from '../../shared/ipc/contract';
import { createIpc } from '../../main/ipc/index';
import { FINAL_STATUSES, type TrackedJob } from '../../main/jobs/types';
import { createServices, type Services } from '../../main/services';
import type { Sandbox } from '../../main/sandbox/index';
import { nicLimit } from '../../main/sandbox/usage';
import { Prng } from './prng';

/** Options of {@link runFaultScenario}. */
export interface ScenarioOptions {
  ops?: number;
  seed?: number;
  /** Sandbox clock speed (simulated ms per real ms). */
  speed?: number;
  faults?: string;
  /** Sandbox request rate per second. */
  rate?: number;
  /** Operations in flight at once. */
  concurrency?: number;
}

/** What the scenario observed. */
export interface ScenarioResult {
  ops: number;
  succeeded: number;
  /** Operations that ended in a job failure the Sandbox injected (typed JOB_FAILED, Ecs.0002). */
  injectedJobFailures: number;
  /** Any other failure: channel and error (should be none). */
  otherFailures: { op: string; error: ErrorData | string }[];
  /** Failures without a typed code (INTERNAL). */
  untyped: number;
  /** Resources made twice. */
  duplicates: string[];
  /** Operations whose outcome disagrees with the state, or jobs the tracker never finished. */
  lostJobs: string[];
  /** Client counters: HTTP requests, retries, reconciliations (found done / re-sent). */
  sends: number;
  retries: number;
  reconciliations: number;
  reconciledFound: number;
  reconciledResent: number;
  /** What the Sandbox injected. */
  injected: { errors: number; resets: number; drops: number };
  wallMs: number;
}

type Outcome =
  { kind: 'ok'; job?: TrackedJob } | { kind: 'failed'; error: ErrorData | string; job?: TrackedJob };

const PASS = 'Sandbox#2024x';

/** Runs the scenario in a fresh data folder and Sandbox; always cleans up. */
export async function runFaultScenario(opts: ScenarioOptions = {}): Promise<ScenarioResult> {
  const n = opts.ops ?? 200;
  const speed = opts.speed ?? 20;
  const r = new Prng(opts.seed ?? 11);
  const faultRandom = new Prng((opts.seed ?? 11) * 7919);
  const dir = await mkdtemp(join(tmpdir(), 'fault-scenario-'));
  let services: Services | undefined;
  try {
    services = await createServices({
      dataDir: dir,
      vaultMode: 'session-only',
      sandbox: {
        servers: 10,
        speed,
        rate: opts.rate ?? 20,
        faults: opts.faults ?? 'error=0.1,reset=0.05,drop=0.05,latency=50,jobfail=0.1',
        random: () => faultRandom.next(),
      },
      jobOptions: { minIntervalMs: 50, maxIntervalMs: 500 },
    });
    const svc = services;
    const sb = svc.sandbox!;
    const ipc = createIpc(svc, {
      appInfo: () => ({ name: 'ecs-desktop', version: '0', versions: {}, shell: 'harness' }),
      isTrustedSender: (s) => s.url === 'harness:',
    });
    const scope = { accountId: 'sandbox', region: sb.info.region };
    await until(() => [...sb.state.servers.values()].every((s) => s.task_state === null), 30_000);
    const started = Date.now();
    const result: ScenarioResult = {
      ops: 0,
      succeeded: 0,
      injectedJobFailures: 0,
      otherFailures: [],
      untyped: 0,
      duplicates: [],
      lostJobs: [],
      sends: 0,
      retries: 0,
      reconciliations: 0,
      reconciledFound: 0,
      reconciledResent: 0,
      injected: { errors: 0, resets: 0, drops: 0 },
      wallMs: 0,
    };
    const busy = new Set<string>();
    const st = sb.state;
    const subnetOf = (vpcId: string) => [...st.subnets.values()].find((s) => s.vpc_id === vpcId)!.id;
    const image = [...st.images.values()].find((i) => i.status === 'active' && /ubuntu/i.test(i.name))!;
    const flavor = 's6.small.1';

    async function invoke<C extends InvokeChannel>(
      channel: C,
      arg: Omit<InvokeChannels[C]['arg'], 'accountId' | 'region'>,
    ): Promise<Outcome> {
      const res = (await ipc.dispatch(channel, { ...scope, ...arg }, { url: 'harness:' })) as Result<
        InvokeChannels[C]['result']
      >;
      if (!res.ok) return { kind: 'failed', error: res.error };
      const v = res.value as { jobId?: string; failed?: { error: ErrorData }[] };
      if (v.failed && v.failed.length > 0) return { kind: 'failed', error: v.failed[0]!.error };
      if (v.jobId === undefined) return { kind: 'ok' };
      const job = await waitJob(svc, v.jobId);
      if (job === undefined) return { kind: 'failed', error: `job ${v.jobId} never ended` };
      if (job.status === 'succeeded') return { kind: 'ok', job };
      return { kind: 'failed', error: job.error ?? `job ${job.status}`, job };
    }

    const servers = (pred: (s: typeof st.servers extends Map<string, infer S> ? S : never) => boolean) =>
      [...st.servers.values()].filter(
        (s) => !busy.has(s.id) && !busy.has(s.name) && s.task_state === null && pred(s),
      );

    /** One operation: picks a kind that has a target now, runs it, checks the state. */
    async function one(i: number): Promise<void> {
      const roll = r.next();
      const active = servers((s) => s.status === 'ACTIVE');
      const stopped = servers((s) => s.status === 'SHUTOFF');
      const running = [...active, ...stopped];
      const disks = [...st.volumes.values()].filter(
        (v) => v.name.startsWith('sd-') && !busy.has(v.id) && !busy.has(v.name),
      );
      const free = disks.filter((v) => v.status === 'available' && v.attachments.length === 0);
      const attached = disks.filter(
        (v) =>
          v.status === 'in-use' &&
          v.attachments.length === 1 &&
          running.some((s) => s.id === v.attachments[0]!.server_id),
      );
      const withExtraNic = running.filter((s) => s.ports.some((p) => st.ports.get(p)?.primary === false));
      let label: string;
      let locks: string[];
      let run: () => Promise<Outcome>;
      let check: (o: Outcome) => void;
      const expect1 = (what: string, count: number, ok: boolean) => {
        if (count > 1) result.duplicates.push(`${what} x${count}`);
        else if (ok !== (count === 1))
          result.lostJobs.push(`${label}: ${what} ${count === 1 ? 'exists' : 'missing'}`);
      };
      if (roll < 0.1 && st.servers.size < 18) {
        const name = `sc-${i}`;
        const base = r.pick([...st.servers.values()]);
        label = `create ${name}`;
        // The new server is ACTIVE a poll before its job is seen to end: until then no other
        // operation may pick it (a concurrent delete would make the create look lost).
        locks = [name];
        run = () =>
          invoke('servers.create', {
            spec: {
              name,
              imageId: image.id,
              flavorId: flavor,
              vpcId: base.vpc_id,
              nics: [{ subnetId: subnetOf(base.vpc_id) }],
              rootVolume: { volumeType: 'SSD' },
              adminPass: PASS,
            },
          });
        check = (o) =>
          expect1(name, [...st.servers.values()].filter((s) => s.name === name).length, o.kind === 'ok');
      } else if (roll < 0.16 && running.length > 6) {
        const s = r.pick(running);
        label = `delete ${s.id}`;
        locks = [s.id, ...s.volumes];
        run = () => invoke('servers.delete', { ids: [s.id], deleteVolumes: true, deletePublicIp: false });
        check = (o) => expect1(`server ${s.id}`, st.servers.has(s.id) ? 1 : 0, o.kind !== 'ok');
      } else if (roll < 0.34 && running.length > 0) {
        const s = r.pick(running);
        const kind = s.status === 'SHUTOFF' ? 'start' : r.chance(0.5) ? 'stop' : 'reboot';
        label = `${kind} ${s.id}`;
        locks = [s.id];
        run = () =>
          kind === 'start'
            ? invoke('servers.start', { ids: [s.id] })
            : invoke(kind === 'stop' ? 'servers.stop' : 'servers.reboot', { ids: [s.id], type: 'SOFT' });
        const goal = kind === 'stop' ? 'SHUTOFF' : 'ACTIVE';
        check = (o) => {
          if (o.kind === 'ok' && st.servers.get(s.id)?.status !== goal)
            result.lostJobs.push(`${label}: not ${goal}`);
        };
      } else if (roll < 0.46 || (roll < 0.58 && (free.length === 0 || running.length === 0))) {
        const name = `sd-${i}`;
        const az = r.pick([...st.servers.values()]).availability_zone;
        label = `disk ${name}`;
        locks = [name];
        run = () => invoke('disks.create', { name, sizeGb: 10, availabilityZone: az });
        check = (o) =>
          expect1(name, [...st.volumes.values()].filter((v) => v.name === name).length, o.kind === 'ok');
      } else if (roll < 0.58) {
        const v = r.pick(free);
        const targets = running.filter((s) => s.availability_zone === v.availability_zone);
        if (targets.length === 0) return one(i);
        const s = r.pick(targets);
        label = `attach ${v.name} to ${s.id}`;
        locks = [s.id, v.id];
        run = () => invoke('disks.attach', { serverId: s.id, volumeId: v.id });
        check = (o) =>
          expect1(
            `attachment of ${v.name}`,
            v.attachments.filter((a) => a.server_id === s.id).length,
            o.kind === 'ok',
          );
      } else if (roll < 0.66 && attached.length > 0) {
        const v = r.pick(attached);
        const serverId = v.attachments[0]!.server_id;
        label = `detach ${v.name}`;
        locks = [serverId, v.id];
        run = () => invoke('disks.detach', { serverId, volumeId: v.id });
        check = (o) => expect1(`attachment of ${v.name}`, v.attachments.length, o.kind !== 'ok');
      } else if (roll < 0.72 && free.length > 0) {
        const v = r.pick(free);
        label = `delete ${v.name}`;
        locks = [v.id];
        run = () => invoke('disks.delete', { id: v.id });
        check = (o) => expect1(v.name, st.volumes.has(v.id) ? 1 : 0, o.kind !== 'ok');
      } else if (roll < 0.82 && running.length > 0) {
        // Room for one more NIC under the flavor's own limit (a full server is refused, Ecs.0050).
        const roomy = running.filter((x) => x.ports.length < nicLimit(st.flavors.get(x.flavor_id)));
        if (roomy.length === 0) return one(i);
        const s = r.pick(roomy);
        const before = s.ports.length;
        label = `add NIC to ${s.id}`;
        locks = [s.id];
        run = () => invoke('nics.add', { serverId: s.id, nics: [{ subnetId: subnetOf(s.vpc_id) }] });
        check = (o) => {
          const now = st.servers.get(s.id)?.ports.length ?? 0;
          if (now > before + 1) result.duplicates.push(`NIC on ${s.id} x${now - before}`);
          else if ((now === before + 1) !== (o.kind === 'ok'))
            result.lostJobs.push(`${label}: ${now - before} new`);
        };
      } else if (roll < 0.88 && withExtraNic.length > 0) {
        const s = r.pick(withExtraNic);
        const port = s.ports.find((p) => st.ports.get(p)?.primary === false)!;
        label = `delete NIC ${port}`;
        locks = [s.id];
        run = () => invoke('nics.delete', { serverId: s.id, portIds: [port] });
        check = (o) => expect1(`port ${port}`, st.ports.has(port) ? 1 : 0, o.kind !== 'ok');
      } else if (running.length > 0) {
        const s = r.pick(running);
        const add = r.chance(0.7) || Object.keys(s.tags).length === 0;
        const key = add ? `k${r.int(0, 5)}` : Object.keys(s.tags)[0]!;
        label = `${add ? 'tag' : 'untag'} ${s.id} ${key}`;
        locks = [s.id];
        run = () =>
          add
            ? invoke('tags.batchAdd', { ids: [s.id], tags: [{ key, value: `v${i}` }] })
            : invoke('tags.batchDelete', { ids: [s.id], tags: [{ key }] });
        check = (o) => {
          if (o.kind === 'ok' && key in (st.servers.get(s.id)?.tags ?? {}) !== add)
            result.lostJobs.push(label);
        };
      } else return;
      for (const l of locks) busy.add(l);
      try {
        const o = await run();
        result.ops++;
        check(o);
        if (o.kind === 'ok') result.succeeded++;
        else if (o.job && o.job.subJobs.some((sj) => sj.errorCode === 'Ecs.0002'))
          result.injectedJobFailures++;
        else {
          result.otherFailures.push({ op: label, error: o.error });
          if (typeof o.error !== 'string' && o.error.code === 'INTERNAL') result.untyped++;
        }
      } finally {
        for (const l of locks) busy.delete(l);
      }
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: opts.concurrency ?? 8 }, async () => {
        while (next < n) await one(next++);
      }),
    );
    // Anything still moving (a duplicate job arriving late) settles before the final count.
    await until(
      () => [...st.jobs.values()].every((j) => j.status === 'SUCCESS' || j.status === 'FAIL'),
      30_000,
    );
    finalCheck(sb, svc, result);
    const stats = (await svc.clientFor('sandbox', sb.info.region)).stats();
    Object.assign(result, {
      sends: stats.sends,
      retries: stats.retries,
      reconciliations: stats.reconciliations,
      reconciledFound: stats.found,
      reconciledResent: stats.resent,
      injected: sb.faultCounts(),
      wallMs: Date.now() - started,
    });
    ipc.dispose();
    return result;
  } finally {
    await services?.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Names made twice, and tracked jobs that never ended. */
function finalCheck(sb: Sandbox, svc: Services, result: ScenarioResult): void {
  const count = (names: string[]) => {
    const m = new Map<string, number>();
    for (const x of names) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].filter(([, c]) => c > 1).map(([k, c]) => `${k} x${c} (final)`);
  };
  result.duplicates.push(
    ...count([...sb.state.servers.values()].map((s) => s.name).filter((x) => x.startsWith('sc-'))),
  );
  result.duplicates.push(
    ...count([...sb.state.volumes.values()].map((v) => v.name).filter((x) => x.startsWith('sd-'))),
  );
  for (const j of svc.tracker.list())
    if (!FINAL_STATUSES.has(j.status) || j.status === 'unknown')
      result.lostJobs.push(`tracked job ${j.id} ${j.status}`);
}

async function waitJob(svc: Services, id: string): Promise<TrackedJob | undefined> {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    const j = svc.tracker.get(id);
    if (j && j.finishedAt !== undefined) return j;
    await new Promise((res) => setTimeout(res, 20));
  }
  return undefined;
}

async function until(fn: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('the Sandbox did not settle in time');
    await new Promise((res) => setTimeout(res, 20));
  }
}
