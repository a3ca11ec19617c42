/**
 * The disks pane: every volume of the region with its size, type, status and attachment; attach,
 * detach (the system disk only from a stopped server), create and delete.
 */
import {
  createEffect,
  createResource,
  createSignal,
  onCleanup,
  createUniqueId,
  For,
  Match,
  Show,
  Switch,
} from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { DiskView, JobRef } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { useScope, useServers, useToasts, useUi } from '../../stores/app-context';
import { AttachDiskDialog, CreateDiskDialog } from './disk-dialogs';
import {
  attachBlockedReason,
  deleteBlockedReason,
  detachBlockedReason,
  diskLabel,
  isSystemDisk,
} from './disk-rules';
import { useDisksUi } from './disks-ui';
import { useJobWatcher } from '../../stores/job-watch';

const TRANSITIONAL = /ing$/;
const REFRESH_MS = 3000;

/** The disks pane. */
export function DisksPane() {
  const api = useApi();
  const [scope] = useScope();
  const [servers, serversActions] = useServers();
  const [, ui] = useUi();
  const [, toasts] = useToasts();
  const run = useRunOp();
  const hid = createUniqueId();
  const [disks, { refetch }] = createResource(
    () => scope.scope,
    async (sc) => {
      const r = await api.invoke('disks.list', sc);
      // Keep the Result: a thrown non-Error value would reach us as a bare "Unknown error".
      return r.ok
        ? {
            ok: true as const,
            value: r.value.disks.slice().sort((a, b) => diskLabel(a).localeCompare(diskLabel(b))),
          }
        : r;
    },
  );
  const reload = () => void refetch();
  const watch = useJobWatcher(() => {
    reload();
    void serversActions.reload();
  });
  // Disk creation and status changes are not tracked jobs: while a disk is in a transitional
  // status (creating, attaching, detaching, deleting, ...), refresh the list every few seconds.
  createEffect(() => {
    if (disks.loading || !list().some((d) => TRANSITIONAL.test(d.status))) return;
    const t = setTimeout(reload, REFRESH_MS);
    onCleanup(() => clearTimeout(t));
  });
  const dui = useDisksUi();
  const [dialog, setDialog] = createSignal<{ kind: 'attach'; disk: DiskView } | { kind: 'create' }>();
  // The palette's "Create disk…" opens the dialog through the provider.
  createEffect(() => {
    if (!dui.creating()) return;
    dui.setCreating(false);
    setDialog({ kind: 'create' });
  });
  const serverName = (id: string) => servers.items.find((s) => s.id === id)?.name ?? id;
  const loaded = () => (disks.error ? undefined : disks());
  const list = () => {
    const r = loaded();
    return r?.ok ? r.value : [];
  };
  const loadError = (): ErrorData | undefined => {
    const r = loaded();
    return r && !r.ok ? r.error : undefined;
  };

  const started = (what: string, ref: JobRef) => {
    toasts.show({ level: 'success', message: `${what} started` });
    watch(ref.jobId);
  };

  const detach = async (d: DiskView, serverId: string, device: string) => {
    const sc = scope.scope;
    if (!sc) return;
    const sys = isSystemDisk(d);
    const ok = await ui.confirm({
      title: `Detach disk ${diskLabel(d)}`,
      message:
        `Detach ${sys ? 'the system disk' : 'disk'} ${diskLabel(d)} (${d.sizeGb} GB ${d.volumeType}) from server ` +
        `${serverName(serverId)}, where it is ${device || 'attached'}. The disk and its data are kept; ` +
        `programs on the server using ${device || 'it'} lose access immediately.`,
      items: [`${diskLabel(d)} (${d.id}) on ${serverName(serverId)} ${device}`],
      confirmLabel: 'Detach',
      destructive: true,
    });
    if (!ok) return;
    const ref = await run(`Detach ${diskLabel(d)} from ${serverName(serverId)}`, () =>
      api.invoke('disks.detach', { ...sc, serverId, volumeId: d.id }),
    );
    if (ref) watch(ref.jobId);
  };

  const remove = async (d: DiskView) => {
    const sc = scope.scope;
    if (!sc) return;
    const ok = await ui.confirm({
      title: `Delete disk ${diskLabel(d)}`,
      message: `Permanently delete disk ${diskLabel(d)} (${d.sizeGb} GB ${d.volumeType}, ${d.availabilityZone}). Every byte on it is destroyed; this cannot be undone.`,
      items: [`${diskLabel(d)} (${d.id})`],
      confirmLabel: 'Delete disk',
      destructive: true,
      typeToConfirm: diskLabel(d),
    });
    if (!ok) return;
    const res = await run(`Delete disk ${diskLabel(d)}`, () =>
      api.invoke('disks.delete', { ...sc, id: d.id }),
    );
    if (res) reload();
  };

  return (
    <section class="pane disks-pane" aria-labelledby={`${hid}-h`}>
      <header class="pane-header">
        <h2 id={`${hid}-h`}>Disks</h2>
        <span class="muted" role="status" aria-live="polite">
          {disks.loading ? 'Loading disks…' : `${list().length} disks`}
        </span>
        <div class="spacer" />
        <button type="button" onClick={reload} disabled={disks.loading}>
          Refresh
        </button>
        <button type="button" class="primary" onClick={() => setDialog({ kind: 'create' })}>
          Create disk
        </button>
      </header>
      <Show when={loadError()}>
        {(e) => <ErrorPanel title="Could not load the disks" error={e()} onRetry={reload} />}
      </Show>
      <Show when={!disks.loading && !loadError() && list().length === 0}>
        <p class="muted">No disks in this region.</p>
      </Show>
      <Show when={list().length}>
        <table class="simple" aria-label="Disks">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">AZ</th>
              <th scope="col">Attached to</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {(d) => {
                const label = diskLabel(d);
                return (
                  <tr data-disk-id={d.id}>
                    <th scope="row">
                      {label}
                      <Show when={isSystemDisk(d)}>
                        <span class="muted"> (system)</span>
                      </Show>
                    </th>
                    <td>{d.sizeGb} GB</td>
                    <td>{d.volumeType}</td>
                    <td>
                      <span class="badge">{d.status}</span>
                    </td>
                    <td>{d.availabilityZone}</td>
                    <td>
                      <Show when={d.attachments.length} fallback={<span class="muted">Not attached</span>}>
                        <For each={d.attachments}>
                          {(a) => (
                            <div>
                              {serverName(a.serverId)} <span class="mono">{a.device}</span>
                            </div>
                          )}
                        </For>
                      </Show>
                    </td>
                    <td>
                      <Switch>
                        <Match when={d.attachments.length}>
                          <For each={d.attachments}>
                            {(a) => {
                              const reason = () => detachBlockedReason(d, serversActions.get(a.serverId));
                              return (
                                <>
                                  <button
                                    type="button"
                                    aria-label={`Detach ${label} from ${serverName(a.serverId)}`}
                                    disabled={!!reason()}
                                    title={reason()}
                                    onClick={() => void detach(d, a.serverId, a.device)}
                                  >
                                    Detach…
                                  </button>
                                  <Show when={reason()}>{(r) => <div class="muted">{r()}</div>}</Show>
                                </>
                              );
                            }}
                          </For>
                        </Match>
                        <Match when={true}>
                          <button
                            type="button"
                            aria-label={`Attach ${label}`}
                            disabled={!!attachBlockedReason(d)}
                            title={attachBlockedReason(d)}
                            onClick={() => setDialog({ kind: 'attach', disk: d })}
                          >
                            Attach…
                          </button>
                        </Match>
                      </Switch>{' '}
                      <button
                        type="button"
                        class="danger"
                        aria-label={`Delete ${label}`}
                        disabled={!!deleteBlockedReason(d)}
                        title={deleteBlockedReason(d)}
                        onClick={() => void remove(d)}
                      >
                        Delete…
                      </button>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
      <Switch>
        <Match when={dialog()?.kind === 'attach' && (dialog() as { disk: DiskView }).disk}>
          {(disk) => (
            <AttachDiskDialog
              disk={disk()}
              onClose={() => setDialog(undefined)}
              onStarted={(ref) => {
                const what = `Attach ${diskLabel(disk())}`;
                setDialog(undefined);
                started(what, ref);
              }}
            />
          )}
        </Match>
        <Match when={dialog()?.kind === 'create'}>
          <CreateDiskDialog
            onClose={() => setDialog(undefined)}
            onCreated={(d) => {
              setDialog(undefined);
              toasts.show({ level: 'success', message: `Created disk ${diskLabel(d)}` });
              reload();
            }}
          />
        </Match>
      </Switch>
    </section>
  );
}
