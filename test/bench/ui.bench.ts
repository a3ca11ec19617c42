/// <reference lib="dom" />
/**
 * The console UI with 10,000 servers, in Chromium through the browser harness: time from the
 * first page of data arriving to the first rows painted, the full list loaded, filter keystroke
 * latency, scroll frame times, JS heap. Numbers are printed, never asserted.
 * Needs the built renderer (npx electron-vite build) and Chromium.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from './harness';
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
    const harness = await startHarness({ servers });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // Runs before the app: notes the frame after the first grid row appears.
      await page.addInitScript(() => {
        const w = window as unknown as { __firstRowsPainted?: number };
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
        return {
          firstPaint: painted - first,
          complete,
          rows: document.querySelectorAll('.grid-body [role=row]').length,
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

      const keys = await page.evaluate(async () => {
        const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
        const sync: number[] = [];
        const frame: number[] = [];
        for (const text of [
          's',
          'se',
          'see',
          'seed',
          'seed-',
          'seed-0',
          'seed-00',
          'seed-001',
          'seed-0012',
          '',
        ]) {
          const t0 = performance.now();
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          sync.push(performance.now() - t0);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          frame.push(performance.now() - t0);
        }
        return { sync, frame };
      });
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

      const scroll = await page.evaluate(async () => {
        const vp = document.querySelector<HTMLElement>('.grid-viewport')!;
        const deltas: number[] = [];
        let last = performance.now();
        for (let i = 0; i < 240; i++) {
          vp.scrollTop += 160;
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now();
          deltas.push(now - last);
          last = now;
        }
        return deltas;
      });
      ctx.report({ metric: 'scroll frame time p50', value: +percentile(scroll, 50).toFixed(2), unit: 'ms' });
      ctx.report({ metric: 'scroll frame time p95', value: +percentile(scroll, 95).toFixed(2), unit: 'ms' });
      ctx.report({
        metric: 'scroll frames over 25 ms',
        value: scroll.filter((d) => d > 25).length,
        unit: `of ${scroll.length}`,
      });

      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: { name: string; value: number }[];
      };
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
      ctx.report({ metric: 'JS heap used after GC', value: +(heap / 1024 / 1024).toFixed(1), unit: 'MB' });
    } finally {
      await browser.close();
      await harness.close();
    }
  },
} satisfies Bench;
