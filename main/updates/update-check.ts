/**
 * The update check: at most once a day (the last attempt's time is persisted in the settings
 * file), ask GitHub's releases API for the latest release of {@link UPDATE_REPO}, compare it with
 * the running version, and publish a quiet notice with a link to the release page. The off switch
 * (`updateCheck` in the settings) stops every request. The HTTP transport is injected: tests give
 * an undici MockAgent, and the browser harness builds no checker at all, so no test calls out.
 *
 * What full auto-install would take (not done here, on purpose):
 * - Code signing: an Apple Developer ID certificate plus notarization (notarytool, hardened
 *   runtime, entitlements) for macOS, whose Squirrel.Mac updater refuses unsigned updates; an
 *   Authenticode certificate (EV or a cloud HSM signing service) for the Windows NSIS installer,
 *   or SmartScreen warns on every update. Linux AppImage updates need no signature but should
 *   be verified (the feed's sha512).
 * - electron-updater (electron-builder's runtime) in main, with `publish` in the builder config so
 *   every release uploads `latest.yml` / `latest-mac.yml` / `latest-linux.yml` next to the
 *   artifacts: that file is the feed (version, files, sha512, release date).
 * - A release pipeline that holds the signing secrets (CSC_LINK, APPLE_ID / API key for
 *   notarization, Windows signing credentials) and publishes the GitHub release with the feed.
 * - UI for download progress, "restart to update", and the same off switch; deb/rpm installs
 *   cannot self-update and would keep this notice (their package manager updates them).
 */
import type { UpdateNotice, UpdateStatus } from '../../shared/ipc/contract';
import { Transport, type HttpTransport } from '../cloud/http';
import { isAllowedExternalUrl } from '../security';
import type { ReleaseSeen, SettingsStore } from '../settings/settings-store';
import { isNewerVersion, parseVersion, UPDATE_REPO } from './version';

/** Shortest time between two checks (one day). */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** A check waits this long after start, so it never slows the app's start-up. */
export const START_DELAY_MS = 30_000;
/** A check that has not answered after this long is abandoned. */
const TIMEOUT_MS = 20_000;

/** Timer functions, injectable so tests drive time. */
export interface UpdateClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link UpdateChecker}. */
export interface UpdateCheckerOptions {
  settings: SettingsStore;
  /** The running app's version (package.json's, `app.getVersion()` in Electron). */
  currentVersion: string;
  /** Sends the request (the app's undici Transport; tests: one over a MockAgent). */
  transport: HttpTransport;
  /** `owner/repo` (default {@link UPDATE_REPO}). */
  repo?: string;
  /** The API origin (default https://api.github.com; tests may point it at a local server). */
  apiOrigin?: string;
  clock?: UpdateClock;
  /** Delay of the first check after {@link UpdateChecker.start} (default {@link START_DELAY_MS}). */
  startDelayMs?: number;
  /** Called once by {@link UpdateChecker.dispose} (closes a transport built for the checker). */
  onDispose?: () => Promise<void>;
}

const realClock: UpdateClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending check must never keep the process alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What one request to the releases API found. */
type CheckOutcome = { release?: ReleaseSeen; error?: string };

/** The GitHub release fields we read (everything else is ignored). */
interface GitHubRelease {
  tag_name?: unknown;
  html_url?: unknown;
  name?: unknown;
  published_at?: unknown;
  draft?: unknown;
  prerelease?: unknown;
}

/** Checks for a newer release at most once a day and reports it as an {@link UpdateStatus}. */
export class UpdateChecker {
  private readonly clock: UpdateClock;
  private readonly repo: string;
  private readonly apiOrigin: string;
  private timer: unknown;
  private running: Promise<UpdateStatus> | undefined;
  private lastError: string | undefined;
  private readonly listeners = new Set<(status: UpdateStatus) => void>();
  private offSettings: (() => void) | undefined;
  private disposed = false;
  private abort: AbortController | undefined;

  constructor(private readonly opts: UpdateCheckerOptions) {
    this.clock = opts.clock ?? realClock;
    this.repo = opts.repo ?? UPDATE_REPO;
    this.apiOrigin = opts.apiOrigin ?? 'https://api.github.com';
  }

  /** Schedules the first check (when due) and follows the off switch. */
  start(): void {
    this.offSettings ??= this.opts.settings.onChange((s) => {
      if (!s.updateCheck) this.abort?.abort();
      this.schedule(this.opts.startDelayMs ?? START_DELAY_MS);
      this.emit();
    });
    this.schedule(this.opts.startDelayMs ?? START_DELAY_MS);
  }

  /** The current state, for `updates.status`. */
  status(): UpdateStatus {
    const enabled = this.opts.settings.get().updateCheck;
    const state = this.opts.settings.updateState();
    const status: UpdateStatus = { enabled, checking: this.running !== undefined };
    if (state.lastCheckAt !== undefined) status.lastCheckAt = new Date(state.lastCheckAt).toISOString();
    if (enabled && this.lastError !== undefined) status.lastError = this.lastError;
    const latest = state.latest;
    if (
      enabled &&
      latest &&
      latest.version !== state.dismissedVersion &&
      isNewerVersion(latest.version, this.opts.currentVersion)
    ) {
      const notice: UpdateNotice = {
        version: latest.version,
        currentVersion: this.opts.currentVersion,
        url: latest.url,
      };
      if (latest.name !== undefined) notice.name = latest.name;
      if (latest.publishedAt !== undefined) notice.publishedAt = latest.publishedAt;
      status.available = notice;
    }
    return status;
  }

  /** Adds a listener of status changes; returns the function that removes it. */
  subscribe(listener: (status: UpdateStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Checks now: `force` (the "Check now" button) ignores the once-a-day limit, never the off
   * switch. Resolves with the new status; never rejects (a failure is `lastError`).
   */
  check(opts: { force?: boolean } = {}): Promise<UpdateStatus> {
    if (this.running) return this.running;
    if (this.disposed || !this.opts.settings.get().updateCheck) return Promise.resolve(this.status());
    if (!opts.force && !this.isDue()) return Promise.resolve(this.status());
    const run = (async () => {
      try {
        // The attempt counts, successful or not: a failing network is not asked again before tomorrow.
        await this.opts.settings.setUpdateState({ lastCheckAt: this.clock.now() });
        this.emit();
        const outcome = await this.request();
        this.lastError = outcome.error;
        if (outcome.release) await this.opts.settings.setUpdateState({ latest: outcome.release });
        else if (!outcome.error) await this.opts.settings.setUpdateState({ latest: undefined });
      } catch (err) {
        this.lastError = `The result could not be saved: ${(err as Error).message}`;
      } finally {
        this.running = undefined;
      }
      this.emit();
      this.schedule(CHECK_INTERVAL_MS);
      return this.status();
    })();
    this.running = run;
    return run;
  }

  /** Hides the notice of `version` for good (a newer release shows again). */
  async dismiss(version: string): Promise<UpdateStatus> {
    await this.opts.settings.setUpdateState({ dismissedVersion: version });
    this.emit();
    return this.status();
  }

  /** Stops the timer and any request in flight; idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.offSettings?.();
    this.abort?.abort();
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    await this.opts.onDispose?.();
  }

  private isDue(): boolean {
    const last = this.opts.settings.updateState().lastCheckAt;
    const now = this.clock.now();
    // A last check "in the future" means the clock was set back: do not wait for it.
    return last === undefined || now - last >= CHECK_INTERVAL_MS || last > now;
  }

  /** Arms the next check: `minDelay` from now, or later when the last one was less than a day ago. */
  private schedule(minDelay: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || !this.opts.settings.get().updateCheck) return;
    const last = this.opts.settings.updateState().lastCheckAt;
    const now = this.clock.now();
    const untilDue = last === undefined || last > now ? 0 : last + CHECK_INTERVAL_MS - now;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        void this.check();
      },
      Math.max(minDelay, untilDue),
    );
  }

  private emit(): void {
    const status = this.status();
    for (const l of this.listeners) {
      try {
        l(status);
      } catch (err) {
        console.warn('An update listener failed:', err);
      }
    }
  }

  private async request(): Promise<CheckOutcome> {
    const url = new URL(`${this.apiOrigin}/repos/${this.repo}/releases/latest`);
    this.abort = new AbortController();
    const timeout = this.clock.setTimeout(() => this.abort?.abort(), TIMEOUT_MS);
    try {
      const res = await this.opts.transport.send(
        {
          method: 'GET',
          url,
          headers: {
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
            // GitHub refuses API requests without a User-Agent.
            'user-agent': `ECS-Desktop/${this.opts.currentVersion}`,
          },
        },
        { signal: this.abort.signal, operation: 'updateCheck' },
      );
      // 404: the repository has no published release yet; nothing to announce, nothing wrong.
      if (res.status === 404) return {};
      if (res.status === 403 || res.status === 429)
        return {
          error: `GitHub refused the request for now (HTTP ${res.status}, rate limit); it is tried again tomorrow.`,
        };
      if (res.status !== 200) return { error: `GitHub answered HTTP ${res.status}.` };
      let body: GitHubRelease;
      try {
        body = JSON.parse(res.body.toString('utf8')) as GitHubRelease;
      } catch {
        return { error: 'GitHub answered with something that is not JSON.' };
      }
      return this.releaseOf(body);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { error: `The update check could not reach GitHub: ${message}` };
    } finally {
      this.clock.clearTimeout(timeout);
      this.abort = undefined;
    }
  }

  private releaseOf(body: GitHubRelease): CheckOutcome {
    if (typeof body !== 'object' || body === null || body.draft === true || body.prerelease === true)
      return {};
    const tag = typeof body.tag_name === 'string' ? body.tag_name : '';
    if (!parseVersion(tag))
      return { error: `The latest release's tag "${tag.slice(0, 64)}" is not a version.` };
    const fallback = `https://github.com/${this.repo}/releases/latest`;
    // SECURITY: the link the renderer shows is opened by the OS browser: only github.com pages.
    const html = typeof body.html_url === 'string' ? body.html_url : '';
    const url =
      isAllowedExternalUrl(html) && new URL(html).hostname === 'github.com' && html.length <= 2048
        ? html
        : fallback;
    const release: ReleaseSeen = { version: tag.replace(/^v/, ''), url };
    if (typeof body.name === 'string' && body.name.trim() !== '')
      release.name = body.name.trim().slice(0, 200);
    if (typeof body.published_at === 'string' && !Number.isNaN(Date.parse(body.published_at)))
      release.publishedAt = new Date(body.published_at).toISOString();
    return { release };
  }
}

/** Options of {@link createUpdateChecker}: the checker's, with the transport optional. */
export type CreateUpdateCheckerOptions = Omit<UpdateCheckerOptions, 'transport' | 'onDispose'> & {
  transport?: HttpTransport;
  /** Environment read for HTTPS_PROXY / NO_PROXY when the transport is built here. */
  env?: Record<string, string | undefined>;
};

/** Builds a checker; without a transport it gets its own undici one (closed by `dispose`) that honours the proxy settings. */
export function createUpdateChecker(opts: CreateUpdateCheckerOptions): UpdateChecker {
  const { env, transport, ...rest } = opts;
  if (transport) return new UpdateChecker({ ...rest, transport });
  const own = new Transport({
    proxy: 'env',
    env: env ?? {},
    connections: 1,
    headersTimeoutMs: TIMEOUT_MS,
    bodyTimeoutMs: TIMEOUT_MS,
  });
  return new UpdateChecker({ ...rest, transport: own, onDispose: () => own.close().catch(() => undefined) });
}
