/**
 * The servers grid: virtualized (fixed row height, only the visible rows are in the DOM), sortable
 * headers, multi-select (click, Shift ranges, Ctrl/Cmd toggles, select-all of the shown rows) and
 * keyboard navigation (arrows, Home/End, PageUp/PageDown, Space, Enter, Ctrl/Cmd+A).
 */
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  Index,
  onCleanup,
  onMount,
  Show,
  type Accessor,
} from 'solid-js';
import type { ServerView } from '../../../../shared/ipc/views';
import { StatusBadge } from '../../components/status-badge';
import { formatFlavor, formatIps, formatTags, formatTime } from '../../lib/format';
import type { Selection } from '../../stores/selection-store';
import type { SortKey, SortSpec } from './server-filter';

/** Height of one row, in CSS pixels (the CSS uses the same number). */
export const ROW_HEIGHT = 34;
const OVERSCAN = 8;

// Formatting a date is the costliest part of filling a row slot while scrolling:
// `formatTime` (toLocaleString) builds an Intl formatter per call. One shared formatter with the
// same options gives the same text; each ISO string's text is remembered too.
let timeFormat: Intl.DateTimeFormat | undefined;
const timeCache = new Map<string, string>();
function cachedTime(iso: string | undefined): string {
  if (!iso) return '';
  let t = timeCache.get(iso);
  if (t === undefined) {
    if (timeCache.size > 50_000) timeCache.clear();
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) t = formatTime(iso);
    else {
      timeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      t = timeFormat.format(d);
    }
    timeCache.set(iso, t);
  }
  return t;
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'status', label: 'Status' },
  { key: 'flavor', label: 'Flavor' },
  { key: 'ips', label: 'IPs' },
  { key: 'az', label: 'AZ' },
  { key: 'tags', label: 'Tags' },
  { key: 'created', label: 'Created' },
];

/** Props of {@link ServerTable}. */
export interface ServerTableProps {
  rows: Accessor<ServerView[]>;
  selection: Selection;
  sort: SortSpec;
  onSort(s: SortSpec): void;
  onOpen(id: string): void;
}

/** The virtualized servers grid. */
export function ServerTable(props: ServerTableProps) {
  let viewport: HTMLDivElement | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  // jsdom has no layout: assume a 600 px viewport until measured.
  const [height, setHeight] = createSignal(600);
  const [active, setActive] = createSignal(0);
  const order = createMemo(() => props.rows().map((s) => s.id));

  onMount(() => {
    const measure = () => setHeight(viewport?.clientHeight || 600);
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(measure);
      if (viewport) ro.observe(viewport);
      onCleanup(() => ro.disconnect());
    }
  });

  const range = createMemo(() => {
    const n = props.rows().length;
    const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((scrollTop() + height()) / ROW_HEIGHT) + OVERSCAN);
    return { first, last };
  });
  const visible = createMemo(() => {
    const { first, last } = range();
    return props
      .rows()
      .slice(first, last)
      .map((s, k) => ({ s, index: first + k }));
  });

  const activeIndex = () => Math.min(active(), Math.max(0, props.rows().length - 1));
  const activeId = () => props.rows()[activeIndex()]?.id;

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
    if (extend) props.selection.click(order()[j]!, order(), { range: true });
  };

  const onKeyDown = (e: KeyboardEvent) => {
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
        const id = activeId();
        if (id) props.selection.toggle(id);
        break;
      }
      case 'Enter': {
        const id = activeId();
        if (id) props.onOpen(id);
        break;
      }
      case 'a':
      case 'A':
        if (!mod) return;
        props.selection.set(order());
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const allSelected = () => {
    const ids = order();
    const sel = props.selection.ids();
    return ids.length > 0 && sel.size >= ids.length && ids.every((id) => sel.has(id));
  };
  const someSelected = () => {
    const sel = props.selection.ids();
    return sel.size > 0 && order().some((id) => sel.has(id));
  };

  const headerSort = (key: SortKey) => {
    const s = props.sort;
    props.onSort({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' });
  };

  return (
    <div
      ref={(el) => (viewport = el)}
      class="grid-viewport"
      role="grid"
      aria-label="Servers"
      aria-rowcount={props.rows().length + 1}
      aria-colcount={COLUMNS.length + 1}
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={activeId() ? `srow-${activeId()}` : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="grid-head">
        <div role="row" class="srow head" aria-rowindex={1}>
          <div role="columnheader" class="cell check">
            <input
              type="checkbox"
              tabIndex={-1}
              aria-label={`Select all ${props.rows().length} shown servers`}
              checked={allSelected()}
              ref={(el) => createEffect(() => (el.indeterminate = !allSelected() && someSelected()))}
              onChange={() => (allSelected() ? props.selection.clear() : props.selection.set(order()))}
            />
          </div>
          <For each={COLUMNS}>
            {(c) => (
              <div
                role="columnheader"
                class={`cell col-${c.key}`}
                aria-sort={
                  props.sort.key === c.key ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                }
              >
                <button type="button" tabIndex={-1} class="sort" onClick={() => headerSort(c.key)}>
                  {c.label}
                  <span aria-hidden="true">
                    {props.sort.key === c.key ? (props.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </div>
            )}
          </For>
        </div>
      </div>
      <div role="rowgroup" class="grid-body" style={{ height: `${props.rows().length * ROW_HEIGHT}px` }}>
        <Index each={visible()}>
          {(row) => (
            <div
              role="row"
              id={`srow-${row().s.id}`}
              data-id={row().s.id}
              class="srow"
              classList={{ active: row().index === activeIndex(), selected: props.selection.has(row().s.id) }}
              aria-rowindex={row().index + 2}
              aria-selected={props.selection.has(row().s.id)}
              style={{ transform: `translateY(${row().index * ROW_HEIGHT}px)` }}
              onClick={(e) => {
                setActive(row().index);
                props.selection.click(row().s.id, order(), {
                  toggle: e.ctrlKey || e.metaKey,
                  range: e.shiftKey,
                });
              }}
              onDblClick={() => props.onOpen(row().s.id)}
            >
              <div role="gridcell" class="cell check">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={`Select ${row().s.name}`}
                  checked={props.selection.has(row().s.id)}
                  onClick={(e) => {
                    e.stopPropagation();
                    setActive(row().index);
                    if (e.shiftKey) props.selection.click(row().s.id, order(), { range: true, toggle: true });
                    else props.selection.toggle(row().s.id);
                  }}
                />
              </div>
              <div role="gridcell" class="cell col-name">
                <button
                  type="button"
                  tabIndex={-1}
                  class="link"
                  title={row().s.id}
                  onClick={(e) => {
                    e.stopPropagation();
                    setActive(row().index);
                    props.onOpen(row().s.id);
                  }}
                >
                  {row().s.name}
                </button>
                <Show when={row().s.locked}>
                  <span class="muted" title="Locked">
                    {' '}
                    (locked)
                  </span>
                </Show>
              </div>
              <div role="gridcell" class="cell col-status">
                <StatusBadge status={row().s.status} taskState={row().s.taskState} />
              </div>
              <div role="gridcell" class="cell col-flavor">
                {formatFlavor(row().s.flavor)}
              </div>
              <div role="gridcell" class="cell col-ips mono">
                {formatIps(row().s)}
              </div>
              <div role="gridcell" class="cell col-az">
                {row().s.availabilityZone}
              </div>
              <div role="gridcell" class="cell col-tags">
                {formatTags(row().s)}
              </div>
              <div role="gridcell" class="cell col-created">
                {cachedTime(row().s.created)}
              </div>
            </div>
          )}
        </Index>
      </div>
    </div>
  );
}
