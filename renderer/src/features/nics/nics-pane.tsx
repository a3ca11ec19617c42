/**
 * The NICs pane: pick a server, see its NICs (IP, MAC, subnet, security groups), add NICs in a
 * batch, delete NICs (never the primary one), and the networks of the region.
 */
import { createMemo, createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { Result } from '../../../../shared/ipc/contract';
import type { NicView } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { ServerPicker } from '../../components/server-picker';
import { SimpleTable } from '../../components/simple-table';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { useScope, useServers, useToasts, useUi } from '../../stores/app-context';
import { useJobWatcher } from '../../stores/job-watch';
import { AddNicsDialog } from './add-nics-dialog';
import { nicDeleteBlockedReason } from './nic-rules';
import { useNicsUi } from './nics-ui';
import { formatCount } from '../../lib/units';

const errOf = <T,>(r: Result<T> | undefined): ErrorData | undefined => (r && !r.ok ? r.error : undefined);
const valOf = <T,>(r: Result<T> | undefined): T | undefined => (r?.ok ? r.value : undefined);

/** The NICs pane. */
export function NicsPane() {
  const api = useApi();
  const [scope] = useScope();
  const [servers, serversActions] = useServers();
  const [, ui] = useUi();
  const [, toasts] = useToasts();
  const run = useRunOp();
  const hid = createUniqueId();
  const nui = useNicsUi();
  const serverId = nui.serverId;
  const setServerId = nui.setServerId;
  const server = () => (serverId() ? serversActions.get(serverId()) : undefined);

  const [nics, { refetch: refetchNics }] = createResource(
    () => (scope.scope && serverId() ? { ...scope.scope, serverId: serverId() } : undefined),
    (arg) => api.invoke('nics.list', arg),
  );
  const [subnets] = createResource(
    () => scope.scope,
    (sc) => api.invoke('subnets.list', sc),
  );
  const [networks, { refetch: refetchNetworks }] = createResource(
    () => scope.scope,
    (sc) => api.invoke('networks.list', sc),
  );
  const nicList = (): NicView[] => (nics.error ? [] : (valOf(nics())?.nics ?? []));
  const subnetList = () => (subnets.error ? [] : (valOf(subnets())?.subnets ?? []));
  const serverSubnets = createMemo(() => {
    const all = subnetList();
    const vpcs = new Set((server()?.ips ?? []).map((ip) => ip.network).filter(Boolean));
    const mine = all.filter((s) => vpcs.has(s.vpcId));
    return mine.length ? mine : all;
  });
  const subnetName = (n: NicView) => {
    const ids = new Set([n.networkId, ...n.fixedIps.map((f) => f.subnetId)]);
    const s = subnetList().find((x) => ids.has(x.networkId) || ids.has(x.id));
    return s ? `${s.name} (${s.cidr})` : n.networkId || '—';
  };
  const [checked, setChecked] = createSignal<ReadonlySet<string>>(new Set());
  const [adding, setAdding] = createSignal(false);
  const reloadNics = () => {
    setChecked(new Set<string>());
    void refetchNics();
  };
  const watch = useJobWatcher(() => {
    reloadNics();
    if (serverId()) void serversActions.refreshIds([serverId()]);
  });
  const toggle = (id: string, on: boolean) =>
    setChecked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const chosen = () => nicList().filter((n) => checked().has(n.portId) && !n.primary);

  const remove = async () => {
    const sc = scope.scope;
    const srv = server();
    const list = chosen();
    if (!sc || !srv || !list.length) return;
    const ok = await ui.confirm({
      title: `Delete ${formatCount(list.length, 'NIC')} of ${srv.name}`,
      message:
        `Detach and delete ${formatCount(list.length, 'NIC')} from server ${srv.name}. ` +
        `Their private IP addresses are released and traffic to them stops; the primary NIC stays.`,
      items: list.map(
        (n) => `${n.fixedIps.map((f) => f.address).join(', ') || 'no IP'} — ${n.mac} (${n.portId})`,
      ),
      confirmLabel: `Delete ${formatCount(list.length, 'NIC')}`,
      destructive: true,
    });
    if (!ok) return;
    const ref = await run(`Delete ${formatCount(list.length, 'NIC')} of ${srv.name}`, () =>
      api.invoke('nics.delete', { ...sc, serverId: srv.id, portIds: list.map((n) => n.portId) }),
    );
    if (ref) watch(ref.jobId);
  };

  return (
    <section class="pane nics-pane" aria-labelledby={`${hid}-h`}>
      <header class="pane-header">
        <h2 id={`${hid}-h`}>NICs</h2>
        <div class="spacer" />
        <label for={`${hid}-srv`}>Server</label>
        <ServerPicker id={`${hid}-srv`} servers={servers.items} value={serverId()} onChange={setServerId} />
      </header>

      <Show when={server()} fallback={<p class="muted">Choose a server to see and change its NICs.</p>}>
        {(srv) => (
          <section aria-labelledby={`${hid}-nh`}>
            <div class="batch-bar" role="toolbar" aria-label={`NIC actions of ${srv().name}`}>
              <h3 id={`${hid}-nh`}>NICs of {srv().name}</h3>
              <span role="status" aria-live="polite">
                {nics.loading
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
            <Show when={errOf(nics())}>
              {(e) => (
                <ErrorPanel
                  title={`Could not load the NICs of ${srv().name}`}
                  error={e()}
                  onRetry={reloadNics}
                />
              )}
            </Show>
            <Show when={nicList().length}>
              <table class="simple" aria-label={`NICs of ${srv().name}`}>
                <thead>
                  <tr>
                    <th scope="col">Select</th>
                    <th scope="col">IP</th>
                    <th scope="col">MAC</th>
                    <th scope="col">Subnet</th>
                    <th scope="col">Security groups</th>
                    <th scope="col">State</th>
                    <th scope="col">Port</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={nicList()}>
                    {(n) => {
                      const ips = n.fixedIps.map((f) => f.address).join(', ') || 'no IP';
                      const reason = nicDeleteBlockedReason(n);
                      return (
                        <tr data-port-id={n.portId}>
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`Select NIC ${ips}`}
                              disabled={!!reason}
                              title={reason}
                              aria-describedby={reason ? `${hid}-${n.portId}-why` : undefined}
                              checked={checked().has(n.portId)}
                              onChange={(e) => toggle(n.portId, e.currentTarget.checked)}
                            />
                          </td>
                          <th scope="row">
                            <span class="mono">{ips}</span>
                            <Show when={reason}>
                              <div class="muted" id={`${hid}-${n.portId}-why`}>
                                {reason}
                              </div>
                            </Show>
                          </th>
                          <td class="mono">{n.mac}</td>
                          <td>{subnetName(n)}</td>
                          <td>{(n.securityGroups ?? srv().securityGroups).join(', ') || '—'}</td>
                          <td>{n.state}</td>
                          <td class="mono">{n.portId}</td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={adding()}>
              <AddNicsDialog
                server={srv()}
                subnets={serverSubnets()}
                onClose={() => setAdding(false)}
                onStarted={(ref) => {
                  const name = srv().name;
                  setAdding(false);
                  toasts.show({ level: 'success', message: `Adding NICs to ${name}` });
                  watch(ref.jobId);
                }}
              />
            </Show>
          </section>
        )}
      </Show>

      <section aria-labelledby={`${hid}-neth`}>
        <div class="pane-header">
          <h3 id={`${hid}-neth`}>Networks</h3>
          <button type="button" onClick={() => void refetchNetworks()}>
            Refresh networks
          </button>
        </div>
        <Show when={errOf(networks())}>
          {(e) => (
            <ErrorPanel
              title="Could not load the networks"
              error={e()}
              onRetry={() => void refetchNetworks()}
            />
          )}
        </Show>
        <Show when={valOf(networks())}>
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
