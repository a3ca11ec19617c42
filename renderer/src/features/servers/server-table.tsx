/**
 * The servers grid: the generic {@link VirtualTable} (virtualized, sortable, multi-select,
 * keyboard navigation) with the servers' columns.
 */
import { Show, type Accessor } from 'solid-js';
import type { ServerView } from '../../../../shared/ipc/views';
import { StatusBadge } from '../../components/status-badge';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { formatFlavor, formatIps, formatTags, formatTime } from '../../lib/format';
import type { Selection } from '../../stores/selection-store';
import type { SortSpec } from './server-filter';

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

const COLUMNS: VirtualColumn<ServerView>[] = [
  {
    id: 'name',
    label: 'Name',
    sortable: true,
    cell: (s) => (
      <>
        <button type="button" tabIndex={-1} class="link" title={s().id} data-open={s().id}>
          {s().name}
        </button>
        <Show when={s().locked}>
          <span class="muted" title="Locked">
            {' '}
            (locked)
          </span>
        </Show>
      </>
    ),
  },
  {
    id: 'status',
    label: 'Status',
    sortable: true,
    cell: (s) => <StatusBadge status={s().status} taskState={s().taskState} />,
  },
  { id: 'flavor', label: 'Flavor', sortable: true, cell: (s) => formatFlavor(s().flavor) },
  { id: 'ips', label: 'IPs', sortable: true, class: 'mono', cell: (s) => formatIps(s()) },
  { id: 'az', label: 'AZ', sortable: true, cell: (s) => s().availabilityZone },
  { id: 'tags', label: 'Tags', sortable: true, cell: (s) => formatTags(s()) },
  { id: 'created', label: 'Created', sortable: true, cell: (s) => cachedTime(s().created) },
];

/** The servers grid's column widths (after the selection column). */
export const SERVER_COLUMNS_TEMPLATE =
  'minmax(160px, 2fr) 150px minmax(210px, 1.4fr) minmax(140px, 1.3fr) 110px minmax(120px, 1.3fr) 150px';

/** Props of {@link ServerTable}. */
export interface ServerTableProps {
  rows: Accessor<ServerView[]>;
  selection: Selection;
  sort: SortSpec;
  onSort(s: SortSpec): void;
  onOpen(id: string): void;
}

/** The virtualized servers grid (a {@link VirtualTable} with the servers' columns). */
export function ServerTable(props: ServerTableProps) {
  // The name is a link: one delegated listener opens the drawer without selecting the row.
  const onClickCapture = (e: MouseEvent) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('button[data-open]')?.dataset.open;
    if (!id) return;
    e.stopPropagation();
    props.onOpen(id);
  };
  return (
    <div class="grid-host" ref={(el) => el.addEventListener('click', onClickCapture, true)}>
      <VirtualTable
        label="Servers"
        idPrefix="srow"
        rows={props.rows}
        rowKey={(s) => s.id}
        rowName={(s) => s.name}
        noun="servers"
        columns={COLUMNS}
        template={SERVER_COLUMNS_TEMPLATE}
        minWidth={1100}
        selection={props.selection}
        sort={props.sort}
        onSort={(s) => props.onSort(s as SortSpec)}
        onOpen={(id) => props.onOpen(id)}
      />
    </div>
  );
}
