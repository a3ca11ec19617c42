/**
 * The common start of an end-to-end test file: the built renderer checked (with how to build it
 * when absent), the artifacts folder made, a harness over the Sandbox, headless Chromium and one
 * page on the app whose page errors and crashes are collected.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startHarness, type Harness, type HarnessOptions } from '../harness/server';
import { launchBrowser } from './browser';

/** The built renderer the harness serves. */
export const RENDERER_DIR = join(import.meta.dirname, '../../out/renderer');
/** Where screenshots and other artifacts go. */
export const ARTIFACTS = join(import.meta.dirname, '../../test-results/e2e');

/** Throws how to build the renderer when it is not built; makes the artifacts folder. */
export function requireBuiltRenderer(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('Build the renderer first: npx electron-vite build');
  mkdirSync(ARTIFACTS, { recursive: true });
}

/** A harness, a browser and a page on the app. */
export interface App {
  harness: Harness;
  browser: Browser;
  page: Page;
}

/**
 * Starts a harness with `harness` options and opens the app in a new page (1400 x 900 unless
 * `page` says otherwise); page errors and a renderer crash are pushed to `errors`.
 */
export async function openApp(
  harness: HarnessOptions,
  opts: { errors?: string[]; page?: BrowserContextOptions } = {},
): Promise<App> {
  requireBuiltRenderer();
  const h = await startHarness(harness);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, ...opts.page });
  const errors = opts.errors;
  if (errors) {
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('crash', () => errors.push('renderer crashed'));
  }
  await page.goto(h.url);
  return { harness: h, browser, page };
}
