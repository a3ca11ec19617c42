/// <reference lib="dom" />
/**
 * A new account is tested before it becomes active, end to end: the built renderer in Chromium
 * through the browser harness (real services, the Sandbox simulator). An AK/SK account pointed at
 * the simulator with a wrong secret key is added through the form: the connection test says the
 * key is wrong, the Sandbox stays the active account and keeps its servers on screen, and the new
 * account is kept (listed, not the default) to be fixed later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../harness/server';
import { ARTIFACTS, openApp } from './app';

const LONG = 60_000;
const WRONG_SK = 'e2e-wrong-secret-key-never-shown';

describe('a new account with a wrong key does not take over', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ harness, browser, page } = await openApp({ servers: 3, speed: 30 }));
    await page.getByRole('button', { name: 'Add account' }).waitFor({ timeout: LONG });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('says the key is wrong, keeps the Sandbox active with its servers, and keeps the new account', async () => {
    const sandbox = harness.services.sandbox!.info;
    const rows = page.getByRole('grid', { name: 'Servers' }).locator('.grid-body [role=row]');
    await expect.poll(() => rows.count(), { timeout: LONG }).toBe(3);
    const sandboxServers = await rows.locator('.col-name').allTextContents();

    await page.getByRole('button', { name: 'Add account' }).click();
    const form = page.getByRole('dialog', { name: 'Add account' });
    await form.getByLabel('Account name').fill('Wrong key');
    await form.getByLabel('Default region').fill(sandbox.region);
    await form.getByText('Custom endpoints').click();
    await form.getByLabel('ECS endpoint').fill(sandbox.endpoint);
    await form.getByLabel('IAM endpoint').fill(sandbox.iamEndpoint);
    await form.getByLabel('VPC endpoint').fill(sandbox.endpoint);
    // The simulator's real access key id with a wrong secret: only the signature is wrong.
    await form.getByLabel('Access key ID (AK)').fill(sandbox.ak);
    await form.getByLabel('Secret access key (SK)').fill(WRONG_SK);
    await form.getByRole('button', { name: 'Add account' }).click();

    const list = page.getByRole('dialog', { name: 'Accounts' });
    const notice = list.getByRole('alert', { name: 'New account' });
    await expect.poll(() => notice.count(), { timeout: LONG }).toBe(1);
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Wrong key was added but is not in use');
    expect(text).toMatch(/key|signature|credential/i);
    await page.screenshot({ path: join(ARTIFACTS, 'account-wrong-key.png') });
    expect(await page.content()).not.toContain(WRONG_SK);

    // Kept: listed, not the default, its row shows the failed test.
    const row = list.getByRole('row', { name: /Wrong key/ });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).not.toContain('(default)');
    expect(await row.getByRole('status').textContent()).toMatch(/wrong-key/);
    const accounts = await harness.services.accounts.list();
    expect(accounts.find((a) => a.name === 'Wrong key')?.isDefault).toBe(false);
    expect(harness.services.accounts.openingAccountId()).toBe('sandbox');

    // Nothing switched: the Sandbox is active and its servers are still the ones on screen.
    await list.getByRole('button', { name: 'Keep it for later' }).click();
    await list.getByRole('button', { name: 'Close dialog' }).click();
    expect(await page.getByTestId('status-account').textContent()).toBe('Sandbox');
    expect(await rows.locator('.col-name').allTextContents()).toEqual(sandboxServers);
    expect(await page.getByRole('grid', { name: 'Servers' }).textContent()).not.toContain('Wrong key');
  });
});
