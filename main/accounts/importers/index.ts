/**
 * Import of existing credentials: environment variables, the Huawei Cloud SDK credentials file,
 * KooCLI profiles and OpenStack clouds.yaml (+ secure.yaml), one file per source format beside
 * this one. Preview first, then import the candidates the user picked.
 *
 * SECURITY: a preview carries no secret (only whether one is present); the secrets of the last
 * scan stay in this main-process object and go straight to the vault on import.
 */
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AccountView, ImportPreview, ImportSourceKind } from '../../../shared/accounts';
import { registerSecret } from '../../cloud/redact';
import type { AccountsService } from '../accounts.service';
import { toAddInput, toCandidateView } from './candidates';
import { fromEnvironment } from './environment';
import { parseKooCliConfig } from './koocli';
import { parseCloudsYaml } from './openstack';
import { parseSdkCredentials } from './sdk-credentials';
import { nonEmpty, type ImportSources, type ParseResult, type RawCandidate } from './types';

export { kindOf, toAddInput, toCandidateView } from './candidates';
export { fromEnvironment } from './environment';
export { parseKooCliConfig } from './koocli';
export { parseCloudsYaml } from './openstack';
export { IniError, parseIni, parseSdkCredentials, type IniSection } from './sdk-credentials';
export { FALLBACK_REGION, type ImportSources, type ParseResult, type RawCandidate } from './types';

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw err;
  }
}

/** The first existing file of `paths`, with its text. */
async function firstFile(paths: string[]): Promise<{ path: string; text: string } | undefined> {
  for (const path of paths) {
    const text = await readIfExists(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

/** Scans every source and returns the raw candidates (with secrets) and the problems found. */
export async function scanSources(sources: ImportSources = {}): Promise<ParseResult> {
  const env = sources.env ?? process.env;
  const home = sources.home ?? homedir();
  const cwd = sources.cwd ?? process.cwd();
  const etc = sources.etcOpenstack ?? '/etc/openstack';
  const out: ParseResult = { candidates: [], problems: [] };
  const add = (r: ParseResult): void => {
    out.candidates.push(...r.candidates);
    out.problems.push(...r.problems);
  };
  const guard = async (source: ImportSourceKind, origin: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      out.problems.push({ source, origin, message: `${origin}: cannot be read (${(err as Error).message})` });
    }
  };

  add(fromEnvironment(env));

  const sdkFile = nonEmpty(env.HUAWEICLOUD_SDK_CREDENTIALS_FILE) ?? join(home, '.huaweicloud', 'credentials');
  await guard('sdk-credentials', sdkFile, async () => {
    const text = await readIfExists(sdkFile);
    if (text !== undefined) add(parseSdkCredentials(text, sdkFile));
  });

  const kooFile = join(home, '.hcloud', 'config.json');
  await guard('koocli', kooFile, async () => {
    const text = await readIfExists(kooFile);
    if (text !== undefined) add(parseKooCliConfig(text, kooFile));
  });

  // openstacksdk's search order: $OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack, /etc/openstack;
  // the first clouds.yaml found wins, and likewise for secure.yaml.
  const dirs = [cwd, join(home, '.config', 'openstack'), etc];
  const cloudsPaths = [
    nonEmpty(env.OS_CLIENT_CONFIG_FILE),
    ...dirs.map((d) => join(d, 'clouds.yaml')),
  ].filter((p): p is string => p !== undefined);
  const securePaths = [
    nonEmpty(env.OS_CLIENT_SECURE_FILE),
    ...dirs.map((d) => join(d, 'secure.yaml')),
  ].filter((p): p is string => p !== undefined);
  await guard('openstack', cloudsPaths.join(', '), async () => {
    const clouds = await firstFile(cloudsPaths.map((p) => resolve(p)));
    if (!clouds) return;
    const secure = await firstFile(securePaths.map((p) => resolve(p)));
    add(
      parseCloudsYaml(
        { text: clouds.text, origin: clouds.path },
        secure ? { text: secure.text, origin: secure.path } : undefined,
      ),
    );
  });
  return out;
}

/** Result of importing selected candidates. */
export interface ImportResult {
  imported: AccountView[];
  failed: Array<{ candidateId: string; message: string }>;
}

/** Preview-then-import: holds the last scan's secrets in the main process until import or clear. */
export class AccountImporter {
  private candidates = new Map<string, RawCandidate>();

  constructor(
    private readonly accounts: AccountsService,
    private readonly sources: ImportSources = {},
  ) {}

  /** Scans every source; returns candidates without secrets and the problems found. */
  async preview(): Promise<ImportPreview> {
    const scan = await scanSources(this.sources);
    this.candidates = new Map();
    const views = scan.candidates.map((c, i) => {
      const id = `${c.source}-${i + 1}`;
      this.candidates.set(id, c);
      for (const s of [c.secretKey, c.securityToken, c.password]) registerSecret(s);
      return toCandidateView(c, id);
    });
    return { candidates: views, problems: scan.problems };
  }

  /** Imports the chosen candidates of the last preview (optionally renamed); secrets go to the vault. */
  async importSelected(selection: Array<{ candidateId: string; name?: string }>): Promise<ImportResult> {
    const result: ImportResult = { imported: [], failed: [] };
    for (const { candidateId, name } of selection) {
      const c = this.candidates.get(candidateId);
      if (!c) {
        result.failed.push({ candidateId, message: 'unknown candidate: scan again' });
        continue;
      }
      const input = toAddInput(c, name ?? toCandidateView(c, candidateId).suggestedName);
      if (typeof input === 'string') {
        result.failed.push({ candidateId, message: input });
        continue;
      }
      try {
        result.imported.push(await this.accounts.add(input));
      } catch (err) {
        result.failed.push({ candidateId, message: (err as Error).message });
      }
    }
    return result;
  }

  /** Drops the secrets of the last scan from memory (call when the import dialog closes). */
  clear(): void {
    this.candidates.clear();
  }
}
