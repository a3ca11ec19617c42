/**
 * Which vault the app uses: the OS keychain when its start-up probe works, otherwise a store that
 * refuses every call with the probe's reason (no silent fallback to plaintext or memory).
 */
import type { KeychainStatus, VaultMode } from '../../shared/accounts';
import { openKeychain, type KeytarLike, type KeytarStore, type SecretStore } from './vault';
import { VaultError } from './vault-error';

/** A vault that refuses every call with the reason the start-up probe found (no silent fallback). */
export class UnavailableStore implements SecretStore {
  readonly mode: VaultMode = 'keychain';
  constructor(private readonly status: KeychainStatus) {}
  private fail(): Promise<never> {
    return Promise.reject(keychainError(this.status));
  }
  get(): Promise<string | undefined> {
    return this.fail();
  }
  set(): Promise<void> {
    return this.fail();
  }
  delete(): Promise<boolean> {
    return this.fail();
  }
  find(): Promise<never> {
    return this.fail();
  }
}

/** The keychain status shown in session-only mode (the keychain is not asked). */
export const SESSION_ONLY_STATUS: KeychainStatus = {
  state: 'error',
  message:
    'The system keychain is not used: this session keeps secrets in memory only (session-only mode) and forgets them when it ends.',
  hint: 'Switch the vault to keychain mode to store secrets in the system keychain.',
};

/** The VaultError of a keychain that does not work, with the probe's state and hint. */
export function keychainError(status: KeychainStatus): VaultError {
  return new VaultError(status.message, {
    state: status.state,
    ...(status.hint ? { hint: status.hint } : {}),
  });
}

/**
 * Probes the OS keychain through its worker process and returns the store to use with what the
 * probe found: the live keychain store (which keeps a daemon that only timed out, so it recovers by
 * itself and reports its own state), or one that refuses every call with the probe's reason.
 */
export async function openKeychainStore(opts: {
  timeoutMs: number;
  keytar?: KeytarLike;
}): Promise<{ store: SecretStore; live: KeytarStore | undefined; status: KeychainStatus }> {
  const { store, status } = await openKeychain({
    timeoutMs: opts.timeoutMs,
    ...(opts.keytar ? { keytar: opts.keytar } : {}),
  });
  return { store: store ?? new UnavailableStore(status), live: store, status };
}
