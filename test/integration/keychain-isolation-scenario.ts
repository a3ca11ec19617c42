/**
 * The frozen-keyring scenario, run by keychain-isolation.test.ts in a private D-Bus session whose
 * gnome-keyring-daemon has the pid $KPID. It drives the real services through IPC dispatch, freezes
 * the daemon (SIGSTOP), measures every channel, resumes it (SIGCONT), freezes it again and shuts
 * the services down. Prints one line `RESULT{json}` with the measurements; asserts nothing itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InvokeChannel, InvokeChannels, Result } from '../../shared/ipc/contract';
import { createIpc } from '../../main/ipc/index';
import { createServices } from '../../main/services';

const kpid = Number(process.env.KPID);
if (!Number.isInteger(kpid) || kpid <= 0) throw new Error('KPID (the keyring daemon pid) is not set');
const ACCOUNTS = 14;

const dataDir = await mkdtemp(join(tmpdir(), 'keychain-isolation-'));
const services = await createServices({
  dataDir,
  vaultMode: 'keychain',
  sandbox: { servers: 20 },
  keychainTimeoutMs: 3000,
});
const ipc = createIpc(services, {
  appInfo: () => ({ name: 'ecs-desktop', version: '0', versions: {}, shell: 'harness' }),
  isTrustedSender: (s) => s.url === 'harness:',
});

async function timed<C extends InvokeChannel>(
  channel: C,
  arg: InvokeChannels[C]['arg'],
): Promise<{ ms: number; res: Result<InvokeChannels[C]['result']> }> {
  const t = performance.now();
  const res = (await ipc.dispatch(channel, arg, { url: 'harness:' })) as Result<InvokeChannels[C]['result']>;
  return { ms: performance.now() - t, res };
}

async function ok<C extends InvokeChannel>(
  channel: C,
  arg: InvokeChannels[C]['arg'],
): Promise<InvokeChannels[C]['result']> {
  const { res } = await timed(channel, arg);
  if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
  return res.value;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Latencies of one channel: count, p50, p99, max (ms) and how many answered with an error. */
function stats(samples: number[], errors: number): Record<string, number> {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  const r = (x: number): number => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(at(0.5)), p99: r(at(0.99)), max: r(s.at(-1) ?? NaN), errors };
}

type Probe = () => Promise<{ ms: number; ok: boolean }>;
/** Latencies and error count of each probe in one phase. */
type Phase = Record<string, { samples: number[]; errors: number }>;

/** Calls each probe in its own loop until `ms` have passed. */
async function measure(ms: number, probes: Record<string, Probe>): Promise<Phase> {
  const end = performance.now() + ms;
  const out: Phase = {};
  await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      const run = { samples: [] as number[], errors: 0 };
      out[name] = run;
      while (performance.now() < end) {
        const { ms: took, ok: good } = await probe();
        run.samples.push(took);
        if (!good) run.errors++;
        await sleep(5);
      }
    }),
  );
  return out;
}

/** The stats of each probe over one or more phases (pooled). */
function summary(...phases: Phase[]): Record<string, Record<string, number>> {
  const names = new Set(phases.flatMap((p) => Object.keys(p)));
  return Object.fromEntries(
    [...names].map((name) => {
      const runs = phases.map((p) => p[name]).filter((r) => r !== undefined);
      return [
        name,
        stats(
          runs.flatMap((r) => r.samples),
          runs.reduce((n, r) => n + r.errors, 0),
        ),
      ];
    }),
  );
}

/** Live keychain worker processes started by this process, from /proc. */
function workers(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the parenthesised command: state, ppid, ...
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== process.pid || state === 'Z') continue;
      // Only the keychain worker: tsx (which runs this file) has a child of its own.
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('keychain-worker')) pids.push(Number(name));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}

const info = services.sandbox!.info;
const sandboxScope = { accountId: 'sandbox', region: info.region };
const endpoints = { ecs: info.endpoint, iam: info.iamEndpoint, vpc: info.endpoint };
const ids: string[] = [];
for (let i = 0; i < ACCOUNTS; i++) {
  const view = await ok('accounts.add', {
    kind: 'aksk',
    name: `Account ${i}`,
    accessKeyId: info.ak,
    secretKey: info.sk,
    defaultRegion: info.region,
    regions: [info.region],
    endpoints,
  });
  ids.push(view.id);
}
const staticFile = join(dataDir, 'static.bin');
await writeFile(staticFile, Buffer.alloc(256 * 1024, 7));
const out: Record<string, unknown> = { accounts: ACCOUNTS };
out.statusBefore = (await ok('accounts.keychainStatus', {})).state;
out.storedBefore = (await ok('accounts.list', {})).accounts.filter((a) => a.secretState === 'stored').length;

// A keychain-backed account's servers: needs its secret key from the keychain.
const keychainCall = async (i: number): Promise<{ ms: number; ok: boolean; error?: unknown }> => {
  const { ms, res } = await timed('servers.list', { accountId: ids[i]!, region: info.region, limit: 5 });
  return { ms, ok: res.ok, ...(res.ok ? {} : { error: res.error }) };
};
const probe =
  <C extends InvokeChannel>(channel: C, arg: () => InvokeChannels[C]['arg']) =>
  async (): Promise<{ ms: number; ok: boolean }> => {
    const { ms, res } = await timed(channel, arg());
    return { ms, ok: res.ok };
  };
const fsRead = async (): Promise<{ ms: number; ok: boolean }> => {
  const t = performance.now();
  const buf = await readFile(staticFile);
  return { ms: performance.now() - t, ok: buf.length === 256 * 1024 };
};
const serversList = probe('servers.list', () => ({ ...sandboxScope, limit: 10 }));

// --- The same load with a working keychain, for comparison (the machine may be busy).
let n = 0;
const everyChannel = {
  'servers.list': serversList,
  'fs.readFile': fsRead,
  'accounts.setDefault': probe('accounts.setDefault', () => ({ id: n++ % 2 === 0 ? ids[1]! : 'sandbox' })),
  'accounts.keychainStatus': probe('accounts.keychainStatus', () => ({})),
  // Reads every account's secrets: slow with a working keychain, failing fast while it is frozen.
  'accounts.list': probe('accounts.list', () => ({})),
};
out.baseline = summary(await measure(5000, everyChannel));

// --- Frozen, before the app knows it: 14 accounts' worth of keychain reads start at once.
process.kill(kpid, 'SIGSTOP');
const first = keychainCall(0);
const list = timed('accounts.list', {});
const detecting = await measure(3500, { 'servers.list': serversList, 'fs.readFile': fsRead });
out.detecting = summary(detecting);
const firstDone = await first;
const listDone = await list;
out.firstKeychainCall = firstDone;
out.listWhileFrozen = {
  ms: listDone.ms,
  secretStates: listDone.res.ok ? [...new Set(listDone.res.value.accounts.map((a) => a.secretState))] : [],
};

// --- Frozen, known unresponsive: everything else answers at once; keychain calls fail fast.
out.statusFrozen = await ok('accounts.keychainStatus', {});
// The same load as the baseline, so that the two compare.
const frozen = await measure(6000, everyChannel);
out.frozen = summary(frozen);
// Frozen is frozen, known or not yet: p99 over both phases, on more calls.
out.whileFrozen = summary(detecting, frozen);
// Keychain calls now fail at once, each with VAULT.
const fast: number[] = [];
let vaultErrors = 0;
for (let i = 0; i < 40; i++) {
  const r = await keychainCall(2 + (i % 10));
  fast.push(r.ms);
  if (!r.ok && (r.error as { code?: string }).code === 'VAULT') vaultErrors++;
}
out.keychainWhileFrozen = { ...stats(fast, 40 - vaultErrors) };
out.laterKeychainCall = await keychainCall(12);
// Choosing the keychain again while it is frozen: a clear refusal, and no worker left behind.
const workersBeforeSwitch = workers().length;
const switched = await timed('accounts.setVaultMode', { mode: 'keychain' });
await sleep(200);
out.switchWhileFrozen = {
  ms: switched.ms,
  ok: switched.res.ok,
  ...(switched.res.ok ? {} : { error: switched.res.error }),
  extraWorkers: workers().length - workersBeforeSwitch,
  mode: (await ok('accounts.list', {})).vaultMode,
};

// --- Resumed: the status and keychain reads recover by themselves.
process.kill(kpid, 'SIGCONT');
const resumed = performance.now();
for (;;) {
  const s = await ok('accounts.keychainStatus', {});
  if (s.state === 'ok' || performance.now() - resumed > 10_000) break;
  await sleep(10);
}
out.statusRecoveredMs = performance.now() - resumed;
const after = await keychainCall(13);
out.keychainAfterResume = { ok: after.ok, sinceResumeMs: performance.now() - resumed };
out.storedAfter = (await ok('accounts.list', {})).accounts.filter((a) => a.secretState === 'stored').length;

// --- Frozen again, with a keychain call in flight: shutting down must not wait for it.
process.kill(kpid, 'SIGSTOP');
const inFlight = keychainCall(3);
await sleep(300);
out.workersBeforeDispose = workers().length;
const t = performance.now();
ipc.dispose();
await services.dispose();
out.disposeMs = performance.now() - t;
out.inFlightAtDispose = await inFlight;
await sleep(200);
out.workersAfterDispose = workers().length;
await rm(dataDir, { recursive: true, force: true });
process.stdout.write(`RESULT${JSON.stringify(out)}\n`);
// No process.exit(): the test measures how long this process takes to end on its own.
