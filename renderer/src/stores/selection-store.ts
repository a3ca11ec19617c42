/**
 * A multi-selection over an ordered list (click, Ctrl/Cmd toggles, Shift ranges, select-all),
 * kept as one Set signal so 10,000 rows cost one update per change.
 */
import { createSignal, type Accessor } from 'solid-js';

/** State and actions of a selection. */
export interface Selection {
  /** The selected ids. */
  ids: Accessor<ReadonlySet<string>>;
  /** True when `id` is selected. */
  has(id: string): boolean;
  /**
   * Applies a click on `id` within `order` (the rows as shown): plain click selects only it,
   * `toggle` (Ctrl/Cmd) adds or removes it, `range` (Shift) selects from the anchor to it.
   */
  click(id: string, order: readonly string[], mods?: { toggle?: boolean; range?: boolean }): void;
  /** Adds or removes one id (it becomes the anchor of the next Shift range). */
  toggle(id: string): void;
  /** Selects exactly these ids. */
  set(ids: Iterable<string>): void;
  clear(): void;
  /** Drops ids that are no longer in `existing`. */
  retain(existing: ReadonlySet<string>): void;
}

/** Creates an empty selection. */
export function createSelection(): Selection {
  const [ids, setIds] = createSignal<ReadonlySet<string>>(new Set(), { equals: false });
  let anchor: string | undefined;
  return {
    ids,
    has: (id) => ids().has(id),
    click(id, order, mods = {}) {
      if (mods.range && anchor !== undefined) {
        const a = order.indexOf(anchor);
        const b = order.indexOf(id);
        if (a >= 0 && b >= 0) {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const next = mods.toggle ? new Set(ids()) : new Set<string>();
          for (let i = lo; i <= hi; i++) next.add(order[i]!);
          setIds(next);
          return;
        }
      }
      if (mods.toggle) {
        this.toggle(id);
        return;
      }
      anchor = id;
      setIds(new Set([id]));
    },
    toggle(id) {
      const next = new Set(ids());
      if (next.has(id)) next.delete(id);
      else next.add(id);
      anchor = id;
      setIds(next);
    },
    set(list) {
      setIds(new Set<string>(list));
    },
    clear() {
      anchor = undefined;
      setIds(new Set<string>());
    },
    retain(existing) {
      const cur = ids();
      let changed = false;
      const next = new Set<string>();
      for (const id of cur) {
        if (existing.has(id)) next.add(id);
        else changed = true;
      }
      if (changed) setIds(next);
    },
  };
}
