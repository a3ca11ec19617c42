/// <reference lib="dom" />
/**
 * The browser harness in Chromium: the built renderer gets `window.api` over the harness bridge
 * (built by the same makeApi as the preload), talks to the real services and the Sandbox, receives
 * pushed events, and the bridge refuses any request without the URL's token.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/ipc/contract';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser } from './browser';
import { RENDERER_DIR, requireBuiltRenderer } from './app';

describe('the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    requireBuiltRenderer();
    harness = await startHarness({ servers: 4, speed: 100, rendererDir: RENDERER_DIR });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(harness.url);
    await page.waitForFunction(() => typeof (window as { api?: unknown }).api === 'object');
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('gives the page window.api with exactly the contract API, saying it runs in the harness', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as { api: Api }).api).sort());
    expect(keys).toEqual(['invoke', 'off', 'on']);
    const info = await page.evaluate(() => (window as unknown as { api: Api }).api.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { shell: 'harness', name: 'ecs-desktop' } });
  });

  it('reaches the real services and the seeded Sandbox through the bridge', async () => {
    const res = await page.evaluate(() =>
      (window as unknown as { api: Api }).api.invoke('servers.list', {
        accountId: 'sandbox',
        region: 'sandbox-1',
      }),
    );
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.value.items).toHaveLength(4);
    const bad = await page.evaluate(() =>
      (window as unknown as { api: Api }).api.invoke('servers.get', { accountId: 'sandbox' } as never),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('pushes job events to the page', async () => {
    const ids = [...harness.services.sandbox!.state.servers.keys()].slice(0, 2);
    const job = await page.evaluate(async (serverIds) => {
      const api = (window as unknown as { api: Api }).api;
      const seen: string[] = [];
      const done = new Promise<string>((resolve) => {
        api.on('jobs.updated', (j) => {
          seen.push(j.state);
          if (j.finishedAt) resolve(j.state);
        });
      });
      // Give the event stream a moment to connect before the job starts.
      await new Promise((r) => setTimeout(r, 300));
      const ref = await api.invoke('servers.reboot', {
        accountId: 'sandbox',
        region: 'sandbox-1',
        ids: serverIds,
        type: 'SOFT',
      });
      return { ref, final: await done, seen };
    }, ids);
    expect(job.ref.ok).toBe(true);
    expect(job.final).toBe('succeeded');
    expect(job.seen.length).toBeGreaterThan(1);
  });

  it('refuses bridge requests without the token', async () => {
    const noToken = await fetch(`${harness.origin}/bridge/invoke`, {
      method: 'POST',
      body: JSON.stringify({ channel: 'app.info', arg: {} }),
    });
    expect(noToken.status).toBe(403);
    const wrong = await fetch(`${harness.origin}/bridge/invoke`, {
      method: 'POST',
      // The token with its last character changed (to another one: a token may end in x).
      headers: {
        'x-harness-token': `${harness.token.slice(0, -1)}${harness.token.endsWith('x') ? 'y' : 'x'}`,
      },
      body: JSON.stringify({ channel: 'app.info', arg: {} }),
    });
    expect(wrong.status).toBe(403);
    const events = await fetch(`${harness.origin}/bridge/events`);
    expect(events.status).toBe(403);
    // The page opened without the token gets no API at all.
    const bare = await browser.newPage();
    await bare.goto(harness.origin);
    expect(await bare.evaluate(() => typeof (window as { api?: unknown }).api)).toBe('undefined');
    await bare.close();
  });
});
