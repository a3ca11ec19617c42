/**
 * Fleet batches on disk (`<dataDir>/fleet-batches.json`, 0600 like every file the app writes), so
 * the Activity view still shows a fleet batch and its per-scope and per-server results after a
 * restart. Only the newest {@link KEEP_BATCHES} are kept. The file holds no secret (ids, names,
 * states and error messages, which are redacted when built). A file that cannot be read or does
 * not look like ours is treated as empty (it is only history) and replaced on the next save.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { FleetBatchView } from '../../shared/fleet';
import { writeFileAtomic } from '../accounts/atomic-file';

/** Batches kept on disk, newest first. */
export const KEEP_BATCHES = 100;
const VERSION = 1;

/** Where fleet batches are kept between runs. */
export interface FleetBatchStore {
  /** The saved batches, oldest first. */
  load(): Promise<FleetBatchView[]>;
  /** Saves `batches` (oldest first); only the newest {@link KEEP_BATCHES} are written. */
  save(batches: readonly FleetBatchView[]): Promise<void>;
}

const STATES = new Set(['running', 'succeeded', 'failed', 'partial']);

function isBatch(x: unknown): x is FleetBatchView {
  if (typeof x !== 'object' || x === null) return false;
  const b = x as Record<string, unknown>;
  return (
    typeof b.id === 'string' &&
    typeof b.action === 'string' &&
    typeof b.title === 'string' &&
    typeof b.createdAt === 'string' &&
    typeof b.state === 'string' &&
    STATES.has(b.state) &&
    Array.isArray(b.scopes) &&
    b.scopes.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as Record<string, unknown>).accountId === 'string' &&
        typeof (s as Record<string, unknown>).region === 'string' &&
        Array.isArray((s as Record<string, unknown>).servers),
    )
  );
}

/** The batch store of a data folder. */
export function fileBatchStore(dataDir: string): FleetBatchStore {
  const file = join(dataDir, 'fleet-batches.json');
  return {
    async load() {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await fs.readFile(file, 'utf8'));
      } catch {
        return [];
      }
      const p = parsed as { version?: unknown; batches?: unknown };
      if (p?.version !== VERSION || !Array.isArray(p.batches)) return [];
      return p.batches.filter(isBatch);
    },
    async save(batches) {
      const kept = batches.slice(-KEEP_BATCHES);
      await writeFileAtomic(file, JSON.stringify({ version: VERSION, batches: kept }));
    },
  };
}
