/// <reference lib="dom" />
/**
 * Accessibility of the main panes with axe-core in Chromium, through the browser harness against
 * the Sandbox: no serious or critical violation, in the light and the dark theme.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { seriousViolations } from './axe';
import { launchBrowser } from './browser';
import { startHarness, type Harness } from '../harness/server';
import { ARTIFACTS, requireBuiltRenderer } from './app';

describe('accessibility (axe-core) of the main panes', () => {
  let harness: Harness;
  let browser: Browser;

  beforeAll(async () => {
    requireBuiltRenderer();
    harness = await startHarness({ servers: 40, speed: 30 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious violations in the servers pane, drawer, dialogs and palette (${scheme} theme)`, async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
      await page.goto(harness.url);
      const grid = page.getByRole('grid', { name: 'Servers' });
      await grid.locator('.grid-body [role=row]').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await grid.locator('.grid-body [role=row]').first().locator('.col-name button').click();
      await page.getByRole('complementary').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('complementary').getByRole('tab', { name: 'Tags' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `drawer-${scheme}.png`) });
      await page.getByRole('button', { name: 'Close details' }).click();

      await page.getByRole('button', { name: 'Create servers' }).click();
      const wizard = page.getByRole('dialog', { name: 'Create servers' });
      await expect.poll(() => wizard.getByRole('option', { name: /Ubuntu/ }).count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `wizard-${scheme}.png`) });
      await page.keyboard.press('Escape');
      expect(await wizard.count()).toBe(0);

      await grid.getByRole('checkbox', { name: /^Select all/ }).check();
      await page
        .getByRole('toolbar', { name: 'Actions on selected servers' })
        .getByRole('button', { name: 'Delete…' })
        .click();
      await page.getByRole('alertdialog').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Type a command' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByRole('region', { name: 'Panes' }).getByRole('button', { name: 'Disks' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `servers-${scheme}.png`) });
      await page.close();
    });
  }
});
