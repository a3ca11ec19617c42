/**
 * Project id discovery per region (§10.2): IAM `GET /v3/projects?name={region}`, as the official
 * SDK does for BasicCredentials. Never creates a project. Cached per region, with manual overrides.
 */
import type { IamListProjectsResult } from '../../../shared/ecs/types/iam';
import { ConfigError } from '../errors';

/** Lists IAM projects by name; the CloudClient's `call('iamListProjects', ...)` fits. */
export interface ProjectLister {
  call(
    id: 'iamListProjects',
    input: { query: { name: string } },
    opts?: { signal?: AbortSignal },
  ): Promise<IamListProjectsResult>;
}

/** Resolves and caches the project id of each region of one account. */
export class ProjectResolver {
  private readonly lister: ProjectLister;
  private readonly overrides = new Map<string, string>();
  private readonly cache = new Map<string, Promise<string>>();

  constructor(lister: ProjectLister, overrides: Record<string, string> = {}) {
    this.lister = lister;
    for (const [region, id] of Object.entries(overrides)) this.overrides.set(region, id);
  }

  /** Sets (or, with undefined, clears) the manual project id of a region; it wins over discovery. */
  setOverride(region: string, projectId: string | undefined): void {
    if (projectId === undefined || projectId === '') this.overrides.delete(region);
    else this.overrides.set(region, projectId);
    this.cache.delete(region);
  }

  /** Forgets the discovered ids (after the account's projects changed). */
  clear(): void {
    this.cache.clear();
  }

  /**
   * The project id for `region`: the override, else the one IAM project named exactly like the
   * region. Throws ConfigError when none or several match; failed look-ups are not cached.
   */
  resolve(region: string, signal?: AbortSignal): Promise<string> {
    const manual = this.overrides.get(region);
    if (manual !== undefined) return Promise.resolve(manual);
    let p = this.cache.get(region);
    if (!p) {
      p = this.discover(region, signal);
      this.cache.set(region, p);
      p.catch(() => this.cache.delete(region));
    }
    return p;
  }

  private async discover(region: string, signal?: AbortSignal): Promise<string> {
    const res = await this.lister.call(
      'iamListProjects',
      { query: { name: region } },
      signal ? { signal } : undefined,
    );
    const matches = (Array.isArray(res?.projects) ? res.projects : []).filter((p) => p.name === region);
    if (matches.length === 0)
      throw new ConfigError(
        `No IAM project named "${region}" was found for this account.`,
        'Enable the region in the console (IAM > Projects) or enter the project id manually in the account settings.',
      );
    if (matches.length > 1)
      throw new ConfigError(
        `Several IAM projects are named "${region}".`,
        'Enter the project id manually in the account settings.',
      );
    return matches[0]!.id;
  }
}
