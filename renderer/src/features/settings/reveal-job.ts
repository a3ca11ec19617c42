/**
 * Shows one job's row in the Activity pane: scrolled into view, focused (so a screen reader reads
 * it) and highlighted for a few seconds. The pane renders asynchronously after it is selected, so
 * the row is looked for on the next frames, for up to two seconds.
 */

/** How long the row stays highlighted, ms. */
const HIGHLIGHT_MS = 4000;
/** How long to wait for the row to appear, ms. */
const WAIT_MS = 2000;

/** Finds the row of job `id` once it is rendered and reveals it; does nothing if it never appears. */
export function revealJobRow(id: string): void {
  const started = performance.now();
  const attempt = () => {
    const row = document.querySelector<HTMLElement>(`[data-job-id="${CSS.escape(id)}"]`);
    if (!row) {
      if (performance.now() - started < WAIT_MS) requestAnimationFrame(attempt);
      return;
    }
    row.scrollIntoView?.({ block: 'center' });
    if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
    row.focus({ preventScroll: true });
    row.classList.add('job-revealed');
    setTimeout(() => row.classList.remove('job-revealed'), HIGHLIGHT_MS);
  };
  requestAnimationFrame(attempt);
}
