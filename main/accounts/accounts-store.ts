/**
 * The accounts file: `accounts.json` in the app's data folder, a versioned JSON document of
 * non-secret account profiles, written atomically and validated on load.
 *
 * SECURITY: this file never holds a secret key, token or password (they live in the vault); the
 * schema (shared/accounts-schema.ts) has no field for one, so an unknown `sk` or `password` key is
 * dropped on load.
 */
import { SANDBOX_REGION } from '../../shared/accounts';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { SANDBOX_ACCOUNT_ID } from '../../shared/accounts';
import { AccountProfileSchema } from '../../shared/accounts-schema';
import { AppError } from '../app-error';
import { removeStaleTemps, writeFileAtomic } from './atomic-file';
import { describeJsonError } from './json-error';

/** The format version this code reads and writes. */
export const ACCOUNTS_FILE_VERSION = 1;

/** The accounts file name inside the data folder. */
export const ACCOUNTS_FILE_NAME = 'accounts.json';

// The simulator's region, shared with main/sandbox/seed.ts so the two cannot drift.
export { SANDBOX_REGION };

// The profile schema is shared with the IPC layer and the accounts service (one set of limits).
export { AccountProfileSchema };

/** One account profile (no secrets). */
export type AccountProfile = v.InferOutput<typeof AccountProfileSchema>;

/** The whole accounts file. */
export const AccountsFileSchema = v.object({
  version: v.literal(ACCOUNTS_FILE_VERSION),
  defaultAccountId: v.nullable(v.string()),
  accounts: v.array(AccountProfileSchema),
});

/** The whole accounts file, parsed. */
export type AccountsFileData = v.InferOutput<typeof AccountsFileSchema>;

/** The accounts file is unreadable, corrupt or of an unknown version; the original is kept as a backup. */
export class AccountsFileError extends AppError {
  /** The file that could not be loaded. */
  readonly file: string;
  /** Where a copy of it was kept, when one was made. */
  readonly backupFile?: string;

  constructor(file: string, problem: string, backupFile?: string, cause?: unknown) {
    super(
      'CONFIG',
      `The accounts file ${file} could not be loaded: ${problem}.${backupFile ? ` A copy was kept as ${backupFile}.` : ''}`,
      {
        cause,
        hint: 'Nothing was changed or reset. Fix or restore the file and restart, or choose to start with a fresh accounts file (the copy stays).',
      },
    );
    this.file = file;
    if (backupFile !== undefined) this.backupFile = backupFile;
  }
}

/** The profile of the built-in Sandbox account (the simulator). */
export function sandboxProfile(now = new Date()): AccountProfile {
  return {
    id: SANDBOX_ACCOUNT_ID,
    name: 'Sandbox',
    kind: 'aksk',
    builtin: true,
    defaultRegion: SANDBOX_REGION,
    regions: [SANDBOX_REGION],
    projects: {},
    endpoints: {},
    label: 'Simulator',
    order: 0,
    hidden: false,
    storedSecrets: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** A fresh accounts file: only the Sandbox account, which is the default. */
export function emptyAccountsFile(): AccountsFileData {
  return {
    version: ACCOUNTS_FILE_VERSION,
    defaultAccountId: SANDBOX_ACCOUNT_ID,
    accounts: [sandboxProfile()],
  };
}

/**
 * Formats valibot issues as `accounts[2].defaultRegion: must be ...` lines. Never quotes a value:
 * valibot's default messages end in "but received <the value>", which is cut (the text may be a
 * pasted file with a secret in it), and keys are shortened.
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], max = 5): string {
  const lines = issues.slice(0, max).map((issue) => {
    const path = (issue.path ?? [])
      .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key).slice(0, 64)}`))
      .join('')
      .replace(/^\./, '');
    return `${path || '(top level)'}: ${issue.message.replace(/ but received [\s\S]*$/, '')}`;
  });
  if (issues.length > max) lines.push(`and ${issues.length - max} more`);
  return lines.join('; ');
}

/** Checks what the schema cannot: unique ids, a Sandbox account, a default that exists. */
function normalize(data: AccountsFileData): AccountsFileData {
  const seen = new Set<string>();
  for (const a of data.accounts) {
    if (seen.has(a.id)) throw new Error(`two accounts have the id ${JSON.stringify(a.id)}`);
    seen.add(a.id);
  }
  const accounts = [...data.accounts];
  // The Sandbox account always exists: an older or hand-edited file without it gets it back.
  if (!seen.has(SANDBOX_ACCOUNT_ID)) accounts.unshift(sandboxProfile());
  const sandbox = accounts.find((a) => a.id === SANDBOX_ACCOUNT_ID);
  if (sandbox) sandbox.builtin = true;
  const defaultAccountId =
    data.defaultAccountId !== null && accounts.some((a) => a.id === data.defaultAccountId)
      ? data.defaultAccountId
      : SANDBOX_ACCOUNT_ID;
  return { version: ACCOUNTS_FILE_VERSION, defaultAccountId, accounts };
}

/** Parses and validates the text of an accounts file; throws an Error naming the problem. */
export function parseAccountsFile(text: string): AccountsFileData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The message says where, never what: V8's own message would quote the file.
    throw new Error(describeJsonError(text));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error('it does not hold a JSON object');
  const version = (json as Record<string, unknown>).version;
  if (version === undefined) throw new Error('it has no "version" field');
  if (version !== ACCOUNTS_FILE_VERSION) {
    if (typeof version === 'number' && version > ACCOUNTS_FILE_VERSION)
      throw new Error(
        `it was written by a newer version of ECS Desktop (format version ${version}; this version reads ${ACCOUNTS_FILE_VERSION})`,
      );
    throw new Error(`it has an unknown format version ${JSON.stringify(version)}`);
  }
  const result = v.safeParse(AccountsFileSchema, json);
  if (!result.success) throw new Error(`its content is invalid: ${describeIssues(result.issues)}`);
  return normalize(result.output);
}

/** Loads and saves `accounts.json` in one data folder; saves are serialized and atomic. */
export class AccountsStore {
  /** Absolute path of the accounts file. */
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = join(dataDir, ACCOUNTS_FILE_NAME);
  }

  /**
   * Reads the file; a missing file gives a fresh one (Sandbox only, not written until the first
   * save). Throws AccountsFileError for an unreadable, corrupt or unknown-version file, after
   * copying it to `accounts.json.corrupt-<timestamp>`; the original stays in place.
   */
  async load(): Promise<AccountsFileData> {
    await removeStaleTemps(this.file);
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyAccountsFile();
      throw new AccountsFileError(this.file, `it cannot be read (${(err as Error).message})`, undefined, err);
    }
    try {
      return parseAccountsFile(text);
    } catch (err) {
      const backup = await this.backup();
      throw new AccountsFileError(this.file, (err as Error).message, backup, err);
    }
  }

  /** Validates `data` and replaces the file atomically; concurrent saves run one after another. */
  save(data: AccountsFileData): Promise<void> {
    const run = async (): Promise<void> => {
      const checked = v.safeParse(AccountsFileSchema, data);
      if (!checked.success)
        throw new Error(`Refusing to write an invalid accounts file: ${describeIssues(checked.issues)}`);
      await writeFileAtomic(this.file, `${JSON.stringify(checked.output, null, 2)}\n`);
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * The user's explicit choice after a load error: keeps a backup of the bad file (if not already
   * kept) and writes a fresh file with only the Sandbox account.
   */
  async resetAfterCorruption(): Promise<AccountsFileData> {
    await this.backup();
    const fresh = emptyAccountsFile();
    await this.save(fresh);
    return fresh;
  }

  private async backup(): Promise<string | undefined> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = `${this.file}.corrupt-${stamp}`;
    try {
      const bytes = await fs.readFile(this.file);
      // Keep one copy per distinct content: repeated starts must not pile up identical backups.
      const dir = join(this.file, '..');
      for (const name of await fs.readdir(dir)) {
        if (!name.startsWith(`${ACCOUNTS_FILE_NAME}.corrupt-`)) continue;
        const other = await fs.readFile(join(dir, name)).catch(() => undefined);
        if (other?.equals(bytes)) return join(dir, name);
      }
      await fs.copyFile(this.file, target);
      // SECURITY: copyFile keeps the source's mode, which an older version may have left loose.
      await fs.chmod(target, 0o600);
      return target;
    } catch {
      return undefined;
    }
  }
}
