/**
 * The fleet grid: the servers grid's layout and keyboard model (fixed row height, only visible rows
 * in the DOM, arrows / Home / End / PageUp / PageDown, Space toggles, Shift extends, Ctrl/Cmd+A)
 * with account and region columns; rows are keyed by account/region/server id.
 */
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  Index,
  onCleanup,
  onMount,
  type Accessor,
} from 'solid-js';
import { StatusBadge } from '../../components/status-badge';
import { formatFlavor, formatIps, formatTags } from '../../lib/format';
import type { Selection } from '../../stores/selection-store';
import { ROW_HEIGHT } from '../../components/virtual-table';
import type { FleetRow, FleetSort, FleetSortKey } from './fleet-model';

const OVERSCAN = 8;

const COLUMNS: { key: FleetSortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'account', label: 'Account' },
  { key: 'region', label: 'Region' },
  { key: 'status', label: 'Status' },
  { key: 'flavor', label: 'Flavor' },
  { key: 'ips', label: 'IPs' },
  { key: 'tags', label: 'Tags' },
];

/** Props of {@link FleetTable}. */
export interface FleetTableProps {
  rows: Accessor<FleetRow[]>;
  selection: Selection;
  sort: FleetSort;
  onSort(s: FleetSort): void;
}

/** A DOM id for a row key (keys hold slashes). */
const rowId = (key: string) => `frow-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** The virtualized fleet grid. */
export function FleetTable(props: FleetTableProps) {
  let viewport: HTMLDivElement | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(600);
  const [active, setActive] = createSignal(0);
  const order = createMemo(() => props.rows().map((r) => r.key));

  onMount(() => {
    const measure = () => setHeight(viewport?.clientHeight || 600);
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(measure);
      if (viewport) ro.observe(viewport);
      onCleanup(() => ro.disconnect());
    }
  });

  const visible = createMemo(() => {
    const rows = props.rows();
    const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(rows.length, Math.ceil((scrollTop() + height()) / ROW_HEIGHT) + OVERSCAN);
    return rows.slice(first, last).map((r, k) => ({ r, index: first + k }));
  });
  const activeIndex = () => Math.min(active(), Math.max(0, props.rows().length - 1));
  const activeKey = () => props.rows()[activeIndex()]?.key;

  const moveTo = (i: number, extend: boolean) => {
    const n = props.rows().length;
    if (n === 0 || !viewport) return;
    const j = Math.max(0, Math.min(n - 1, i));
    setActive(j);
    const top = j * ROW_HEIGHT;
    const body = height() - ROW_HEIGHT;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > viewport.scrollTop + body) viewport.scrollTop = top + ROW_HEIGHT - body;
    setScrollTop(viewport.scrollTop);
    if (extend) props.selection.click(order()[j]!, order(), { range: true });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height() / ROW_HEIGHT) - 2);
    const i = activeIndex();
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
        if (k) props.selection.toggle(k);
        break;
      }
      case 'a':
      case 'A':
        if (!(e.ctrlKey || e.metaKey)) return;
        props.selection.set(order());
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const allSelected = () => {
    const sel = props.selection.ids();
    return order().length > 0 && sel.size >= order().length && order().every((k) => sel.has(k));
  };
  const someSelected = () => props.selection.ids().size > 0;
  const headerSort = (key: FleetSortKey) =>
    props.onSort({ key, dir: props.sort.key === key && props.sort.dir === 'asc' ? 'desc' : 'asc' });

  return (
    <div
      ref={(el) => (viewport = el)}
      class="grid-viewport fleet-grid"
      role="grid"
      aria-label="Fleet servers"
      aria-rowcount={props.rows().length + 1}
      aria-colcount={COLUMNS.length + 1}
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={activeKey() ? rowId(activeKey()!) : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="grid-head">
        <div role="row" class="srow frow head" aria-rowindex={1}>
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
              id={rowId(row().r.key)}
              data-key={row().r.key}
              class="srow frow"
              classList={{
                active: row().index === activeIndex(),
                selected: props.selection.has(row().r.key),
              }}
              aria-rowindex={row().index + 2}
              aria-selected={props.selection.has(row().r.key)}
              style={{ transform: `translateY(${row().index * ROW_HEIGHT}px)` }}
              onClick={(e) => {
                setActive(row().index);
                props.selection.click(row().r.key, order(), {
                  toggle: e.ctrlKey || e.metaKey,
                  range: e.shiftKey,
                });
              }}
            >
              <div role="gridcell" class="cell check">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={`Select ${row().r.name} (${row().r.accountName}, ${row().r.region})`}
                  checked={props.selection.has(row().r.key)}
                  onClick={(e) => {
                    e.stopPropagation();
                    setActive(row().index);
                    props.selection.toggle(row().r.key);
                  }}
                />
              </div>
              <div role="gridcell" class="cell col-name" title={row().r.id}>
                {row().r.name}
              </div>
              <div role="gridcell" class="cell col-account">
                {row().r.accountName}
              </div>
              <div role="gridcell" class="cell col-region">
                {row().r.region}
              </div>
              <div role="gridcell" class="cell col-status">
                <StatusBadge status={row().r.status} taskState={row().r.taskState} />
              </div>
              <div role="gridcell" class="cell col-flavor">
                {formatFlavor(row().r.flavor)}
              </div>
              <div role="gridcell" class="cell col-ips mono">
                {formatIps(row().r)}
              </div>
              <div role="gridcell" class="cell col-tags">
                {formatTags(row().r)}
              </div>
            </div>
          )}
        </Index>
      </div>
    </div>
  );
}
