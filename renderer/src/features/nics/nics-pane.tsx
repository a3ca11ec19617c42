/**
 * The NICs pane: every NIC of the region (20,000 and more, streamed into a virtualized grid) with
 * its server, IPs, MAC, subnet, role and status, searchable by IP, MAC, server or subnet; pick a
 * server (from a row, or the server picker) to see its NICs (IP, MAC, subnet, security groups),
 * add NICs in a batch and delete NICs (never the primary one); and the networks of the region.
 * Everything here is loaded per scope (`createAllNics`, `createScopedData`) and a server's NICs by
 * a component mounted per server: a scope or server switch clears the old rows at once and shows
 * "Loading", never one scope's NICs or networks under another's name.
 */
import { createMemo, createSignal, createUniqueId, Show } from 'solid-js';
import type { NicView, ServerView, SubnetView } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { PaneHeader } from '../../components/pane-header';
import { ServerPicker } from '../../components/server-picker';
import { SimpleTable, type TableColumn } from '../../components/simple-table';
import { toggled } from '../../lib/sets';
import { useApi } from '../../lib/api-context';
import { useConfirmThenRun } from '../../lib/confirm-run';
import { formatCount, formatInteger } from '../../lib/units';
import { useScope, useServers, useToasts } from '../../stores/app-context';
import { useJobWatcher } from '../../stores/job-watch';
import { createScopedData } from '../../stores/scoped-data';
import { usePickableServers } from '../../stores/pickable-servers';
import { AddNicsDialog } from './add-nics-dialog';
import { AllNicsGrid, createNicSearch } from './all-nics';
import { createAllNics } from './all-nics-store';
import { nicDeleteBlockedReason } from './nic-rules';
import { useNicsUi } from './nics-ui';

/** The NICs pane. */
export function NicsPane() {
  const api = useApi();
  const [scope] = useScope();
  const [, serversActions] = useServers();
  const hid = createUniqueId();
  const nui = useNicsUi();
  const server = () => (nui.serverId() ? serversActions.get(nui.serverId()) : undefined);
  const [subnets] = createScopedData((sc) => api.invoke('subnets.list', sc));
  const [networks, { reload: reloadNetworks }] = createScopedData((sc) => api.invoke('networks.list', sc));
  const all = createAllNics(api, () => scope.scope);
  const subnetList = () => subnets.value?.subnets ?? [];
  const search = createNicSearch(all.rows, subnetList, nui.query);
  const pickable = usePickableServers();
  // Never "<n> NICs," (the per-server status reads "2 NICs, 0 selected").
  const status = () => {
    const n = all.rows().length;
    if (n === 0) {
      if (all.error()) return '';
      return all.complete() ? 'No NICs in this region' : 'Loading every NIC of the region…';
    }
    const total = all.complete()
      ? `${formatCount(n, 'NIC')} in the region`
      : `${formatInteger(n)} NICs loaded so far…`;
    const shown = search.shown().length;
    return shown === n ? total : `${formatInteger(shown)} of ${total}`;
  };

  return (
    // The grid takes the room left (at least 200 px); the pane scrolls when a server's NICs and
    // the networks need more than the window has.
    <section class="pane nics-pane" style={{ overflow: 'auto' }} aria-labelledby={`${hid}-h`}>
      <PaneHeader
        headingId={`${hid}-h`}
        title="NICs"
        status={status()}
        onRefresh={() => void all.reload()}
        refreshing={all.loading()}
        refreshLabel="Refresh all NICs"
      >
        <label for={`${hid}-srv`}>Server</label>
        <ServerPicker
          id={`${hid}-srv`}
          servers={pickable()}
          value={nui.serverId()}
          onChange={nui.setServerId}
        />
      </PaneHeader>
      <div class="filters" role="search" aria-label="Filter NICs">
        <input
          type="search"
          aria-label="Search NICs by IP, MAC, server or subnet"
          placeholder="Search IP, MAC, server or subnet"
          value={nui.query()}
          onInput={(e) => nui.setQuery(e.currentTarget.value)}
        />
      </div>
      <Show when={all.error()}>
        {(e) => (
          <ErrorPanel
            title="Could not load the NICs of the region"
            error={e()}
            onRetry={() => void all.reload()}
          />
        )}
      </Show>
      <Show when={all.rows().length}>
        <AllNicsGrid search={search} onPick={nui.setServerId} />
      </Show>

      <Show
        when={server()}
        fallback={<p class="muted">Choose a server (or a NIC above) to see and change its NICs.</p>}
      >
        {(srv) => (
          // Keyed on the id: another server mounts a fresh list (no rows or ticks of the last one).
          <Show when={srv().id} keyed>
            <ServerNics
              server={srv()}
              subnets={subnetList()}
              onNicsChanged={(id) => void all.refreshServer(id)}
            />
          </Show>
        )}
      </Show>

      <section aria-labelledby={`${hid}-neth`}>
        <div class="pane-header">
          <h3 id={`${hid}-neth`}>Networks</h3>
          <span class="muted" role="status">
            {networks.loading && !networks.value ? 'Loading networks…' : ''}
          </span>
          <button type="button" onClick={() => void reloadNetworks()} disabled={networks.loading}>
            Refresh networks
          </button>
        </div>
        <Show when={networks.error}>
          {(e) => (
            <ErrorPanel
              title="Could not load the networks"
              error={e()}
              onRetry={() => void reloadNetworks()}
            />
          )}
        </Show>
        <Show when={networks.value}>
          {(v) => (
            <SimpleTable
              label="Networks"
              head={['Name', 'CIDR', 'ID']}
              rows={v().networks.map((n) => [n.name, n.cidr ?? '—', n.id])}
            />
          )}
        </Show>
      </section>
    </section>
  );
}

/** One server's NICs: the list with its selection, batch add and batch delete. */
function ServerNics(props: {
  server: ServerView;
  subnets: readonly SubnetView[];
  /** The server's NICs changed (an add or delete job ended). */
  onNicsChanged?(serverId: string): void;
}) {
  const api = useApi();
  const [, serversActions] = useServers();
  const [, toasts] = useToasts();
  const confirmThenRun = useConfirmThenRun();
  const hid = createUniqueId();
  // eslint-disable-next-line solid/reactivity -- the component is keyed on the server's id
  const serverId = props.server.id;
  const [nics, { reload }] = createScopedData((sc) => api.invoke('nics.list', { ...sc, serverId }), 'portId');
  const nicList = (): NicView[] => nics.value?.nics ?? [];
  const serverSubnets = createMemo(() => {
    const vpcs = new Set((props.server.ips ?? []).map((ip) => ip.network).filter(Boolean));
    const mine = props.subnets.filter((s) => vpcs.has(s.vpcId));
    return mine.length ? mine : [...props.subnets];
  });
  const subnetName = (n: NicView) => {
    const ids = new Set([n.networkId, ...n.fixedIps.map((f) => f.subnetId)]);
    const s = props.subnets.find((x) => ids.has(x.networkId) || ids.has(x.id));
    return s ? `${s.name} (${s.cidr})` : n.networkId || '—';
  };
  const [checked, setChecked] = createSignal<ReadonlySet<string>>(new Set());
  const [adding, setAdding] = createSignal(false);
  const reloadNics = () => {
    setChecked(new Set<string>());
    void reload();
  };
  const watch = useJobWatcher(() => {
    reloadNics();
    void serversActions.refreshIds([serverId]);
    props.onNicsChanged?.(serverId);
  });
  const toggle = (id: string, on: boolean) => setChecked((s) => toggled(s, id, on));
  const chosen = () => nicList().filter((n) => checked().has(n.portId) && !n.primary);

  const remove = async () => {
    const srv = props.server;
    const list = chosen();
    if (!list.length) return;
    const what = formatCount(list.length, 'NIC');
    const ref = await confirmThenRun(
      () => ({
        title: `Delete ${what} of ${srv.name}`,
        message:
          `Detach and delete ${what} from server ${srv.name}. ` +
          `Their private IP addresses are released and traffic to them stops; the primary NIC stays.`,
        items: list.map((n) => `${ipsOf(n)} — ${n.mac} (${n.portId})`),
        confirmLabel: `Delete ${what}`,
        destructive: true,
      }),
      `Delete ${what} of ${srv.name}`,
      (sc) => api.invoke('nics.delete', { ...sc, serverId: srv.id, portIds: list.map((n) => n.portId) }),
    );
    if (ref) watch(ref.jobId);
  };

  const ipsOf = (n: NicView) => n.fixedIps.map((f) => f.address).join(', ') || 'no IP';
  const columns: TableColumn<NicView>[] = [
    {
      label: 'Select',
      cell: (n) => {
        const reason = nicDeleteBlockedReason(n);
        return (
          <input
            type="checkbox"
            aria-label={`Select NIC ${ipsOf(n)}`}
            disabled={!!reason}
            title={reason}
            aria-describedby={reason ? `${hid}-${n.portId}-why` : undefined}
            checked={checked().has(n.portId)}
            onChange={(e) => toggle(n.portId, e.currentTarget.checked)}
          />
        );
      },
    },
    {
      label: 'IP',
      rowHeader: true,
      cell: (n) => (
        <>
          <span class="mono">{ipsOf(n)}</span>
          <Show when={nicDeleteBlockedReason(n)}>
            {(reason) => (
              <div class="muted" id={`${hid}-${n.portId}-why`}>
                {reason()}
              </div>
            )}
          </Show>
        </>
      ),
    },
    { label: 'MAC', class: 'mono', cell: (n) => n.mac },
    { label: 'Subnet', cell: (n) => subnetName(n) },
    {
      label: 'Security groups',
      cell: (n) => (n.securityGroups ?? props.server.securityGroups).join(', ') || '—',
    },
    { label: 'State', cell: (n) => n.state },
    { label: 'Port', class: 'mono', cell: (n) => n.portId },
  ];

  return (
    <section aria-labelledby={`${hid}-nh`}>
      <div class="batch-bar" role="toolbar" aria-label={`NIC actions of ${props.server.name}`}>
        <h3 id={`${hid}-nh`}>NICs of {props.server.name}</h3>
        <span role="status" aria-live="polite">
          {nics.loading && !nics.value
            ? 'Loading NICs…'
            : `${formatCount(nicList().length, 'NIC')}, ${chosen().length} selected`}
        </span>
        <button type="button" onClick={reloadNics} disabled={nics.loading}>
          Refresh NICs
        </button>
        <button type="button" class="primary" onClick={() => setAdding(true)}>
          Add NICs…
        </button>
        <button type="button" class="danger" disabled={!chosen().length} onClick={() => void remove()}>
          {`Delete ${formatCount(chosen().length, 'selected NIC')}…`}
        </button>
      </div>
      <Show when={nics.error}>
        {(e) => (
          <ErrorPanel
            title={`Could not load the NICs of ${props.server.name}`}
            error={e()}
            onRetry={reloadNics}
          />
        )}
      </Show>
      <Show when={nics.value}>
        <SimpleTable
          label={`NICs of ${props.server.name}`}
          rows={nicList()}
          columns={columns}
          rowAttrs={(n) => ({ 'data-port-id': n.portId })}
        />
      </Show>
      <Show when={adding()}>
        <AddNicsDialog
          server={props.server}
          subnets={serverSubnets()}
          onClose={() => setAdding(false)}
          onStarted={(ref) => {
            const name = props.server.name;
            setAdding(false);
            toasts.show({ level: 'success', message: `Adding NICs to ${name}` });
            watch(ref.jobId);
          }}
        />
      </Show>
    </section>
  );
}
