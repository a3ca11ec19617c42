/**
 * The keychain worker protocol without a keyring: a fake worker (plain Node, speaking the same
 * line protocol) that misbehaves on cue. Proves that bad lines, a crash mid-call, a load failure
 * and a frozen daemon each end in a clear VaultError, that the worker is killed and replaced, and
 * that the channel recovers by itself once the fake "daemon" answers again.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainChannel } from '../../main/accounts/keychain-channel';
import { WorkerBackend, type WorkerLaunch } from '../../main/accounts/keychain-process';
import { parseRequestLine, parseWorkerLine } from '../../main/accounts/keychain-protocol';
import { KeytarStore, classifyKeychainError } from '../../main/accounts/vault';
import { VaultError, keytarLoadError } from '../../main/accounts/vault-error';

// The fake worker: answers from a Map, and misbehaves for accounts named after a fault.
const FAKE_WORKER = String.raw`
const fs = require('node:fs');
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
if (process.env.FAKE_MODE === 'noload') {
  out({ kind: 'hello', ready: false, error: 'The module keytar.node was compiled against NODE_MODULE_VERSION 115.' });
  process.exit(0);
}
if (process.env.FAKE_MODE === 'silent') setInterval(() => {}, 1000);
else out({ kind: 'hello', ready: true });
const items = new Map();
const freeze = process.env.FAKE_FREEZE;
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const r = JSON.parse(line);
  // A "frozen daemon": no answer while the freeze file exists (and a note that a request came).
  if (freeze && fs.existsSync(freeze)) fs.writeFileSync(freeze + '.seen-' + process.pid, r.account);
  while (freeze && fs.existsSync(freeze)) await new Promise((res) => setTimeout(res, 20));
  const a = r.account;
  if (a.startsWith('bad-line')) return void process.stdout.write('this is not json\n');
  if (a.startsWith('wrong-id')) return out({ kind: 'reply', id: r.id + 1000, ok: true, value: null });
  if (a.startsWith('huge')) return void process.stdout.write('x'.repeat(300000));
  if (a.startsWith('crash')) {
    process.stderr.write('fake libsecret: assertion failed\n');
    process.kill(process.pid, 'SIGSEGV');
    return;
  }
  if (a.startsWith('locked'))
    return out({ kind: 'reply', id: r.id, ok: false, error: 'Cannot create an item in a locked collection' });
  if (r.op === 'get') out({ kind: 'reply', id: r.id, ok: true, value: items.get(a) ?? null });
  else if (r.op === 'set') { items.set(a, r.password); out({ kind: 'reply', id: r.id, ok: true, value: true }); }
  else out({ kind: 'reply', id: r.id, ok: true, value: items.delete(a) });
});
rl.on('close', () => process.exit(0));
`;

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'keychain-proto-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

function fake(env: Record<string, string> = {}): WorkerLaunch {
  return { command: process.execPath, args: ['-e', FAKE_WORKER], env: { ...process.env, ...env } };
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, fn: () => boolean, ms = 5000): Promise<number> {
  const start = Date.now();
  while (!fn()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

const failure = (p: Promise<unknown>): Promise<VaultError> =>
  p.then(
    () => {
      throw new Error('expected a VaultError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(VaultError);
      return e as VaultError;
    },
  );

describe('KeytarStore over the worker protocol', () => {
  it('stores, reads and deletes through the worker, in order', async () => {
    const store = new KeytarStore({ worker: fake() });
    try {
      await store.set('acc', 'sk', 'secret-value-1');
      expect(await store.get('acc', 'sk')).toBe('secret-value-1');
      expect(await store.find('acc')).toEqual({ sk: 'secret-value-1' });
      expect(await store.delete('acc', 'sk')).toBe(true);
      expect(await store.delete('acc', 'sk')).toBe(false);
      expect(await store.get('acc', 'sk')).toBeUndefined();
      expect(store.status()).toMatchObject({ state: 'ok' });
    } finally {
      store.close();
    }
  });

  it("maps the daemon's own errors to a keychain state", async () => {
    const store = new KeytarStore({ worker: fake() });
    try {
      const err = await failure(store.set('locked', 'sk', 'secret-value-2'));
      expect(err).toMatchObject({ state: 'locked', code: 'VAULT' });
      expect(err.message).toMatch(/Could not store a secret in the keychain/);
      expect(store.status()).toMatchObject({ state: 'locked' });
    } finally {
      store.close();
    }
  });

  it.each([
    ['a line that is not JSON', 'bad-line'],
    ['a reply to a request never made', 'wrong-id'],
    ['an endless line', 'huge'],
  ])('%s: a clear error, the worker is replaced, the next call works', async (_name, account) => {
    const backend = new WorkerBackend({ launch: fake() });
    try {
      await backend.call({ op: 'set', service: 's', account: 'kept', password: 'v' });
      const first = backend.pid;
      const err = await failure(backend.call({ op: 'get', service: 's', account }));
      expect(err.message).toMatch(
        /keychain helper process answered something unreadable while reading a secret/,
      );
      expect(err.hint).toMatch(/restarts its keychain helper/);
      await until('the old worker to be killed', () => !alive(first));
      // A fresh worker (the fake's items were in the old one's memory).
      expect(await backend.call({ op: 'get', service: 's', account: 'kept' })).toBeNull();
      expect(backend.pid).not.toBe(first);
    } finally {
      backend.close();
    }
  });

  it('a crash mid-call: the error names the signal and the last stderr line, then a fresh worker answers', async () => {
    const store = new KeytarStore({ worker: fake() });
    try {
      const err = await failure(store.get('crash', 'sk'));
      expect(err.message).toMatch(
        /keychain helper process was ended by SIGSEGV while reading a secret \(fake libsecret: assertion failed\); it is started again/,
      );
      expect(err.retryable).toBe(true);
      await store.set('after', 'sk', 'secret-value-3');
      expect(await store.get('after', 'sk')).toBe('secret-value-3');
    } finally {
      store.close();
    }
  });

  it('keytar that cannot load: a clear error without rebuild advice, and no restart loop', async () => {
    const backend = new WorkerBackend({ launch: fake({ FAKE_MODE: 'noload' }) });
    const err = await failure(backend.call({ op: 'get', service: 's', account: 'a' }));
    expect(err.message).toMatch(/keytar\) could not be loaded: .*NODE_MODULE_VERSION/);
    expect(err.hint).toMatch(/another operating system or processor/);
    expect(err.hint).not.toMatch(/electron\/rebuild/);
    expect(backend.broken).toBe(true);
    // Cached: no new worker is started for the next call.
    await failure(backend.call({ op: 'get', service: 's', account: 'a' }));
    expect(backend.pid).toBeUndefined();
  });

  it('a worker that cannot be started, or never says hello, fails clearly', async () => {
    const missing = new WorkerBackend({ launch: { command: join(scratch, 'no-such-node'), args: [] } });
    const err = await failure(missing.call({ op: 'get', service: 's', account: 'a' }));
    expect(err.message).toMatch(/keychain helper process could not be started: .*ENOENT/);
    const silent = new WorkerBackend({ launch: fake({ FAKE_MODE: 'silent' }), startTimeoutMs: 300 });
    const err2 = await failure(silent.call({ op: 'get', service: 's', account: 'a' }));
    expect(err2.message).toMatch(/keychain helper process did not start within 0\.3 s while starting/);
    silent.close();
  });
});

describe('KeychainChannel over a frozen fake daemon', () => {
  it('times out, kills the worker, fails waiting and new calls fast, and recovers once the daemon answers', async () => {
    const freeze = join(scratch, `freeze-${randomBytes(4).toString('hex')}`);
    const backend = new WorkerBackend({ launch: fake({ FAKE_FREEZE: freeze }) });
    const channel = new KeychainChannel({
      backend,
      timeoutMs: 400,
      ping: { service: 's', account: '__ping__' },
      classify: classifyKeychainError,
      retryDelayMs: 50,
    });
    try {
      expect(
        await channel.run('store a secret in', { op: 'set', service: 's', account: 'a', password: 'v1' }),
      ).toBe(true);
      const healthy = backend.pid;
      await fs.writeFile(freeze, '');
      const started = Date.now();
      const stuck = failure(channel.run('read a secret from', { op: 'get', service: 's', account: 'a' }));
      const queued = failure(
        channel.run('delete a secret from', { op: 'delete', service: 's', account: 'a' }),
      );
      const first = await stuck;
      const waited = Date.now() - started;
      expect(first).toMatchObject({ state: 'timeout', retryable: true });
      expect(first.message).toBe(
        'The keychain did not answer within 0.4 s when trying to read a secret from it.',
      );
      expect(waited).toBeGreaterThanOrEqual(390);
      expect(waited).toBeLessThan(2000);
      // The call queued behind it failed at the same moment, without being sent.
      expect((await queued).message).toMatch(/still pending\), so the app did not delete a secret from it/);
      await until('the stuck worker to be killed', () => !alive(healthy));
      expect(channel.status()).toMatchObject({ state: 'unresponsive' });
      expect(channel.status().hint).toMatch(/session-only/);
      // While frozen, calls fail at once.
      const t = Date.now();
      await failure(channel.run('read a secret from', { op: 'get', service: 's', account: 'a' }));
      expect(Date.now() - t).toBeLessThan(100);
      // The health check runs on a fresh worker: its read of the ping item waits for the daemon.
      await until('a fresh worker', () => backend.pid !== undefined);
      const fresh = backend.pid!;
      expect(fresh).not.toBe(healthy);
      await until('the health check to reach it', () => existsSync(`${freeze}.seen-${fresh}`), 10_000);
      expect(await fs.readFile(`${freeze}.seen-${fresh}`, 'utf8')).toBe('__ping__');
      await fs.rm(freeze);
      const recoveredIn = await until('recovery', () => channel.status().state === 'ok');
      expect(recoveredIn).toBeLessThan(1000);
      expect(await channel.run('read a secret from', { op: 'get', service: 's', account: 'b' })).toBeNull();
      expect(backend.pid).toBe(fresh);
    } finally {
      channel.close();
      await fs.rm(freeze, { force: true });
    }
  });

  it('close() while a call hangs: the call fails at once and the worker is killed', async () => {
    const freeze = join(scratch, `freeze-${randomBytes(4).toString('hex')}`);
    const store = new KeytarStore({ worker: fake({ FAKE_FREEZE: freeze }), timeoutMs: 10_000 });
    await store.set('a', 'sk', 'secret-value-4');
    await fs.writeFile(freeze, '');
    const pending = failure(store.get('a', 'sk'));
    await new Promise((r) => setTimeout(r, 100));
    const t = Date.now();
    store.close();
    const err = await pending;
    expect(Date.now() - t).toBeLessThan(500);
    expect(err.message).toBe('The keychain is closed: the app is shutting down.');
    await failure(store.get('a', 'sk')).then((e) => expect(e.message).toMatch(/shutting down/));
    await fs.rm(freeze);
    expect(existsSync(freeze)).toBe(false);
  });
});

describe('protocol lines', () => {
  it.each([
    ['', undefined],
    ['null', undefined],
    ['[]', undefined],
    ['{"kind":"reply","id":1,"ok":true,"value":{"x":1}}', undefined],
    ['{"kind":"reply","id":1.5,"ok":true,"value":null}', undefined],
    ['{"kind":"reply","id":1,"ok":false}', undefined],
    ['{"kind":"hello","ready":"yes"}', undefined],
    ['{"kind":"hello","ready":true}', { kind: 'hello', ready: true }],
    ['{"kind":"reply","id":3,"ok":true,"value":false}', { kind: 'reply', id: 3, ok: true, value: false }],
    ['{"kind":"reply","id":4,"ok":false,"error":"x"}', { kind: 'reply', id: 4, ok: false, error: 'x' }],
  ])('worker line %j', (line, parsed) => {
    expect(parseWorkerLine(line)).toEqual(parsed);
  });

  it('requests: only get/set/delete with string fields; set needs a password', () => {
    expect(parseRequestLine('{"id":1,"op":"get","service":"s","account":"a"}')).toEqual({
      id: 1,
      op: 'get',
      service: 's',
      account: 'a',
    });
    expect(parseRequestLine('{"id":1,"op":"set","service":"s","account":"a"}')).toBeUndefined();
    expect(parseRequestLine('{"id":1,"op":"findCredentials","service":"s","account":"a"}')).toBeUndefined();
    expect(parseRequestLine('{"id":"1","op":"get","service":"s","account":"a"}')).toBeUndefined();
    expect(
      parseRequestLine(`{"id":1,"op":"get","service":"s","account":"${'a'.repeat(300_000)}"}`),
    ).toBeUndefined();
  });
});

describe('keytarLoadError', () => {
  it.each([
    ['libsecret-1.so.0: cannot open shared object file: No such file or directory', /Install libsecret/],
    ["Cannot find module 'keytar'", /missing from this installation/],
    [
      'was compiled against a different Node.js version using NODE_MODULE_VERSION 115',
      /another operating system/,
    ],
    ['something odd', /Reinstall the app/],
  ])('%s', (message, hint) => {
    const err = keytarLoadError(message);
    expect(err.hint).toMatch(hint);
    expect(err.hint).toMatch(/session-only/);
    expect(`${err.message} ${err.hint}`).not.toMatch(/rebuild@|electron\/rebuild/);
  });
});
