/**
 * Fleet listing: every enabled account x region listed at once, each scope through its own client
 * (and so its own account+region limiter, whose flow control is independent of the other scopes),
 * pages pushed as they arrive. A scope that cannot reach the cloud falls back to its offline cache
 * (`stale`, with the cache's age); any other failure is `failed` with the reason. Throttling (429,
 * Common.1503) is retried inside the client with Retry-After and never surfaces here. Each
 * scope's complete list becomes its offline cache once no scope is listing any more.
 */
import { randomUUID } from 'node:crypto';
import type { AccountView } from '../../shared/accounts';
import type { FleetPageEvent, FleetScopeEvent, FleetScopeRef, FleetScopeStatus } from '../../shared/fleet';
import type { ServerDetail } from '../../shared/ecs/types/servers';
import type { ServerView } from '../../shared/ipc/views';
import type { InventoryCache } from '../accounts/inventory-cache';
import type { CloudClient } from '../cloud/client';
import { isUnreachable, toErrorData } from '../app-error';
import { AbortError } from '../cloud/errors';
import { serverView, stripServerSecrets } from '../ipc/views/servers';

/** Servers asked for per page: the ECS list's maximum (§5.1.5), so a scope of 10,000 is 10 calls. */
export const FLEET_PAGE_SIZE = 1000;

/** What the lister needs from the rest of main. */
export interface FleetListingDeps {
  listAccounts(): Promise<AccountView[]>;
  clientFor(accountId: string, region: string): Promise<CloudClient>;
  inventory: InventoryCache;
  onPage(event: FleetPageEvent): void;
  onScope(event: FleetScopeEvent): void;
  now?: () => number;
}

/** The key of a scope in maps. */
export function scopeKey(s: FleetScopeRef): string {
  return `${s.accountId}\u0000${s.region}`;
}

/**
 * A server as the fleet sends it: the list's columns only. Metadata, security groups and volume
 * ids stay out (the drawer reads them per server), which keeps 50,000 rows small in the renderer.
 */
export function fleetServer(s: ServerDetail): ServerView {
  const v = serverView(s);
  delete v.description;
  return { ...v, metadata: {}, securityGroups: [], volumeIds: [] };
}

/** Every enabled scope: each visible account x each of its regions, in the user's account order. */
export function enabledScopes(accounts: readonly AccountView[]): (FleetScopeRef & { accountName: string })[] {
  return accounts
    .filter((a) => !a.hidden)
    .flatMap((a) => a.regions.map((region) => ({ accountId: a.id, region, accountName: a.name })));
}

/** Lists scopes and pushes their pages and statuses; one listing per scope at a time. */
export class FleetLister {
  private readonly running = new Map<string, AbortController>();
  private readonly statuses = new Map<string, FleetScopeStatus>();
  /** Complete lists waiting to be written to the offline cache (the latest per scope). */
  private readonly unsaved = new Map<string, { ref: FleetScopeRef; servers: ServerDetail[] }>();
  private saving: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly deps: FleetListingDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Starts listing `scopes` (default: every enabled one) and resolves at once with the listing id
   * and each scope's `loading` status; pages and final statuses follow as events. A scope already
   * being listed is restarted (its previous listing is abandoned).
   */
  async list(
    only?: readonly FleetScopeRef[],
    listingId: string = randomUUID(),
  ): Promise<{ listingId: string; scopes: FleetScopeStatus[] }> {
    const accounts = await this.deps.listAccounts();
    let scopes = enabledScopes(accounts);
    if (only) {
      const wanted = new Set(only.map(scopeKey));
      scopes = scopes.filter((s) => wanted.has(scopeKey(s)));
    }
    const statuses = scopes.map((s) => {
      const status: FleetScopeStatus = { ...s, state: 'loading', count: 0 };
      this.statuses.set(scopeKey(s), status);
      return status;
    });
    for (const status of statuses) void this.listScope(listingId, status);
    return { listingId, scopes: statuses.map((s) => ({ ...s })) };
  }

  /** The last known status of every scope listed so far. */
  status(): FleetScopeStatus[] {
    return [...this.statuses.values()].map((s) => ({ ...s }));
  }

  /** Resolves when the offline-cache writes of the finished listings are done. */
  settled(): Promise<void> {
    return this.saving;
  }

  /** Abandons every running listing and the cache writes not yet started. */
  dispose(): void {
    this.disposed = true;
    for (const c of this.running.values()) c.abort();
    this.running.clear();
    this.unsaved.clear();
  }

  private async listScope(listingId: string, status: FleetScopeStatus): Promise<void> {
    const key = scopeKey(status);
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const { signal } = controller;
    const ref = { accountId: status.accountId, region: status.region };
    const started = this.now();
    const emitStatus = (): void => {
      if (!signal.aborted) this.deps.onScope({ listingId, status: { ...status } });
    };
    emitStatus();
    const all: ServerDetail[] = [];
    try {
      const client = await this.deps.clientFor(ref.accountId, ref.region);
      for (let page = 1; ; page++) {
        const res = await client.call(
          'listServersDetails',
          { query: { limit: FLEET_PAGE_SIZE, offset: page } },
          { signal },
        );
        const servers = res?.servers ?? [];
        if (signal.aborted) return;
        for (const s of servers) all.push(stripServerSecrets(s));
        status.count = all.length;
        if (servers.length > 0)
          this.deps.onPage({ listingId, ...ref, servers: servers.map(fleetServer), cached: false });
        const total = typeof res?.count === 'number' ? res.count : undefined;
        const more = total !== undefined ? all.length < total : servers.length === FLEET_PAGE_SIZE;
        if (!more || servers.length === 0) break;
        emitStatus();
      }
      Object.assign(status, {
        state: 'ok',
        finishedAt: new Date(this.now()).toISOString(),
        elapsedMs: this.now() - started,
      });
      delete status.error;
      delete status.cachedAt;
      emitStatus();
      this.unsaved.set(key, { ref, servers: all });
    } catch (err) {
      if (signal.aborted || err instanceof AbortError) return;
      status.error = toErrorData(err);
      status.finishedAt = new Date(this.now()).toISOString();
      const cached = isUnreachable(err)
        ? await this.deps.inventory.get(ref.accountId, ref.region).catch(() => undefined)
        : undefined;
      if (signal.aborted) return;
      if (cached) {
        const servers = (cached.data.servers as ServerDetail[]).map(fleetServer);
        this.deps.onPage({ listingId, ...ref, servers, cached: true });
        Object.assign(status, { state: 'stale', count: servers.length, cachedAt: cached.savedAt });
      } else Object.assign(status, { state: 'failed', count: 0 });
      emitStatus();
    } finally {
      if (this.running.get(key) === controller) this.running.delete(key);
      if (this.running.size === 0) this.saving = this.saving.then(() => this.saveUnsaved());
    }
  }

  /**
   * Writes the waiting lists to the offline cache, one scope after the other, once no scope is
   * being listed: turning a scope's servers into its cache file costs about as much CPU as
   * parsing them, and doing it as each scope finished delayed the pages of all the others.
   */
  private async saveUnsaved(): Promise<void> {
    for (const [key, entry] of this.unsaved) {
      // A listing started meanwhile: its end writes what is left.
      if (this.running.size > 0 || this.disposed) return;
      this.unsaved.delete(key);
      // The cache is a convenience: failing to write it must not fail the listing.
      await this.saveCache(entry.ref, entry.servers).catch(() => undefined);
    }
  }

  /** Keeps the scope's complete list as its last known servers (other cached kinds are kept). */
  private async saveCache(ref: FleetScopeRef, servers: ServerDetail[]): Promise<void> {
    await this.deps.inventory.putServers(ref.accountId, ref.region, servers);
  }
}
