/**
 * The fleet grid: the generic {@link VirtualTable} (virtualized, sortable, multi-select, keyboard
 * navigation) with account and region columns; rows are keyed by account/region/server id.
 */
import type { Accessor } from 'solid-js';
import { StatusBadge } from '../../components/status-badge';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { formatFlavor, formatIps, formatTags } from '../../lib/format';
import type { Selection } from '../../stores/selection-store';
import type { FleetRow, FleetSort } from './fleet-model';

const COLUMNS: VirtualColumn<FleetRow>[] = [
  {
    id: 'name',
    label: 'Name',
    sortable: true,
    cell: (r) => <span title={r().id}>{r().name}</span>,
  },
  { id: 'account', label: 'Account', sortable: true, cell: (r) => r().accountName },
  { id: 'region', label: 'Region', sortable: true, cell: (r) => r().region },
  {
    id: 'status',
    label: 'Status',
    sortable: true,
    cell: (r) => <StatusBadge status={r().status} taskState={r().taskState} />,
  },
  { id: 'flavor', label: 'Flavor', sortable: true, cell: (r) => formatFlavor(r().flavor) },
  { id: 'ips', label: 'IPs', sortable: true, class: 'mono', cell: (r) => formatIps(r()) },
  { id: 'tags', label: 'Tags', sortable: true, cell: (r) => formatTags(r()) },
];

/** The fleet grid's column widths (after the selection column). */
const FLEET_COLUMNS_TEMPLATE =
  'minmax(150px, 2fr) minmax(130px, 1.2fr) 110px 150px minmax(190px, 1.3fr) minmax(130px, 1.2fr) minmax(110px, 1fr)';

/** Props of {@link FleetTable}. */
export interface FleetTableProps {
  rows: Accessor<FleetRow[]>;
  selection: Selection;
  sort: FleetSort;
  onSort(s: FleetSort): void;
}

/** A DOM id for a row key (keys hold slashes, and account ids are not ours to trust). */
const rowId = (key: string) => `frow-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** The virtualized fleet grid (a {@link VirtualTable} with the fleet's columns). */
export function FleetTable(props: FleetTableProps) {
  return (
    <VirtualTable
      label="Fleet servers"
      class="fleet-grid"
      rows={props.rows}
      rowKey={(r) => r.key}
      rowId={rowId}
      // The same name lives in many accounts and regions: the label says which one.
      rowName={(r) => `${r.name} (${r.accountName}, ${r.region})`}
      noun="servers"
      columns={COLUMNS}
      template={FLEET_COLUMNS_TEMPLATE}
      minWidth={1150}
      selection={props.selection}
      sort={props.sort}
      onSort={(s) => props.onSort(s as FleetSort)}
    />
  );
}
