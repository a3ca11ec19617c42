/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { serveStatic } from './static-server';
import { startHarness } from '../harness/server';
import { RENDERER_DIR, ARTIFACTS, requireBuiltRenderer } from './app';

describe('the app frame in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    requireBuiltRenderer();
    server = await serveStatic(RENDERER_DIR);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the sidebar and every pane, and says clearly that there is no bridge, with no console errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'ECS Desktop' }).count()).toBe(1);
    // Served statically there is no window.api: the accounts list shows why instead of failing the page.
    const accounts = page.getByRole('region', { name: 'Accounts' });
    await expect
      .poll(() => accounts.getByRole('alert').textContent())
      .toContain("No bridge to the app's main process");
    expect(await page.getByRole('grid', { name: 'Servers' }).count()).toBe(1);
    const panes = await page.getByRole('region', { name: 'Panes' }).getByRole('button').allTextContents();
    expect(panes).toEqual([
      'Servers',
      'Disks',
      'NICs',
      'Tags',
      'Key pairs',
      'Server groups',
      'Flavors',
      'Quotas',
      'Activity',
      'Fleet',
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'frame.png') });
    expect(errors).toEqual([]);
  });

  it('runs under the strict CSP: injected inline handlers do not execute', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text());
    });
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'ECS Desktop' }).count()).toBe(1);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    // The XSS vector a console has: markup from the cloud (a server name, a console log) rendered as HTML.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<img alt="" src="data:image/png;base64,AAAA" onerror="window.__injected = true">',
      );
    });
    expect(
      await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
    ).toBeUndefined();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });

  it('through the harness: the Sandbox account first, its region, the status bar, and keyboard pane switching', async () => {
    const harness = await startHarness({ servers: 5 });
    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(harness.url);
      const accounts = page.getByRole('region', { name: 'Accounts' });
      await accounts.getByRole('button', { name: 'Sandbox', exact: true }).waitFor();
      expect((await accounts.getByRole('button').allTextContents())[0]).toBe('Sandbox');
      await expect.poll(() => page.getByTestId('status-connectivity').textContent()).toBe('Online');
      expect(await page.getByTestId('status-account').textContent()).toBe('Sandbox');
      expect(await page.getByTestId('status-jobs').textContent()).toMatch(/^\d+ running jobs?$/);
      await page.getByRole('region', { name: 'Panes' }).getByRole('button', { name: 'Servers' }).focus();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      expect(await page.getByRole('heading', { name: 'Fleet', level: 2 }).count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'frame-harness.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await harness.close();
    }
  });
});
