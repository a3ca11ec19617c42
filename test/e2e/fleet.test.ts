/// <reference lib="dom" />
/**
 * The Fleet view end to end: the built renderer in Chromium through the harness, with a Sandbox of
 * 1 account x 3 regions (3 scopes): the fleet fills from every scope, search and filters work
 * across it, a batch stop across the 3 scopes shows one Activity entry with per-scope results,
 * export gives escaped CSV, the palette finds fleet servers, keyboard-only use, and axe. Saves
 * docs/screenshots/fleet.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import type { Harness } from '../harness/server';
import { openApp } from './app';

const docs = join(import.meta.dirname, '../../docs/screenshots');
const LONG = 60_000;
const SERVERS = 30;

describe('the Fleet view in Chromium through the harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const grid = () => page.getByRole('grid', { name: 'Fleet servers' });
  const rows = () => grid().locator('.grid-body [role=row]');
  const search = () => page.getByRole('searchbox', { name: /Search the fleet/ });
  const strip = () => page.getByRole('region', { name: 'Scopes' });

  beforeAll(async () => {
    mkdirSync(docs, { recursive: true });
    ({ harness, browser, page } = await openApp(
      {
        servers: SERVERS,
        speed: 50,
        regions: 3,
        accounts: 1,
        services: { jobOptions: { minIntervalMs: 50, maxIntervalMs: 300 } },
      },
      { errors, page: { viewport: { width: 1440, height: 900 }, acceptDownloads: true } },
    ));
    await page.getByRole('button', { name: 'Fleet', exact: true }).click();
    await strip().getByText('3 scopes: 3 done').waitFor({ timeout: LONG });
  }, 2 * LONG);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('lists every server of the 3 scopes with account and region columns', async () => {
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: `${SERVERS} servers` })
        .count(),
    ).toBe(1);
    const regions = await rows().locator('.col-region').allTextContents();
    expect(new Set(regions)).toEqual(new Set(['sandbox-1', 'sandbox-2', 'sandbox-3']));
    expect(await strip().locator('.fleet-ok').count()).toBe(3);
    // Virtualized: the rows in the DOM are at most what fits plus overscan.
    expect(await rows().count()).toBeLessThanOrEqual(SERVERS);
    expect(errors).toEqual([]);
  });

  it('filters across the fleet: region, search and tag', async () => {
    await page.getByLabel('Filter by region').selectOption('sandbox-2');
    await expect
      .poll(async () => new Set(await rows().locator('.col-region').allTextContents()))
      .toEqual(new Set(['sandbox-2']));
    await page.getByLabel('Filter by region').selectOption('');
    await page.getByLabel('Filter by tag (key or key=value)').fill('env=prod');
    await expect
      .poll(async () =>
        (await rows().locator('.col-tags').allTextContents()).every((t) => t.includes('env=prod')),
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await search().fill('seed-00001');
    await expect.poll(() => rows().count()).toBe(3);
    await search().fill('');
  });

  it('exports the current view as CSV with a header, every row, and formula-safe cells', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('account,region,id,name,status,flavor,ips,availability_zone,tags,created');
    expect(lines).toHaveLength(SERVERS + 1);
    expect(download.suggestedFilename()).toMatch(/^fleet-.*\.csv$/);
  });

  it('finds a server of another region from the command palette', async () => {
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: /command/i });
    await palette.getByRole('combobox').fill('seed-00002');
    const option = palette.getByRole('option', { name: /Show seed-00002 in the fleet .* sandbox-3/ });
    await option.click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().locator('.col-region').textContent()).toBe('sandbox-3');
    await search().fill('');
  });

  it('stops servers across the 3 scopes with the keyboard; Activity shows one entry with per-scope results', async () => {
    await search().fill('seed-0000');
    await page.getByLabel('Filter by status').selectOption('ACTIVE');
    await expect.poll(() => rows().count()).toBeGreaterThan(5);
    await grid().focus();
    await page.keyboard.press('Control+A');
    const n = await rows().count();
    expect(await page.getByRole('toolbar').getByText(`${n} selected`).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByRole('toolbar', { name: 'Actions on selected fleet servers' })
      .getByRole('button', { name: 'Stop' })
      .click();
    const dialog = page.getByRole('alertdialog');
    // The dialog lists how many servers of each scope it touches.
    const items = await dialog
      .getByRole('list', { name: 'Affected resources' })
      .locator('li')
      .allTextContents();
    expect(items).toHaveLength(3);
    expect(items.every((t) => /· sandbox-[123]: \d+ servers?$/.test(t))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Stop', exact: true }).focus();
    await page.keyboard.press('Enter');

    // Activity opens on the batch: one entry, 3 scopes, each succeeded with every server stopped.
    const entry = page.getByRole('region', { name: 'Fleet operations' }).locator('.fleet-batch').first();
    await expect
      .poll(() => entry.locator('strong').first().textContent(), { timeout: LONG })
      .toMatch(new RegExp(`^Stop ${n} servers in 3 scopes$`));
    await expect
      .poll(() => entry.locator('.badge').first().textContent(), { timeout: LONG })
      .toBe('succeeded');
    const scopes = entry.locator('tbody tr');
    expect(await scopes.count()).toBe(3);
    expect(await scopes.locator('th').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/sandbox-1$/),
        expect.stringMatching(/sandbox-2$/),
        expect.stringMatching(/sandbox-3$/),
      ]),
    );
    expect(await scopes.locator('td .badge').allTextContents()).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    // The per-scope jobs are inside the entry, not listed again on their own.
    expect(await page.locator('tr[data-job-id]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    const sb = harness.services.sandbox!;
    const stopped = sb.runtimes
      .flatMap((r) => [...r.state.servers.values()])
      .filter((s) => s.status === 'SHUTOFF');
    expect(stopped.length).toBeGreaterThanOrEqual(n);
    expect(errors).toEqual([]);
  });

  it('shows a scope that fails (wrong key) with its reason and a retry, the others still listed (README screenshot)', async () => {
    const first = harness.services.sandbox!.info.scopes![0]!;
    const accounts = await harness.services.accounts.list();
    await harness.services.accounts.add({
      kind: 'aksk',
      name: 'ops-wrong-key',
      defaultRegion: 'sandbox-2',
      accessKeyId: first.ak,
      secretKey: 'not-the-secret-key-of-this-access-key-x',
    });
    // Start half of each region's servers again, so the fleet shows a mix of states.
    const sb = harness.services.sandbox!;
    const targets = sb.runtimes.map((rt) => {
      const accountId = (accounts as { id: string; name: string }[]).find(
        (a) => a.name === first.domainName,
      )!.id;
      return {
        accountId,
        region: rt.state.account.region,
        ids: [...rt.state.servers.keys()].filter((_, i) => i % 2 === 0),
      };
    });
    const started = await harness.ipc.dispatch(
      'fleet.batch',
      { action: 'start', targets },
      { url: 'harness:' },
    );
    expect(started.ok).toBe(true);
    await expect
      .poll(
        () =>
          sb.runtimes.every(
            (rt) => [...rt.state.servers.values()].filter((s) => s.status === 'ACTIVE').length >= 5,
          ),
        { timeout: LONG },
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Fleet', exact: true }).click();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await search().fill('');
    await page.getByRole('button', { name: 'Refresh all' }).click();
    await strip().getByText('4 scopes: 3 done, 1 failed').waitFor({ timeout: LONG });
    const failed = strip().locator('.fleet-failed');
    expect(await failed.textContent()).toMatch(/ops-wrong-key · sandbox-2:\s*failed/);
    expect(await failed.getByRole('button', { name: 'Retry ops-wrong-key sandbox-2' }).count()).toBe(1);
    await page
      .getByRole('columnheader', { name: /Status/ })
      .getByRole('button')
      .click();
    await rows().nth(2).click();
    await rows()
      .nth(5)
      .click({ modifiers: ['Shift'] });
    await page.evaluate(() =>
      document
        .querySelectorAll<HTMLElement>('[aria-label^="Dismiss notification"]')
        .forEach((b) => b.click()),
    );
    await page.screenshot({ path: join(docs, 'fleet.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
