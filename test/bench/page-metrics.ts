/**
 * Measurements the UI benches take in a page the same way: typing into a filter box and scrolling
 * a virtualized grid, each sample timed up to the next frame.
 */
import type { Page } from 'playwright-core';

/** The filter text typed one keystroke at a time (and cleared at the end). */
const KEYSTROKES = ['s', 'se', 'see', 'seed', 'seed-', 'seed-0', 'seed-00', 'seed-001', 'seed-0012', ''];

/**
 * Types {@link KEYSTROKES} into the input matched by `selector`: per keystroke, the synchronous
 * script time of the input event and the time to the next frame after it.
 */
export function typeIntoFilter(page: Page, selector: string): Promise<{ sync: number[]; frame: number[] }> {
  return page.evaluate(
    async ({ selector, keystrokes }) => {
      const input = document.querySelector<HTMLInputElement>(selector)!;
      const sync: number[] = [];
      const frame: number[] = [];
      for (const text of keystrokes) {
        const t0 = performance.now();
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        sync.push(performance.now() - t0);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        frame.push(performance.now() - t0);
      }
      return { sync, frame };
    },
    { selector, keystrokes: KEYSTROKES },
  );
}

/** Scrolls the element matched by `selector` 160 px per frame for `frames` frames: each frame's duration. */
export function scrollFrames(page: Page, selector: string, frames = 240): Promise<number[]> {
  return page.evaluate(
    async ({ selector, frames }) => {
      const vp = document.querySelector<HTMLElement>(selector)!;
      const deltas: number[] = [];
      let last = performance.now();
      for (let i = 0; i < frames; i++) {
        vp.scrollTop += 160;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    },
    { selector, frames },
  );
}
