/**
 * The composition root (VS Code's `app.ts` in small): every main-process service is built here,
 * once, from plain options. Plain Node only: the Electron shell (main/index.ts) and the browser
 * harness (test/harness) both call {@link createServices} and then wire IPC on top.
 */
import { join } from 'node:path';
import type { KeychainStatus, VaultMode } from '../shared/accounts';
import type { OperationId } from '../shared/ecs/operations';
import { AccountClients } from './accounts/account-clients';
import { AccountsService } from './accounts/accounts.service';
import { makeConnectionProbe } from './accounts/connection-probe';
import { InventoryCache } from './accounts/inventory-cache';
import { ServerCacheWriter } from './accounts/server-cache-writer';
import { secureDataFolder } from './accounts/atomic-file';
import { AccountImporter, type ImportSources } from './accounts/importers/index';
import {
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  MemoryStore,
  type KeytarLike,
  type KeytarStore,
  type SecretStore,
} from './accounts/vault';
import { SESSION_ONLY_STATUS, keychainError, openKeychainStore } from './accounts/vault-select';
import type { CloudClient } from './cloud/client';
import { ValidationError } from './cloud/errors';
import { operations } from './cloud/ops/index';
import { cloudJobBackend } from './jobs/cloud-backend';
import { JobTracker, type JobTrackerOptions, type TrackedJob } from './jobs/index';
import { priorTimeScale } from './jobs/priors';
import { waitSpecFor } from './jobs/wait-spec';
import { startSandbox, type Sandbox, type SandboxInfo, type SandboxOptions } from './sandbox/index';
import { SettingsStore } from './settings/settings-store';
import {
  createUpdateChecker,
  type CreateUpdateCheckerOptions,
  type UpdateChecker,
} from './updates/update-check';

/** Options of the in-process simulator behind the built-in Sandbox account. */
export type SandboxStartOptions = Pick<
  SandboxOptions,
  'servers' | 'disks' | 'nics' | 'speed' | 'rate' | 'faults' | 'random' | 'regions' | 'accounts'
>;

/** What {@link createServices} needs; everything but `dataDir` has a default. */
export interface ServicesOptions {
  /** The app's data folder (accounts file, job journal, inventory cache, sandbox state). */
  dataDir: string;
  /**
   * `keychain` (default): probe the OS keychain at start and use it; `session-only`: secrets held
   * in memory until quit, the keychain is not touched.
   */
  vaultMode?: VaultMode;
  /** The simulator's options, or false to run without the Sandbox account's cloud (default: started). */
  sandbox?: SandboxStartOptions | false;
  /** Environment read for proxies (HTTPS_PROXY, NO_PROXY) and the account importer; default: none. */
  env?: Record<string, string | undefined>;
  /** Where the account importer looks for ~/.huaweicloud, ~/.hcloud and OpenStack files (default: none). */
  importSources?: Omit<ImportSources, 'env'>;
  /** Timeout of each keychain call and of the start-up probe, ms (default 3000). */
  keychainTimeoutMs?: number;
  /** A keytar stand-in (tests). */
  keytar?: KeytarLike;
  /** Tuning of the job tracker (tests shorten its intervals to match a fast simulator). */
  jobOptions?: JobTrackerOptions;
  /** Desktop notification for a long job that ended while the window was unfocused. */
  notify?: (job: TrackedJob) => void;
  isWindowFocused?: () => boolean;
  /** The daily update check (the Electron shell); absent: no checker, nothing ever calls out (tests, harness). */
  updates?: Omit<CreateUpdateCheckerOptions, 'settings' | 'env'>;
}

/** The vault in use and what the keychain probe found. */
export interface VaultState {
  mode: VaultMode;
  keychain: KeychainStatus;
}

/** Every main-process service, built once; `dispose()` closes them all. */
export interface Services {
  readonly dataDir: string;
  readonly accounts: AccountsService;
  readonly inventory: InventoryCache;
  /** Merges `servers.list` pages into the inventory cache, one write per listing. */
  readonly serverCache: ServerCacheWriter;
  readonly tracker: JobTracker;
  /** Preview-then-import of accounts from the environment, SDK, KooCLI and OpenStack files. */
  readonly importer: AccountImporter;
  /** The app settings (settings.json). */
  readonly settings: SettingsStore;
  /** The daily update check, when this shell has one. */
  readonly updates: UpdateChecker | undefined;
  /** The running simulator, when it started. */
  readonly sandbox: Sandbox | undefined;
  /** Why the simulator could not start, when it did not. */
  readonly sandboxError: Error | undefined;
  /** The cloud client of one account in one region (one per pair, shared limiter); rejects with a AppError. */
  clientFor(accountId: string, region: string): Promise<CloudClient>;
  /** Drops the cached clients of an account (after its settings or credentials changed, or it was removed). */
  invalidateClients(accountId: string): void;
  /** The vault mode and the keychain's state. */
  vaultState(): VaultState;
  /** Switches the vault: `keychain` re-probes it (and fails with a VaultError if it does not work). */
  setVaultMode(mode: VaultMode): Promise<VaultState>;
  /** Stops polling, the simulator and every connection; idempotent. */
  dispose(): Promise<void>;
}

/** Builds every main service: vault, simulator, accounts, clients, job tracker, inventory cache. */
export async function createServices(opts: ServicesOptions): Promise<Services> {
  const { dataDir } = opts;
  const env = opts.env ?? {};
  // SECURITY: the data folder is private (0700, its files 0600) before anything is written to it.
  await secureDataFolder(dataDir);
  const keychainTimeoutMs = opts.keychainTimeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  const settings = await SettingsStore.open(dataDir);

  // --- vault: probed at start; a failure is reported, never fatal. The keychain store in use
  // (`live`) reports its state as it changes: a daemon that stops answering, then recovers.
  let keychain: KeychainStatus = SESSION_ONLY_STATUS;
  let live: KeytarStore | undefined;
  const keychainStore = () =>
    openKeychainStore({ timeoutMs: keychainTimeoutMs, ...(opts.keytar ? { keytar: opts.keytar } : {}) });
  /** Makes `store` the vault in use, closing the keychain worker it replaces. */
  const adopt = (store: SecretStore, keytarStore?: KeytarStore): SecretStore => {
    if (live !== keytarStore) live?.close();
    live = keytarStore;
    return store;
  };
  let vault: SecretStore;
  if ((opts.vaultMode ?? 'keychain') === 'keychain') {
    const found = await keychainStore();
    vault = adopt(found.store, found.live);
    keychain = found.status;
  } else vault = new MemoryStore();

  // --- the simulator behind the built-in Sandbox account.
  let sandbox: Sandbox | undefined;
  let sandboxError: Error | undefined;
  if (opts.sandbox !== false) {
    try {
      sandbox = await startSandbox({
        ...(opts.sandbox ?? {}),
        port: 0,
        stateFile: join(dataDir, 'sandbox-state.json'),
      });
    } catch (err) {
      // The app still opens; the Sandbox account then reports that its simulator is not running.
      sandboxError = err instanceof Error ? err : new Error(String(err));
    }
  }
  const sandboxInfo: SandboxInfo | undefined = sandbox?.info;

  const inventory = new InventoryCache(dataDir);
  const serverCache = new ServerCacheWriter(inventory);
  // The accounts service and the clients need each other: the probe reaches an account the way
  // its clients do, and the clients read the accounts. The probe only runs after both exist.
  const accounts: AccountsService = new AccountsService({
    dataDir,
    vault,
    probe: (ctx) => makeConnectionProbe(clients)(ctx),
    inventory,
    // SECURITY: the simulator's keys stay in this process; the Sandbox's AccountView has none.
    sandboxCredentials: () =>
      sandboxInfo ? { kind: 'aksk', accessKeyId: sandboxInfo.ak, secretKey: sandboxInfo.sk } : undefined,
  });
  await accounts.init();
  const sandboxSpeed = opts.sandbox ? (opts.sandbox.speed ?? 1) : 1;
  const clients: AccountClients = new AccountClients({
    accounts,
    env,
    sandbox: sandboxInfo,
    sandboxError,
    sandboxRate: opts.sandbox ? opts.sandbox.rate : undefined,
    sandboxTimeScale: priorTimeScale(sandboxSpeed),
  });
  const clientFor = (accountId: string, region: string): Promise<CloudClient> =>
    clients.clientFor(accountId, region);

  // --- the job tracker, reading through the same clients.
  const tracker = new JobTracker({
    journalPath: join(dataDir, 'jobs.json'),
    ...cloudJobBackend(clientFor),
    execute: async ({ accountId, region, operation, input }) => {
      if (!(operation in operations)) throw new ValidationError(`Unknown operation ${operation}.`);
      const client = await clientFor(accountId, region);
      const result = await client.call(operation as OperationId, input as never);
      return waitSpecFor(operation, result);
    },
    ...(opts.notify ? { notify: opts.notify } : {}),
    ...(opts.isWindowFocused ? { isWindowFocused: opts.isWindowFocused } : {}),
    // Duration priors describe a cloud's pace; the built-in Sandbox runs at its own speed.
    options: {
      priorTimeScale: (accountId: string) => (accountId === 'sandbox' ? priorTimeScale(sandboxSpeed) : 1),
      ...opts.jobOptions,
    },
  });
  await tracker.start();
  const updates = opts.updates ? createUpdateChecker({ ...opts.updates, settings, env }) : undefined;
  updates?.start();

  let disposed: Promise<void> | undefined;
  return {
    dataDir,
    accounts,
    inventory,
    serverCache,
    tracker,
    importer: new AccountImporter(accounts, { ...(opts.importSources ?? {}), env }),
    settings,
    updates,
    sandbox,
    sandboxError,
    clientFor,
    invalidateClients: (accountId) => clients.invalidate(accountId),
    vaultState: () => ({ mode: accounts.vaultMode, keychain: live?.status() ?? keychain }),
    async setVaultMode(mode) {
      if (mode === 'session-only') {
        if (accounts.vaultMode !== 'session-only') accounts.useVault(adopt(new MemoryStore()));
      } else {
        const found = await keychainStore();
        keychain = found.status;
        if (found.status.state !== 'ok') {
          // Not adopted (e.g. a daemon that did not answer): its worker must not outlive it.
          found.live?.close();
          throw keychainError(found.status);
        }
        accounts.useVault(adopt(found.store, found.live));
      }
      // Clients hold credentials read from the previous vault.
      clients.clear();
      return { mode: accounts.vaultMode, keychain: live?.status() ?? keychain };
    },
    dispose() {
      disposed ??= (async () => {
        // First and without waiting: a frozen keychain must not hold up quitting.
        live?.close();
        await updates?.dispose();
        await tracker.close().catch(() => undefined);
        await sandbox?.close().catch(() => undefined);
        await clients.close();
        // What a half-done listing got is kept, and nothing is written after dispose.
        await serverCache.flush();
      })();
      return disposed;
    },
  };
}
