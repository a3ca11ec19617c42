/// <reference lib="dom" />
/**
 * The first run in Chromium through the browser harness: the welcome on the Sandbox, the import
 * of the profiles found in a temporary HOME (a ~/.huaweicloud/credentials fixture) with a preview
 * and the user's consent, the dismissal that persists across reloads, the About & settings dialog,
 * the update notice (GitHub answered by an undici MockAgent: nothing leaves the machine), and the
 * reveal of a job after a notification click.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/ipc/contract';
import { Transport } from '../../main/cloud/http';
import { startHarness, type Harness } from '../harness/server';
import { seriousViolations } from './axe';
import { launchBrowser } from './browser';
import { ARTIFACTS, requireBuiltRenderer } from './app';

const fixture = join(import.meta.dirname, '../fixtures/import/sdk/credentials');
/** Secret values of the fixture: none may ever reach the page. */
const SECRETS = [
  'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  'globalSecretKeyValue0000000000000000001',
  'tempSecretKeyValue0000000000000000001',
  'gQpjbi1ub3J0aC00ToKEN-fake-token-value',
];

let browser: Browser;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  requireBuiltRenderer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const fn of cleanup.reverse()) await fn();
});

/** A harness whose importer looks only inside a fresh temporary HOME (with the SDK credentials fixture if asked). */
async function harnessWith(opts: {
  credentials: boolean;
  dataDir?: string;
  extra?: object;
}): Promise<Harness> {
  const home = await mkdtemp(join(tmpdir(), 'welcome-home-'));
  cleanup.push(() => rm(home, { recursive: true, force: true }));
  if (opts.credentials) {
    await mkdir(join(home, '.huaweicloud'), { mode: 0o700 });
    await copyFile(fixture, join(home, '.huaweicloud', 'credentials'));
  }
  const harness = await startHarness({
    servers: 3,
    speed: 50,
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    services: {
      importSources: { home, cwd: home, etcOpenstack: join(home, 'etc-openstack') },
      ...opts.extra,
    },
  });
  cleanup.push(() => harness.close());
  return harness;
}

async function open(harness: Harness, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, colorScheme: scheme });
  await page.goto(harness.url);
  await page.getByRole('grid', { name: 'Servers' }).locator('.grid-body [role=row]').first().waitFor();
  return page;
}

const welcome = (page: Page) => page.getByRole('region', { name: 'Welcome to ECS Desktop' });

/** Presses Tab until `name` has the focus (at most 60 times): keyboard-only navigation. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
    });
    if (name.test(label)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

describe('first run: the welcome and the import of detected profiles', () => {
  it('previews the profiles of ~/.huaweicloud/credentials and imports only the ones picked, by keyboard', async () => {
    const harness = await harnessWith({ credentials: true });
    const page = await open(harness);
    await welcome(page).waitFor();
    expect(await welcome(page).textContent()).toContain('Sandbox');
    await expect.poll(() => welcome(page).getByTestId('welcome-found').textContent()).toContain('4 profiles');
    const importButton = welcome(page).getByRole('button', { name: 'Import 3 profiles found…' });
    await importButton.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'welcome-light.png') });

    // Keyboard only: Tab to the button, Enter opens the preview.
    await tabTo(page, /^Import 3 profiles found/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Import profiles found on this machine' });
    await dialog.waitFor();
    const rows = dialog.getByRole('table', { name: 'Profiles found' }).locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const text = (await rows.allTextContents()).join('\n');
    for (const expected of [
      'basic (sdk-credentials)',
      'Permanent AK/SK',
      'QTWA****KYUC',
      'cn-north-4',
      'Temporary AK/SK',
      'ap-southeast-1',
      'no region given: cn-north-4 will be used',
      'Cannot import',
      'no secret key in the source',
    ])
      expect(text).toContain(expected);
    expect(await dialog.getByRole('checkbox', { name: 'Import half (sdk-credentials)' }).isDisabled()).toBe(
      true,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'welcome-import-light.png') });

    // Leave "global" out: focus its checkbox with Tab and toggle it with Space.
    await tabTo(page, /^Import global/);
    await page.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Import 2 selected' }).waitFor();
    expect(await harness.services.accounts.list()).toHaveLength(1);
    await tabTo(page, /^Import 2 selected$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Imported 2 accounts');

    const accounts = await harness.services.accounts.list();
    expect(accounts.map((a) => a.name).sort()).toEqual([
      'Sandbox',
      'basic (sdk-credentials)',
      'temporary (sdk-credentials)',
    ]);
    // The secrets went to the vault, straight from the file.
    const basic = accounts.find((a) => a.name.startsWith('basic'))!;
    expect(await harness.services.accounts.getCredentials(basic.id)).toMatchObject({ secretKey: SECRETS[0] });
    const html = await page.content();
    for (const secret of SECRETS) expect(html).not.toContain(secret);

    await page.keyboard.press('Enter'); // the focused Close button
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => welcome(page).count()).toBe(0);
    await expect
      .poll(() => page.getByRole('region', { name: 'Accounts' }).getByRole('button').allTextContents())
      .toEqual(expect.arrayContaining(['basic (sdk-credentials)', 'temporary (sdk-credentials)']));
    // Remembered: it does not come back, even if the accounts go away again.
    await expect
      .poll(async () => JSON.parse(await readFile(join(harness.services.dataDir, 'settings.json'), 'utf8')))
      .toMatchObject({ settings: { welcomeDismissed: true } });
    for (const a of await harness.services.accounts.list())
      if (!a.builtin) await harness.services.accounts.remove(a.id);
    await page.reload();
    await page.getByRole('grid', { name: 'Servers' }).locator('.grid-body [role=row]').first().waitFor();
    expect(
      await page
        .getByRole('region', { name: 'Accounts' })
        .getByRole('button', { name: /^basic/ })
        .count(),
    ).toBe(0);
    expect(await welcome(page).count()).toBe(0);
    await page.close();
  });

  it('is dismissed with "Just explore the Sandbox", stays dismissed after a reload, and passes axe in dark', async () => {
    const harness = await harnessWith({ credentials: false });
    const page = await open(harness, 'dark');
    await welcome(page).waitFor();
    // Nothing found on this machine: no import button.
    expect(
      await welcome(page)
        .getByRole('button', { name: /profiles? found/ })
        .count(),
    ).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'welcome-dark.png') });

    await tabTo(page, /^Just explore the Sandbox$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => welcome(page).count()).toBe(0);
    // The focus went to the pane below, not to the page.
    expect(await page.evaluate(() => !!document.activeElement?.closest('.main-pane'))).toBe(true);
    await page.reload();
    await page.getByRole('grid', { name: 'Servers' }).locator('.grid-body [role=row]').first().waitFor();
    expect(await welcome(page).count()).toBe(0);
    await page.close();
  });

  it('opens the add-account screen from the welcome', async () => {
    const harness = await harnessWith({ credentials: false });
    const page = await open(harness);
    await welcome(page).getByRole('button', { name: 'Add your Huawei Cloud account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Account name').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await welcome(page).count()).toBe(1);
    await page.close();
  });
});

describe('About & settings, the update notice and the notification reveal', () => {
  it('turns the update check off in settings (persisted), and says the harness never calls out', async () => {
    const harness = await harnessWith({ credentials: false });
    const page = await open(harness);
    await page.getByRole('button', { name: 'About & settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'About & settings' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('about-version').textContent()).toContain('Version 0.1.0');
    expect(await dialog.getByTestId('update-status').textContent()).toContain('never calls out');
    const toggle = dialog.getByRole('switch', { name: 'Check for a newer version once a day' });
    expect(await toggle.isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-light.png') });
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => harness.services.settings.get().updateCheck).toBe(false);
    await page.keyboard.press('Escape');
    await page.reload();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('settings');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('switch').isChecked()).toBe(false);
    await page.close();
  });

  it('shows a quiet, dismissable notice of a newer release (GitHub answered by a MockAgent)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    cleanup.push(() => agent.close());
    agent
      .get('https://api.github.com')
      .intercept({ path: /\/releases\/latest$/, method: 'GET' })
      .reply(200, {
        tag_name: 'v0.2.0',
        html_url: 'https://github.com/ecs-desktop/ecs-desktop/releases/tag/v0.2.0',
        draft: false,
        prerelease: false,
      });
    const harness = await harnessWith({
      credentials: false,
      extra: {
        updates: {
          currentVersion: '0.1.0',
          transport: new Transport({ dispatcher: agent }),
          startDelayMs: 0,
        },
      },
    });
    const page = await open(harness);
    const notice = page.getByRole('status', { name: 'Update available' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('ECS Desktop 0.2.0 is available (you have 0.1.0).');
    expect(await notice.getByRole('link').getAttribute('href')).toBe(
      'https://github.com/ecs-desktop/ecs-desktop/releases/tag/v0.2.0',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'update-notice-light.png') });
    await notice.getByRole('button', { name: 'Dismiss the notice about version 0.2.0' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.reload();
    await page.getByRole('grid', { name: 'Servers' }).waitFor();
    expect(await page.getByRole('status', { name: 'Update available' }).count()).toBe(0);
    await page.close();
  });

  it('shows the job of a clicked notification in Activity (jobs.reveal)', async () => {
    const harness = await harnessWith({ credentials: false });
    const page = await open(harness);
    const serverId = [...harness.services.sandbox!.state.servers.keys()][0]!;
    const started = await page.evaluate(
      (id) =>
        (window as unknown as { api: Api }).api.invoke('servers.reboot', {
          accountId: 'sandbox',
          region: 'sandbox-1',
          ids: [id],
          type: 'SOFT',
        }),
      serverId,
    );
    expect(started.ok).toBe(true);
    const jobId = (started.ok && started.value.jobId) || '';
    expect(jobId).not.toBe('');
    harness.ipc.emit({ channel: 'jobs.reveal', payload: { id: jobId } });
    await page.getByRole('table', { name: 'Operations' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-job-id')))
      .toBe(jobId);
    await page.close();
  });
});
