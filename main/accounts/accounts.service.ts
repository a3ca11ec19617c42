/**
 * Accounts: add, edit (incl. key rotation), remove, default, order, views for the renderer,
 * export/import without secrets, credentials for the main process, and the connection test.
 *
 * SECURITY: secrets go straight to the vault; the accounts file and every view carry none.
 * `getCredentials` is for the main process only and must never be exposed over IPC.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type {
  AccountKind,
  AccountView,
  AddAccountInput,
  ConnectionDiagnosis,
  CustomEndpoints,
  EditAccountInput,
  SecretKind,
} from '../../shared/accounts';
import { SANDBOX_ACCOUNT_ID, SECRET_KINDS, maskAccessKeyId } from '../../shared/accounts';
import { ConfigError, ValidationError } from '../cloud/errors';
import { forgetSecret } from '../cloud/redact';
import {
  AccountProfileSchema,
  AccountsStore,
  EndpointUrlSchema,
  ProxyUrlSchema,
  RegionSchema,
  describeIssues,
  type AccountProfile,
  type AccountsFileData,
} from './accounts-store';
import { diagnoseConnection, type ProbeResponse } from './connection-diagnosis';
import type { InventoryCache } from './inventory-cache';
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

/** Makes one cheap signed call with the given account and region; resolves with the HTTP answer or throws. */
export type ConnectionProbe = (ctx: {
  profile: AccountProfile;
  credentials: AccountCredentials;
  region: string;
  signal?: AbortSignal;
}) => Promise<ProbeResponse>;

/** The secret kinds each account kind needs. */
export const REQUIRED_SECRETS: Record<AccountKind, readonly SecretKind[]> = {
  aksk: ['sk'],
  temporary: ['sk', 'securityToken'],
  password: ['password'],
};

/** The export file format tag. */
export const EXPORT_FORMAT = 'ecs-desktop-accounts';

const AccessKeyIdSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[A-Za-z0-9]{8,128}$/, 'must be 8 to 128 letters and digits'),
);
const SecretSchema = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(8192));
const PasswordSchema = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(1024));
const NameSchema = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200));
const EndpointsSchema = v.object({
  ecs: v.optional(EndpointUrlSchema),
  iam: v.optional(EndpointUrlSchema),
  vpc: v.optional(EndpointUrlSchema),
});
const SettingsEntries = {
  name: NameSchema,
  defaultRegion: RegionSchema,
  regions: v.optional(v.array(RegionSchema)),
  projectOverrides: v.optional(v.record(RegionSchema, v.pipe(v.string(), v.minLength(1)))),
  endpoints: v.optional(EndpointsSchema),
  proxyUrl: v.optional(ProxyUrlSchema),
  color: v.optional(v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c'))),
  label: v.optional(v.pipe(v.string(), v.maxLength(100))),
  hidden: v.optional(v.boolean()),
};
const IsoSchema = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date'),
);

/** Validation of `accounts.add` input (also usable by the IPC layer). */
export const AddAccountInputSchema = v.variant('kind', [
  v.object({
    kind: v.literal('aksk'),
    ...SettingsEntries,
    accessKeyId: AccessKeyIdSchema,
    secretKey: SecretSchema,
    domainId: v.optional(v.string()),
  }),
  v.object({
    kind: v.literal('temporary'),
    ...SettingsEntries,
    accessKeyId: AccessKeyIdSchema,
    secretKey: SecretSchema,
    securityToken: SecretSchema,
    expiresAt: v.optional(IsoSchema),
    domainId: v.optional(v.string()),
  }),
  v.object({
    kind: v.literal('password'),
    ...SettingsEntries,
    userName: NameSchema,
    domainName: NameSchema,
    password: PasswordSchema,
  }),
]);

/** Validation of `accounts.edit` input (also usable by the IPC layer). */
export const EditAccountInputSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.optional(NameSchema),
  defaultRegion: v.optional(RegionSchema),
  regions: v.optional(v.array(RegionSchema)),
  projectOverrides: v.optional(v.record(RegionSchema, v.nullable(v.pipe(v.string(), v.minLength(1))))),
  endpoints: v.optional(v.nullable(EndpointsSchema)),
  proxyUrl: v.optional(v.nullable(ProxyUrlSchema)),
  color: v.optional(
    v.nullable(v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c'))),
  ),
  label: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(100)))),
  hidden: v.optional(v.boolean()),
  rotate: v.optional(
    v.object({
      accessKeyId: v.optional(AccessKeyIdSchema),
      secretKey: v.optional(SecretSchema),
      securityToken: v.optional(SecretSchema),
      expiresAt: v.optional(IsoSchema),
      userName: v.optional(NameSchema),
      domainName: v.optional(NameSchema),
      password: v.optional(PasswordSchema),
    }),
  ),
});

const ExportedAccountSchema = v.object({
  name: NameSchema,
  kind: v.picklist(['aksk', 'temporary', 'password']),
  accessKeyId: v.optional(AccessKeyIdSchema),
  domainId: v.optional(v.string()),
  userName: v.optional(v.string()),
  domainName: v.optional(v.string()),
  securityTokenExpiresAt: v.optional(IsoSchema),
  defaultRegion: RegionSchema,
  regions: v.array(RegionSchema),
  projects: AccountProfileSchema.entries.projects,
  endpoints: EndpointsSchema,
  proxyUrl: v.optional(ProxyUrlSchema),
  color: AccountProfileSchema.entries.color,
  label: AccountProfileSchema.entries.label,
  hidden: v.optional(v.boolean()),
});

const ExportFileSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(1),
  exportedAt: v.optional(v.string()),
  accounts: v.array(ExportedAccountSchema),
});

function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new ValidationError(`Invalid ${what}: ${describeIssues(result.issues)}.`);
  return result.output;
}

function cleanEndpoints(e: CustomEndpoints | undefined): CustomEndpoints {
  const out: CustomEndpoints = {};
  if (e?.ecs) out.ecs = e.ecs;
  if (e?.iam) out.iam = e.iam;
  if (e?.vpc) out.vpc = e.vpc;
  return out;
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

  /** Adds an account: its secrets go to the vault first, then its profile to the file. */
  add(input: AddAccountInput): Promise<AccountView> {
    return this.exclusive(async () => {
      const parsed = parseOrThrow(AddAccountInputSchema, input, 'account');
      const data = this.state();
      const id = randomUUID();
      const at = this.now().toISOString();
      const regions = [...new Set([parsed.defaultRegion, ...(parsed.regions ?? [])])];
      const profile: AccountProfile = {
        id,
        name: parsed.name,
        kind: parsed.kind,
        defaultRegion: parsed.defaultRegion,
        regions,
        projects: Object.fromEntries(
          Object.entries(parsed.projectOverrides ?? {}).map(([r, pid]) => [
            r,
            { id: pid, source: 'override' as const },
          ]),
        ),
        endpoints: cleanEndpoints(parsed.endpoints),
        order: Math.max(0, ...data.accounts.map((a) => a.order)) + 1,
        hidden: parsed.hidden ?? false,
        storedSecrets: [],
        createdAt: at,
        updatedAt: at,
      };
      if (parsed.proxyUrl !== undefined) profile.proxyUrl = parsed.proxyUrl;
      if (parsed.color !== undefined) profile.color = parsed.color;
      if (parsed.label !== undefined) profile.label = parsed.label;
      const secrets: Partial<Record<SecretKind, string>> = {};
      if (parsed.kind === 'password') {
        profile.userName = parsed.userName;
        profile.domainName = parsed.domainName;
        secrets.password = parsed.password;
      } else {
        profile.accessKeyId = parsed.accessKeyId;
        if (parsed.domainId) profile.domainId = parsed.domainId;
        secrets.sk = parsed.secretKey;
        if (parsed.kind === 'temporary') {
          secrets.securityToken = parsed.securityToken;
          if (parsed.expiresAt !== undefined) profile.securityTokenExpiresAt = parsed.expiresAt;
        }
      }
      profile.storedSecrets = Object.keys(secrets) as SecretKind[];
      await this.writeSecrets(id, secrets, {});
      const onlySandbox = data.accounts.every((a) => a.id === SANDBOX_ACCOUNT_ID);
      const next: AccountsFileData = {
        ...data,
        // The first real account becomes the default; until then the app opens on the Sandbox.
        defaultAccountId:
          onlySandbox && data.defaultAccountId === SANDBOX_ACCOUNT_ID ? id : data.defaultAccountId,
        accounts: [...data.accounts, profile],
      };
      try {
        await this.commit(next);
      } catch (err) {
        // The profile was not written: take the secrets back out, or they would be orphaned.
        await this.deleteSecrets(id, Object.keys(secrets) as SecretKind[]).catch(() => undefined);
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
      const parsed = parseOrThrow(EditAccountInputSchema, input, 'account change');
      const data = this.state();
      const old = this.profile(parsed.id);
      const p: AccountProfile = structuredClone(old);
      if (old.builtin) {
        const allowed = ['id', 'hidden', 'label', 'color'];
        const extra = Object.keys(parsed).filter((k) => !allowed.includes(k));
        if (extra.length > 0)
          throw new ValidationError(
            `The Sandbox account cannot be changed (${extra.join(', ')}); it can only be hidden, labelled or coloured.`,
          );
      }
      if (parsed.name !== undefined) p.name = parsed.name;
      if (parsed.regions !== undefined) p.regions = [...new Set(parsed.regions)];
      if (parsed.defaultRegion !== undefined) p.defaultRegion = parsed.defaultRegion;
      if (!p.regions.includes(p.defaultRegion)) p.regions = [p.defaultRegion, ...p.regions];
      for (const [region, pid] of Object.entries(parsed.projectOverrides ?? {})) {
        if (pid === null) {
          if (p.projects[region]?.source === 'override') delete p.projects[region];
        } else p.projects[region] = { id: pid, source: 'override' };
      }
      if (parsed.endpoints !== undefined) p.endpoints = cleanEndpoints(parsed.endpoints ?? undefined);
      if (parsed.proxyUrl !== undefined) {
        if (parsed.proxyUrl === null) delete p.proxyUrl;
        else p.proxyUrl = parsed.proxyUrl;
      }
      if (parsed.color !== undefined) {
        if (parsed.color === null) delete p.color;
        else p.color = parsed.color;
      }
      if (parsed.label !== undefined) {
        if (parsed.label === null) delete p.label;
        else p.label = parsed.label;
      }
      if (parsed.hidden !== undefined) p.hidden = parsed.hidden;

      const newSecrets: Partial<Record<SecretKind, string>> = {};
      const r = parsed.rotate;
      if (r) {
        if (p.kind === 'password') {
          if (r.accessKeyId !== undefined || r.secretKey !== undefined || r.securityToken !== undefined)
            throw new ValidationError('A password account has no access key or token to rotate.');
          if (r.userName !== undefined) p.userName = r.userName;
          if (r.domainName !== undefined) p.domainName = r.domainName;
          if (r.password !== undefined) newSecrets.password = r.password;
        } else {
          if (r.password !== undefined || r.userName !== undefined || r.domainName !== undefined)
            throw new ValidationError('An access-key account has no password to rotate.');
          // A new access key id without its secret key would pair the new id with the old secret.
          if (r.accessKeyId !== undefined && r.accessKeyId !== p.accessKeyId && r.secretKey === undefined)
            throw new ValidationError('A new access key id needs its secret key.');
          if (r.accessKeyId !== undefined) p.accessKeyId = r.accessKeyId;
          if (r.secretKey !== undefined) newSecrets.sk = r.secretKey;
          if (p.kind === 'temporary') {
            if (r.securityToken !== undefined) newSecrets.securityToken = r.securityToken;
            if (r.expiresAt !== undefined) p.securityTokenExpiresAt = r.expiresAt;
            if (newSecrets.sk !== undefined && newSecrets.securityToken === undefined)
              throw new ValidationError('A new temporary key needs its new security token.');
          } else if (r.securityToken !== undefined || r.expiresAt !== undefined)
            throw new ValidationError('A permanent access key has no security token.');
        }
      }
      p.storedSecrets = [...new Set([...p.storedSecrets, ...(Object.keys(newSecrets) as SecretKind[])])];
      p.updatedAt = this.now().toISOString();

      const kinds = Object.keys(newSecrets) as SecretKind[];
      const previous: Partial<Record<SecretKind, string>> = {};
      for (const kind of kinds) {
        const value = await this.vault.get(p.id, kind);
        if (value !== undefined) previous[kind] = value;
      }
      await this.writeSecrets(p.id, newSecrets, previous);
      const next: AccountsFileData = { ...data, accounts: data.accounts.map((a) => (a.id === p.id ? p : a)) };
      try {
        await this.commit(next);
      } catch (err) {
        await this.restoreSecrets(p.id, kinds, previous);
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
      await this.deleteSecrets(id, SECRET_KINDS);
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
        id: parseOrThrow(v.pipe(v.string(), v.minLength(1)), projectId, 'project id'),
        source: 'discovered',
      };
      await this.commit({ ...data, accounts: data.accounts.map((a) => (a.id === id ? p : a)) });
    });
  }

  /** The accounts (not the Sandbox) as JSON without any secret, for a backup or another machine. */
  exportAccounts(): string {
    const data = this.state();
    const accounts = [...data.accounts]
      .filter((a) => !a.builtin)
      .sort((a, b) => a.order - b.order)
      .map((a) => {
        // SECURITY: an allow-list of non-secret fields; storedSecrets and ids stay local.
        const out: v.InferOutput<typeof ExportedAccountSchema> = {
          name: a.name,
          kind: a.kind,
          defaultRegion: a.defaultRegion,
          regions: a.regions,
          projects: a.projects,
          endpoints: a.endpoints,
          hidden: a.hidden,
        };
        for (const key of [
          'accessKeyId',
          'domainId',
          'userName',
          'domainName',
          'securityTokenExpiresAt',
          'proxyUrl',
          'color',
          'label',
        ] as const)
          if (a[key] !== undefined) out[key] = a[key];
        return out;
      });
    return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: this.now().toISOString(), accounts }, null, 2)}\n`;
  }

  /** Imports an export: each account gets a new id and no secret (the user enters it afterwards). */
  importAccounts(json: string): Promise<AccountView[]> {
    return this.exclusive(async () => {
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch (err) {
        throw new ValidationError(`The file is not valid JSON (${(err as Error).message}).`);
      }
      const file = parseOrThrow(ExportFileSchema, raw, 'accounts export');
      const data = this.state();
      let order = Math.max(0, ...data.accounts.map((a) => a.order));
      const at = this.now().toISOString();
      const added: AccountProfile[] = file.accounts.map((a) => ({
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
    const missing = REQUIRED_SECRETS[p.kind].filter((k) => secrets[k] === undefined);
    if (missing.length > 0) {
      const what = missing.map(
        (k) => ({ sk: 'secret key', securityToken: 'security token', password: 'password' })[k],
      );
      const sessionOnly = this.vault.mode === 'session-only';
      throw new VaultError(`No ${what.join(' or ')} is stored for the account "${p.name}".`, {
        state: 'error',
        hint: sessionOnly
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
    if (
      p.securityTokenExpiresAt !== undefined &&
      Date.parse(p.securityTokenExpiresAt) <= this.now().getTime()
    )
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

  private async writeSecrets(
    id: string,
    secrets: Partial<Record<SecretKind, string>>,
    previous: Partial<Record<SecretKind, string>>,
  ): Promise<void> {
    const written: SecretKind[] = [];
    try {
      for (const [kind, value] of Object.entries(secrets) as [SecretKind, string][]) {
        await this.vault.set(id, kind, value);
        written.push(kind);
      }
    } catch (err) {
      await this.restoreSecrets(id, written, previous);
      throw err;
    }
  }

  private async restoreSecrets(
    id: string,
    kinds: readonly SecretKind[],
    previous: Partial<Record<SecretKind, string>>,
  ): Promise<void> {
    for (const kind of kinds) {
      const old = previous[kind];
      try {
        if (old === undefined) await this.vault.delete(id, kind);
        else await this.vault.set(id, kind, old);
      } catch {
        // Best effort: the original error is what the caller needs to see.
      }
    }
  }

  private async deleteSecrets(id: string, kinds: readonly SecretKind[]): Promise<void> {
    for (const kind of kinds) {
      const value = await this.vault.get(id, kind);
      await this.vault.delete(id, kind);
      forgetSecret(value);
    }
  }

  private async view(p: AccountProfile, data: AccountsFileData): Promise<AccountView> {
    let secretState: AccountView['secretState'];
    if (p.builtin) secretState = 'stored';
    else {
      try {
        const found = await this.vault.find(p.id);
        secretState = REQUIRED_SECRETS[p.kind].every((k) => found[k] !== undefined) ? 'stored' : 'missing';
      } catch {
        secretState = 'unavailable';
      }
    }
    const view: AccountView = {
      id: p.id,
      name: p.name,
      kind: p.kind,
      builtin: p.builtin === true,
      hasSecret: secretState === 'stored',
      secretState,
      expired:
        p.securityTokenExpiresAt !== undefined &&
        Date.parse(p.securityTokenExpiresAt) <= this.now().getTime(),
      defaultRegion: p.defaultRegion,
      regions: [...p.regions],
      projects: structuredClone(p.projects),
      endpoints: { ...p.endpoints },
      order: p.order,
      hidden: p.hidden,
      isDefault: data.defaultAccountId === p.id,
    };
    if (p.accessKeyId !== undefined) view.accessKeyIdMasked = maskAccessKeyId(p.accessKeyId);
    if (p.userName !== undefined) view.userName = p.userName;
    if (p.domainName !== undefined) view.domainName = p.domainName;
    if (p.securityTokenExpiresAt !== undefined) view.expiresAt = p.securityTokenExpiresAt;
    if (p.proxyUrl !== undefined) view.proxyUrl = p.proxyUrl;
    if (p.color !== undefined) view.color = p.color;
    if (p.label !== undefined) view.label = p.label;
    return view;
  }
}
