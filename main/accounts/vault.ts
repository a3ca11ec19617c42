/**
 * The credential vault: secret keys, security tokens and IAM passwords, one keychain item per
 * account and secret kind, behind a small interface with two implementations: the OS keychain
 * through keytar, and a session-only memory store chosen explicitly by the user.
 *
 * SECURITY: there is no plaintext fallback anywhere; when the keychain fails, the caller gets a
 * VaultError and the user decides (fix the keychain, or session-only mode).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { KeychainStatus, SecretKind, VaultMode } from '../../shared/accounts';
import { SECRET_KINDS } from '../../shared/accounts';
import { registerSecret, forgetSecret } from '../cloud/redact';
import { VaultError } from './vault-error';

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

/** The subset of keytar's API the vault uses (injectable for tests of the timeout logic). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Loads the native keytar module; throws a VaultError when it cannot be loaded (e.g. no libsecret). */
export function loadKeytar(): KeytarLike {
  try {
    // keytar is a CommonJS native addon: load it lazily so that session-only mode never needs it.
    const require = createRequire(import.meta.url);
    return require('keytar') as KeytarLike;
  } catch (cause) {
    // npm builds keytar for Node's ABI; Electron needs its own build of the addon.
    const abiMismatch = /NODE_MODULE_VERSION/.test(String((cause as Error)?.message ?? cause));
    throw new VaultError('The keychain library (keytar) could not be loaded.', {
      state: 'error',
      cause,
      hint: abiMismatch
        ? 'keytar was compiled for another Node.js version: run "npx @electron/rebuild@3 -w keytar" for the app (and "npm rebuild keytar" before running the tests again), or use session-only mode.'
        : 'Install libsecret (libsecret-1-0) and reinstall the app, or use session-only mode.',
    });
  }
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

const HINTS = {
  noDbus:
    'Log in to a desktop session that runs gnome-keyring or KWallet (a D-Bus session bus is needed), or choose session-only mode: secrets are then forgotten when the app quits.',
  noService:
    'Install and start a Secret Service: gnome-keyring (e.g. `apt install gnome-keyring`) or KWallet with its Secret Service enabled; or choose session-only mode.',
  locked:
    'Unlock the login keyring (GNOME "Passwords and Keys"/Seahorse, or KWallet), or log out and in again; then retry. Or choose session-only mode.',
  timeout:
    'The keyring daemon (gnome-keyring-daemon or kwalletd) seems frozen: restart it or log out and in again. Or choose session-only mode.',
  other:
    'Check that gnome-keyring or KWallet works (e.g. open "Passwords and Keys"), or choose session-only mode.',
};

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

/** The OS keychain through keytar; every call is bounded by a timeout and fails with a VaultError. */
export class KeytarStore implements SecretStore {
  readonly mode: VaultMode = 'keychain';
  private readonly keytar: KeytarLike;
  private readonly timeoutMs: number;
  private readonly service: string;
  /** Calls that timed out and have not settled yet: a frozen daemon. */
  private stuck = 0;

  constructor(opts: { keytar?: KeytarLike; timeoutMs?: number; service?: string } = {}) {
    this.keytar = opts.keytar ?? loadKeytar();
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.service = opts.service ?? KEYCHAIN_SERVICE;
  }

  async get(accountId: string, kind: SecretKind): Promise<string | undefined> {
    checkAccountId(accountId);
    const value = await this.call('read a secret from', () =>
      this.keytar.getPassword(this.service, keychainAccount(accountId, kind)),
    );
    if (value === null || value === undefined) return undefined;
    registerSecret(value);
    return value;
  }

  async set(accountId: string, kind: SecretKind, value: string): Promise<void> {
    checkAccountId(accountId);
    if (value.length === 0) throw new VaultError('Refusing to store an empty secret.', { state: 'error' });
    registerSecret(value);
    await this.call('store a secret in', () =>
      this.keytar.setPassword(this.service, keychainAccount(accountId, kind), value),
    );
  }

  async delete(accountId: string, kind: SecretKind): Promise<boolean> {
    checkAccountId(accountId);
    return this.call('delete a secret from', () =>
      this.keytar.deletePassword(this.service, keychainAccount(accountId, kind)),
    );
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

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    // A frozen daemon keeps each pending keytar call on a libuv pool thread for ~50 s; piling up
    // more would starve file I/O too, so fail fast until the stuck calls come back.
    if (this.stuck > 0)
      throw new VaultError(`The keychain is not answering (an earlier request is still pending).`, {
        state: 'timeout',
        hint: HINTS.timeout,
        retryable: true,
      });
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const op = fn();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        this.stuck++;
        reject(
          new VaultError(
            `The keychain did not answer within ${(this.timeoutMs / 1000).toFixed(1)} s when trying to ${what} it.`,
            { state: 'timeout', hint: HINTS.timeout, retryable: true },
          ),
        );
      }, this.timeoutMs);
      timer.unref?.();
    });
    const settle = (): void => {
      if (timedOut) this.stuck--;
    };
    op.then(settle, settle);
    try {
      return await Promise.race([op, timeout]);
    } catch (err) {
      if (err instanceof VaultError) throw err;
      const status = classifyKeychainError(err);
      throw new VaultError(`Could not ${what} the keychain: ${status.message}`, {
        state: status.state,
        ...(status.hint ? { hint: status.hint } : {}),
        cause: err,
      });
    } finally {
      clearTimeout(timer);
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
 * Checks at start that the OS keychain works: writes, reads back and deletes a random probe item,
 * each step under `timeoutMs`. Never throws: returns the state in plain words with what to do.
 */
export async function probeKeychain(
  opts: { keytar?: KeytarLike; timeoutMs?: number; service?: string } = {},
): Promise<KeychainStatus> {
  let store: KeytarStore;
  try {
    store = new KeytarStore(opts);
  } catch (err) {
    return classifyKeychainError(err);
  }
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
  }
}
