/**
 * The last known inventory of each account and region (servers, disks, NICs, tags: non-secret
 * JSON), kept under `<dataDir>/inventory/` so the UI can show it offline with its age.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/**
 * Format version of the cache files. Version 2 keeps each list in a file of its own
 * (`<region>.<kind>.json`), so that saving a scope's servers after a listing is one write: with
 * one file for the four lists (version 1, still read), every save first read and parsed the whole
 * file to keep the other lists, some 150 ms of the main thread for 10,000 servers.
 */
export const INVENTORY_CACHE_VERSION = 2;
const LEGACY_VERSION = 1;

/** The cached lists of one account and region, as the cloud returned them (wire shapes). */
export interface InventorySnapshot {
  servers: unknown[];
  disks: unknown[];
  nics: unknown[];
  tags: unknown[];
}

/** One of the lists of a snapshot. */
export type InventoryKind = keyof InventorySnapshot;
const KINDS: readonly InventoryKind[] = ['servers', 'disks', 'nics', 'tags'];

/** One cached inventory with when it was saved and how old it is now. */
export interface CachedInventory {
  accountId: string;
  region: string;
  /** When the servers were saved (the other lists may be older), ISO 8601. */
  savedAt: string;
  /** Age in milliseconds at the time of reading. */
  ageMs: number;
  data: InventorySnapshot;
}

/** A version 1 file: the whole snapshot. */
interface LegacyFile {
  version: number;
  accountId: string;
  region: string;
  savedAt: string;
  data: InventorySnapshot;
}

/** A version 2 file: one list. */
interface KindFile {
  version: number;
  accountId: string;
  region: string;
  kind: InventoryKind;
  savedAt: string;
  items: unknown[];
}

// File and folder names are hashes: account ids may hold any character (unicode, slashes).
function safeName(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

function isSnapshot(value: unknown): value is InventorySnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return KINDS.every((k) => Array.isArray(v[k]));
}

/** The parsed JSON of a file, or undefined when it is missing or not JSON. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads and writes the per-account, per-region inventory cache; every write is atomic. A corrupt
 * or foreign file is only a cache: it reads as absent and the next save replaces it.
 */
export class InventoryCache {
  private readonly root: string;
  private readonly now: () => Date;
  /** Version 1 files already moved (or found absent) in this run. */
  private readonly migrated = new Set<string>();

  constructor(dataDir: string, opts: { now?: () => Date } = {}) {
    this.root = join(dataDir, 'inventory');
    this.now = opts.now ?? (() => new Date());
  }

  private legacyFile(accountId: string, region: string): string {
    return join(this.root, safeName(accountId), `${safeName(region)}.json`);
  }

  private kindFile(accountId: string, region: string, kind: InventoryKind): string {
    return join(this.root, safeName(accountId), `${safeName(region)}.${kind}.json`);
  }

  private async writeKind(accountId: string, region: string, kind: InventoryKind, items: unknown[]) {
    const body: KindFile = {
      version: INVENTORY_CACHE_VERSION,
      accountId,
      region,
      kind,
      savedAt: this.now().toISOString(),
      items,
    };
    await writeFileAtomic(this.kindFile(accountId, region, kind), JSON.stringify(body));
  }

  private async readKind(accountId: string, region: string, kind: InventoryKind) {
    const f = (await readJson(this.kindFile(accountId, region, kind))) as Partial<KindFile> | undefined;
    if (
      typeof f !== 'object' ||
      f === null ||
      f.version !== INVENTORY_CACHE_VERSION ||
      f.accountId !== accountId ||
      f.region !== region ||
      f.kind !== kind ||
      typeof f.savedAt !== 'string' ||
      Number.isNaN(Date.parse(f.savedAt)) ||
      !Array.isArray(f.items)
    )
      return undefined;
    return { savedAt: f.savedAt, items: f.items };
  }

  private async readLegacy(accountId: string, region: string): Promise<LegacyFile | undefined> {
    const f = (await readJson(this.legacyFile(accountId, region))) as Partial<LegacyFile> | undefined;
    if (
      typeof f !== 'object' ||
      f === null ||
      f.version !== LEGACY_VERSION ||
      f.accountId !== accountId ||
      f.region !== region ||
      typeof f.savedAt !== 'string' ||
      Number.isNaN(Date.parse(f.savedAt)) ||
      !isSnapshot(f.data)
    )
      return undefined;
    return f as LegacyFile;
  }

  /**
   * A version 1 file becomes version 2 files (the lists `replacing` names are about to be written
   * anew and are skipped), then goes. Nothing happens when there is none.
   */
  private async migrate(accountId: string, region: string, replacing: readonly InventoryKind[]) {
    const file = this.legacyFile(accountId, region);
    // Looked for once per scope and run: a save after every listing need not read and remove a
    // file that is gone.
    if (this.migrated.has(file)) return;
    const legacy = await this.readLegacy(accountId, region);
    if (legacy)
      for (const kind of KINDS)
        if (!replacing.includes(kind)) await this.writeKind(accountId, region, kind, legacy.data[kind]);
    await fs.rm(file, { force: true });
    this.migrated.add(file);
  }

  /** Saves the inventory of one account and region, replacing every list. */
  async put(accountId: string, region: string, data: InventorySnapshot): Promise<void> {
    if (!isSnapshot(data))
      throw new TypeError('An inventory snapshot needs servers, disks, nics and tags arrays.');
    await this.migrate(accountId, region, KINDS);
    // The servers last: their file is what tells a snapshot exists, and its save time.
    for (const kind of ['disks', 'nics', 'tags', 'servers'] as const)
      await this.writeKind(accountId, region, kind, data[kind]);
  }

  /** Saves the servers of one account and region, keeping the other lists (one write, no read). */
  async putServers(accountId: string, region: string, servers: unknown[]): Promise<void> {
    if (!Array.isArray(servers)) throw new TypeError('The servers to cache must be an array.');
    await this.migrate(accountId, region, ['servers']);
    await this.writeKind(accountId, region, 'servers', servers);
  }

  /**
   * The cached inventory, or undefined when there is none (no servers saved, or their file is
   * corrupt or foreign). A list whose file is missing or unreadable reads as empty.
   */
  async get(accountId: string, region: string): Promise<CachedInventory | undefined> {
    const [servers, ...rest] = await Promise.all(KINDS.map((k) => this.readKind(accountId, region, k)));
    let savedAt: string;
    let data: InventorySnapshot;
    if (servers) {
      savedAt = servers.savedAt;
      const [disks, nics, tags] = rest;
      data = {
        servers: servers.items,
        disks: disks?.items ?? [],
        nics: nics?.items ?? [],
        tags: tags?.items ?? [],
      };
    } else {
      // Written by an older version of the app, and not saved since.
      const legacy = await this.readLegacy(accountId, region);
      if (!legacy) return undefined;
      ({ savedAt, data } = legacy);
    }
    return {
      accountId,
      region,
      savedAt,
      ageMs: Math.max(0, this.now().getTime() - Date.parse(savedAt)),
      data,
    };
  }

  /** Forgets every cached region of one account (when the account is removed). */
  async removeAccount(accountId: string): Promise<void> {
    await fs.rm(join(this.root, safeName(accountId)), { recursive: true, force: true });
  }
}
