/**
 * The vault against a real Secret Service (gnome-keyring in the D-Bus session that `npm test`
 * starts), and its failure modes in private child sessions: no D-Bus, a locked keyring, a frozen
 * daemon. These tests fail (never skip) when the session keyring is missing.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_KINDS } from '../../shared/accounts';
import { KEYCHAIN_SERVICE, KeytarStore, probeKeychain, type KeytarLike } from '../../main/accounts/vault';
import { VaultError } from '../../main/accounts/vault-error';
import { START_OWN_DAEMON, privateSession } from './keychain-session';

const root = resolve(__dirname, '../..');
const keytar = createRequire(import.meta.url)('keytar') as KeytarLike;
const run = randomBytes(4).toString('hex');
let scratch: string;

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'ecs-vault-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** Runs `code` (TypeScript, may import the vault) in a child node and returns the JSON it prints. */
async function child(
  code: string,
  opts: { env?: NodeJS.ProcessEnv; wrap?: (cmd: string) => string[] } = {},
): Promise<Record<string, unknown>> {
  const file = join(scratch, `child-${randomBytes(4).toString('hex')}.mts`);
  await fs.writeFile(
    file,
    `import { probeKeychain, KeytarStore } from ${JSON.stringify(join(root, 'main/accounts/vault.ts'))};
const out: Record<string, unknown> = {};
${code}
process.stdout.write('RESULT' + JSON.stringify(out) + '\\n');
// Even process.exit() waits ~50 s for keytar calls stuck on a frozen daemon (libuv joins its
// thread pool at exit), so the child ends itself the hard way once the result is out (pipes are
// written synchronously on Linux).
process.kill(process.pid, 'SIGKILL');
`,
  );
  const nodeCmd = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(file)}`;
  const argv = opts.wrap ? opts.wrap(nodeCmd) : [process.execPath, '--import', 'tsx', file];
  const proc = spawn(argv[0]!, argv.slice(1), { cwd: root, env: opts.env ?? process.env });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise((r) => proc.once('exit', r));
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT'));
  if (!line) throw new Error(`child printed no result.\nstdout: ${stdout}\nstderr: ${stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT'.length)) as Record<string, unknown>;
}

describe('KeytarStore against the session Secret Service', () => {
  it('finds a working, unlocked keychain at start', async () => {
    const status = await probeKeychain();
    expect(status, `${status.message} ${status.hint ?? ''}`).toMatchObject({ state: 'ok' });
  });

  it('sets, gets, finds and deletes every secret kind under service ecs-desktop', async () => {
    const store = new KeytarStore();
    const id = `acct-${run}`;
    for (const kind of SECRET_KINDS) await store.set(id, kind, `${kind}-value-${run}`);
    expect(await store.get(id, 'sk')).toBe(`sk-value-${run}`);
    // The item is named <accountId>:<kind> under the app's service name.
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${id}:securityToken`)).toBe(
      `securityToken-value-${run}`,
    );
    expect(await store.find(id)).toEqual({
      sk: `sk-value-${run}`,
      securityToken: `securityToken-value-${run}`,
      password: `password-value-${run}`,
    });
    await store.set(id, 'sk', `rotated-${run}`);
    expect(await store.get(id, 'sk')).toBe(`rotated-${run}`);
    expect(await store.delete(id, 'securityToken')).toBe(true);
    expect(await store.delete(id, 'securityToken')).toBe(false);
    expect(await store.find(id)).toEqual({ sk: `rotated-${run}`, password: `password-value-${run}` });
    for (const kind of SECRET_KINDS) await store.delete(id, kind);
    expect(await store.find(id)).toEqual({});
    expect(await store.get(id, 'sk')).toBeUndefined();
  });

  it('keeps many accounts with unicode names apart', async () => {
    const store = new KeytarStore();
    const names = Array.from({ length: 40 }, (_, i) => `账户-Ünïcødé-🔑-${i}-${run}`);
    const secret = (i: number): string =>
      `密钥/ключ/${'é'.repeat(i % 5)}-${i}-${randomBytes(8).toString('base64')}`;
    const secrets = names.map((_, i) => secret(i));
    for (const [i, name] of names.entries()) await store.set(name, 'sk', secrets[i]!);
    for (const [i, name] of names.entries()) expect(await store.get(name, 'sk')).toBe(secrets[i]);
    expect(await store.find(names[7]!)).toEqual({ sk: secrets[7] });
    for (const name of names) expect(await store.delete(name, 'sk')).toBe(true);
    for (const name of names) expect(await store.get(name, 'sk')).toBeUndefined();
  });

  it('refuses to store an empty secret', async () => {
    await expect(new KeytarStore().set(`empty-${run}`, 'sk', '')).rejects.toBeInstanceOf(VaultError);
  });
});

describe('keychain failure modes', () => {
  it('no D-Bus: the probe and every call explain it instead of hanging', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(scratch, 'no-bus-here')}` };
    const out = await child(
      `out.probe = await probeKeychain({ timeoutMs: 5000 });
try { await new KeytarStore({ timeoutMs: 5000 }).get('x', 'sk'); out.get = 'no error'; }
catch (e) { out.get = { name: (e as Error).name, state: (e as { state?: string }).state, code: (e as { code?: string }).code, message: (e as Error).message }; }`,
      { env },
    );
    expect(out.probe).toMatchObject({ state: 'no-dbus' });
    expect((out.probe as { hint: string }).hint).toMatch(/gnome-keyring|KWallet/);
    expect(out.get).toMatchObject({ name: 'VaultError', state: 'no-dbus', code: 'VAULT' });
  });

  it('a session bus without any Secret Service is reported as such', async () => {
    // A bus with no service folders: nothing can be activated as org.freedesktop.secrets.
    const session = await privateSession(scratch, 'true', {
      busConfig: `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`,
    });
    const out = await child(`out.probe = await probeKeychain({ timeoutMs: 5000 });`, session);
    expect(out.probe).toMatchObject({ state: 'no-secret-service' });
    expect((out.probe as { hint: string }).hint).toMatch(/Install and start a Secret Service/);
  });

  it('a locked keyring is reported as locked, and writes fail with a clear VaultError', async () => {
    const session = await privateSession(
      scratch,
      `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 3
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null || exit 4`,
    );
    const out = await child(
      `out.probe = await probeKeychain({ timeoutMs: 5000 });
try { await new KeytarStore({ timeoutMs: 5000 }).set('x', 'sk', 'some-secret-value'); out.set = 'no error'; }
catch (e) { out.set = { name: (e as Error).name, state: (e as { state?: string }).state, hint: (e as { hint?: string }).hint }; }`,
      session,
    );
    expect(out.probe).toMatchObject({ state: 'locked' });
    expect((out.probe as { hint: string }).hint).toMatch(/Unlock/);
    expect(out.set).toMatchObject({ name: 'VaultError', state: 'locked' });
  });

  it('a keyring daemon with no unlocked login keyring is reported as locked', async () => {
    const session = await privateSession(
      scratch,
      `gnome-keyring-daemon --start --components=secrets >/dev/null || exit 3`,
    );
    const out = await child(`out.probe = await probeKeychain({ timeoutMs: 5000 });`, session);
    expect(out.probe).toMatchObject({ state: 'locked' });
  });

  it('a frozen daemon (SIGSTOP) gives a timeout error, not a hang, and later calls fail fast', async () => {
    // A dedicated daemon in a nested session, so that stopping it cannot affect the outer keyring.
    const session = await privateSession(
      scratch,
      `${START_OWN_DAEMON}
kill -STOP $KPID`,
    );
    const out = await child(
      `const store = new KeytarStore({ timeoutMs: 1500 });
const grab = async (f: () => Promise<unknown>) => { try { await f(); return 'no error'; } catch (e) { return { name: (e as Error).name, state: (e as { state?: string }).state, message: (e as Error).message, retryable: (e as { retryable?: boolean }).retryable }; } };
out.first = await grab(() => store.get('x', 'sk'));
out.second = await grab(() => store.set('x', 'sk', 'another-secret'));
out.probe = await probeKeychain({ timeoutMs: 1500 });`,
      session,
    );
    expect(out.first).toMatchObject({ name: 'VaultError', state: 'timeout', retryable: true });
    expect((out.first as { message: string }).message).toMatch(/did not answer within 1\.5 s/);
    expect(out.second).toMatchObject({ name: 'VaultError', state: 'timeout' });
    expect((out.second as { message: string }).message).toMatch(/still pending/);
    expect(out.probe).toMatchObject({ state: 'timeout' });
    expect((out.probe as { hint: string }).hint).toMatch(/frozen/);
  }, 60_000);
});
