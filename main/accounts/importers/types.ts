/** What every importer produces: raw candidates (secrets included, main process only) and problems. */
import type { ImportProblem, ImportSourceKind } from '../../../shared/accounts';

/** The region assumed when a source names none (the user can change it after import). */
export const FALLBACK_REGION = 'cn-north-4';

/** One account found in a source, secrets included (main process only). */
export interface RawCandidate {
  source: ImportSourceKind;
  origin: string;
  profileName: string;
  accessKeyId?: string;
  secretKey?: string;
  securityToken?: string;
  userName?: string;
  domainName?: string;
  password?: string;
  domainId?: string;
  region?: string;
  projectId?: string;
  iamEndpoint?: string;
  /** Why this profile cannot be imported (unsupported auth mode), if so. */
  unsupported?: string;
}

/** What one parser found: candidates and problems (file, line, what is wrong). */
export interface ParseResult {
  candidates: RawCandidate[];
  problems: ImportProblem[];
}

/** Where the importers look; every field defaults to the real environment. */
export interface ImportSources {
  env?: Record<string, string | undefined>;
  home?: string;
  cwd?: string;
  /** System-wide OpenStack folder, `/etc/openstack` by default. */
  etcOpenstack?: string;
}

/** A trimmed non-empty string (numbers as text), or undefined. */
export function nonEmpty(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
