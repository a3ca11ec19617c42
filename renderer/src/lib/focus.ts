/**
 * Keyboard focus helpers: focus trapping for dialogs and roving focus for lists.
 */

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements of `root` that Tab reaches, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden);
}

/** Keeps Tab and Shift+Tab inside `root` (call from its keydown handler). */
export function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const list = focusables(root);
  if (list.length === 0) {
    e.preventDefault();
    return;
  }
  const first = list[0]!;
  const last = list[list.length - 1]!;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !root.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Roving focus for a list (WAI-ARIA): arrow keys, Home and End move focus among the items of
 * `container` matching `selector`, and only the focused item stays in the Tab order.
 * Returns the keydown handler to put on the container.
 */
export function rovingKeyDown(
  selector: string,
  orientation: 'vertical' | 'horizontal' = 'vertical',
): (e: KeyboardEvent & { currentTarget: HTMLElement }) => void {
  const next = orientation === 'vertical' ? 'ArrowDown' : 'ArrowRight';
  const prev = orientation === 'vertical' ? 'ArrowUp' : 'ArrowLeft';
  return (e) => {
    if (![next, prev, 'Home', 'End'].includes(e.key)) return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(selector)];
    if (items.length === 0) return;
    const i = items.indexOf(document.activeElement as HTMLElement);
    let j: number;
    if (e.key === next) j = i < 0 ? 0 : Math.min(items.length - 1, i + 1);
    else if (e.key === prev) j = i < 0 ? 0 : Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else j = items.length - 1;
    e.preventDefault();
    for (const el of items) el.tabIndex = -1;
    items[j]!.tabIndex = 0;
    items[j]!.focus();
  };
}
