/// <reference lib="dom" />
/**
 * Account screens, key pairs, flavors, quotas and server groups end to end: the built renderer in
 * Chromium through the browser harness (real services and IPC handlers, the Sandbox simulator,
 * an in-memory vault). Screenshots go to test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import type { Harness } from '../harness/server';
import { ARTIFACTS, openApp } from './app';

const LONG = 60_000;
const FAKE_AK = 'E2EFAKEAK0000000WXYZ';
const FAKE_SK = 'e2e-fake-secret-key-never-shown';

describe('account screens and resource panes in Chromium through the harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const showPane = (name: string) =>
    page.getByRole('region', { name: 'Panes' }).getByRole('button', { name, exact: true }).click();

  beforeAll(async () => {
    ({ harness, browser, page } = await openApp({ servers: 4, speed: 30 }, { errors }));
    await page.getByRole('button', { name: 'Add account' }).waitFor({ timeout: LONG });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('adds a permanent AK/SK account and shows it in the sidebar with the key masked, never the secret', async () => {
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByLabel('Account name').fill('E2E fake');
    await dialog.getByLabel('Default region').fill('cn-north-4');
    await dialog.getByLabel('Access key ID (AK)').fill(FAKE_AK);
    await dialog.getByLabel('Secret access key (SK)').fill(FAKE_SK);
    await page.screenshot({ path: join(ARTIFACTS, 'account-add.png') });
    await dialog.getByRole('button', { name: 'Add account' }).click();
    const accounts = page.getByRole('region', { name: 'Accounts' });
    await expect
      .poll(() => accounts.getByRole('button', { name: 'E2E fake', exact: true }).count(), { timeout: LONG })
      .toBe(1);
    const list = page.getByRole('dialog', { name: 'Accounts' });
    const row = list.getByRole('row', { name: /E2E fake/ });
    await expect.poll(() => row.textContent(), { timeout: LONG }).toContain('E2EF****WXYZ');
    const html = await page.content();
    expect(html).not.toContain(FAKE_SK);
    expect(html).not.toContain(FAKE_AK);
    // The Sandbox can only be hidden; the new account can be removed.
    expect(await list.getByRole('button', { name: 'Remove Sandbox' }).count()).toBe(0);
    expect(await list.getByRole('button', { name: 'Remove E2E fake' }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'accounts.png') });

    await list.getByRole('button', { name: 'Test connection of Sandbox' }).click();
    await expect
      .poll(
        () =>
          list
            .getByRole('row', { name: /Sandbox/ })
            .getByRole('status')
            .textContent(),
        { timeout: LONG },
      )
      .toMatch(/Connected/);
    await list.getByRole('button', { name: 'Close dialog' }).click();
    await accounts.getByRole('button', { name: 'Sandbox', exact: true }).click();
    expect(await page.getByTestId('status-account').textContent()).toBe('Sandbox');
  });

  it('creates a key pair (private key shown once) and deletes it', async () => {
    await showPane('Key pairs');
    const pane = page.getByRole('region', { name: 'Key pairs' });
    await pane.getByRole('button', { name: 'Create key pair…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Create key pair' });
    await dialog.getByLabel('Key pair name').fill('e2e-key');
    await dialog.getByRole('button', { name: 'Create key pair' }).click();
    dialog = page.getByRole('dialog', { name: 'Key pair e2e-key created' });
    const priv = dialog.getByLabel('Private key of e2e-key', { exact: true });
    await expect.poll(() => priv.inputValue(), { timeout: LONG }).toMatch(/PRIVATE KEY/);
    const privateKey = await priv.inputValue();
    await page.screenshot({ path: join(ARTIFACTS, 'key-pair-created.png') });
    await dialog.getByRole('button', { name: 'Done, close' }).click();
    expect(await page.content()).not.toContain(privateKey.split('\n')[1] ?? privateKey);
    const row = pane.getByRole('row', { name: /e2e-key/ });
    await expect.poll(() => row.count(), { timeout: LONG }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'key-pairs.png') });

    await pane.getByRole('button', { name: 'Delete key pair e2e-key' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete key pair e2e-key?' });
    await confirm.getByLabel(/to confirm/).fill('e2e-key');
    await confirm.getByRole('button', { name: 'Delete e2e-key' }).click();
    await expect.poll(() => row.count(), { timeout: LONG }).toBe(0);
  });

  it('shows flavors with sale status per AZ, quotas as meters, and server groups', async () => {
    await showPane('Flavors');
    const flavors = page.getByRole('grid', { name: 'Flavors' });
    await expect.poll(() => flavors.getByRole('row').count(), { timeout: LONG }).toBeGreaterThan(1);
    // The sandbox sells some flavors out per AZ: marked in words, not only by colour.
    expect(await flavors.getByText('Sold out', { exact: true }).count()).toBeGreaterThan(0);
    expect(await flavors.getByRole('columnheader', { name: 'vCPUs' }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'flavors.png') });

    await showPane('Quotas');
    const quotas = page.getByRole('region', { name: 'Quotas' });
    await expect.poll(() => quotas.getByRole('meter').count(), { timeout: LONG }).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'quotas.png') });

    await showPane('Server groups');
    const groups = page.getByRole('region', { name: 'Server groups' });
    await groups.getByRole('button', { name: 'Create server group…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create server group' });
    await dialog.getByLabel('Group name').fill('e2e-ha');
    await dialog.getByRole('button', { name: 'Create server group' }).click();
    const group = groups.getByRole('article', { name: 'Server group e2e-ha' });
    await expect.poll(() => group.count(), { timeout: LONG }).toBe(1);
    // The sandbox's servers are running: the API only adds stopped ones, so they are listed disabled with the reason.
    const select = group.getByRole('combobox', { name: 'Server to add to e2e-ha' });
    await select.fill('seed-');
    const listed = page.getByRole('option');
    await expect.poll(() => listed.count(), { timeout: LONG }).toBeGreaterThan(0);
    const options = await listed.evaluateAll((els) =>
      els.map((o) => ({ disabled: o.getAttribute('aria-disabled') === 'true', text: o.textContent })),
    );
    for (const o of options)
      expect(o).toEqual({ disabled: true, text: expect.stringMatching(/ACTIVE: stop it first$/) });
    await page.screenshot({ path: join(ARTIFACTS, 'server-groups.png') });

    await group.getByRole('button', { name: 'Delete server group e2e-ha' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete server group e2e-ha?' });
    await confirm.getByLabel(/to confirm/).fill('e2e-ha');
    await confirm.getByRole('button', { name: 'Delete e2e-ha' }).click();
    await expect.poll(() => group.count(), { timeout: LONG }).toBe(0);
    expect(errors).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious axe-core violations in the ${scheme} theme (account screens and the four panes)`, async () => {
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
      try {
        await p.goto(harness.url);
        await p.getByRole('button', { name: 'Manage accounts' }).click();
        const dialog = p.getByRole('dialog', { name: 'Accounts' });
        await dialog.getByRole('row', { name: /Sandbox/ }).waitFor({ timeout: LONG });
        expect(await seriousViolations(p)).toEqual([]);
        await dialog.getByRole('button', { name: 'Add account…' }).click();
        await p.getByRole('dialog', { name: 'Add account' }).getByLabel('Account name').waitFor();
        expect(await seriousViolations(p)).toEqual([]);
        await p.keyboard.press('Escape');
        await expect.poll(() => p.getByRole('dialog').count()).toBe(0);
        for (const [pane, ready] of [
          ['Key pairs', 'Key pairs'],
          ['Flavors', 'Flavors'],
          ['Quotas', 'Quotas'],
          ['Server groups', 'Server groups'],
        ] as const) {
          await p
            .getByRole('region', { name: 'Panes' })
            .getByRole('button', { name: pane, exact: true })
            .click();
          const region = p.getByRole('region', { name: ready });
          await expect
            .poll(() => region.getByRole('status').first().textContent(), { timeout: LONG })
            .not.toMatch(/Loading/);
          await p.waitForTimeout(200);
          expect(await seriousViolations(p), pane).toEqual([]);
        }
      } finally {
        await p.close();
      }
    });
  }
});
