/**
 * A server's live status, actions, and tabs (Overview, Disks, NICs, Tags, Metadata, Security
 * groups, Console log, Action history, JSON).
 */
import { createEffect, createResource, createSignal, Show } from 'solid-js';
import type { ServerView } from '../../../../shared/ipc/views';
import { AsyncView } from '../../components/async-view';
import { CopyButton } from '../../components/copy-button';
import { SimpleTable } from '../../components/simple-table';
import { StatusBadge } from '../../components/status-badge';
import { Tabs } from '../../components/tabs';
import { useApi } from '../../lib/api-context';
import { formatTime } from '../../lib/format';
import { useRunOp } from '../../lib/run-op';
import { useScope, useServers } from '../../stores/app-context';
import { BatchDeleteDialog } from './batch-delete-dialog';
import { BatchPowerDialog } from './batch-power-dialog';
import { useServersUi } from './servers-ui';
import { ServerActionDialog, type ServerActionKind } from './server-action-dialog';
import { ServerOverview } from './server-overview';
import { ServerSecurityGroupsTab } from './server-security-groups-tab';
import { ServerTagsTab } from './server-tags-tab';
import { formatGb } from '../../lib/units';

/** The details of `server`: status, actions and tabs. */
export function ServerDetails(props: { server: ServerView }) {
  const api = useApi();
  const [scope] = useScope();
  const [, servers] = useServers();
  const run = useRunOp();
  const [dialog, setDialog] = createSignal<ServerActionKind | 'delete' | 'start' | 'stop' | 'reboot'>();
  const sui = useServersUi();
  const sc = () => scope.scope!;
  const base = () => ({ ...sc(), id: props.server.id });
  const act = async (label: string, call: () => ReturnType<typeof api.invoke>) => {
    const r = await run(`${label}: ${props.server.name}`, call as never);
    if (r !== undefined) void servers.refreshIds([props.server.id]);
  };
  const [detail, { refetch }] = createResource(
    () => props.server.id + props.server.status,
    async () => {
      const r = await api.invoke('servers.get', base());
      return r.ok ? r.value : undefined;
    },
  );
  const s = () => props.server;
  const verify = () => s().status === 'VERIFY_RESIZE';
  const lock = () => void act('Lock', () => api.invoke('servers.lock', base()));
  const unlock = () => void act('Unlock', () => api.invoke('servers.unlock', base()));
  // The palette asks the open drawer to run an action on its server.
  createEffect(() => {
    const r = sui.serverAction();
    if (!r || r.id !== props.server.id) return;
    sui.requestServerAction(undefined);
    if (r.kind === 'lock') lock();
    else if (r.kind === 'unlock') unlock();
    else setDialog(r.kind);
  });

  return (
    <div class="server-details">
      <p>
        <StatusBadge status={s().status} taskState={s().taskState} />{' '}
        <Show when={s().locked}>
          <span class="badge badge-off">Locked</span>
        </Show>
      </p>
      <Show when={verify()}>
        <div class="cache-banner" role="status">
          <span>
            The resize is waiting for you: confirm it, or revert to {s().flavor.name}’s previous flavor.
          </span>
          <button
            type="button"
            class="primary"
            onClick={() => void act('Confirm resize', () => api.invoke('servers.confirmResize', base()))}
          >
            Confirm resize
          </button>
          <button
            type="button"
            onClick={() => void act('Revert resize', () => api.invoke('servers.revertResize', base()))}
          >
            Revert resize
          </button>
        </div>
      </Show>
      <div class="actions" role="toolbar" aria-label={`Actions on ${s().name}`}>
        <Show
          when={s().status === 'SHUTOFF'}
          fallback={
            <>
              <button type="button" onClick={() => setDialog('stop')}>
                Stop…
              </button>
              <button type="button" onClick={() => setDialog('reboot')}>
                Reboot…
              </button>
            </>
          }
        >
          <button type="button" onClick={() => setDialog('start')}>
            Start…
          </button>
        </Show>
        <button type="button" onClick={() => setDialog('resize')}>
          Resize…
        </button>
        <button type="button" onClick={() => setDialog('reinstall')}>
          Reinstall…
        </button>
        <button type="button" onClick={() => setDialog('changeOs')}>
          Change OS…
        </button>
        <button type="button" onClick={() => setDialog('rebuild')}>
          Rebuild…
        </button>
        <Show
          when={s().locked}
          fallback={
            <button type="button" onClick={lock}>
              Lock
            </button>
          }
        >
          <button type="button" onClick={unlock}>
            Unlock
          </button>
        </Show>
        <button type="button" onClick={() => setDialog('rename')}>
          Rename…
        </button>
        <button type="button" onClick={() => setDialog('migrate')}>
          Migrate…
        </button>
        <button type="button" onClick={() => setDialog('createImage')}>
          Create image…
        </button>
        <button type="button" class="danger" onClick={() => setDialog('delete')}>
          Delete…
        </button>
      </div>
      <Tabs
        label={`Details of ${s().name}`}
        tabs={[
          { id: 'overview', label: 'Overview', render: () => <ServerOverview server={s()} /> },
          {
            id: 'disks',
            label: 'Disks',
            render: () => (
              <AsyncView
                what="the disks"
                load={() => api.invoke('disks.listForServer', { ...sc(), serverId: s().id })}
              >
                {(v) => (
                  <SimpleTable
                    label="Disks"
                    head={['Device', 'Volume', 'Size', 'Kind']}
                    rows={v.disks.map((d) => [
                      d.device,
                      d.volumeId,
                      d.sizeGb ? formatGb(d.sizeGb) : '',
                      d.system ? 'System' : 'Data',
                    ])}
                  />
                )}
              </AsyncView>
            ),
          },
          {
            id: 'nics',
            label: 'NICs',
            render: () => (
              <AsyncView what="the NICs" load={() => api.invoke('nics.list', { ...sc(), serverId: s().id })}>
                {(v) => (
                  <SimpleTable
                    label="NICs"
                    head={['Port', 'IPs', 'MAC', 'Network', 'State', 'Primary']}
                    rows={v.nics.map((n) => [
                      n.portId,
                      n.fixedIps.map((i) => i.address).join(', '),
                      n.mac,
                      n.networkId,
                      n.state,
                      n.primary ? 'Yes' : '',
                    ])}
                  />
                )}
              </AsyncView>
            ),
          },
          { id: 'tags', label: 'Tags', render: () => <ServerTagsTab server={s()} /> },
          {
            id: 'metadata',
            label: 'Metadata',
            render: () => (
              <AsyncView what="the metadata" load={() => api.invoke('servers.getMetadata', base())}>
                {(v) => (
                  <SimpleTable label="Metadata" head={['Key', 'Value']} rows={Object.entries(v.metadata)} />
                )}
              </AsyncView>
            ),
          },
          { id: 'sg', label: 'Security groups', render: () => <ServerSecurityGroupsTab server={s()} /> },
          {
            id: 'console',
            label: 'Console log',
            render: () => (
              <AsyncView
                what="the console log"
                load={() => api.invoke('servers.consoleOutput', { ...base(), length: 500 })}
              >
                {(v, reload) => (
                  <>
                    <button type="button" onClick={reload}>
                      Refresh log
                    </button>
                    <pre class="log" tabIndex={0} aria-label="Console output">
                      {v.output || '(empty)'}
                    </pre>
                  </>
                )}
              </AsyncView>
            ),
          },
          {
            id: 'actions',
            label: 'Action history',
            render: () => (
              <AsyncView what="the action history" load={() => api.invoke('servers.actions', base())}>
                {(v) => (
                  <SimpleTable
                    label="Action history"
                    head={['Action', 'Started', 'Request id', 'Message']}
                    rows={v.actions.map((a) => [
                      a.action,
                      formatTime(a.startTime),
                      a.requestId,
                      a.message ?? '',
                    ])}
                  />
                )}
              </AsyncView>
            ),
          },
          {
            id: 'json',
            label: 'JSON',
            render: () => (
              <>
                <button type="button" onClick={() => void refetch()}>
                  Reload
                </button>{' '}
                <CopyButton label="JSON" value={JSON.stringify(detail()?.raw ?? null, null, 2)} />
                <pre class="log" tabIndex={0} aria-label="Raw API object">
                  {JSON.stringify(detail()?.raw ?? null, null, 2)}
                </pre>
              </>
            ),
          },
        ]}
      />
      <Show when={dialog()} keyed>
        {(k) =>
          k === 'delete' ? (
            <BatchDeleteDialog servers={[s()]} onClose={() => setDialog(undefined)} />
          ) : k === 'start' || k === 'stop' || k === 'reboot' ? (
            <BatchPowerDialog kind={k} servers={[s()]} onClose={() => setDialog(undefined)} />
          ) : (
            <ServerActionDialog kind={k} server={s()} onClose={() => setDialog(undefined)} />
          )
        }
      </Show>
    </div>
  );
}
