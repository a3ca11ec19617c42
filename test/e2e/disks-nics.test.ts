/// <reference lib="dom" />
/**
 * Disks and NICs end to end: the built renderer in Chromium through the browser harness (real
 * services and IPC handlers, the Sandbox simulator). Create, attach and detach a disk; add and
 * delete a NIC. Screenshots go to test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import type { Harness } from '../harness/server';
import { ARTIFACTS, openApp } from './app';

const LONG = 60_000;

describe('disks and NICs in Chromium through the harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const showPane = async (name: string) => {
    await page.getByRole('region', { name: 'Panes' }).getByRole('button', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 2 }).waitFor({ timeout: LONG });
  };

  beforeAll(async () => {
    ({ harness, browser, page } = await openApp({ servers: 4, speed: 30 }, { errors }));
    await page
      .getByRole('grid', { name: 'Servers' })
      .locator('.grid-body [role=row]')
      .nth(3)
      .waitFor({ timeout: LONG });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it(
    'creates a disk, attaches it to a server, then detaches it',
    async () => {
      await showPane('Disks');
      const table = page.getByRole('grid', { name: 'Disks' });
      await table.waitFor({ timeout: LONG });

      await page.getByRole('button', { name: 'Create disk' }).click();
      const create = page.getByRole('dialog', { name: 'Create disk' });
      await create.getByLabel('Name').fill('e2e-data');
      await create.getByLabel('Size (GB)').fill('20');
      const az = create.getByLabel('Availability zone');
      await expect
        .poll(() => az.evaluate((el: HTMLSelectElement) => el.options.length), { timeout: LONG })
        .toBeGreaterThan(1);
      await az.selectOption({ index: 1 });
      await create.getByRole('button', { name: 'Create disk' }).click();
      await expect.poll(() => create.count(), { timeout: LONG }).toBe(0);

      const row = table.getByRole('row', { name: /e2e-data/ });
      await expect.poll(() => row.textContent(), { timeout: LONG }).toContain('available');

      await page.getByRole('button', { name: 'Attach e2e-data' }).click();
      const attach = page.getByRole('dialog', { name: 'Attach disk e2e-data' });
      // The server picker: type, then choose the first match.
      const server = attach.getByRole('combobox', { name: 'Server' });
      await server.fill('seed-');
      await attach.getByRole('option').first().click();
      const serverName = await server.inputValue();
      expect(serverName).toMatch(/^seed-/);
      await attach.getByRole('button', { name: 'Attach' }).click();
      await expect.poll(() => attach.count(), { timeout: LONG }).toBe(0);
      // The list reloads when the attach job ends: the disk is in use on that server.
      await expect.poll(() => row.textContent(), { timeout: LONG }).toContain('in-use');
      expect(await row.textContent()).toContain(serverName);
      expect(await row.textContent()).toMatch(/\/dev\/[a-z]+/);
      await page.screenshot({ path: join(ARTIFACTS, 'disks-attached.png') });

      await page.getByRole('button', { name: `Detach e2e-data from ${serverName}` }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Detach disk e2e-data' });
      expect(await confirm.textContent()).toContain(`from server ${serverName}`);
      await confirm.getByRole('button', { name: 'Detach' }).click();
      await expect.poll(() => row.textContent(), { timeout: LONG }).toContain('Not attached');
      expect(await row.textContent()).toContain('available');
      await page.screenshot({ path: join(ARTIFACTS, 'disks-detached.png') });
    },
    LONG * 3,
  );

  it(
    'adds a NIC to a server and deletes it again; the primary NIC cannot be selected',
    async () => {
      await showPane('NICs');
      // Keyboard only: type, ArrowDown opens and moves, Enter picks.
      const select = page.getByRole('combobox', { name: 'Server' });
      await select.fill('seed-');
      await page.getByRole('option').first().waitFor({ timeout: LONG });
      await select.press('Enter');
      const name = await select.inputValue();
      expect(name).toMatch(/^seed-/);
      const table = page.getByRole('table', { name: `NICs of ${name}` });
      await table.waitFor({ timeout: LONG });
      const rows = table.locator('tbody tr');
      await expect.poll(() => rows.count(), { timeout: LONG }).toBeGreaterThan(0);
      const before = await rows.count();
      expect(await table.getByRole('checkbox').first().isDisabled()).toBe(true);

      await page.getByRole('button', { name: 'Add NICs…' }).click();
      const dialog = page.getByRole('dialog', { name: `Add NICs to ${name}` });
      await dialog.getByRole('button', { name: 'Add 1 NIC' }).click();
      await expect.poll(() => dialog.count(), { timeout: LONG }).toBe(0);
      await expect.poll(() => rows.count(), { timeout: LONG }).toBe(before + 1);
      await page.screenshot({ path: join(ARTIFACTS, 'nics-added.png') });

      const added = table.getByRole('checkbox', { disabled: false }).last();
      await added.check();
      await page.getByRole('button', { name: 'Delete 1 selected NIC…' }).click();
      const confirm = page.getByRole('alertdialog', { name: `Delete 1 NIC of ${name}` });
      await confirm.getByRole('button', { name: 'Delete 1 NIC' }).click();
      await expect.poll(() => rows.count(), { timeout: LONG }).toBe(before);
      await page.screenshot({ path: join(ARTIFACTS, 'nics-deleted.png') });
      expect(errors).toEqual([]);
    },
    LONG * 3,
  );

  it(
    'lists the disk and NIC jobs in Activity, finished',
    async () => {
      await showPane('Activity');
      const table = page.getByRole('table', { name: 'Operations' });
      await table.waitFor({ timeout: LONG });
      const rows = table.locator('tbody tr');
      await expect.poll(() => rows.count(), { timeout: LONG }).toBeGreaterThanOrEqual(4);
      const text = await table.textContent();
      expect(text).toContain('attachServerVolume');
      expect(text).toContain('detachServerVolume');
      expect(text).toContain('batchAddServerNics');
      expect(text).toContain('batchDeleteServerNics');
      await expect.poll(() => table.getByText('running', { exact: true }).count(), { timeout: LONG }).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'activity.png') });
    },
    LONG * 2,
  );

  it(
    'has no serious axe-core violations in Disks, NICs, Tags and Activity, light and dark',
    async () => {
      const found: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const pane of ['Disks', 'NICs', 'Tags', 'Activity']) {
          await showPane(pane);
          if (pane === 'Tags')
            await page.getByRole('search', { name: 'Find servers by tags' }).waitFor({ timeout: LONG });
          for (const v of await seriousViolations(page)) found.push(`${pane} (${scheme}): ${v}`);
          if (pane === 'Tags') await page.screenshot({ path: join(ARTIFACTS, `tags-${scheme}.png`) });
        }
      }
      expect(found).toEqual([]);
    },
    LONG * 2,
  );

  it(
    'finds servers by tags (all of env=prod) and selects the matches for bulk tagging',
    async () => {
      await showPane('Tags');
      const form = page.getByRole('search', { name: 'Find servers by tags' });
      const key = form.getByLabel('All of: key 1');
      await expect
        .poll(() => key.evaluate((el: HTMLSelectElement) => el.options.length), { timeout: LONG })
        .toBeGreaterThan(1);
      await key.selectOption('env');
      await form.getByLabel('All of: value 1').selectOption('prod');
      await form.getByRole('button', { name: 'Find servers' }).click();
      const results = page.getByRole('grid', { name: 'Servers matching the tags' });
      await results.waitFor({ timeout: LONG });
      const rows = results.locator('.grid-body [role=row]');
      expect(await rows.count()).toBeGreaterThan(0);
      for (const text of await rows.allTextContents()) expect(text).toContain('env=prod');
      await page.getByRole('button', { name: 'Select all matches' }).click();
      const n = await rows.count();
      await page
        .getByRole('button', { name: `Tag or untag ${n} selected server${n === 1 ? '' : 's'}…` })
        .click();
      await page.getByRole('dialog', { name: `Tag ${n} server${n === 1 ? '' : 's'}` }).waitFor();
      await page.keyboard.press('Escape');
    },
    LONG,
  );
});
