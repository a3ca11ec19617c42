/**
 * The last known inventory of each account and region (servers, disks, NICs, tags: non-secret
 * JSON), kept under `<dataDir>/inventory/` so the UI can show it offline with its age.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/** Format version of one cache file. */
export const INVENTORY_CACHE_VERSION = 1;

/** The cached lists of one account and region, as the cloud returned them (wire shapes). */
export interface InventorySnapshot {
  servers: unknown[];
  disks: unknown[];
  nics: unknown[];
  tags: unknown[];
}

/** One cached inventory with when it was saved and how old it is now. */
export interface CachedInventory {
  accountId: string;
  region: string;
  /** When the snapshot was saved, ISO 8601. */
  savedAt: string;
  /** Age in milliseconds at the time of reading. */
  ageMs: number;
  data: InventorySnapshot;
}

interface CacheFile {
  version: number;
  accountId: string;
  region: string;
  savedAt: string;
  data: InventorySnapshot;
}

// File and folder names are hashes: account ids may hold any character (unicode, slashes).
function safeName(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

function isSnapshot(value: unknown): value is InventorySnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['servers', 'disks', 'nics', 'tags'].every((k) => Array.isArray(v[k]));
}

/** Reads and writes the per-account, per-region inventory cache; writes are atomic. */
export class InventoryCache {
  private readonly root: string;
  private readonly now: () => Date;

  constructor(dataDir: string, opts: { now?: () => Date } = {}) {
    this.root = join(dataDir, 'inventory');
    this.now = opts.now ?? (() => new Date());
  }

  private file(accountId: string, region: string): string {
    return join(this.root, safeName(accountId), `${safeName(region)}.json`);
  }

  /** Saves the inventory of one account and region, replacing the previous snapshot atomically. */
  async put(accountId: string, region: string, data: InventorySnapshot): Promise<void> {
    if (!isSnapshot(data))
      throw new TypeError('An inventory snapshot needs servers, disks, nics and tags arrays.');
    const body: CacheFile = {
      version: INVENTORY_CACHE_VERSION,
      accountId,
      region,
      savedAt: this.now().toISOString(),
      data,
    };
    await writeFileAtomic(this.file(accountId, region), JSON.stringify(body));
  }

  /**
   * The cached inventory, or undefined when there is none. A corrupt or foreign-version cache file
   * is only a cache: it is reported as absent and replaced by the next `put`.
   */
  async get(accountId: string, region: string): Promise<CachedInventory | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file(accountId, region), 'utf8');
    } catch {
      return undefined;
    }
    let parsed: CacheFile;
    try {
      parsed = JSON.parse(text) as CacheFile;
    } catch {
      return undefined;
    }
    if (
      parsed.version !== INVENTORY_CACHE_VERSION ||
      parsed.accountId !== accountId ||
      parsed.region !== region ||
      Number.isNaN(Date.parse(parsed.savedAt)) ||
      !isSnapshot(parsed.data)
    )
      return undefined;
    return {
      accountId,
      region,
      savedAt: parsed.savedAt,
      ageMs: Math.max(0, this.now().getTime() - Date.parse(parsed.savedAt)),
      data: parsed.data,
    };
  }

  /** Forgets every cached region of one account (when the account is removed). */
  async removeAccount(accountId: string): Promise<void> {
    await fs.rm(join(this.root, safeName(accountId)), { recursive: true, force: true });
  }
}
