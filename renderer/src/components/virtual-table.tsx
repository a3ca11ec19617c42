/**
 * The one virtualized grid of the console (servers, disks, tag search results, activity, fleet):
 * fixed row height, only the visible rows (plus a few) in the DOM, sortable headers, optional
 * multi-select (click, Shift ranges, Ctrl/Cmd toggles, select-all of the shown rows) and keyboard
 * navigation (arrows, Home/End, PageUp/PageDown, Space, Enter, Ctrl/Cmd+A) with
 * `aria-activedescendant`, so 20,000 rows cost the same few hundred elements as 20.
 */
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  onCleanup,
  onMount,
  Show,
  type Accessor,
  type JSX,
} from 'solid-js';
import type { Selection } from '../stores/selection-store';

/** Height of one row, in CSS pixels (the CSS uses the same number). */
export const ROW_HEIGHT = 34;
const OVERSCAN = 8;

/** One column of a {@link VirtualTable}. */
export interface VirtualColumn<T> {
  /** Stable id; also the cell's class suffix (`col-<id>`) and, when sortable, the sort key. */
  id: string;
  label: string;
  /**
   * The cell's content; `row` changes when the rows change (a row edited, filtered, sorted).
   * `active` tells whether the row is the grid's active one: give buttons in a cell
   * `tabIndex={active() ? 0 : -1}`, so Tab visits the active row's buttons, not every row's.
   */
  cell(row: Accessor<T>, active: Accessor<boolean>): JSX.Element;
  /** Extra class of the cell (e.g. `mono`). */
  class?: string;
  /** True when clicking the header sorts by this column. */
  sortable?: boolean;
}

/** A sort order over the columns' ids. */
export interface VirtualSort<K extends string = string> {
  key: K;
  dir: 'asc' | 'desc';
}

/** Props of {@link VirtualTable}. */
export interface VirtualTableProps<T> {
  /** Accessible name of the grid. */
  label: string;
  rows: Accessor<readonly T[]>;
  /** A row's stable id (used for selection, DOM ids and `onOpen`). */
  rowKey(row: T): string;
  columns: readonly VirtualColumn<T>[];
  /** CSS `grid-template-columns` of the data columns (the selection column is added in front). */
  template: string;
  /** Minimum width of a row in CSS pixels (the grid scrolls sideways below it). */
  minWidth?: number;
  /** Prefix of row element ids (default `vrow`); row ids are `<prefix>-<key>`. */
  idPrefix?: string;
  /** A row's element id from its key, for keys that are not id-safe (default `<idPrefix>-<key>`). */
  rowId?(key: string): string;
  sort?: VirtualSort;
  onSort?(s: VirtualSort): void;
  /** With a selection, rows get checkboxes and multi-select gestures. */
  selection?: Selection;
  /** Name of one row for the checkbox label ("Select <name>"). */
  rowName?(row: T): string;
  /** Plural noun of the rows, for "Select all 20 shown <noun>" (default "rows"). */
  noun?: string;
  /** Enter or double click on a row. */
  onOpen?(key: string): void;
  /** Extra classes of a row. */
  rowClass?(row: T): Record<string, boolean>;
  /** Extra class of the viewport. */
  class?: string;
}

/** The virtualized grid. */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  let viewport: HTMLDivElement | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  // jsdom has no layout: assume a 600 px viewport until measured.
  const [height, setHeight] = createSignal(600);
  const [active, setActive] = createSignal(0);
  const domId = (key: string) => props.rowId?.(key) ?? `${props.idPrefix ?? 'vrow'}-${key}`;
  // Every row's key in order, built when a gesture or the select-all box needs them and kept for
  // that rows array: as a memo it was rebuilt (50,000 keys in the fleet) on every keystroke of a
  // filter and every page loaded, read or not.
  // (The length check covers a list that grows in place, as the All NICs list does per page.)
  let orderOf: { rows: readonly T[]; keys: string[] } | undefined;
  const order = (): string[] => {
    const rows = props.rows();
    if (orderOf?.rows !== rows || orderOf.keys.length !== rows.length)
      orderOf = { rows, keys: rows.map((r) => props.rowKey(r)) };
    return orderOf.keys;
  };
  const check = () => !!props.selection;
  const template = () => (check() ? `36px ${props.template}` : props.template);

  onMount(() => {
    const measure = () => setHeight(viewport?.clientHeight || 600);
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(measure);
      if (viewport) ro.observe(viewport);
      onCleanup(() => ro.disconnect());
    }
  });

  const range = createMemo(
    () => {
      const n = props.rows().length;
      const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN);
      const last = Math.min(n, Math.ceil((scrollTop() + height()) / ROW_HEIGHT) + OVERSCAN);
      return { first, last };
    },
    undefined,
    // Scrolling less than a row keeps the same slots: no work at all for most scroll events.
    { equals: (a, b) => a.first === b.first && a.last === b.last },
  );
  // The indexes of the rows in the DOM. Keyed by index (For), so scrolling by a few rows creates
  // those few and leaves the others' elements untouched: with slots reused in place (Index), every
  // visible row's text changed on every scroll step, and the browser laid out and painted them all.
  const visible = createMemo(() => {
    const { first, last } = range();
    return Array.from({ length: last - first }, (_, k) => first + k);
  });

  const activeIndex = () => Math.min(active(), Math.max(0, props.rows().length - 1));
  const activeKey = () => {
    const row = props.rows()[activeIndex()];
    return row === undefined ? undefined : props.rowKey(row);
  };

  const scrollToIndex = (i: number) => {
    if (!viewport) return;
    const top = i * ROW_HEIGHT;
    const bodyHeight = height() - ROW_HEIGHT; // the sticky header covers one row
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > viewport.scrollTop + bodyHeight)
      viewport.scrollTop = top + ROW_HEIGHT - bodyHeight;
    setScrollTop(viewport.scrollTop);
  };

  const moveTo = (i: number, extend: boolean) => {
    const n = props.rows().length;
    if (n === 0) return;
    const j = Math.max(0, Math.min(n - 1, i));
    setActive(j);
    scrollToIndex(j);
    if (extend) props.selection?.click(order()[j]!, order(), { range: true });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Keys on a column header's sort button are the button's (Enter and Space sort), not the rows'.
    if (e.target instanceof Element && e.target.closest('.grid-head')) return;
    const page = Math.max(1, Math.floor(height() / ROW_HEIGHT) - 2);
    const i = activeIndex();
    const mod = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(i + 1, e.shiftKey);
        break;
      case 'ArrowUp':
        moveTo(i - 1, e.shiftKey);
        break;
      case 'PageDown':
        moveTo(i + page, e.shiftKey);
        break;
      case 'PageUp':
        moveTo(i - page, e.shiftKey);
        break;
      case 'Home':
        moveTo(0, e.shiftKey);
        break;
      case 'End':
        moveTo(props.rows().length - 1, e.shiftKey);
        break;
      case ' ': {
        const k = activeKey();
        if (!k || !props.selection) return;
        props.selection.toggle(k);
        break;
      }
      case 'Enter': {
        const k = activeKey();
        if (!k || !props.onOpen) return;
        props.onOpen(k);
        break;
      }
      case 'a':
      case 'A':
        if (!mod || !props.selection) return;
        props.selection.set(order());
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const allSelected = () => {
    const n = props.rows().length;
    const sel = props.selection?.ids();
    return !!sel && n > 0 && sel.size >= n && order().every((id) => sel.has(id));
  };
  const someSelected = () => {
    const sel = props.selection?.ids();
    return !!sel && sel.size > 0 && order().some((id) => sel.has(id));
  };

  const headerSort = (key: string) => {
    const s = props.sort;
    props.onSort?.({ key, dir: s?.key === key && s.dir === 'asc' ? 'desc' : 'asc' });
  };

  return (
    <div
      ref={(el) => (viewport = el)}
      class={`grid-viewport ${props.class ?? ''}`}
      role="grid"
      aria-label={props.label}
      aria-rowcount={props.rows().length + 1}
      aria-colcount={props.columns.length + (check() ? 1 : 0)}
      aria-multiselectable={check() ? 'true' : undefined}
      tabIndex={0}
      aria-activedescendant={activeKey() !== undefined ? domId(activeKey()!) : undefined}
      style={{ '--grid-cols': template(), '--grid-min': `${props.minWidth ?? 600}px` }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="grid-head">
        <div role="row" class="srow head" aria-rowindex={1}>
          <Show when={props.selection}>
            {(sel) => (
              <div role="columnheader" class="cell check">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={`Select all ${props.rows().length} shown ${props.noun ?? 'rows'}`}
                  checked={allSelected()}
                  ref={(el) => createEffect(() => (el.indeterminate = !allSelected() && someSelected()))}
                  onChange={() => (allSelected() ? sel().clear() : sel().set(order()))}
                />
              </div>
            )}
          </Show>
          <For each={props.columns}>
            {(c) => (
              <div
                role="columnheader"
                class={`cell col-${c.id}`}
                aria-sort={
                  !c.sortable
                    ? undefined
                    : props.sort?.key === c.id
                      ? props.sort.dir === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : 'none'
                }
              >
                <Show when={c.sortable} fallback={c.label}>
                  <button type="button" class="sort" onClick={() => headerSort(c.id)}>
                    {c.label}
                    <span aria-hidden="true">
                      {props.sort?.key === c.id ? (props.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </Show>
              </div>
            )}
          </For>
        </div>
      </div>
      <div role="rowgroup" class="grid-body" style={{ height: `${props.rows().length * ROW_HEIGHT}px` }}>
        <For each={visible()}>
          {(index) => {
            // Re-read on every change of the rows (a row edited in place keeps its identity).
            const row = () => props.rows()[index]!;
            const key = () => props.rowKey(row());
            const selected = () => props.selection?.has(key()) ?? false;
            return (
              <div
                role="row"
                id={domId(key())}
                data-id={key()}
                class="srow"
                classList={{
                  active: index === activeIndex(),
                  selected: selected(),
                  ...props.rowClass?.(row()),
                }}
                aria-rowindex={index + 2}
                aria-selected={props.selection ? selected() : undefined}
                style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
                onClick={(e) => {
                  setActive(index);
                  props.selection?.click(key(), order(), {
                    toggle: e.ctrlKey || e.metaKey,
                    range: e.shiftKey,
                  });
                }}
                onDblClick={() => props.onOpen?.(key())}
              >
                <Show when={props.selection}>
                  {(sel) => (
                    <div role="gridcell" class="cell check">
                      <input
                        type="checkbox"
                        tabIndex={-1}
                        aria-label={`Select ${props.rowName?.(row()) ?? key()}`}
                        checked={selected()}
                        onClick={(e) => {
                          e.stopPropagation();
                          setActive(index);
                          if (e.shiftKey) sel().click(key(), order(), { range: true, toggle: true });
                          else sel().toggle(key());
                        }}
                      />
                    </div>
                  )}
                </Show>
                <For each={props.columns}>
                  {(c) => (
                    <div role="gridcell" class={`cell col-${c.id} ${c.class ?? ''}`}>
                      {c.cell(row, () => index === activeIndex())}
                    </div>
                  )}
                </For>
              </div>
            );
          }}
        </For>
      </div>
    </div>
  );
}
