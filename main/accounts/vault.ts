/**
 * The credential vault: secret keys, security tokens and IAM passwords, one keychain item per
 * account and secret kind, behind a small interface with two implementations: the OS keychain
 * through keytar, and a session-only memory store chosen explicitly by the user.
 *
 * SECURITY: there is no plaintext fallback anywhere; when the keychain fails, the caller gets a
 * VaultError and the user decides (fix the keychain, or session-only mode).
 */
import { randomBytes } from 'node:crypto';
import type { KeychainStatus, SecretKind, VaultMode } from '../../shared/accounts';
import { SECRET_KINDS } from '../../shared/accounts';
import { registerSecret, forgetSecret } from '../cloud/redact';
import { KeychainChannel } from './keychain-channel';
import {
  InProcessBackend,
  WorkerBackend,
  type KeychainBackend,
  type KeytarLike,
  type WorkerLaunch,
} from './keychain-process';
import { KEYCHAIN_HINTS as HINTS, VaultError } from './vault-error';

export type { KeytarLike, WorkerLaunch } from './keychain-process';

/** The keychain service name under which every item of the app is stored. */
export const KEYCHAIN_SERVICE = 'ecs-desktop';

/** Default timeout of one keychain call, in milliseconds (a frozen daemon otherwise hangs ~50 s). */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 3000;

/** Where secrets live; every method rejects with a VaultError on failure, never hangs. */
export interface SecretStore {
  /** `keychain` for the OS keychain, `session-only` when secrets are forgotten at quit. */
  readonly mode: VaultMode;
  /** The secret of one kind for one account, or undefined when none is stored. */
  get(accountId: string, kind: SecretKind): Promise<string | undefined>;
  /** Stores (or replaces) the secret of one kind for one account. */
  set(accountId: string, kind: SecretKind, value: string): Promise<void>;
  /** Deletes one secret; resolves false when there was none. */
  delete(accountId: string, kind: SecretKind): Promise<boolean>;
  /** Every secret stored for one account, by kind. */
  find(accountId: string): Promise<Partial<Record<SecretKind, string>>>;
}

/** Options of {@link KeytarStore}. */
export interface KeytarStoreOptions {
  /** A keytar stand-in run in this process (tests); default: the real keytar in a worker process. */
  keytar?: KeytarLike;
  /** How to start the worker process (default: keychain-worker next to this module, see keychain-process.ts). */
  worker?: WorkerLaunch;
  /** Longest wait for one keychain answer, ms (default 3000). */
  timeoutMs?: number;
  service?: string;
}

/** The keychain item name of one secret: `<accountId>:<kind>`. */
export function keychainAccount(accountId: string, kind: SecretKind): string {
  return `${accountId}:${kind}`;
}

function checkAccountId(accountId: string): void {
  // Control characters would make items impossible to tell apart in keychain UIs.
  // eslint-disable-next-line no-control-regex
  if (accountId.length === 0 || accountId.length > 200 || /[\u0000-\u001f]/.test(accountId))
    throw new VaultError(`Invalid account id for the keychain: ${JSON.stringify(accountId)}.`, {
      state: 'error',
    });
}

/** Turns a keytar/libsecret error into a keychain state with plain words and what to do. */
export function classifyKeychainError(err: unknown): KeychainStatus {
  if (err instanceof VaultError && err.state !== undefined)
    return { state: err.state, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
  const text = err instanceof Error ? err.message : String(err);
  if (
    /could not connect|failed to connect|cannot autolaunch|DBUS_SESSION_BUS_ADDRESS|Unable to autolaunch|connection refused/i.test(
      text,
    )
  )
    return {
      state: 'no-dbus',
      message: `No D-Bus session bus is reachable, so the app cannot use the system keychain (${text}).`,
      hint: HINTS.noDbus,
    };
  if (
    /org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service files|name has no owner/i.test(
      text,
    )
  )
    return {
      state: 'no-secret-service',
      message: `No Secret Service (keychain) is running in this session (${text}).`,
      hint: HINTS.noService,
    };
  if (/locked|collection\/login|prompt|dismissed|unlock/i.test(text))
    return {
      state: 'locked',
      message: `The keychain is locked, or has no login keyring (${text}).`,
      hint: HINTS.locked,
    };
  return { state: 'error', message: `The keychain failed: ${text}`, hint: HINTS.other };
}

/**
 * The OS keychain through keytar. keytar runs in a worker process, so a keyring daemon that stops
 * answering cannot take the app's own threads; calls go one at a time, each bounded by a timeout,
 * and after one times out the rest fail at once until the daemon answers again (keychain-channel.ts).
 * Every failure is a VaultError. `close()` kills the worker without waiting (quit).
 */
export class KeytarStore implements SecretStore {
  readonly mode: VaultMode = 'keychain';
  private readonly service: string;
  private readonly channel: KeychainChannel;

  constructor(opts: KeytarStoreOptions = {}) {
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    const backend: KeychainBackend = opts.keytar
      ? new InProcessBackend(opts.keytar)
      : new WorkerBackend(opts.worker ? { launch: opts.worker } : {});
    this.channel = new KeychainChannel({
      backend,
      timeoutMs: opts.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS,
      // A read of an item that never exists: no side effect, answered as soon as the daemon runs.
      ping: { service: this.service, account: '__ping__' },
      classify: classifyKeychainError,
    });
  }

  /** The keychain's state now: `ok`, `unresponsive` while it does not answer, or its last error. */
  status(): KeychainStatus {
    return this.channel.status();
  }

  /** Stops using the keychain: waiting calls fail, the worker is killed, nothing is waited for. */
  close(): void {
    this.channel.close();
  }

  async get(accountId: string, kind: SecretKind): Promise<string | undefined> {
    checkAccountId(accountId);
    const value = await this.call('read a secret from', {
      op: 'get',
      service: this.service,
      account: keychainAccount(accountId, kind),
    });
    if (typeof value !== 'string') return undefined;
    registerSecret(value);
    return value;
  }

  async set(accountId: string, kind: SecretKind, value: string): Promise<void> {
    checkAccountId(accountId);
    if (value.length === 0) throw new VaultError('Refusing to store an empty secret.', { state: 'error' });
    registerSecret(value);
    await this.call('store a secret in', {
      op: 'set',
      service: this.service,
      account: keychainAccount(accountId, kind),
      password: value,
    });
  }

  async delete(accountId: string, kind: SecretKind): Promise<boolean> {
    checkAccountId(accountId);
    const deleted = await this.call('delete a secret from', {
      op: 'delete',
      service: this.service,
      account: keychainAccount(accountId, kind),
    });
    return deleted === true;
  }

  async find(accountId: string): Promise<Partial<Record<SecretKind, string>>> {
    // Not keytar.findCredentials: with a locked gnome-keyring it crashes the whole process
    // (libsecret assertion, then SIGSEGV; seen with keytar 7.9.0). Reading each kind is safe.
    const out: Partial<Record<SecretKind, string>> = {};
    for (const kind of SECRET_KINDS) {
      const value = await this.get(accountId, kind);
      if (value !== undefined) out[kind] = value;
    }
    return out;
  }

  private async call(
    what: string,
    call: Parameters<KeychainChannel['run']>[1],
  ): Promise<string | boolean | null> {
    try {
      return await this.channel.run(what, call);
    } catch (err) {
      if (err instanceof VaultError) throw err;
      const status = classifyKeychainError(err);
      throw new VaultError(`Could not ${what} the keychain: ${status.message}`, {
        state: status.state,
        ...(status.hint ? { hint: status.hint } : {}),
        cause: err,
      });
    }
  }
}

/**
 * Session-only mode: secrets held in this process's memory until quit, never written anywhere.
 * The UI must label it clearly; it is used only when the user chooses it.
 */
export class MemoryStore implements SecretStore {
  readonly mode: VaultMode = 'session-only';
  private readonly items = new Map<string, string>();

  async get(accountId: string, kind: SecretKind): Promise<string | undefined> {
    checkAccountId(accountId);
    return this.items.get(keychainAccount(accountId, kind));
  }

  async set(accountId: string, kind: SecretKind, value: string): Promise<void> {
    checkAccountId(accountId);
    if (value.length === 0) throw new VaultError('Refusing to store an empty secret.', { state: 'error' });
    registerSecret(value);
    this.items.set(keychainAccount(accountId, kind), value);
  }

  async delete(accountId: string, kind: SecretKind): Promise<boolean> {
    checkAccountId(accountId);
    const key = keychainAccount(accountId, kind);
    forgetSecret(this.items.get(key));
    return this.items.delete(key);
  }

  async find(accountId: string): Promise<Partial<Record<SecretKind, string>>> {
    const out: Partial<Record<SecretKind, string>> = {};
    for (const kind of SECRET_KINDS) {
      const value = await this.get(accountId, kind);
      if (value !== undefined) out[kind] = value;
    }
    return out;
  }
}

/**
 * Checks that the OS keychain works: writes, reads back and deletes a random probe item, each step
 * under the store's timeout. Probes `opts.store` when given, else a store of its own that it closes.
 * Never throws: returns the state in plain words with what to do.
 */
export async function probeKeychain(
  opts: KeytarStoreOptions & { store?: KeytarStore } = {},
): Promise<KeychainStatus> {
  const store = opts.store ?? new KeytarStore(opts);
  const probeId = `__probe__${randomBytes(6).toString('hex')}`;
  // The probe value is random but not a secret; it is only compared.
  const value = randomBytes(12).toString('hex');
  try {
    await store.set(probeId, 'sk', value);
    const back = await store.get(probeId, 'sk');
    await store.delete(probeId, 'sk');
    if (back !== value)
      // libsecret answers "nothing stored" when a collection is locked after the write.
      return {
        state: 'locked',
        message: 'The keychain accepted a test item but did not return it: it is probably locked.',
        hint: HINTS.locked,
      };
    return { state: 'ok', message: 'The system keychain works.' };
  } catch (err) {
    return classifyKeychainError(err);
  } finally {
    if (!opts.store) store.close();
  }
}

/**
 * Opens the OS keychain for the app: a store when the probe found it working, or when it only did
 * not answer in time (the store then reports `unresponsive` and recovers by itself once the daemon
 * answers); otherwise no store, and the probe's status says why.
 */
export async function openKeychain(
  opts: KeytarStoreOptions = {},
): Promise<{ store: KeytarStore | undefined; status: KeychainStatus }> {
  const store = new KeytarStore(opts);
  const status = await probeKeychain({ store });
  if (status.state === 'ok' || status.state === 'timeout') return { store, status: store.status() };
  store.close();
  return { store: undefined, status };
}
