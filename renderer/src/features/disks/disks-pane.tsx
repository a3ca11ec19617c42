/**
 * The disks pane: every volume of the region (20,000 and more, in a virtualized grid) with its
 * size, type, status and attachment; search; attach, detach (the system disk only from a stopped
 * server), create and delete. The list streams in page by page (disk-list.ts): the first rows
 * show at once, later pages append below them in the API's order, and search works meanwhile;
 * clicking a column header sorts (ascending, descending, then the API's order again).
 */
import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Match,
  onCleanup,
  Show,
  Switch,
} from 'solid-js';
import type { DiskView, JobRef } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { PaneHeader } from '../../components/pane-header';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { formatCount, formatGb, formatInteger } from '../../lib/units';
import { useServers, useToasts, useUi, useScope } from '../../stores/app-context';
import { useJobWatcher } from '../../stores/job-watch';
import { AttachDiskDialog, CreateDiskDialog } from './disk-dialogs';
import { createDiskList } from './disk-list';
import {
  attachBlockedReason,
  deleteBlockedReason,
  detachBlockedReason,
  diskLabel,
  isSystemDisk,
} from './disk-rules';
import { isDiskSortKey, nextDiskSort, sortDisks } from './disk-sort';
import { useDisksUi } from './disks-ui';

const TRANSITIONAL = /ing$/;
const REFRESH_MS = 3000;

/** The disks pane. */
export function DisksPane() {
  const api = useApi();
  const [scope] = useScope();
  const [, serversActions] = useServers();
  const [, ui] = useUi();
  const [, toasts] = useToasts();
  const run = useRunOp();
  const hid = createUniqueId();
  const dui = useDisksUi();
  const [data, list] = createDiskList(api, () => scope.scope);
  const reload = () => void list.reload();
  // The API's order unless the user sorted: then arriving pages take their sorted places.
  const all = createMemo(() => {
    const s = dui.sort();
    return s ? sortDisks(list.rows(), s) : list.rows();
  });
  const serverName = (id: string) => serversActions.get(id)?.name ?? id;
  const rows = createMemo(() => {
    const q = dui.query().trim().toLowerCase();
    if (!q) return all();
    return all().filter(
      (d) =>
        d.name.toLowerCase().includes(q) ||
        d.id.startsWith(q) ||
        d.status === q ||
        d.attachments.some((a) => serverName(a.serverId).toLowerCase().includes(q)),
    );
  });
  const watch = useJobWatcher(() => {
    reload();
    void serversActions.reload();
  });
  // Disk creation and status changes are not tracked jobs: while a disk is in a transitional
  // status (creating, attaching, detaching, deleting, ...), refresh the list every few seconds.
  createEffect(() => {
    if (data.loading || !list.rows().some((d) => TRANSITIONAL.test(d.status))) return;
    const t = setTimeout(reload, REFRESH_MS);
    onCleanup(() => clearTimeout(t));
  });
  const [dialog, setDialog] = createSignal<{ kind: 'attach'; disk: DiskView } | { kind: 'create' }>();
  // The palette's "Create disk…" opens the dialog through the provider.
  createEffect(() => {
    if (!dui.creating()) return;
    dui.setCreating(false);
    setDialog({ kind: 'create' });
  });

  const detach = async (d: DiskView, serverId: string, device: string) => {
    const sc = scope.scope;
    if (!sc) return;
    const sys = isSystemDisk(d);
    const ok = await ui.confirm({
      title: `Detach disk ${diskLabel(d)}`,
      message:
        `Detach ${sys ? 'the system disk' : 'disk'} ${diskLabel(d)} (${formatGb(d.sizeGb)} ${d.volumeType}) from server ` +
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
      message: `Permanently delete disk ${diskLabel(d)} (${formatGb(d.sizeGb)} ${d.volumeType}, ${d.availabilityZone}). Every byte on it is destroyed; this cannot be undone.`,
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

  const columns: VirtualColumn<DiskView>[] = [
    {
      id: 'name',
      sortable: true,
      label: 'Name',
      cell: (d) => (
        <>
          <span title={d().id}>{diskLabel(d())}</span>
          <Show when={isSystemDisk(d())}>
            <span class="muted"> (system)</span>
          </Show>
        </>
      ),
    },
    { id: 'size', sortable: true, label: 'Size', cell: (d) => formatGb(d().sizeGb) },
    { id: 'type', sortable: true, label: 'Type', cell: (d) => d().volumeType },
    { id: 'status', sortable: true, label: 'Status', cell: (d) => <span class="badge">{d().status}</span> },
    { id: 'az', sortable: true, label: 'AZ', cell: (d) => d().availabilityZone },
    {
      id: 'attached',
      label: 'Attached to',
      cell: (d) => (
        <Show when={d().attachments.length} fallback={<span class="muted">Not attached</span>}>
          <For each={d().attachments}>
            {(a) => (
              <span>
                {serverName(a.serverId)} <span class="mono">{a.device}</span>{' '}
              </span>
            )}
          </For>
        </Show>
      ),
    },
    {
      id: 'actions',
      label: 'Actions',
      // Only the active row's buttons are in the Tab order (arrows move between rows).
      cell: (d, active) => {
        const tab = () => (active() ? 0 : -1);
        const label = () => diskLabel(d());
        return (
          <>
            <Switch>
              <Match when={d().attachments.length}>
                <For each={d().attachments}>
                  {(a) => {
                    const reason = () => detachBlockedReason(d(), serversActions.get(a.serverId));
                    const why = () => `${hid}-${d().id}-${a.serverId}-why`;
                    return (
                      <>
                        <button
                          type="button"
                          tabIndex={tab()}
                          aria-label={`Detach ${label()} from ${serverName(a.serverId)}`}
                          disabled={!!reason()}
                          title={reason()}
                          aria-describedby={reason() ? why() : undefined}
                          onClick={() => void detach(d(), a.serverId, a.device)}
                        >
                          Detach…
                        </button>
                        <Show when={reason()}>
                          {(r) => (
                            <span class="visually-hidden" id={why()}>
                              {r()}
                            </span>
                          )}
                        </Show>
                      </>
                    );
                  }}
                </For>
              </Match>
              <Match when={true}>
                <button
                  type="button"
                  tabIndex={tab()}
                  aria-label={`Attach ${label()}`}
                  disabled={!!attachBlockedReason(d())}
                  title={attachBlockedReason(d())}
                  onClick={() => setDialog({ kind: 'attach', disk: d() })}
                >
                  Attach…
                </button>
              </Match>
            </Switch>{' '}
            <button
              type="button"
              class="danger"
              tabIndex={tab()}
              aria-label={`Delete ${label()}`}
              disabled={!!deleteBlockedReason(d())}
              title={deleteBlockedReason(d())}
              onClick={() => void remove(d())}
            >
              Delete…
            </button>
          </>
        );
      },
    },
  ];

  const status = () => {
    const n = all().length;
    if (data.loading && !n && !data.complete) return 'Loading disks…';
    if (!n && !data.complete) return '';
    const count =
      rows().length === n
        ? formatCount(n, 'disk')
        : `${formatInteger(rows().length)} of ${formatCount(n, 'disk')}`;
    // While pages stream in the total is not known yet: the count is "so far".
    if (data.loading) return `${count} (loading…)`;
    return data.complete ? count : `${count} (incomplete)`;
  };

  return (
    <section class="pane disks-pane" aria-labelledby={`${hid}-h`}>
      <PaneHeader headingId={`${hid}-h`} title="Disks" status={status()}>
        <button type="button" onClick={reload} disabled={data.loading}>
          Refresh
        </button>
        <button type="button" class="primary" onClick={() => setDialog({ kind: 'create' })}>
          Create disk
        </button>
      </PaneHeader>
      <Show when={data.error}>
        {(e) => <ErrorPanel title="Could not load the disks" error={e()} onRetry={reload} />}
      </Show>
      <div class="filters" role="search" aria-label="Filter disks">
        <input
          type="search"
          aria-label="Search disks by name, ID, status or server"
          placeholder="Search name, ID, status or server"
          value={dui.query()}
          onInput={(e) => dui.setQuery(e.currentTarget.value)}
        />
      </div>
      <Show when={!data.loading && !data.error && data.complete && all().length === 0}>
        <p class="muted">No disks in this region.</p>
      </Show>
      <Show when={all().length > 0 && rows().length === 0}>
        <p class="muted">
          No disks match “{dui.query().trim()}”{data.complete ? '' : ' so far'}.
        </p>
      </Show>
      <Show when={all().length}>
        <VirtualTable
          label="Disks"
          idPrefix="disk"
          rows={rows}
          rowKey={(d) => d.id}
          columns={columns}
          sort={dui.sort()}
          onSort={(s) => {
            if (isDiskSortKey(s.key)) dui.setSort(nextDiskSort(dui.sort(), s.key));
          }}
          template="minmax(200px, 2fr) 90px 80px 110px 110px minmax(180px, 1.6fr) 190px"
          minWidth={1000}
        />
      </Show>
      <Switch>
        <Match when={dialog()?.kind === 'attach' && (dialog() as { disk: DiskView }).disk}>
          {(disk) => (
            <AttachDiskDialog
              disk={disk()}
              onClose={() => setDialog(undefined)}
              onStarted={(ref: JobRef) => {
                const what = `Attach ${diskLabel(disk())}`;
                setDialog(undefined);
                toasts.show({ level: 'success', message: `${what} started` });
                watch(ref.jobId);
              }}
            />
          )}
        </Match>
        <Match when={dialog()?.kind === 'create'}>
          <CreateDiskDialog
            onClose={() => setDialog(undefined)}
            onCreated={(d) => {
              setDialog(undefined);
              // A new disk comes last in the API's order, below 20,000 others: the search finds it.
              dui.setQuery(d.name || d.id);
              toasts.show({
                level: 'success',
                message: `Created disk ${diskLabel(d)}; the list is searched for it (clear the search to see every disk)`,
              });
              reload();
            }}
          />
        </Match>
      </Switch>
    </section>
  );
}
