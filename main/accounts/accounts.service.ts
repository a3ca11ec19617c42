/**
 * Accounts: add, edit (incl. key rotation), remove, default, order, views for the renderer,
 * export/import without secrets, credentials for the main process, and the connection test.
 * The pieces live beside it: account-profile.ts (input -> profile), account-secrets.ts (vault
 * writes, credentials), account-transfer.ts (the export file), account-view.ts (what the renderer
 * sees); this class holds the state and runs one change at a time.
 *
 * A new account never becomes the default by being added: the renderer tests its connection
 * first and makes it the default only when the test passes (a wrong key must not take over).
 *
 * SECURITY: secrets go straight to the vault; the accounts file and every view carry none.
 * `getCredentials` is for the main process only and must never be exposed over IPC.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type {
  AccountView,
  AddAccountInput,
  ConnectionDiagnosis,
  EditAccountInput,
} from '../../shared/accounts';
import { SANDBOX_ACCOUNT_ID, SECRET_KINDS } from '../../shared/accounts';
import { AddAccountSchema, CloudIdSchema, EditAccountSchema } from '../../shared/accounts-schema';
import { ConfigError, ValidationError } from '../cloud/errors';
import { forgetSecret } from '../cloud/redact';
import { editedProfile, newProfile } from './account-profile';
import {
  credentialsOf,
  deleteSecrets,
  restoreSecrets,
  writeSecrets,
  type AccountCredentials,
  type Secrets,
} from './account-secrets';
import { EXPORT_FORMAT, exportAccountsJson, parseAccountsExport } from './account-transfer';
import { accountView } from './account-view';
import { AccountsStore, describeIssues, type AccountProfile, type AccountsFileData } from './accounts-store';
import { diagnoseConnection, type ProbeResponse } from './connection-diagnosis';
import type { InventoryCache } from './inventory-cache';
import type { SecretStore } from './vault';

export { EXPORT_FORMAT };
export { REQUIRED_SECRETS, type AccountCredentials } from './account-secrets';

/** Makes one cheap signed call with the given account and region; resolves with the HTTP answer or throws. */
export type ConnectionProbe = (ctx: {
  profile: AccountProfile;
  credentials: AccountCredentials;
  region: string;
  signal?: AbortSignal;
}) => Promise<ProbeResponse>;

function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new ValidationError(`Invalid ${what}: ${describeIssues(result.issues)}.`);
  return result.output;
}

/** Builds every account service over one data folder and one vault. */
export class AccountsService {
  private readonly store: AccountsStore;
  private vault: SecretStore;
  private readonly probe: ConnectionProbe | undefined;
  private readonly sandboxCredentials: (() => AccountCredentials | undefined) | undefined;
  private readonly inventory: InventoryCache | undefined;
  private readonly now: () => Date;
  private data: AccountsFileData | undefined;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(opts: {
    dataDir: string;
    vault: SecretStore;
    probe?: ConnectionProbe;
    /** The running simulator's credentials, for the built-in Sandbox account. */
    sandboxCredentials?: () => AccountCredentials | undefined;
    inventory?: InventoryCache;
    now?: () => Date;
  }) {
    this.store = new AccountsStore(opts.dataDir);
    this.vault = opts.vault;
    this.probe = opts.probe;
    this.sandboxCredentials = opts.sandboxCredentials;
    this.inventory = opts.inventory;
    this.now = opts.now ?? (() => new Date());
  }

  /** Loads the accounts file; throws AccountsFileError (with a backup kept) when it is corrupt. */
  async init(): Promise<void> {
    this.data = await this.store.load();
  }

  /** After a load error, the user's explicit choice to start with only the Sandbox account. */
  async resetAfterCorruption(): Promise<void> {
    this.data = await this.store.resetAfterCorruption();
  }

  /** The vault in use (`mode` tells keychain from session-only). */
  get vaultMode(): SecretStore['mode'] {
    return this.vault.mode;
  }

  /** Switches the vault, e.g. to session-only mode after the keychain failed at start. */
  useVault(vault: SecretStore): void {
    this.vault = vault;
  }

  /** The account the app opens on: the default, which is the Sandbox when nothing else is configured. */
  openingAccountId(): string {
    return this.state().defaultAccountId ?? SANDBOX_ACCOUNT_ID;
  }

  /** Every account as a view for the renderer, in the user's order (hidden ones included, flagged). */
  async list(): Promise<AccountView[]> {
    const data = this.state();
    const sorted = [...data.accounts].sort((a, b) => a.order - b.order);
    return Promise.all(sorted.map((p) => this.view(p, data)));
  }

  /** One account as a view; throws ValidationError for an unknown id. */
  async get(id: string): Promise<AccountView> {
    const data = this.state();
    return this.view(this.profile(id), data);
  }

  /**
   * Adds an account: its secrets go to the vault first, then its profile to the file. It does not
   * become the default (see the header): the caller makes it so once its connection test passed.
   */
  add(input: AddAccountInput): Promise<AccountView> {
    return this.exclusive(async () => {
      const parsed = parseOrThrow(AddAccountSchema, input, 'account');
      const data = this.state();
      const id = randomUUID();
      const order = Math.max(0, ...data.accounts.map((a) => a.order)) + 1;
      const { profile, secrets } = newProfile(parsed, { id, order, at: this.now().toISOString() });
      await writeSecrets(this.vault, id, secrets, {});
      const next: AccountsFileData = { ...data, accounts: [...data.accounts, profile] };
      try {
        await this.commit(next);
      } catch (err) {
        // The profile was not written: take the secrets back out, or they would be orphaned.
        await deleteSecrets(this.vault, id, profile.storedSecrets).catch(() => undefined);
        throw err;
      }
      return this.view(profile, next);
    });
  }

  /**
   * Edits an account. Rotating credentials writes the new secrets first, then the profile; if the
   * profile cannot be written, the old secrets are put back, so a failure loses nothing.
   */
  edit(input: EditAccountInput): Promise<AccountView> {
    return this.exclusive(async () => {
      const parsed = parseOrThrow(EditAccountSchema, input, 'account change');
      const data = this.state();
      const { profile: p, secrets } = editedProfile(
        this.profile(parsed.id),
        parsed,
        this.now().toISOString(),
      );
      const kinds = Object.keys(secrets) as (keyof Secrets)[];
      const previous: Secrets = {};
      for (const kind of kinds) {
        const value = await this.vault.get(p.id, kind);
        if (value !== undefined) previous[kind] = value;
      }
      await writeSecrets(this.vault, p.id, secrets, previous);
      const next: AccountsFileData = { ...data, accounts: data.accounts.map((a) => (a.id === p.id ? p : a)) };
      try {
        await this.commit(next);
      } catch (err) {
        await restoreSecrets(this.vault, p.id, kinds, previous);
        throw err;
      }
      for (const kind of kinds) forgetSecret(previous[kind]);
      return this.view(p, next);
    });
  }

  /** Removes an account and its keychain items (and its cached inventory); the Sandbox cannot be removed. */
  remove(id: string): Promise<void> {
    return this.exclusive(async () => {
      const data = this.state();
      const p = this.profile(id);
      if (p.builtin || id === SANDBOX_ACCOUNT_ID)
        throw new ValidationError('The Sandbox account cannot be removed; it can be hidden.');
      // Secrets first: if the keychain fails, the account stays listed so the user can retry,
      // rather than leaving secrets behind that no account points to.
      await deleteSecrets(this.vault, id, SECRET_KINDS);
      const accounts = data.accounts.filter((a) => a.id !== id);
      let defaultAccountId = data.defaultAccountId;
      if (defaultAccountId === id) {
        // Another configured account, if any; the Sandbox only when nothing else is left.
        const visible = [...accounts].sort((a, b) => a.order - b.order).find((a) => !a.hidden && !a.builtin);
        defaultAccountId = visible?.id ?? SANDBOX_ACCOUNT_ID;
      }
      await this.commit({ ...data, accounts, defaultAccountId });
      await this.inventory?.removeAccount(id);
    });
  }

  /** Makes an account the default (the one the app opens on). */
  setDefault(id: string): Promise<void> {
    return this.exclusive(async () => {
      this.profile(id);
      await this.commit({ ...this.state(), defaultAccountId: id });
    });
  }

  /** Sets the order of the accounts; `ids` must list every account exactly once. */
  reorder(ids: string[]): Promise<void> {
    return this.exclusive(async () => {
      const data = this.state();
      const known = new Set(data.accounts.map((a) => a.id));
      if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i)))
        throw new ValidationError('The new order must list every account exactly once.');
      const pos = new Map(ids.map((i, n) => [i, n]));
      await this.commit({
        ...data,
        accounts: data.accounts.map((a) => ({ ...a, order: pos.get(a.id) ?? 0 })),
      });
    });
  }

  /** Records a project id discovered through IAM for one region (an override, if any, still wins). */
  setDiscoveredProject(id: string, region: string, projectId: string): Promise<void> {
    return this.exclusive(async () => {
      const data = this.state();
      const p = structuredClone(this.profile(id));
      if (p.projects[region]?.source === 'override') return;
      p.projects[region] = {
        id: parseOrThrow(CloudIdSchema, projectId, 'project id'),
        source: 'discovered',
      };
      await this.commit({ ...data, accounts: data.accounts.map((a) => (a.id === id ? p : a)) });
    });
  }

  /** The accounts (not the Sandbox) as JSON without any secret, for a backup or another machine. */
  exportAccounts(): string {
    return exportAccountsJson(this.state(), this.now());
  }

  /** Imports an export: each account gets a new id and no secret (the user enters it afterwards). */
  importAccounts(json: string): Promise<AccountView[]> {
    return this.exclusive(async () => {
      const imported = parseAccountsExport(json);
      const data = this.state();
      let order = Math.max(0, ...data.accounts.map((a) => a.order));
      const at = this.now().toISOString();
      const added: AccountProfile[] = imported.map((a) => ({
        ...a,
        id: randomUUID(),
        regions: [...new Set([a.defaultRegion, ...a.regions])],
        hidden: a.hidden ?? false,
        order: ++order,
        storedSecrets: [],
        createdAt: at,
        updatedAt: at,
      }));
      const next = { ...data, accounts: [...data.accounts, ...added] };
      await this.commit(next);
      return Promise.all(added.map((p) => this.view(p, next)));
    });
  }

  /**
   * The credentials of one account, for the cloud client. Main process only.
   * Throws VaultError when a needed secret is missing or the keychain fails.
   */
  async getCredentials(id: string): Promise<AccountCredentials> {
    const p = this.profile(id);
    if (p.builtin) {
      const creds = this.sandboxCredentials?.();
      if (!creds)
        throw new ConfigError('The Sandbox simulator is not running.', 'Restart the app to start it again.');
      return creds;
    }
    const secrets = await this.vault.find(id);
    return credentialsOf(p, secrets, { now: this.now(), vaultMode: this.vault.mode });
  }

  /** Makes one cheap signed call through the injected probe and explains the outcome. */
  async testConnection(
    id: string,
    opts: { region?: string; signal?: AbortSignal } = {},
  ): Promise<ConnectionDiagnosis> {
    if (!this.probe) throw new ConfigError('Connection tests are not available in this build.');
    const profile = this.profile(id);
    const credentials = await this.getCredentials(id);
    const region = opts.region ?? profile.defaultRegion;
    try {
      const response = await this.probe({
        profile,
        credentials,
        region,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return diagnoseConnection({ response, now: this.now() });
    } catch (error) {
      return diagnoseConnection({ error, now: this.now() });
    }
  }

  private state(): AccountsFileData {
    if (!this.data) throw new Error('AccountsService.init() was not called.');
    return this.data;
  }

  private profile(id: string): AccountProfile {
    const p = this.state().accounts.find((a) => a.id === id);
    if (!p) throw new ValidationError(`There is no account with id ${JSON.stringify(id)}.`);
    return p;
  }

  private async commit(next: AccountsFileData): Promise<void> {
    await this.store.save(next);
    this.data = next;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // One mutation at a time: each reads the state the previous one committed.
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private view(p: AccountProfile, data: AccountsFileData): Promise<AccountView> {
    return accountView(p, { isDefault: data.defaultAccountId === p.id, vault: this.vault, now: this.now() });
  }
}
