/// <reference lib="dom" />
/**
 * The NICs pane at fleet scale, end to end: 10,000 servers and 20,000 NICs in one Sandbox region
 * (every server has its primary NIC and one extension NIC), the built renderer in Chromium through
 * the harness and the real IPC handlers. Every NIC streams into the grid under ~3,000 page
 * elements; a search by IP finds its server; a click and the keyboard pick a server; a NIC added
 * in the per-server section shows in the list of every NIC; axe stays clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import type { Harness } from '../harness/server';
import { ARTIFACTS, openApp } from './app';

const LONG = 180_000;
const MAX_ELEMENTS = 3000;

describe('the NICs pane at 20,000 NICs in Chromium', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const elements = () => page.evaluate(() => document.querySelectorAll('*').length);
  const pane = () => page.getByRole('region', { name: 'NICs' });
  const status = () => pane().locator('.pane-header [role=status]').first();
  const grid = () => page.getByRole('grid', { name: 'All NICs' });
  const rows = () => grid().locator('.grid-body [role=row]');
  const searchBox = () => page.getByRole('searchbox', { name: 'Search NICs by IP, MAC, server or subnet' });

  beforeAll(async () => {
    ({ harness, browser, page } = await openApp({ servers: 10_000, nics: 20_000, speed: 50 }, { errors }));
    // Every server listed first, so the NICs show server names (expect.poll is for tests only).
    await page.waitForFunction(
      () => document.querySelector('.pane-header [role=status]')?.textContent === '10,000 servers',
      undefined,
      { timeout: LONG },
    );
  }, LONG);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it(
    'streams all 20,000 NICs into the grid, first rows at once, under the element budget',
    async () => {
      await page
        .getByRole('region', { name: 'Panes' })
        .getByRole('button', { name: 'NICs', exact: true })
        .click();
      const t0 = Date.now();
      await rows().first().waitFor({ timeout: LONG });
      const firstRowsMs = Date.now() - t0;
      // The first page's rows, before the rest: the seed's first server, its primary NIC first.
      expect(await rows().first().textContent()).toContain('seed-00000');
      expect(await rows().first().textContent()).toContain('Primary');
      await expect.poll(() => status().textContent(), { timeout: LONG }).toBe('20,000 NICs in the region');
      expect(await grid().getAttribute('aria-rowcount')).toBe('20001');
      expect(await rows().first().textContent()).toContain('seed-00000');
      expect(await elements()).toBeLessThan(MAX_ELEMENTS);
      console.log(
        `NICs pane at 20,000 NICs: first rows ${firstRowsMs} ms after the click (Playwright clock)`,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'nics-all.png') });
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    'finds an IP among 20,000 NICs, and the keyboard reaches the last NIC',
    async () => {
      const state = harness.services.sandbox!.runtimes[0]!.state;
      const server = [...state.servers.values()].find((s) => s.name === 'seed-04321')!;
      const extension = state.ports.get(server.ports[1]!)!;
      const ip = extension.fixed_ips[0]!.ip_address;
      await searchBox().fill(ip);
      await expect.poll(() => rows().count(), { timeout: LONG }).toBe(1);
      const row = rows().first();
      expect(await row.textContent()).toContain('seed-04321');
      expect(await row.textContent()).toContain(extension.mac_address);
      expect(await row.textContent()).toContain('subnet-seed-secondary');
      expect(await row.textContent()).toContain('Extension');
      expect(await status().textContent()).toBe('1 of 20,000 NICs in the region');
      // The MAC in capitals finds it too.
      await searchBox().fill(extension.mac_address.toUpperCase());
      await expect.poll(() => rows().first().textContent(), { timeout: LONG }).toContain('seed-04321');

      await searchBox().fill('');
      await expect.poll(() => status().textContent(), { timeout: LONG }).toBe('20,000 NICs in the region');
      await grid().focus();
      await page.keyboard.press('End');
      await expect.poll(() => rows().last().textContent(), { timeout: LONG }).toContain('seed-09999');
      expect(await elements()).toBeLessThan(MAX_ELEMENTS);
      await page.keyboard.press('Home');
    },
    LONG,
  );

  it(
    'picks a server by clicking its NIC, adds a NIC there, and the list of every NIC shows it',
    async () => {
      await searchBox().fill('seed-00042');
      await expect.poll(() => rows().count(), { timeout: LONG }).toBe(2);
      await rows().nth(1).click();
      const table = page.getByRole('table', { name: 'NICs of seed-00042' });
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: LONG }).toBe(2);
      expect(await page.getByRole('combobox', { name: 'Server' }).inputValue()).toBe('seed-00042');

      await page.getByRole('button', { name: 'Add NICs…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add NICs to seed-00042' });
      await dialog.getByRole('button', { name: 'Add 1 NIC' }).click();
      await expect.poll(() => dialog.count(), { timeout: LONG }).toBe(0);
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: LONG }).toBe(3);
      // Only that server's NICs were read again: the new one joins the list, nothing else moves.
      await expect.poll(() => rows().count(), { timeout: LONG }).toBe(3);
      expect(await rows().nth(2).textContent()).toContain('Extension');
      await searchBox().fill('');
      await expect.poll(() => status().textContent(), { timeout: LONG }).toBe('20,001 NICs in the region');
      expect(await rows().first().textContent()).toContain('seed-00000');

      // Keyboard: the grid's first row, Enter picks its server.
      await grid().focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.getByRole('table', { name: 'NICs of seed-00000' }).waitFor({ timeout: LONG });
      expect(await elements()).toBeLessThan(MAX_ELEMENTS);
      expect(await seriousViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await seriousViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.screenshot({ path: join(ARTIFACTS, 'nics-all-picked.png') });
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
