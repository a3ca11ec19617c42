/**
 * The composition root (VS Code's `app.ts` in small): every main-process service is built here,
 * once, from plain options. Plain Node only: the Electron shell (main/index.ts) and the browser
 * harness (test/harness) both call {@link createServices} and then wire IPC on top.
 */
import { join } from 'node:path';
import type { KeychainStatus, VaultMode } from '../shared/accounts';
import type { OperationId } from '../shared/ecs/operations';
import { AccountsService, type AccountCredentials, type ConnectionProbe } from './accounts/accounts.service';
import type { ProbeResponse } from './accounts/connection-diagnosis';
import { InventoryCache } from './accounts/inventory-cache';
import { AccountImporter, type ImportSources } from './accounts/importers';
import {
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  KeytarStore,
  MemoryStore,
  probeKeychain,
  type KeytarLike,
  type SecretStore,
} from './accounts/vault';
import { VaultError } from './accounts/vault-error';
import { AkSkAuth } from './cloud/auth/aksk';
import { ProjectResolver } from './cloud/auth/project';
import { TokenAuth } from './cloud/auth/token';
import type { AuthProvider } from './cloud/auth/types';
import { CloudClient, type ServiceEndpoints } from './cloud/client';
import { resolveEndpoints } from './cloud/endpoints';
import { ConfigError, ValidationError } from './cloud/errors';
import { Transport } from './cloud/http';
import { Limiter } from './cloud/limiter';
import { operations } from './cloud/ops/index';
import { buildRequest } from './cloud/request';
import { cloudJobBackend } from './jobs/cloud-backend';
import {
  JobTracker,
  novaGoalFor,
  type JobTrackerOptions,
  type TrackedJob,
  type WaitSpec,
} from './jobs/index';
import { startSandbox, type Sandbox, type SandboxInfo, type SandboxOptions } from './sandbox/index';

/** Options of the in-process simulator behind the built-in Sandbox account. */
export type SandboxStartOptions = Pick<
  SandboxOptions,
  'servers' | 'disks' | 'nics' | 'speed' | 'rate' | 'faults'
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
  readonly tracker: JobTracker;
  /** Preview-then-import of accounts from the environment, SDK, KooCLI and OpenStack files. */
  readonly importer: AccountImporter;
  /** The running simulator, when it started. */
  readonly sandbox: Sandbox | undefined;
  /** Why the simulator could not start, when it did not. */
  readonly sandboxError: Error | undefined;
  /** The cloud client of one account in one region (one per pair, shared limiter); rejects with a CloudError. */
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

/** A vault that refuses every call with the reason the start-up probe found (no silent fallback). */
class UnavailableStore implements SecretStore {
  readonly mode: VaultMode = 'keychain';
  constructor(private readonly status: KeychainStatus) {}
  private fail(): Promise<never> {
    return Promise.reject(
      new VaultError(this.status.message, {
        state: this.status.state,
        ...(this.status.hint ? { hint: this.status.hint } : {}),
      }),
    );
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

const SESSION_ONLY_STATUS: KeychainStatus = {
  state: 'error',
  message:
    'The system keychain is not used: this session keeps secrets in memory only (session-only mode) and forgets them when it ends.',
  hint: 'Switch the vault to keychain mode to store secrets in the system keychain.',
};

/** How the completion of `operation` is observed, given its answer; throws when it is not asynchronous. */
export function waitSpecFor(operation: string, result: unknown): WaitSpec {
  const def = (operations as Record<string, { completion: string } | undefined>)[operation];
  if (def?.completion === 'job') {
    const jobId = (result as { job_id?: unknown } | undefined)?.job_id;
    if (typeof jobId !== 'string' || jobId === '')
      throw new ValidationError(`${operation} answered without a job id.`);
    return { kind: 'ecsJob', jobId };
  }
  const goal = novaGoalFor(operation);
  if (def?.completion === 'server-status' && goal) return { kind: 'serverStatus', goal };
  throw new ValidationError(`${operation} is not an asynchronous operation.`);
}

function authFor(
  creds: AccountCredentials,
  region: string,
  endpoints: ServiceEndpoints,
  transport: Transport,
): AuthProvider {
  if (creds.kind === 'password') {
    if (!endpoints.iam) throw new ConfigError(`No IAM endpoint is configured for ${region}.`);
    return new TokenAuth({
      iamEndpoint: endpoints.iam,
      domainName: creds.domainName,
      userName: creds.userName,
      password: creds.password,
      projectName: region,
      transport,
    });
  }
  return new AkSkAuth({
    ak: creds.accessKeyId,
    sk: creds.secretKey,
    ...(creds.kind === 'temporary' ? { securityToken: creds.securityToken } : {}),
  });
}

/** Builds every main service: vault, simulator, accounts, clients, job tracker, inventory cache. */
export async function createServices(opts: ServicesOptions): Promise<Services> {
  const { dataDir } = opts;
  const env = opts.env ?? {};
  const keychainTimeoutMs = opts.keychainTimeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;

  // --- vault: probed at start with a short timeout; a failure is reported, never fatal.
  let keychain: KeychainStatus = SESSION_ONLY_STATUS;
  const keychainStore = async (): Promise<{ store: SecretStore; status: KeychainStatus }> => {
    const status = await probeKeychain({
      timeoutMs: Math.min(keychainTimeoutMs, 2000),
      ...(opts.keytar ? { keytar: opts.keytar } : {}),
    });
    if (status.state !== 'ok') return { store: new UnavailableStore(status), status };
    return {
      store: new KeytarStore({
        timeoutMs: keychainTimeoutMs,
        ...(opts.keytar ? { keytar: opts.keytar } : {}),
      }),
      status,
    };
  };
  let vault: SecretStore;
  if ((opts.vaultMode ?? 'keychain') === 'keychain') {
    const found = await keychainStore();
    vault = found.store;
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

  // --- transports: one per proxy setting, so keep-alive pools are shared by every client.
  const transports = new Map<string, Transport>();
  const transportFor = (proxy: string | undefined): Transport => {
    const key = proxy ?? 'env';
    let t = transports.get(key);
    if (!t) {
      t = new Transport({ proxy: key, env });
      transports.set(key, t);
    }
    return t;
  };
  // SECURITY: the loopback simulator is never reached through a proxy (it would see its keys).
  const directTransport = (): Transport => transportFor('direct');

  const limiters = new Map<string, Limiter>();
  const limiterFor = (accountId: string, region: string): Limiter => {
    const key = `${accountId}\u0000${region}`;
    let l = limiters.get(key);
    if (!l) {
      // The local simulator needs no flow control beyond a concurrency cap.
      l = new Limiter(accountId === 'sandbox' ? { rate: Infinity, concurrency: 16 } : undefined);
      limiters.set(key, l);
    }
    return l;
  };

  const inventory = new InventoryCache(dataDir);

  const probe: ConnectionProbe = async ({ profile, credentials, region, signal }) => {
    const sandboxProfile = profile.builtin === true && sandboxInfo !== undefined;
    const endpoints = sandboxProfile
      ? { ecs: sandboxInfo.endpoint, iam: sandboxInfo.iamEndpoint, vpc: sandboxInfo.endpoint }
      : resolveEndpoints(region, profile.endpoints);
    const transport = sandboxProfile ? directTransport() : transportFor(profile.proxyUrl);
    const auth = authFor(credentials, region, endpoints, transport);
    let projectId = sandboxProfile ? sandboxInfo.projectId : profile.projects[region]?.id;
    if (projectId === undefined) {
      const iam = new CloudClient({ region, endpoints, auth, transport, retry: { maxAttempts: 1 } });
      projectId = await new ProjectResolver(iam).resolve(region, signal);
    }
    // One cheap signed read: its raw answer is what the diagnosis classifies.
    const req = buildRequest(operations.showServerLimits, {}, { baseUrl: endpoints.ecs, projectId });
    const signed = await auth.authorize(req, signal);
    const res = await transport.send(signed, signal ? { signal, operation: 'showServerLimits' } : {});
    const out: ProbeResponse = { status: res.status, headers: res.headers, body: res.body.toString('utf8') };
    return out;
  };

  const accounts = new AccountsService({
    dataDir,
    vault,
    probe,
    inventory,
    // SECURITY: the simulator's keys stay in this process; the Sandbox's AccountView has none.
    sandboxCredentials: () =>
      sandboxInfo ? { kind: 'aksk', accessKeyId: sandboxInfo.ak, secretKey: sandboxInfo.sk } : undefined,
  });
  await accounts.init();

  // --- clients: one per account+region, built on first use.
  const clients = new Map<string, Promise<CloudClient>>();
  const buildClient = async (accountId: string, region: string): Promise<CloudClient> => {
    const view = await accounts.get(accountId);
    if (view.builtin) {
      if (!sandboxInfo)
        throw new ConfigError(
          `The Sandbox simulator is not running${sandboxError ? ` (${sandboxError.message})` : ''}.`,
          'Restart the app to start it again.',
        );
      if (region !== sandboxInfo.region)
        throw new ValidationError(`The Sandbox has only the region ${sandboxInfo.region}.`);
      const ep = sandboxInfo.endpoint;
      return new CloudClient({
        region,
        endpoints: { ecs: ep, iam: sandboxInfo.iamEndpoint, vpc: ep },
        auth: new AkSkAuth({ ak: sandboxInfo.ak, sk: sandboxInfo.sk }),
        transport: directTransport(),
        limiter: limiterFor(accountId, region),
        projectId: sandboxInfo.projectId,
      });
    }
    const creds = await accounts.getCredentials(accountId);
    const endpoints = resolveEndpoints(region, view.endpoints);
    const transport = transportFor(view.proxyUrl);
    const auth = authFor(creds, region, endpoints, transport);
    const limiter = limiterFor(accountId, region);
    const known = view.projects[region]?.id;
    let projectId: string | ((signal?: AbortSignal) => Promise<string>);
    if (known !== undefined) projectId = known;
    else {
      const iam = new CloudClient({ region, endpoints, auth, transport, limiter });
      const resolver = new ProjectResolver(iam);
      projectId = async (signal) => {
        const id = await resolver.resolve(region, signal);
        // Remembered so the next start needs no IAM round trip; an override still wins.
        void accounts.setDiscoveredProject(accountId, region, id).catch(() => undefined);
        return id;
      };
    }
    return new CloudClient({ region, endpoints, auth, transport, limiter, projectId });
  };
  const clientFor = (accountId: string, region: string): Promise<CloudClient> => {
    const key = `${accountId}\u0000${region}`;
    let p = clients.get(key);
    if (!p) {
      p = buildClient(accountId, region);
      clients.set(key, p);
      // A failure (missing secret, bad region) is not cached: the user may fix it and retry.
      p.catch(() => {
        if (clients.get(key) === p) clients.delete(key);
      });
    }
    return p;
  };
  const invalidateClients = (accountId: string): void => {
    for (const key of [...clients.keys()]) if (key.startsWith(`${accountId}\u0000`)) clients.delete(key);
  };

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
    ...(opts.jobOptions ? { options: opts.jobOptions } : {}),
  });
  await tracker.start();

  let disposed: Promise<void> | undefined;
  return {
    dataDir,
    accounts,
    inventory,
    tracker,
    importer: new AccountImporter(accounts, { ...(opts.importSources ?? {}), env }),
    sandbox,
    sandboxError,
    clientFor,
    invalidateClients,
    vaultState: () => ({ mode: accounts.vaultMode, keychain }),
    async setVaultMode(mode) {
      if (mode === 'session-only') {
        if (accounts.vaultMode !== 'session-only') accounts.useVault(new MemoryStore());
      } else {
        const found = await keychainStore();
        keychain = found.status;
        if (found.status.state !== 'ok')
          throw new VaultError(found.status.message, {
            state: found.status.state,
            ...(found.status.hint ? { hint: found.status.hint } : {}),
          });
        accounts.useVault(found.store);
      }
      // Clients hold credentials read from the previous vault.
      clients.clear();
      return { mode: accounts.vaultMode, keychain };
    },
    dispose() {
      disposed ??= (async () => {
        await tracker.close().catch(() => undefined);
        clients.clear();
        await sandbox?.close().catch(() => undefined);
        await Promise.all([...transports.values()].map((t) => t.close().catch(() => undefined)));
      })();
      return disposed;
    },
  };
}
