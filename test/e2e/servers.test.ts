/// <reference lib="dom" />
/**
 * The servers experience end to end: the built renderer in Chromium, through the browser harness
 * (real services, real IPC handlers, the Sandbox simulator). Screenshots go to test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Harness } from '../harness/server';
import { ARTIFACTS, openApp } from './app';

const LONG = 60_000;

describe('servers in Chromium through the harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const grid = () => page.getByRole('grid', { name: 'Servers' });
  const dataRows = () => grid().locator('.grid-body [role=row]');
  const search = (text: string) => page.getByRole('searchbox', { name: 'Search by name or ID' }).fill(text);
  const statuses = async () =>
    (await dataRows().locator('.badge').allTextContents()).map((s) => s.split(' ')[0]);
  const selectAllShown = async () => {
    await grid()
      .getByRole('checkbox', { name: /^Select all \d+ shown servers$/ })
      .check();
  };
  const pickFirstEnabled = async (select: Locator) => {
    const first = () =>
      select.evaluate(
        (el: HTMLSelectElement) => [...el.options].find((o) => o.value && !o.disabled)?.value ?? '',
      );
    // The choices load asynchronously.
    await expect.poll(first, { timeout: LONG }).not.toBe('');
    await select.selectOption(await first());
  };

  beforeAll(async () => {
    ({ harness, browser, page } = await openApp({ servers: 12, speed: 30 }, { errors }));
    await grid().locator('.grid-body [role=row]').nth(11).waitFor({ timeout: LONG });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('shows the Sandbox account and its region in the sidebar and the status bar', async () => {
    const accounts = page.getByRole('region', { name: 'Accounts' });
    expect(await accounts.getByRole('button', { name: 'Sandbox', exact: true }).count()).toBe(1);
    expect(await page.getByTestId('status-account').textContent()).toBe('Sandbox');
    await page.screenshot({ path: join(ARTIFACTS, 'servers-list.png') });
  });

  it('creates 3 servers with the wizard, validates with a dry run, and watches them become ACTIVE', async () => {
    await page.getByRole('button', { name: 'Create servers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create servers' });
    await pickFirstEnabled(dialog.getByLabel('Image'));
    await pickFirstEnabled(dialog.getByLabel('Flavor'));
    await pickFirstEnabled(dialog.getByLabel('VPC'));
    await pickFirstEnabled(dialog.getByLabel('Subnet'));
    await dialog.getByRole('radio', { name: 'Password' }).check();
    const pw = dialog.getByLabel(/^Password \(Linux/);
    await pw.fill('short');
    await dialog.getByRole('button', { name: 'Validate' }).click();
    expect(await dialog.getByText('The password must be 8 to 26 characters long.').count()).toBe(1);
    await pw.fill('E2e-Passw0rd');
    await dialog.getByLabel('Confirm password').fill('E2e-Passw0rd');
    await dialog.getByLabel('Name', { exact: true }).fill('e2e');
    await dialog.getByLabel('How many').fill('3');
    expect(await dialog.getByTestId('name-preview').textContent()).toBe(
      'Names: e2e-0001, e2e-0002, e2e-0003',
    );
    await dialog.getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => dialog.getByText(/Dry run passed/).count(), { timeout: LONG }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'create-wizard.png') });
    await dialog.getByRole('button', { name: 'Create 3 servers' }).click();
    const progress = dialog.getByRole('region', { name: 'Job progress' });
    await expect.poll(() => progress.getByRole('listitem').count(), { timeout: LONG }).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, 'create-progress.png') });
    await expect.poll(() => progress.getByTestId('job-state').textContent(), { timeout: LONG }).toBe('Done');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await search('e2e-');
    await expect
      .poll(async () => (await statuses()).join(','), { timeout: LONG })
      .toBe('ACTIVE,ACTIVE,ACTIVE');
    expect(await dataRows().locator('.col-name button').allTextContents()).toEqual([
      'e2e-0001',
      'e2e-0002',
      'e2e-0003',
    ]);
  });

  it('stops the 3 servers in a batch', async () => {
    await selectAllShown();
    await page
      .getByRole('toolbar', { name: 'Actions on selected servers' })
      .getByRole('button', { name: 'Stop' })
      .click();
    const dialog = page.getByRole('alertdialog', { name: 'Stop 3 servers?' });
    expect(await dialog.getByRole('listitem').count()).toBe(3);
    await dialog.getByRole('button', { name: 'Stop 3 servers' }).click();
    await expect
      .poll(async () => (await statuses()).join(','), { timeout: LONG })
      .toBe('SHUTOFF,SHUTOFF,SHUTOFF');
    await page.screenshot({ path: join(ARTIFACTS, 'batch-stop.png') });
  });

  it('tags the 3 servers and filters by the tag', async () => {
    await page.getByRole('button', { name: 'Tags…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag 3 servers' });
    await dialog.getByLabel('Key 1').fill('team');
    await dialog.getByLabel('Value 1').fill('blue!');
    expect(await dialog.getByText(/The value may use letters, digits/).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Add tags' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Value 1').fill('blue');
    await dialog.getByRole('button', { name: 'Add tags' }).click();
    await expect.poll(() => dialog.count(), { timeout: LONG }).toBe(0);
    await search('');
    await page.getByRole('textbox', { name: 'Filter by tag (key or key=value)' }).fill('team=blue');
    await expect
      .poll(() => dataRows().locator('.col-name button').allTextContents(), { timeout: LONG })
      .toEqual(['e2e-0001', 'e2e-0002', 'e2e-0003']);
    await page.screenshot({ path: join(ARTIFACTS, 'tag-filter.png') });
  });

  it('resizes a server from the drawer', async () => {
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await grid().getByRole('button', { name: 'e2e-0001', exact: true }).click();
    const drawer = page.getByRole('complementary', { name: 'Server e2e-0001' });
    const flavorIdOf = () =>
      drawer
        .locator('dt', { hasText: /^Flavor ID$/ })
        .locator('xpath=following-sibling::dd[1]/span')
        .textContent();
    const before = (await flavorIdOf()) ?? '';
    expect(before).not.toBe('');
    await drawer.getByRole('button', { name: 'Resize…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resize: e2e-0001' });
    const select = dialog.getByLabel('New flavor');
    const target = () =>
      select.evaluate(
        (el: HTMLSelectElement, current: string) =>
          [...el.options].find((o) => o.value && !o.disabled && o.value !== current)?.value ?? '',
        before,
      );
    await expect.poll(target, { timeout: LONG }).not.toBe('');
    const flavor = await target();
    await select.selectOption(flavor);
    await dialog.getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => dialog.getByText(/Dry run passed/).count(), { timeout: LONG }).toBe(1);
    await dialog.getByRole('button', { name: 'Resize', exact: true }).click();
    await expect.poll(flavorIdOf, { timeout: LONG }).toBe(flavor);
    expect(await dataRows().filter({ hasText: 'e2e-0001' }).locator('.col-flavor').textContent()).toMatch(
      new RegExp(`^${flavor.replace(/\./g, '\\.')} `),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'resize.png') });
    await drawer.getByRole('button', { name: 'Close details' }).click();
  });

  it('deletes the 3 servers after typing the confirmation', async () => {
    await selectAllShown();
    await page
      .getByRole('toolbar', { name: 'Actions on selected servers' })
      .getByRole('button', { name: 'Delete…' })
      .click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete 3 servers?' });
    expect(await dialog.getByRole('listitem').allTextContents()).toHaveLength(3);
    const confirm = dialog.getByRole('button', { name: 'Delete 3 servers' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: /to confirm/ }).fill('delete 3 servers');
    await page.screenshot({ path: join(ARTIFACTS, 'delete-confirm.png') });
    await confirm.click();
    await expect.poll(() => dataRows().count(), { timeout: LONG }).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => dataRows().count(), { timeout: LONG }).toBe(12);
    expect(errors).toEqual([]);
  });
});
