/**
 * The secrets of accounts: which ones each kind needs, writing them to the vault with a rollback,
 * and the credentials the cloud client gets (main process only, never over IPC).
 */
import type { AccountKind, SecretKind } from '../../shared/accounts';
import { ValidationError } from '../cloud/errors';
import { forgetSecret } from '../cloud/redact';
import type { AccountProfile } from './accounts-store';
import type { SecretStore } from './vault';
import { VaultError } from './vault-error';

/** Credentials of one account, for the cloud client in the main process only (never over IPC). */
export type AccountCredentials =
  | { kind: 'aksk'; accessKeyId: string; secretKey: string; domainId?: string }
  | {
      kind: 'temporary';
      accessKeyId: string;
      secretKey: string;
      securityToken: string;
      expiresAt?: string;
      domainId?: string;
    }
  | { kind: 'password'; userName: string; domainName: string; password: string };

/** The secret kinds each account kind needs. */
export const REQUIRED_SECRETS: Record<AccountKind, readonly SecretKind[]> = {
  aksk: ['sk'],
  temporary: ['sk', 'securityToken'],
  password: ['password'],
};

/** Some secrets of one account, by kind. */
export type Secrets = Partial<Record<SecretKind, string>>;

/** True when an account's profile has all the secrets its kind needs in `found`. */
export function hasRequiredSecrets(p: AccountProfile, found: Secrets): boolean {
  return REQUIRED_SECRETS[p.kind].every((k) => found[k] !== undefined);
}

/**
 * The credentials of `p` from its stored secrets. Throws VaultError when one is missing (with what
 * to do in the vault's mode) and ValidationError when temporary credentials have expired.
 */
export function credentialsOf(
  p: AccountProfile,
  secrets: Secrets,
  opts: { now: Date; vaultMode: SecretStore['mode'] },
): AccountCredentials {
  const missing = REQUIRED_SECRETS[p.kind].filter((k) => secrets[k] === undefined);
  if (missing.length > 0) {
    const what = missing.map(
      (k) => ({ sk: 'secret key', securityToken: 'security token', password: 'password' })[k],
    );
    throw new VaultError(`No ${what.join(' or ')} is stored for the account "${p.name}".`, {
      state: 'error',
      hint:
        opts.vaultMode === 'session-only'
          ? 'In session-only mode secrets are forgotten when the app quits: enter it again in the account settings.'
          : 'The keyring may be locked, or the item was removed: unlock the keyring, or enter it again in the account settings.',
    });
  }
  if (p.kind === 'password')
    return {
      kind: 'password',
      userName: p.userName ?? '',
      domainName: p.domainName ?? '',
      password: secrets.password!,
    };
  const base = {
    accessKeyId: p.accessKeyId ?? '',
    secretKey: secrets.sk!,
    ...(p.domainId ? { domainId: p.domainId } : {}),
  };
  if (p.kind === 'aksk') return { kind: 'aksk', ...base };
  if (p.securityTokenExpiresAt !== undefined && Date.parse(p.securityTokenExpiresAt) <= opts.now.getTime())
    throw new ValidationError(
      `The temporary credentials of "${p.name}" expired at ${p.securityTokenExpiresAt}.`,
      'Get a new temporary AK/SK and security token and paste them into the account.',
    );
  return {
    kind: 'temporary',
    ...base,
    securityToken: secrets.securityToken!,
    ...(p.securityTokenExpiresAt ? { expiresAt: p.securityTokenExpiresAt } : {}),
  };
}

/** Puts `previous` back for `kinds` (deleting those that had none); best effort. */
export async function restoreSecrets(
  vault: SecretStore,
  id: string,
  kinds: readonly SecretKind[],
  previous: Secrets,
): Promise<void> {
  for (const kind of kinds) {
    const old = previous[kind];
    try {
      if (old === undefined) await vault.delete(id, kind);
      else await vault.set(id, kind, old);
    } catch {
      // Best effort: the original error is what the caller needs to see.
    }
  }
}

/** Writes `secrets`; if one write fails, the ones written are rolled back to `previous`. */
export async function writeSecrets(
  vault: SecretStore,
  id: string,
  secrets: Secrets,
  previous: Secrets,
): Promise<void> {
  const written: SecretKind[] = [];
  try {
    for (const [kind, value] of Object.entries(secrets) as [SecretKind, string][]) {
      await vault.set(id, kind, value);
      written.push(kind);
    }
  } catch (err) {
    await restoreSecrets(vault, id, written, previous);
    throw err;
  }
}

/** Deletes the secrets of `kinds` and drops their values from the redaction list. */
export async function deleteSecrets(
  vault: SecretStore,
  id: string,
  kinds: readonly SecretKind[],
): Promise<void> {
  for (const kind of kinds) {
    const value = await vault.get(id, kind);
    await vault.delete(id, kind);
    forgetSecret(value);
  }
}
