import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../shared/ipc/contract';
import { Transport } from '../../main/cloud/http';
import { SettingsStore } from '../../main/settings/settings-store';
import { CHECK_INTERVAL_MS, UpdateChecker, type UpdateClock } from '../../main/updates/update-check';
import { compareSemVer, githubRepoOf, isNewerVersion, parseVersion } from '../../main/updates/version';

const API = 'https://api.github.com';
const PATH = '/repos/acme/ecs-desktop/releases/latest';
const START = Date.UTC(2026, 5, 1, 9, 0, 0);

/** A manual clock: timers fire only when the test advances it. */
class ManualClock implements UpdateClock {
  t = START;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  /** Moves time forward, firing the timers that come due. */
  advance(ms: number) {
    this.t += ms;
    for (const due of this.timers.filter((x) => x.at <= this.t)) {
      this.clearTimeout(due.id);
      due.fn();
    }
  }
  pending() {
    return this.timers.map((x) => x.at - this.t);
  }
}

let dir: string;
let agent: MockAgent;
let clock: ManualClock;
let requests: { path: string; headers: Record<string, string> }[];
const checkers: UpdateChecker[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'update-test-'));
  agent = new MockAgent();
  // SECURITY of the test run: nothing may leave this process.
  agent.disableNetConnect();
  clock = new ManualClock();
  requests = [];
});
afterEach(async () => {
  for (const c of checkers.splice(0)) await c.dispose();
  await agent.close();
  await rm(dir, { recursive: true, force: true });
});

function release(tag: string, over: Record<string, unknown> = {}) {
  return {
    tag_name: tag,
    name: `ECS Desktop ${tag}`,
    html_url: `https://github.com/acme/ecs-desktop/releases/tag/${tag}`,
    published_at: '2026-05-30T12:00:00Z',
    draft: false,
    prerelease: false,
    assets: [],
    ...over,
  };
}

/** Answers the next request with `status` and `body` (JSON), recording what was asked. */
function reply(status: number, body: unknown = {}) {
  agent
    .get(API)
    .intercept({ path: PATH, method: 'GET' })
    .reply(status, (opts) => {
      requests.push({ path: opts.path, headers: opts.headers as Record<string, string> });
      return typeof body === 'string' ? body : JSON.stringify(body);
    });
}

async function checker(currentVersion = '1.2.0', settings?: SettingsStore) {
  const store = settings ?? (await SettingsStore.open(dir, clock.now));
  const c = new UpdateChecker({
    settings: store,
    currentVersion,
    transport: new Transport({ dispatcher: agent }),
    repo: 'acme/ecs-desktop',
    clock,
    startDelayMs: 1000,
  });
  checkers.push(c);
  const events: UpdateStatus[] = [];
  c.subscribe((s) => events.push(s));
  return { c, store, events };
}

describe('versions', () => {
  it('parses tags and orders them by semver precedence', () => {
    expect(parseVersion('v1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseVersion('1.2')).toBeUndefined();
    expect(parseVersion('01.2.3')).toBeUndefined();
    const order = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 1; i < order.length; i++)
      expect(compareSemVer(parseVersion(order[i - 1]!)!, parseVersion(order[i]!)!), order[i]).toBeLessThan(0);
    expect(isNewerVersion('v0.2.0', '0.1.0')).toBe(true);
    expect(isNewerVersion('0.1.0+build.5', '0.1.0')).toBe(false);
    expect(isNewerVersion('garbage', '0.1.0')).toBe(false);
  });

  it('finds owner/repo in the usual package.json repository forms', () => {
    for (const form of [
      'acme/ecs-desktop',
      'github:acme/ecs-desktop',
      'https://github.com/acme/ecs-desktop',
      'git+https://github.com/acme/ecs-desktop.git',
      'git@github.com:acme/ecs-desktop.git',
      { type: 'git', url: 'https://github.com/acme/ecs-desktop.git' },
    ])
      expect(githubRepoOf(form), JSON.stringify(form)).toBe('acme/ecs-desktop');
    expect(githubRepoOf('https://gitlab.com/acme/ecs-desktop')).toBeUndefined();
    expect(githubRepoOf('../../etc')).toBeUndefined();
    expect(githubRepoOf(undefined)).toBeUndefined();
  });
});

describe('the update check', () => {
  it('announces a newer release with a github.com link, and sends GitHub the headers it wants', async () => {
    reply(200, release('v1.3.0'));
    const { c, events } = await checker('1.2.0');
    const status = await c.check();
    expect(status.available).toEqual({
      version: '1.3.0',
      currentVersion: '1.2.0',
      url: 'https://github.com/acme/ecs-desktop/releases/tag/v1.3.0',
      name: 'ECS Desktop v1.3.0',
      publishedAt: '2026-05-30T12:00:00.000Z',
    });
    expect(status.lastCheckAt).toBe(new Date(START).toISOString());
    expect(status.lastError).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers).toMatchObject({
      accept: 'application/vnd.github+json',
      'user-agent': 'ECS-Desktop/1.2.0',
    });
    expect(events.at(-1)?.available?.version).toBe('1.3.0');
  });

  it('announces nothing for the same or an older version', async () => {
    reply(200, release('v1.2.0'));
    const same = await checker('1.2.0');
    expect((await same.c.check()).available).toBeUndefined();
    clock.t += CHECK_INTERVAL_MS;
    reply(200, release('1.1.9'));
    expect((await same.c.check()).available).toBeUndefined();
    expect(requests).toHaveLength(2);
  });

  it('reports a network error in plain words, counts the attempt, and waits a day before the next', async () => {
    agent
      .get(API)
      .intercept({ path: PATH, method: 'GET' })
      .replyWithError(new Error('getaddrinfo ENOTFOUND api.github.com'));
    const { c, store } = await checker();
    const status = await c.check();
    expect(status.available).toBeUndefined();
    expect(status.lastError).toMatch(/^The update check could not reach GitHub: /);
    expect(store.updateState().lastCheckAt).toBe(START);
    // Not due again before a day has passed, even after a restart.
    reply(200, release('v1.3.0'));
    const restarted = await checker('1.2.0', await SettingsStore.open(dir));
    expect((await restarted.c.check()).available).toBeUndefined();
    expect(requests).toHaveLength(0);
    expect(agent.pendingInterceptors()).toHaveLength(1);
    clock.t += CHECK_INTERVAL_MS;
    expect((await restarted.c.check()).available?.version).toBe('1.3.0');
  });

  it('treats a rate limit, a server error, a non-JSON body and a bad tag as failures, and 404 as no release', async () => {
    const { c } = await checker();
    const cases: [number, unknown, RegExp | undefined][] = [
      [403, { message: 'API rate limit exceeded' }, /rate limit/],
      [502, 'Bad gateway', /HTTP 502/],
      [200, '<html>', /not JSON/],
      [200, release('latest'), /tag "latest" is not a version/],
      [404, { message: 'Not Found' }, undefined],
    ];
    for (const [status, body, error] of cases) {
      reply(status, body);
      const s = await c.check({ force: true });
      if (error) expect(s.lastError, String(status)).toMatch(error);
      else expect(s.lastError).toBeUndefined();
      expect(s.available).toBeUndefined();
    }
    expect(requests).toHaveLength(5);
  });

  it('links to the releases page when GitHub names a page outside github.com', async () => {
    reply(200, release('v9.0.0', { html_url: 'https://evil.example/download' }));
    const { c } = await checker();
    expect((await c.check()).available?.url).toBe('https://github.com/acme/ecs-desktop/releases/latest');
  });

  it('asks nothing while the off switch is set, and stops a scheduled check when it is set', async () => {
    const { c, store } = await checker();
    c.start();
    expect(clock.pending()).toEqual([1000]);
    await store.set({ updateCheck: false });
    expect(clock.pending()).toEqual([]);
    clock.advance(CHECK_INTERVAL_MS * 3);
    const status = await c.check({ force: true });
    expect(status.enabled).toBe(false);
    expect(requests).toHaveLength(0);
    expect(store.updateState().lastCheckAt).toBeUndefined();
  });

  it('checks at most once a day: shortly after start, then every 24 hours, surviving restarts', async () => {
    const { c } = await checker();
    reply(200, release('v1.2.0'));
    c.start();
    clock.advance(999);
    expect(requests).toHaveLength(0);
    clock.advance(1);
    // The next check is armed once this one has finished.
    await vi.waitFor(() => expect(clock.pending()).toEqual([CHECK_INTERVAL_MS]));
    expect(requests).toHaveLength(1);
    // A restart an hour later schedules the next check for when the day is over, not at once.
    clock.advance(3_600_000);
    await c.dispose();
    const restarted = await checker('1.2.0', await SettingsStore.open(dir));
    restarted.c.start();
    expect(restarted.c.status().checking).toBe(false);
    expect(clock.pending()).toEqual([CHECK_INTERVAL_MS - 3_600_000]);
    reply(200, release('v1.4.0'));
    clock.advance(CHECK_INTERVAL_MS - 3_600_000);
    await vi.waitFor(() => expect(restarted.c.status().available?.version).toBe('1.4.0'));
    expect(requests).toHaveLength(2);
    expect(restarted.events.at(-1)?.available?.version).toBe('1.4.0');
  });

  it('keeps a dismissed version hidden across restarts, shows a newer one, and forgets it after an upgrade', async () => {
    reply(200, release('v1.3.0'));
    const { c } = await checker('1.2.0');
    await c.check();
    expect((await c.dismiss('1.3.0')).available).toBeUndefined();
    const restarted = await checker('1.2.0', await SettingsStore.open(dir));
    expect(restarted.c.status().available).toBeUndefined();
    reply(200, release('v1.4.0'));
    expect((await restarted.c.check({ force: true })).available?.version).toBe('1.4.0');
    // After upgrading to 1.4.0 the stored release is not newer any more.
    const upgraded = await checker('1.4.0', await SettingsStore.open(dir));
    expect(upgraded.c.status().available).toBeUndefined();
  });
});
