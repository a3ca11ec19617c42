/**
 * Which vault the app uses: the OS keychain when its start-up probe works, otherwise a store that
 * refuses every call with the probe's reason (no silent fallback to plaintext or memory).
 */
import type { KeychainStatus, VaultMode } from '../../shared/accounts';
import { KeytarStore, probeKeychain, type KeytarLike, type SecretStore } from './vault';
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
 * Probes the OS keychain (with a short timeout: at most 2 s, a locked keyring must not hold up
 * the start) and returns the store to use with what the probe found.
 */
export async function openKeychainStore(opts: {
  timeoutMs: number;
  keytar?: KeytarLike;
}): Promise<{ store: SecretStore; status: KeychainStatus }> {
  const keytar = opts.keytar ? { keytar: opts.keytar } : {};
  const status = await probeKeychain({ timeoutMs: Math.min(opts.timeoutMs, 2000), ...keytar });
  if (status.state !== 'ok') return { store: new UnavailableStore(status), status };
  return { store: new KeytarStore({ timeoutMs: opts.timeoutMs, ...keytar }), status };
}
