/**
 * App settings: `settings.json` in the data folder, a small versioned JSON document written
 * atomically (mode 0600) and validated on load. It holds the user's choices (`welcomeDismissed`,
 * `updateCheck`) and the update check's bookkeeping (last check time, latest release seen, the
 * version whose notice was dismissed).
 *
 * A damaged file is never lost silently: the store starts from what it can salvage (every valid
 * field is kept, every invalid one falls back to its default), copies the original next to it as
 * `settings.json.bad-<time>` and reports what was wrong in {@link SettingsStore.problem}.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import type { AppSettings } from '../../shared/ipc/contract';
import { removeStaleTemps, writeFileAtomic } from '../accounts/atomic-file';

/** The format version this code reads and writes. */
export const SETTINGS_FILE_VERSION = 1;
/** The settings file name inside the data folder. */
export const SETTINGS_FILE_NAME = 'settings.json';
/** A settings file larger than this is not read (it cannot be ours). */
const MAX_FILE_BYTES = 64 * 1024;

/** The user's choices before they change anything. */
export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
  welcomeDismissed: false,
  updateCheck: true,
});

/** A release the update check found (persisted so a notice survives a restart within the day). */
export interface ReleaseSeen {
  version: string;
  url: string;
  name?: string;
  publishedAt?: string;
}

/** The update check's bookkeeping (not user-editable). */
export interface UpdateState {
  /** Epoch ms of the last attempt, successful or not (at most one per day). */
  lastCheckAt?: number;
  /** The newest release the last successful check found. */
  latest?: ReleaseSeen;
  /** The version whose notice the user dismissed (a newer one shows again). */
  dismissedVersion?: string;
}

const versionString = v.pipe(v.string(), v.maxLength(64), v.regex(/^v?\d+\.\d+\.\d+[0-9A-Za-z.+-]*$/));
const FIELD_SCHEMAS = {
  welcomeDismissed: v.boolean(),
  updateCheck: v.boolean(),
} satisfies { [K in keyof AppSettings]: v.GenericSchema<unknown, AppSettings[K]> };
const UPDATE_SCHEMAS = {
  lastCheckAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  latest: v.object({
    version: versionString,
    url: v.pipe(v.string(), v.maxLength(2048), v.url()),
    name: v.optional(v.pipe(v.string(), v.maxLength(512))),
    publishedAt: v.optional(v.pipe(v.string(), v.maxLength(64))),
  }),
  dismissedVersion: versionString,
} satisfies { [K in keyof UpdateState]-?: v.GenericSchema<unknown, NonNullable<UpdateState[K]>> };

interface SettingsFile {
  version: number;
  settings: AppSettings;
  updates: UpdateState;
}

/** What loading found: the values to use and, when the file was damaged, what was wrong. */
interface Loaded {
  file: SettingsFile;
  problems: string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validates a parsed document field by field: valid fields are kept, the rest reported. */
export function salvageSettings(doc: unknown): Loaded {
  const file: SettingsFile = {
    version: SETTINGS_FILE_VERSION,
    settings: { ...DEFAULT_SETTINGS },
    updates: {},
  };
  const problems: string[] = [];
  if (!isRecord(doc)) return { file, problems: ['the file is not a JSON object'] };
  if (doc.version !== SETTINGS_FILE_VERSION) {
    problems.push(
      typeof doc.version === 'number' && doc.version > SETTINGS_FILE_VERSION
        ? `it was written by a newer ECS Desktop (format ${doc.version}; this version reads format ${SETTINGS_FILE_VERSION})`
        : `"version" must be ${SETTINGS_FILE_VERSION}`,
    );
    return { file, problems };
  }
  const settings = isRecord(doc.settings) ? doc.settings : {};
  if (!isRecord(doc.settings)) problems.push('"settings" must be an object');
  for (const key of Object.keys(FIELD_SCHEMAS) as (keyof AppSettings)[]) {
    if (!(key in settings)) continue;
    const res = v.safeParse(FIELD_SCHEMAS[key], settings[key]);
    if (res.success) file.settings[key] = res.output;
    else problems.push(`settings.${key} must be true or false`);
  }
  const updates = isRecord(doc.updates) ? doc.updates : {};
  if (doc.updates !== undefined && !isRecord(doc.updates)) problems.push('"updates" must be an object');
  for (const key of Object.keys(UPDATE_SCHEMAS) as (keyof UpdateState)[]) {
    if (updates[key] === undefined) continue;
    const res = v.safeParse(UPDATE_SCHEMAS[key], updates[key]);
    if (res.success) (file.updates as Record<string, unknown>)[key] = res.output;
    else problems.push(`updates.${key} is not valid`);
  }
  return { file, problems };
}

/** Reads and validates the file; undefined when there is none. Rejects only when it cannot be read at all. */
async function readSettingsFile(path: string): Promise<Loaded | undefined> {
  let size: number;
  try {
    size = (await fs.stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (size > MAX_FILE_BYTES)
    return { ...salvageSettings({}), problems: [`it is larger than ${MAX_FILE_BYTES} bytes`] };
  const text = await fs.readFile(path, 'utf8');
  try {
    return salvageSettings(JSON.parse(text));
  } catch (err) {
    return { ...salvageSettings({}), problems: [`it is not valid JSON (${(err as Error).message})`] };
  }
}

/** The persisted app settings; every write is atomic and writes are serialized. */
export class SettingsStore {
  private file: SettingsFile;
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(settings: AppSettings) => void>();

  /** What was wrong with the file at start, if anything. */
  readonly problem: string | undefined;
  /** Where the damaged original was copied, if it was. */
  readonly backupPath: string | undefined;
  /** Set when a damaged file could not be copied aside: it is never overwritten then. */
  private readonly readOnly: boolean;

  private constructor(
    /** The settings file's path. */
    readonly path: string,
    loaded: SettingsFile,
    damage: { problem?: string; backupPath?: string; readOnly?: boolean } = {},
  ) {
    this.file = loaded;
    this.problem = damage.problem;
    this.backupPath = damage.backupPath;
    this.readOnly = damage.readOnly ?? false;
  }

  /**
   * Loads `settings.json` from `dataDir` (defaults when there is none). Never throws for a damaged
   * file: see the module comment. Rejects only when the data folder itself cannot be read.
   */
  static async open(dataDir: string, now: () => number = Date.now): Promise<SettingsStore> {
    const path = join(dataDir, SETTINGS_FILE_NAME);
    await removeStaleTemps(path);
    const loaded = await readSettingsFile(path);
    if (!loaded) return new SettingsStore(path, salvageSettings({ version: SETTINGS_FILE_VERSION }).file);
    if (loaded.problems.length === 0) return new SettingsStore(path, loaded.file);
    // Copied, not moved: the original stays readable whatever happens to the next write.
    const backupPath = `${path}.bad-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    const damaged = `The settings file ${path} was damaged: ${loaded.problems.join('; ')}.`;
    try {
      await fs.copyFile(path, backupPath, fs.constants.COPYFILE_EXCL);
      await fs.chmod(backupPath, 0o600).catch(() => undefined);
    } catch (err) {
      // Without a copy, writing would destroy the only original: keep it, and save nothing.
      const problem =
        `${damaged} It could not be copied aside (${(err as Error).message}), so it is left untouched ` +
        'and setting changes are not saved in this session. Fix or remove the file, then restart.';
      console.warn(problem);
      return new SettingsStore(path, loaded.file, { problem, readOnly: true });
    }
    const problem = `${damaged} Defaults are used for what could not be read; the original is kept as ${backupPath}.`;
    console.warn(problem);
    return new SettingsStore(path, loaded.file, { problem, backupPath });
  }

  /** The user's settings (a copy). */
  get(): AppSettings {
    return { ...this.file.settings };
  }

  /** The update check's bookkeeping (a copy). */
  updateState(): UpdateState {
    return structuredClone(this.file.updates);
  }

  /** Changes some settings and persists them; resolves once they are on disk (rejects on I/O error, nothing changed). */
  async set(patch: Partial<AppSettings>): Promise<AppSettings> {
    const checked: Partial<AppSettings> = {};
    for (const key of Object.keys(FIELD_SCHEMAS) as (keyof AppSettings)[])
      if (patch[key] !== undefined) checked[key] = v.parse(FIELD_SCHEMAS[key], patch[key]);
    await this.save((file) => ({ ...file, settings: { ...file.settings, ...checked } }));
    const now = this.get();
    for (const l of this.listeners) {
      try {
        l(now);
      } catch (err) {
        console.warn('A settings listener failed:', err);
      }
    }
    return now;
  }

  /** Changes the update bookkeeping and persists it (`undefined` values remove a field). */
  async setUpdateState(patch: Partial<UpdateState>): Promise<void> {
    await this.save((file) => {
      const next: UpdateState = { ...file.updates, ...patch };
      for (const key of Object.keys(next) as (keyof UpdateState)[])
        if (next[key] === undefined) delete next[key];
      return { ...file, updates: next };
    });
  }

  /** Calls `listener` after every settings change; returns the function that removes it. */
  onChange(listener: (settings: AppSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(change: (file: SettingsFile) => SettingsFile): Promise<void> {
    if (this.readOnly)
      return Promise.reject(
        new Error(`Settings are not saved: ${this.path} is damaged and could not be copied aside.`),
      );
    // One write at a time, in call order, each applied to the previous one's result; the
    // in-memory state changes only once the new file is on disk.
    const run = this.queue.then(async () => {
      const next = change(this.file);
      await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
      this.file = next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
