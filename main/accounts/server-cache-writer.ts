/**
 * The offline cache of each scope's servers, kept from unfiltered `servers.list` listings without
 * rewriting the whole file for every page. A listing of 10,000 servers in pages used to read,
 * parse, merge and write the whole cache file once per page (work growing with the square of the
 * page count, on the main thread the renderer's pages wait for); now pages are merged in memory
 * and the file is written once, when the last page has arrived (before that page is answered, so
 * the cache is on disk when the listing ends), or after a quiet second when a listing is
 * abandoned half-way (then it holds what was listed, as before). `flush()` writes what is pending
 * at once (the app quitting, a test removing its data folder).
 */
import type { InventoryCache } from './inventory-cache';

/** Runs tasks one at a time per key, in call order; a failed task does not block the next. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once idle, so the map does not grow with every scope ever listed.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}

/** A listing in progress: its servers by id, in listing order. */
interface Pending {
  servers: Map<string, unknown>;
  timer?: ReturnType<typeof setTimeout>;
}

/** One page of a listing, already stripped of anything the cache must not keep. */
export interface CachePage {
  accountId: string;
  region: string;
  /** 1 starts a new listing (it replaces the cached list); later pages add to it. */
  page: number;
  servers: { id: string }[];
  /** No page follows: the merged list is written now. */
  last: boolean;
}

/** Merges listing pages per scope and writes each scope's cache file once per listing. */
export class ServerCacheWriter {
  private readonly pending = new Map<string, Pending>();
  private readonly lock = new KeyedLock();

  constructor(
    private readonly inventory: Pick<InventoryCache, 'get' | 'putServers'>,
    /** How long a listing may pause before what it listed so far is written anyway. */
    private readonly idleMs = 1_000,
  ) {}

  /** Adds one page; resolves when it is merged (and, for the last page, written). */
  add(p: CachePage): Promise<void> {
    const key = `${p.accountId}\u0000${p.region}`;
    return this.lock.run(key, async () => {
      let cur = this.pending.get(key);
      if (cur?.timer !== undefined) clearTimeout(cur.timer);
      if (p.page === 1 || cur === undefined) {
        cur = { servers: new Map() };
        // A later page of a listing this process did not start (the app restarted mid-listing):
        // it adds to what the file holds, as every page did before.
        if (p.page !== 1) {
          const cached = await this.inventory.get(p.accountId, p.region);
          for (const s of (cached?.data.servers ?? []) as { id: string }[]) cur.servers.set(s.id, s);
        }
        this.pending.set(key, cur);
      }
      for (const s of p.servers) cur.servers.set(s.id, s);
      if (p.last) {
        this.pending.delete(key);
        await this.write(p.accountId, p.region, cur);
        return;
      }
      const mine = cur;
      mine.timer = setTimeout(() => {
        void this.lock
          .run(key, async () => {
            if (this.pending.get(key) !== mine) return;
            this.pending.delete(key);
            await this.write(p.accountId, p.region, mine);
          })
          .catch(() => undefined);
      }, this.idleMs);
      // A pending write never keeps the app (or a test process) alive.
      mine.timer.unref?.();
    });
  }

  /** Writes every pending listing now; the services' `dispose()` awaits it. */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.pending].map(([key, p]) => {
        if (p.timer !== undefined) clearTimeout(p.timer);
        const [accountId = '', region = ''] = key.split('\u0000');
        return this.lock
          .run(key, async () => {
            if (this.pending.get(key) !== p) return;
            this.pending.delete(key);
            await this.write(accountId, region, p);
          })
          .catch(() => undefined);
      }),
    );
  }

  private async write(accountId: string, region: string, p: Pending): Promise<void> {
    await this.inventory.putServers(accountId, region, [...p.servers.values()]);
  }
}
