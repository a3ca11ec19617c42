/**
 * A frozen keyring can never block anything else (issue 11, part A). The scenario
 * (keychain-isolation-scenario.ts) runs the real services with 14 keychain accounts against a
 * real gnome-keyring-daemon of its own, in a private D-Bus session, and stops it with SIGSTOP:
 * every other channel keeps answering, keychain calls fail within ~3.5 s with a clear error,
 * keychainStatus says unresponsive, everything recovers within 1 s of SIGCONT, and shutting down
 * while frozen takes well under 5 s. Prints the measurements.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_OWN_DAEMON, privateSession } from './keychain-session';

const root = resolve(__dirname, '../..');
let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'keychain-isolation-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

type Stats = { n: number; p50: number; p99: number; max: number; errors: number };
type CallOutcome = { ms: number; ok: boolean; error?: { code: string; message: string; hint?: string } };
interface ScenarioResult {
  accounts: number;
  statusBefore: string;
  storedBefore: number;
  baseline: Record<string, Stats>;
  detecting: Record<string, Stats>;
  frozen: Record<string, Stats>;
  whileFrozen: Record<string, Stats>;
  keychainWhileFrozen: Stats;
  firstKeychainCall: CallOutcome;
  laterKeychainCall: CallOutcome;
  switchWhileFrozen: CallOutcome & { extraWorkers: number; mode: string };
  listWhileFrozen: { ms: number; secretStates: string[] };
  statusFrozen: { state: string; message: string; hint?: string };
  statusRecoveredMs: number;
  keychainAfterResume: { ok: boolean; sinceResumeMs: number };
  storedAfter: number;
  workersBeforeDispose: number;
  disposeMs: number;
  inFlightAtDispose: CallOutcome;
  workersAfterDispose: number;
}

/** Runs the scenario; also returns how long its process took to end after printing the result. */
async function runScenario(): Promise<{ result: ScenarioResult; exitAfterResultMs: number }> {
  const session = await privateSession(scratch, START_OWN_DAEMON, { timeoutSecs: 150 });
  const script = join(root, 'test/integration/keychain-isolation-scenario.ts');
  const argv = session.wrap(`${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(script)}`);
  const proc = spawn(argv[0]!, argv.slice(1), { cwd: root, env: session.env });
  let stdout = '';
  let stderr = '';
  let resultAt: number | undefined;
  proc.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (resultAt === undefined && stdout.includes('RESULT')) resultAt = Date.now();
  });
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => proc.once('exit', r));
  const exitedAt = Date.now();
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT'));
  if (!line || resultAt === undefined)
    throw new Error(
      `the scenario printed no result (exit ${code}).\nstdout: ${stdout}\nstderr: ${stderr.slice(-3000)}`,
    );
  return {
    result: JSON.parse(line.slice('RESULT'.length)) as ScenarioResult,
    exitAfterResultMs: exitedAt - resultAt,
  };
}

/**
 * The p99 bound of a channel: 200 ms, or three times what the same channel needed with a working
 * keychain under the same load when that is more (a busy shared machine: there even the baseline's
 * p99 can pass 200 ms). A stall behind the keychain costs seconds (~75 s before the worker
 * process), far above either.
 */
function bound(channel: string, baseline: Record<string, Stats>): number {
  const before = baseline[channel]?.p99;
  return Math.max(200, before !== undefined ? 3 * before : 0);
}

function table(title: string, phase: Record<string, Stats>): string {
  const rows = Object.entries(phase).map(
    ([name, s]) =>
      `  ${name.padEnd(24)} n=${String(s.n).padStart(4)}  p50=${s.p50.toFixed(1).padStart(6)} ms  p99=${s.p99.toFixed(1).padStart(6)} ms  max=${s.max.toFixed(1).padStart(6)} ms`,
  );
  return [title, ...rows].join('\n');
}

describe('a frozen gnome-keyring (SIGSTOP) with 14 accounts', () => {
  it('blocks nothing else; keychain calls fail clearly; status, recovery and shutdown are bounded', async () => {
    const { result: r, exitAfterResultMs } = await runScenario();
    console.log(
      [
        table('working keychain (baseline):', r.baseline),
        table('frozen, first 3.5 s (14 accounts being read):', r.detecting),
        table('frozen, known unresponsive:', { ...r.frozen, 'keychain (fails fast)': r.keychainWhileFrozen }),
        table('frozen, both phases:', r.whileFrozen),
        `switching to the keychain while frozen was refused after ${r.switchWhileFrozen.ms.toFixed(0)} ms`,
        `first keychain call failed after ${r.firstKeychainCall.ms.toFixed(0)} ms; accounts.list answered after ${r.listWhileFrozen.ms.toFixed(0)} ms`,
        `after SIGCONT: keychainStatus ok after ${r.statusRecoveredMs.toFixed(0)} ms, a keychain read after ${r.keychainAfterResume.sinceResumeMs.toFixed(0)} ms`,
        `shutdown while frozen: dispose ${r.disposeMs.toFixed(0)} ms, process ended ${exitAfterResultMs} ms after its last line`,
      ].join('\n'),
    );

    expect(r.statusBefore).toBe('ok');
    expect(r.storedBefore).toBe(r.accounts + 1); // the 14 accounts and the Sandbox

    // Nothing but the keychain waits for the keychain: no call came near the 3 s keychain timeout
    // (before the worker process they waited ~75 s), and p99 over every call while frozen is
    // within bounds.
    for (const [channel, s] of Object.entries(r.whileFrozen)) {
      expect(s.n, channel).toBeGreaterThanOrEqual(50);
      expect(s.max, `${channel} slowest call (ms)`).toBeLessThan(2500);
      expect(s.p99, `${channel} p99 (ms)`).toBeLessThan(bound(channel, r.baseline));
    }
    for (const channel of ['servers.list', 'fs.readFile', 'accounts.setDefault', 'accounts.keychainStatus'])
      expect(r.frozen[channel]?.errors, channel).toBe(0);
    // Keychain calls while known frozen: each failed with VAULT, at once.
    expect(r.keychainWhileFrozen).toMatchObject({ n: 40, errors: 0 });
    expect(r.keychainWhileFrozen.p99).toBeLessThan(200);

    // Keychain calls fail within ~3.5 s with the clear error; later ones at once.
    expect(r.firstKeychainCall.ok).toBe(false);
    expect(r.firstKeychainCall.error).toMatchObject({ code: 'VAULT' });
    expect(r.firstKeychainCall.error!.message).toMatch(/did not answer within 3\.0 s|still pending/);
    expect(r.firstKeychainCall.error!.hint).toMatch(/frozen/);
    expect(r.firstKeychainCall.ms).toBeGreaterThan(2900);
    expect(r.firstKeychainCall.ms).toBeLessThan(3500);
    expect(r.laterKeychainCall.ok).toBe(false);
    expect(r.laterKeychainCall.error!.message).toMatch(/The keychain is not answering .* still pending/);
    expect(r.laterKeychainCall.ms).toBeLessThan(200);
    expect(r.listWhileFrozen.ms).toBeLessThan(3500);
    expect(r.listWhileFrozen.secretStates).toContain('unavailable');

    // Switching to the keychain while it is frozen is refused clearly, and leaves no worker behind.
    expect(r.switchWhileFrozen.ok).toBe(false);
    expect(r.switchWhileFrozen.error).toMatchObject({ code: 'VAULT' });
    expect(r.switchWhileFrozen.error!.message).toMatch(/is not answering/);
    expect(r.switchWhileFrozen.extraWorkers).toBe(0);
    expect(r.switchWhileFrozen.mode).toBe('keychain');

    // keychainStatus tells the truth while frozen.
    expect(r.statusFrozen.state).toBe('unresponsive');
    expect(r.statusFrozen.message).toMatch(
      /is not answering .*secrets can't be read or stored until it does/,
    );
    expect(r.statusFrozen.hint).toMatch(/restart the keyring.*session-only/);

    // After SIGCONT everything recovers within 1 s, by itself.
    expect(r.statusRecoveredMs).toBeLessThan(1000);
    expect(r.keychainAfterResume.ok).toBe(true);
    expect(r.keychainAfterResume.sinceResumeMs).toBeLessThan(1000);
    expect(r.storedAfter).toBe(r.accounts + 1);

    // Shutting down while frozen, with a keychain call in flight: the worker is killed, not awaited.
    expect(r.workersBeforeDispose).toBeGreaterThanOrEqual(1);
    expect(r.disposeMs).toBeLessThan(5000);
    expect(r.inFlightAtDispose.error?.message).toMatch(/closed: the app is shutting down/);
    expect(r.workersAfterDispose).toBe(0);
    expect(exitAfterResultMs).toBeLessThan(5000);
  }, 180_000);
});
