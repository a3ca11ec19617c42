/**
 * Cloud clients of accounts: one CloudClient per account and region, built on first use over
 * shared transports (one keep-alive pool per proxy setting) and limiters (one per account+region).
 * The built-in Sandbox account talks to the in-process simulator; every other account to its
 * region's public endpoints or its custom ones. The connection probe (connection-probe.ts) reaches
 * an account the same way, through {@link AccountClients.target}.
 */
import type { ServiceEndpoints } from '../cloud/client';
import { CloudClient } from '../cloud/client';
import { AkSkAuth } from '../cloud/auth/aksk';
import { ProjectResolver } from '../cloud/auth/project';
import { TokenAuth } from '../cloud/auth/token';
import type { AuthProvider } from '../cloud/auth/types';
import { resolveEndpoints } from '../cloud/endpoints';
import { ConfigError, ValidationError } from '../cloud/errors';
import { Transport } from '../cloud/http';
import { Limiter } from '../cloud/limiter';
import { sandboxRegionEndpoints } from '../fleet/sandbox-regions';
import type { SandboxInfo } from '../sandbox/index';
import type { AccountCredentials } from './account-secrets';
import type { AccountsService } from './accounts.service';
import type { AccountProfile } from './accounts-store';

/** How to reach one account in one region: endpoints, transport, auth and the project id if known. */
export interface AccountTarget {
  endpoints: ServiceEndpoints;
  transport: Transport;
  auth: AuthProvider;
  projectId: string | undefined;
}

/** The auth provider of a set of credentials (IAM token for password accounts, else AK/SK signing). */
export function authFor(
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

/** Options of {@link AccountClients}. */
export interface AccountClientsOptions {
  accounts: AccountsService;
  /** Environment read for proxies (HTTPS_PROXY, NO_PROXY). */
  env: Record<string, string | undefined>;
  /** The running simulator behind the Sandbox account, if it started. */
  sandbox: SandboxInfo | undefined;
  /** Why the simulator could not start, if it did not. */
  sandboxError: Error | undefined;
  /** The simulator's request rate per project, if it was started with one: its clients pace to it. */
  sandboxRate?: number | undefined;
  /** How much faster than real time the simulator runs (scales reconciliation waits); default 1. */
  sandboxTimeScale?: number;
}

/** Every cloud client of every account, built once per account+region. */
export class AccountClients {
  private readonly transports = new Map<string, Transport>();
  private readonly limiters = new Map<string, Limiter>();
  private readonly clients = new Map<string, Promise<CloudClient>>();

  constructor(private readonly opts: AccountClientsOptions) {}

  /** The transport of a proxy setting (`undefined`: the environment's; `direct`: none). */
  transportFor(proxy: string | undefined): Transport {
    const key = proxy ?? 'env';
    let t = this.transports.get(key);
    if (!t) {
      t = new Transport({ proxy: key, env: this.opts.env });
      this.transports.set(key, t);
    }
    return t;
  }

  private limiterFor(accountId: string, region: string): Limiter {
    const key = `${accountId}\u0000${region}`;
    let l = this.limiters.get(key);
    if (!l) {
      // The local simulator needs no flow control beyond a concurrency cap, unless it was started
      // with a request rate: then pace to it, as a real account paces to the cloud's.
      const sbRate = this.opts.sandboxRate;
      l = new Limiter(
        accountId === 'sandbox'
          ? { rate: sbRate ?? Infinity, burst: sbRate ?? 20, concurrency: 16 }
          : undefined,
      );
      this.limiters.set(key, l);
    }
    return l;
  }

  /**
   * How to reach `profile` in `region` with `credentials`: the simulator for the built-in Sandbox
   * (its only region), the region's catalogue or custom endpoints otherwise.
   */
  target(
    profile: Pick<AccountProfile, 'builtin' | 'endpoints' | 'proxyUrl' | 'projects'>,
    credentials: AccountCredentials,
    region: string,
  ): AccountTarget {
    if (profile.builtin) {
      const sb = this.sandbox(region);
      const endpoints = { ecs: sb.endpoint, iam: sb.iamEndpoint, vpc: sb.endpoint };
      // SECURITY: the loopback simulator is never reached through a proxy (it would see its keys).
      const transport = this.transportFor('direct');
      return {
        endpoints,
        transport,
        auth: authFor(credentials, region, endpoints, transport),
        projectId: sb.projectId,
      };
    }
    // A region of a multi-scope Sandbox is reached on its own loopback listener, never through a
    // proxy (it would see the keys); any other region through the catalogue or custom endpoints.
    const sandboxRegion = sandboxRegionEndpoints(this.opts.sandbox, region, profile.endpoints);
    const endpoints = sandboxRegion ?? resolveEndpoints(region, profile.endpoints);
    const transport = this.transportFor(sandboxRegion ? 'direct' : profile.proxyUrl);
    return {
      endpoints,
      transport,
      auth: authFor(credentials, region, endpoints, transport),
      projectId: profile.projects[region]?.id,
    };
  }

  /** The running simulator for the Sandbox account in `region`; throws when it cannot serve it. */
  private sandbox(region: string): SandboxInfo {
    const sb = this.opts.sandbox;
    if (!sb)
      throw new ConfigError(
        `The Sandbox simulator is not running${this.opts.sandboxError ? ` (${this.opts.sandboxError.message})` : ''}.`,
        'Restart the app to start it again.',
      );
    if (region !== sb.region) throw new ValidationError(`The Sandbox has only the region ${sb.region}.`);
    return sb;
  }

  /** The client of one account in one region (shared); rejects with a AppError. */
  clientFor(accountId: string, region: string): Promise<CloudClient> {
    const key = `${accountId}\u0000${region}`;
    let p = this.clients.get(key);
    if (!p) {
      p = this.build(accountId, region);
      this.clients.set(key, p);
      // A failure (missing secret, bad region) is not cached: the user may fix it and retry.
      p.catch(() => {
        if (this.clients.get(key) === p) this.clients.delete(key);
      });
    }
    return p;
  }

  /** Drops the cached clients of an account (after its settings or credentials changed, or it was removed). */
  invalidate(accountId: string): void {
    for (const key of [...this.clients.keys()])
      if (key.startsWith(`${accountId}\u0000`)) this.clients.delete(key);
  }

  /** Drops every cached client (their credentials came from a vault that was replaced). */
  clear(): void {
    this.clients.clear();
  }

  /** Closes every connection pool. */
  async close(): Promise<void> {
    this.clients.clear();
    await Promise.all([...this.transports.values()].map((t) => t.close().catch(() => undefined)));
  }

  private async build(accountId: string, region: string): Promise<CloudClient> {
    const { accounts } = this.opts;
    const view = await accounts.get(accountId);
    // Says why the Sandbox cannot be reached before asking for its (then missing) credentials.
    if (view.builtin) this.sandbox(region);
    const creds = await accounts.getCredentials(accountId);
    const t = this.target(
      {
        builtin: view.builtin,
        endpoints: view.endpoints,
        projects: view.projects,
        ...(view.proxyUrl ? { proxyUrl: view.proxyUrl } : {}),
      },
      creds,
      region,
    );
    const limiter = this.limiterFor(accountId, region);
    const base = {
      region,
      endpoints: t.endpoints,
      auth: t.auth,
      transport: t.transport,
      limiter,
      ...(view.builtin ? { reconcileTimeScale: this.opts.sandboxTimeScale ?? 1 } : {}),
    };
    if (t.projectId !== undefined) return new CloudClient({ ...base, projectId: t.projectId });
    const resolver = new ProjectResolver(new CloudClient(base));
    return new CloudClient({
      ...base,
      projectId: async (signal) => {
        const id = await resolver.resolve(region, signal);
        // Remembered so the next start needs no IAM round trip; an override still wins.
        void accounts.setDiscoveredProject(accountId, region, id).catch(() => undefined);
        return id;
      },
    });
  }
}
