/// <reference lib="dom" />
/**
 * The console UI with 10,000 servers, 20,000 disks and 20,000 NICs in one scope, in Chromium
 * through the browser harness: time from the first page of data arriving to the first rows
 * painted, the full list loaded, long tasks (> 50 ms) while loading, filter keystroke latency,
 * scroll frame times, JS heap; then the Disks and NICs panes: open to first rows, page elements.
 * Numbers are printed, never asserted.
 * Needs the built renderer (npx electron-vite build) and Chromium.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from './harness';
import { scrollFrames, typeIntoFilter } from './page-metrics';
import { launchBrowser } from '../e2e/browser';
import { startHarness } from '../harness/server';

const percentile = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export default {
  name: 'ui',
  async run(ctx) {
    const rendererDir = join(import.meta.dirname, '../../out/renderer');
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new Error('Build the renderer first: npx electron-vite build');
    const servers = ctx.quick ? 2000 : 10_000;
    const harness = await startHarness({ servers, disks: servers * 2, nics: servers * 2 });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // Runs before the app: notes the frame after the first grid row appears.
      await page.addInitScript(() => {
        const w = window as unknown as {
          __firstRowsPainted?: number;
          __longTasks: PerformanceEntry[];
          __lastClick?: number;
        };
        // When the page saw the last click: pane timings start there, not before Playwright's
        // actionability checks (which took 100-270 ms of round trips on a busy machine).
        document.addEventListener('click', () => (w.__lastClick = performance.now()), true);
        // Every main-thread task over 50 ms (Chromium's Long Tasks API), with its start time.
        w.__longTasks = [];
        new PerformanceObserver((l) => w.__longTasks.push(...l.getEntries())).observe({ type: 'longtask' });
        const obs = new MutationObserver(() => {
          if (document.querySelector('.grid-body [role=row]')) {
            obs.disconnect();
            requestAnimationFrame(() => (w.__firstRowsPainted = performance.now()));
          }
        });
        obs.observe(document, { childList: true, subtree: true });
      });
      ctx.log(`ui: loading ${servers} servers`);
      await page.goto(harness.url);
      await page.waitForFunction(
        () => performance.getEntriesByName('ecs:servers-complete').length > 0,
        undefined,
        {
          timeout: 120_000,
        },
      );
      const load = await page.evaluate(() => {
        const first = performance.getEntriesByName('ecs:servers-first-page')[0]!.startTime;
        const complete = performance.getEntriesByName('ecs:servers-complete')[0]!.startTime;
        const painted = (window as unknown as { __firstRowsPainted: number }).__firstRowsPainted;
        const long = (window as unknown as { __longTasks: PerformanceEntry[] }).__longTasks.filter(
          (t) => t.startTime + t.duration >= first && t.startTime <= complete,
        );
        return {
          firstPaint: painted - first,
          complete,
          rows: document.querySelectorAll('.grid-body [role=row]').length,
          longCount: long.length,
          longMax: long.reduce((m, t) => Math.max(m, t.duration), 0),
        };
      });
      ctx.report({
        metric: 'first page data -> first rows painted',
        value: +load.firstPaint.toFixed(1),
        unit: 'ms',
      });
      ctx.report({
        metric: `all ${servers} servers loaded (since navigation)`,
        value: Math.round(load.complete),
        unit: 'ms',
      });
      ctx.report({ metric: 'rows in the DOM', value: load.rows, unit: 'rows' });
      ctx.report({ metric: 'long tasks > 50 ms while loading', value: load.longCount, unit: 'tasks' });
      ctx.report({ metric: 'longest task while loading', value: +load.longMax.toFixed(1), unit: 'ms' });

      const keys = await typeIntoFilter(page, 'input[type=search]');
      ctx.report({
        metric: 'filter keystroke, script (median)',
        value: +percentile(keys.sync, 50).toFixed(2),
        unit: 'ms',
      });
      ctx.report({
        metric: 'filter keystroke, script (max)',
        value: +Math.max(...keys.sync).toFixed(2),
        unit: 'ms',
      });
      ctx.report({
        metric: 'filter keystroke to next frame (max)',
        value: +Math.max(...keys.frame).toFixed(2),
        unit: 'ms',
      });

      const scroll = await scrollFrames(page, '.grid-viewport');
      ctx.report({ metric: 'scroll frame time p50', value: +percentile(scroll, 50).toFixed(2), unit: 'ms' });
      ctx.report({ metric: 'scroll frame time p95', value: +percentile(scroll, 95).toFixed(2), unit: 'ms' });
      ctx.report({
        metric: 'scroll frames over 25 ms',
        value: scroll.filter((d) => d > 25).length,
        unit: `of ${scroll.length}`,
      });
      ctx.report({
        metric: 'scroll frames over 33 ms',
        value: scroll.filter((d) => d > 33).length,
        unit: `of ${scroll.length}`,
      });
      ctx.report({
        metric: 'servers pane page elements',
        value: await page.evaluate(() => document.querySelectorAll('*').length),
        unit: 'elements',
      });

      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: { name: string; value: number }[];
      };
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
      ctx.report({ metric: 'JS heap used after GC', value: +(heap / 1024 / 1024).toFixed(1), unit: 'MB' });

      // The Disks pane: every disk of the region in one grid, streamed page by page. Two times,
      // both taken in the page (no Playwright polling in them): click to the frame after the first
      // grid rows appear, and click to the frame after the count is final ("20,003 disks").
      const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
      await page.evaluate(() => {
        const w = window as unknown as { __disks: { rows?: number; done?: number; count?: string } };
        const d: { rows?: number; done?: number; count?: string } = {};
        w.__disks = d;
        const obs = new MutationObserver(() => {
          if (
            d.rows === undefined &&
            document.querySelector('[role=grid][aria-label=Disks] .grid-body [role=row]')
          ) {
            d.rows = -1;
            requestAnimationFrame(() => (d.rows = performance.now()));
          }
          const status = document.querySelector('.disks-pane .pane-header [role=status]')?.textContent ?? '';
          if (d.done === undefined && /^[\d,]+ disks?$/.test(status)) {
            d.done = -1;
            d.count = status;
            requestAnimationFrame(() => (d.done = performance.now()));
          }
          if (d.rows !== undefined && d.done !== undefined) obs.disconnect();
        });
        obs.observe(document, { childList: true, subtree: true, characterData: true });
      });
      await nav('Disks').click();
      await page.waitForFunction(
        () => {
          const d = (window as unknown as { __disks: { rows?: number; done?: number } }).__disks;
          return (d.rows ?? 0) > 0 && (d.done ?? 0) > 0;
        },
        undefined,
        { timeout: 120_000 },
      );
      const disks = await page.evaluate(() => {
        const w = window as unknown as {
          __lastClick: number;
          __longTasks: PerformanceEntry[];
          __disks: { rows: number; done: number; count: string };
        };
        const tasks = w.__longTasks.filter(
          (t) => t.startTime >= w.__lastClick && t.startTime <= w.__disks.done,
        );
        return {
          rows: w.__disks.rows - w.__lastClick,
          done: w.__disks.done - w.__lastClick,
          count: w.__disks.count,
          longTasks: tasks.length,
          longest: Math.max(0, ...tasks.map((t) => t.duration)),
          elements: document.querySelectorAll('*').length,
        };
      });
      ctx.report({
        metric: `Disks pane (${disks.count}): click to first rows`,
        value: Math.round(disks.rows),
        unit: 'ms',
      });
      ctx.report({
        metric: 'Disks pane: click to every disk loaded',
        value: Math.round(disks.done),
        unit: 'ms',
      });
      ctx.report({
        metric: 'Disks pane: long tasks > 50 ms while loading',
        value: disks.longTasks,
        unit: 'tasks',
      });
      ctx.report({ metric: 'Disks pane: longest task while loading', value: disks.longest, unit: 'ms' });
      ctx.report({ metric: 'Disks pane page elements', value: disks.elements, unit: 'elements' });

      // The NICs pane: every NIC of the region streams into its grid; then a server's own NICs.
      // The frame after the first row appears is noted as it happens (a locator's waitFor polls
      // at 100-500 ms steps, which would be counted too).
      await page.evaluate(() => {
        const w = window as unknown as { __nicRowsPainted?: number; __nicElements?: number };
        const obs = new MutationObserver(() => {
          if (!document.querySelector('[role=grid][aria-label="All NICs"] .grid-body [role=row]')) return;
          obs.disconnect();
          requestAnimationFrame(() => {
            w.__nicRowsPainted = performance.now();
            w.__nicElements = document.querySelectorAll('*').length;
          });
        });
        obs.observe(document, { childList: true, subtree: true });
      });
      await nav('NICs').click();
      await page.waitForFunction(
        () => (window as unknown as { __nicRowsPainted?: number }).__nicRowsPainted !== undefined,
        undefined,
        { timeout: 120_000 },
      );
      const nicsFirst = await page.evaluate(() => {
        const w = window as unknown as {
          __lastClick: number;
          __nicRowsPainted: number;
          __nicElements: number;
        };
        return {
          ms: w.__nicRowsPainted - w.__lastClick,
          // The first page's answer reached the renderer (a mark the NICs store sets).
          data: performance.getEntriesByName('ecs:nics-first-page')[0]!.startTime - w.__lastClick,
          elements: w.__nicElements,
        };
      });
      await page.waitForFunction(
        () => / in the region$/.test(document.querySelector('.pane-header [role=status]')?.textContent ?? ''),
        undefined,
        { timeout: 120_000 },
      );
      const nicsAll = await page.evaluate(() => ({
        ms: performance.now() - (window as unknown as { __lastClick: number }).__lastClick,
        elements: document.querySelectorAll('*').length,
        count: (document.querySelector('.pane-header [role=status]')?.textContent ?? '').replace(
          / in the region$/,
          '',
        ),
      }));
      ctx.report({
        metric: `NICs pane (${nicsAll.count}): click to first rows`,
        value: Math.round(nicsFirst.ms),
        unit: 'ms',
      });
      ctx.report({
        metric: 'NICs pane: click to first page data',
        value: Math.round(nicsFirst.data),
        unit: 'ms',
      });
      ctx.report({
        metric: 'NICs pane page elements at first rows',
        value: nicsFirst.elements,
        unit: 'elements',
      });
      ctx.report({
        metric: 'NICs pane: click to every NIC listed',
        value: Math.round(nicsAll.ms),
        unit: 'ms',
      });
      ctx.report({
        metric: 'NICs pane page elements, all listed',
        value: nicsAll.elements,
        unit: 'elements',
      });
      const nicSearch = await typeIntoFilter(
        page,
        '[role=search][aria-label="Filter NICs"] input[type=search]',
      );
      ctx.report({
        metric: 'NICs search keystroke to next frame (median)',
        value: +percentile(nicSearch.frame, 50).toFixed(2),
        unit: 'ms',
      });
      ctx.report({
        metric: 'NICs search keystroke to next frame (max)',
        value: +Math.max(...nicSearch.frame).toFixed(2),
        unit: 'ms',
      });

      // Find a server by typing in the picker, then its NICs.
      const pickAt = await page.evaluate(() => performance.now());
      const picker = page.getByRole('combobox', { name: 'Server' });
      await picker.fill('seed-00042');
      await page.getByRole('option', { name: /^seed-00042 / }).click();
      await page.getByRole('table', { name: 'NICs of seed-00042' }).waitFor({ timeout: 60_000 });
      const nics = await page.evaluate(
        (t0) => ({ ms: performance.now() - t0, elements: document.querySelectorAll('*').length }),
        pickAt,
      );
      ctx.report({
        metric: 'NICs pane: pick a server, its NICs shown',
        value: Math.round(nics.ms),
        unit: 'ms',
      });
      ctx.report({ metric: 'NICs pane page elements', value: nics.elements, unit: 'elements' });
    } finally {
      await browser.close();
      await harness.close();
    }
  },
} satisfies Bench;
