/**
 * Semantic versions (semver.org 2.0.0) as far as the update check needs them: parsing a release
 * tag (`v1.2.3`, `1.2.3-beta.1`), precedence, and the GitHub repository of the app.
 */
import pkg from '../../package.json';

/** The repository releases are looked up in when package.json names none. */
export const DEFAULT_UPDATE_REPO = 'ecs-desktop/ecs-desktop';

/** A parsed version: numbers and pre-release identifiers (build metadata is ignored, as semver says). */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Parses `1.2.3`, `v1.2.3-rc.1+build`; undefined for anything else. */
export function parseVersion(text: string): SemVer | undefined {
  const m = SEMVER.exec(text.trim());
  if (!m) return undefined;
  const nums = [m[1], m[2], m[3]].map(Number);
  if (nums.some((n) => !Number.isSafeInteger(n))) return undefined;
  return {
    major: nums[0]!,
    minor: nums[1]!,
    patch: nums[2]!,
    prerelease: m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [],
  };
}

/** Semver precedence: negative when a < b, 0 when equal, positive when a > b. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] - b[k];
  // A pre-release sorts before its release; otherwise identifiers compare one by one.
  if (a.prerelease.length === 0 || b.prerelease.length === 0)
    return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** True when `candidate` is a valid version newer than `current` (false when either does not parse). */
export function isNewerVersion(candidate: string, current: string): boolean {
  const a = parseVersion(candidate);
  const b = parseVersion(current);
  return a !== undefined && b !== undefined && compareSemVer(a, b) > 0;
}

/**
 * `owner/repo` of a package.json `repository` field on GitHub (`owner/repo`, `github:owner/repo`,
 * `https://github.com/owner/repo(.git)`, `git+https://...`, or `{ url }`); undefined otherwise.
 */
export function githubRepoOf(repository: unknown): string | undefined {
  const raw =
    typeof repository === 'string'
      ? repository
      : typeof repository === 'object' && repository !== null
        ? (repository as { url?: unknown }).url
        : undefined;
  if (typeof raw !== 'string') return undefined;
  const name = '([A-Za-z0-9_.-]{1,100})';
  const text = raw
    .trim()
    .replace(/\/$/, '')
    .replace(/\.git$/, '');
  const m =
    new RegExp(`^(?:github:)?${name}/${name}$`).exec(text) ??
    new RegExp(`^(?:git\\+)?(?:https|git|ssh)://(?:git@)?github\\.com/${name}/${name}$`).exec(text) ??
    new RegExp(`^git@github\\.com:${name}/${name}$`).exec(text);
  if (!m || [m[1], m[2]].some((part) => part === '.' || part === '..')) return undefined;
  return `${m[1]}/${m[2]}`;
}

/** The repository the app's releases are published in: package.json's, else {@link DEFAULT_UPDATE_REPO}. */
export const UPDATE_REPO: string =
  githubRepoOf((pkg as { repository?: unknown }).repository) ?? DEFAULT_UPDATE_REPO;
