/**
 * The list of every NIC of the region (20,000 and more) in a virtualized grid: which server holds
 * each IP and MAC, on which subnet, primary or extension, and its status. Type to search over IP,
 * MAC, server name and subnet; click a row (or press Enter on it) to pick its server, whose NICs
 * the pane then shows below for adding and deleting.
 */
import { createEffect, createMemo, onCleanup, Show, type Accessor } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { PortRowView, SubnetView } from '../../../../shared/ipc/views';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { useServers } from '../../stores/app-context';

/** Search texts built per task ahead of the first keystroke (~2-4 ms each). */
const WARM_SLICE = 2000;

/** How a NIC's role reads: the primary NIC cannot be deleted, extension NICs can. */
export function nicRole(n: Pick<PortRowView, 'primary'>): string {
  return n.primary === undefined ? '—' : n.primary ? 'Primary' : 'Extension';
}

/** A NIC's IP addresses, comma separated. */
export function nicIps(n: Pick<PortRowView, 'fixedIps'>): string {
  return n.fixedIps.map((f) => f.address).join(', ');
}

/**
 * The NICs whose search text holds every word of `query` (case-insensitive), in `rows` order.
 * `key(n)` is the row's lowercase search text (IPs, MAC, server name, subnet name).
 */
export function searchNics(
  rows: readonly PortRowView[],
  query: string,
  key: (n: PortRowView) => string,
): PortRowView[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows as PortRowView[];
  return rows.filter((n) => {
    const k = key(n);
    return words.every((w) => k.includes(w));
  });
}

/** The NICs a search shows, and the names the grid shows for a NIC's server and subnet. */
export interface NicSearch {
  /** The rows matching the query, in the list's order (a new array on every change). */
  shown: Accessor<PortRowView[]>;
  /** The server's name (from the servers list), or its id when the list does not have it. */
  serverName(n: PortRowView): string;
  /** The NIC's subnet from subnets.list, when it is there. */
  subnet(n: PortRowView): SubnetView | undefined;
}

/**
 * Searches `rows` for `query()` over IP, MAC, server name and subnet name. Plain lookups are
 * rebuilt once per change of the servers or subnets, and each row's search text is built when
 * first searched and kept until the names change: a keystroke scans plain strings, and a page
 * that streams in only builds its own rows' texts.
 */
export function createNicSearch(
  rows: Accessor<readonly PortRowView[]>,
  subnets: Accessor<readonly SubnetView[]>,
  query: Accessor<string>,
): NicSearch {
  const [servers, serversActions] = useServers();
  const serverNames = createMemo(() => {
    serversActions.version();
    const m = new Map<string, string>();
    for (const s of unwrap(servers.items)) m.set(s.id, s.name);
    return m;
  });
  const subnetsById = createMemo(() => new Map(subnets().map((s) => [s.id, s])));
  const serverName = (n: PortRowView) => serverNames().get(n.serverId) ?? n.serverId;
  const subnet = (n: PortRowView) => subnetsById().get(n.networkId);
  const keys = createMemo(() => {
    serverNames();
    subnetsById();
    return new WeakMap<PortRowView, string>();
  });
  const keyOf = (n: PortRowView) => {
    const cache = keys();
    let k = cache.get(n);
    if (k === undefined) {
      const where = subnet(n)?.name ?? n.networkId;
      k = `${nicIps(n)} ${n.mac} ${n.serverId ? serverName(n) : ''} ${where}`.toLowerCase();
      cache.set(n, k);
    }
    return k;
  };
  // equals: false: the store announces each page with the same (grown) array.
  const shown = createMemo(() => searchNics(rows(), query(), keyOf), undefined, { equals: false });
  // The texts are built ahead of the first keystroke, a slice per task while nothing else runs
  // (a page that arrives, or new names, start it again; texts already built are kept).
  let warming: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    rows();
    keys();
    clearTimeout(warming);
    let i = 0;
    const step = () => {
      const list = rows();
      const end = Math.min(list.length, i + WARM_SLICE);
      for (; i < end; i++) keyOf(list[i]!);
      if (i < list.length) warming = setTimeout(step, 0);
    };
    warming = setTimeout(step, 0);
  });
  onCleanup(() => clearTimeout(warming));
  return { shown, serverName, subnet };
}

/** Props of {@link AllNicsGrid}. */
export interface AllNicsGridProps {
  search: NicSearch;
  /** A row was clicked or opened with Enter: its server (never called for a free port). */
  onPick(serverId: string): void;
}

/** The grid of every NIC the search shows. */
export function AllNicsGrid(props: AllNicsGridProps) {
  const pick = (portId: string) => {
    const n = props.search.shown().find((r) => r.portId === portId);
    if (n?.serverId) props.onPick(n.serverId);
  };
  // One delegated listener: a click anywhere on a row picks its server (the grid still moves its
  // active row, so the keyboard goes on from there).
  const onClickCapture = (e: MouseEvent) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('.grid-body [role=row][data-id]');
    if (row?.dataset.id) pick(row.dataset.id);
  };
  const columns: VirtualColumn<PortRowView>[] = [
    {
      id: 'server',
      label: 'Server',
      cell: (n) => (
        <Show when={n().serverId} fallback={<span class="muted">Not attached</span>}>
          <span title={n().serverId}>{props.search.serverName(n())}</span>
        </Show>
      ),
    },
    { id: 'ips', label: 'IP addresses', class: 'mono', cell: (n) => nicIps(n()) || '—' },
    { id: 'mac', label: 'MAC', class: 'mono', cell: (n) => n().mac },
    {
      id: 'subnet',
      label: 'Subnet',
      cell: (n) => {
        const s = () => props.search.subnet(n());
        return <span title={s()?.cidr}>{s()?.name ?? n().networkId}</span>;
      },
    },
    { id: 'role', label: 'Role', cell: (n) => nicRole(n()) },
    { id: 'status', label: 'Status', cell: (n) => <span class="badge">{n().status}</span> },
  ];

  return (
    <div class="grid-host" ref={(el) => el.addEventListener('click', onClickCapture, true)}>
      <VirtualTable
        label="All NICs"
        idPrefix="nic"
        rows={props.search.shown}
        rowKey={(n) => n.portId}
        columns={columns}
        template="minmax(160px, 1.6fr) minmax(150px, 1.3fr) 150px minmax(150px, 1.2fr) 100px 100px"
        minWidth={900}
        onOpen={pick}
      />
    </div>
  );
}
