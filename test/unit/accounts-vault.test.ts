import { describe, expect, it } from 'vitest';
import {
  KeytarStore,
  MemoryStore,
  classifyKeychainError,
  openKeychain,
  probeKeychain,
  type KeytarLike,
} from '../../main/accounts/vault';
import { VaultError } from '../../main/accounts/vault-error';
import { redactText } from '../../main/cloud/redact';

/** A keytar whose calls hang until released, or fail with a given message. */
function fakeKeytar(): KeytarLike & {
  hang: boolean;
  fail?: string;
  release: () => void;
  items: Map<string, string>;
} {
  const waiting: Array<() => void> = [];
  const items = new Map<string, string>();
  const op = <T>(fn: () => T): Promise<T> => {
    if (fake.fail) return Promise.reject(new Error(fake.fail));
    if (fake.hang) return new Promise<T>((resolve) => waiting.push(() => resolve(fn())));
    return Promise.resolve(fn());
  };
  const fake = {
    hang: false,
    fail: undefined as string | undefined,
    items,
    release: () => waiting.splice(0).forEach((w) => w()),
    getPassword: (s: string, a: string) => op(() => items.get(`${s}/${a}`) ?? null),
    setPassword: (s: string, a: string, p: string) => op(() => void items.set(`${s}/${a}`, p)),
    deletePassword: (s: string, a: string) => op(() => items.delete(`${s}/${a}`)),
  };
  return fake;
}

describe('KeytarStore', () => {
  it('names items <accountId>:<kind> under the service', async () => {
    const k = fakeKeytar();
    await new KeytarStore({ keytar: k }).set('acc-1', 'securityToken', 'tok-123456');
    expect([...k.items.keys()]).toEqual(['ecs-desktop/acc-1:securityToken']);
  });

  it('times out a hanging call with a VaultError, fails fast while it is stuck, and recovers', async () => {
    const k = fakeKeytar();
    const store = new KeytarStore({ keytar: k, timeoutMs: 20 });
    k.hang = true;
    const first = await store.get('a', 'sk').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(VaultError);
    expect(first).toMatchObject({ state: 'timeout', code: 'VAULT', retryable: true });
    expect((first as VaultError).hint).toMatch(/frozen/);
    k.hang = false;
    // The first call is still pending in the daemon: no new call is queued behind it.
    await expect(store.set('a', 'sk', 'value-123456')).rejects.toThrow(/still pending/);
    expect(k.items.size).toBe(0);
    k.release();
    await new Promise((r) => setImmediate(r));
    await store.set('a', 'sk', 'value-123456');
    expect(await store.get('a', 'sk')).toBe('value-123456');
  });

  it('turns library errors into VaultErrors with the keychain state and a hint', async () => {
    const k = fakeKeytar();
    k.fail = 'Cannot create an item in a locked collection';
    const err = await new KeytarStore({ keytar: k }).set('a', 'sk', 'v-123456').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'VaultError', state: 'locked' });
    expect((err as VaultError).message).toMatch(/Could not store a secret in the keychain/);
  });

  it('registers read secrets for redaction', async () => {
    const k = fakeKeytar();
    k.items.set('ecs-desktop/a:sk', 'registered-secret-987');
    await new KeytarStore({ keytar: k }).get('a', 'sk');
    expect(redactText('echo registered-secret-987')).toBe('echo ***');
  });
});

describe('KeytarStore status', () => {
  it('says unresponsive while the keychain does not answer, and ok by itself once it answers', async () => {
    const k = fakeKeytar();
    const store = new KeytarStore({ keytar: k, timeoutMs: 20 });
    expect(store.status()).toMatchObject({ state: 'ok' });
    k.hang = true;
    await expect(store.get('a', 'sk')).rejects.toMatchObject({ state: 'timeout' });
    expect(store.status()).toMatchObject({ state: 'unresponsive' });
    expect(store.status().message).toMatch(/not answering/);
    expect(store.status().hint).toMatch(/session-only/);
    // The daemon answers again: the background read (hung too) completes, nobody has to retry.
    k.hang = false;
    k.release();
    await new Promise((r) => setImmediate(r));
    expect(store.status()).toMatchObject({ state: 'ok' });
    await store.set('a', 'sk', 'value-123456');
    expect(await store.get('a', 'sk')).toBe('value-123456');
  });

  it("reflects the daemon's last error, and fails every call after close()", async () => {
    const k = fakeKeytar();
    const store = new KeytarStore({ keytar: k });
    k.fail = 'Cannot create an item in a locked collection';
    await expect(store.set('a', 'sk', 'value-123456')).rejects.toMatchObject({ state: 'locked' });
    expect(store.status()).toMatchObject({ state: 'locked' });
    k.fail = undefined;
    await store.get('a', 'sk');
    expect(store.status()).toMatchObject({ state: 'ok' });
    // A call hanging in this process when the store is closed fails at once too.
    k.hang = true;
    const hanging = store.get('a', 'sk');
    store.close();
    await expect(hanging).rejects.toThrow(/shutting down/);
    await expect(store.get('a', 'sk')).rejects.toThrow(/shutting down/);
    k.release();
  });
});

describe('openKeychain', () => {
  it('gives a store for a working keychain, and for one that only did not answer in time', async () => {
    const good = await openKeychain({ keytar: fakeKeytar() });
    expect(good.status).toMatchObject({ state: 'ok' });
    expect(good.store).toBeInstanceOf(KeytarStore);
    const k = fakeKeytar();
    k.hang = true;
    const frozen = await openKeychain({ keytar: k, timeoutMs: 20 });
    expect(frozen.status).toMatchObject({ state: 'unresponsive' });
    expect(frozen.store).toBeInstanceOf(KeytarStore);
    k.hang = false;
    k.release();
    await new Promise((r) => setImmediate(r));
    expect(frozen.store!.status()).toMatchObject({ state: 'ok' });
  });

  it('gives no store, and the reason, for a locked keychain', async () => {
    const k = fakeKeytar();
    k.getPassword = async () => null;
    const locked = await openKeychain({ keytar: k });
    expect(locked.store).toBeUndefined();
    expect(locked.status).toMatchObject({ state: 'locked' });
  });
});

describe('classifyKeychainError', () => {
  it.each([
    ['Could not connect: No such file or directory', 'no-dbus'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-dbus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['something else broke', 'error'],
  ])('%s -> %s', (message, state) => {
    const s = classifyKeychainError(new Error(message));
    expect(s.state).toBe(state);
    expect(s.hint).toMatch(/session-only|gnome-keyring|KWallet/);
  });
});

describe('probeKeychain', () => {
  it('is ok when a test item round-trips, and leaves nothing behind', async () => {
    const k = fakeKeytar();
    expect(await probeKeychain({ keytar: k })).toMatchObject({ state: 'ok' });
    expect(k.items.size).toBe(0);
  });

  it('reports a keychain that accepts writes but returns nothing as locked', async () => {
    const k = fakeKeytar();
    k.getPassword = async () => null;
    expect(await probeKeychain({ keytar: k })).toMatchObject({ state: 'locked' });
  });

  it('reports a hanging keychain as a timeout', async () => {
    const k = fakeKeytar();
    k.hang = true;
    expect(await probeKeychain({ keytar: k, timeoutMs: 20 })).toMatchObject({ state: 'timeout' });
    k.release();
  });
});

describe('MemoryStore', () => {
  it('is session-only and keeps secrets per account and kind', async () => {
    const m = new MemoryStore();
    expect(m.mode).toBe('session-only');
    await m.set('a', 'sk', 'one-123456');
    await m.set('a', 'password', 'two-123456');
    await m.set('b', 'sk', 'three-123456');
    expect(await m.find('a')).toEqual({ sk: 'one-123456', password: 'two-123456' });
    expect(await m.delete('a', 'sk')).toBe(true);
    expect(await m.delete('a', 'sk')).toBe(false);
    expect(await m.find('a')).toEqual({ password: 'two-123456' });
    await expect(m.set('a', 'sk', '')).rejects.toBeInstanceOf(VaultError);
  });
});
