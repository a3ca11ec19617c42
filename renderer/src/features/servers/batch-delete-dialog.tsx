/**
 * Confirms deleting servers: lists exactly which, says what happens to disks and EIPs, and
 * requires typing a confirmation text.
 */
import { createSignal } from 'solid-js';
import type { ServerView } from '../../../../shared/ipc/views';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { useScope, useServers, useServerSelection } from '../../stores/app-context';
import { formatCount } from '../../lib/units';

/** The text to type to delete `servers`: the name for one server, `delete N servers` for more. */
export function deleteConfirmText(servers: readonly Pick<ServerView, 'name'>[]): string {
  return servers.length === 1 ? servers[0]!.name : `delete ${formatCount(servers.length, 'server')}`;
}

/** What deleting does, in plain words. */
export function deleteMessage(n: number, deleteVolumes: boolean, deletePublicIp: boolean): string {
  const servers = formatCount(n, 'server');
  return [
    `This permanently deletes ${servers} and ${n === 1 ? 'its system disk' : 'their system disks'}.`,
    deleteVolumes
      ? 'Their data disks are deleted too: the data on them is lost.'
      : 'Their data disks are detached and kept (still billed).',
    deletePublicIp
      ? 'Their EIPs are released: the addresses may go to someone else.'
      : 'Their EIPs are unbound and kept (still billed).',
    'This cannot be undone.',
  ].join(' ');
}

/** The delete dialog of the servers pane. */
export function BatchDeleteDialog(props: { servers: ServerView[]; onClose(): void }) {
  const api = useApi();
  const [scope] = useScope();
  const [, servers] = useServers();
  const selection = useServerSelection();
  const run = useRunOp();
  const [deleteVolumes, setDeleteVolumes] = createSignal(false);
  const [deletePublicIp, setDeletePublicIp] = createSignal(false);
  const n = () => props.servers.length;
  const confirm = async () => {
    const sc = scope.scope;
    if (!sc) return;
    const ids = props.servers.map((s) => s.id);
    const opts = { deleteVolumes: deleteVolumes(), deletePublicIp: deletePublicIp() };
    props.onClose();
    const res = await run(`Delete ${formatCount(n(), 'server')}`, () =>
      api.invoke('servers.delete', { ...sc, ids, ...opts }),
    );
    if (res) {
      selection.set([...selection.ids()].filter((id) => !ids.includes(id)));
      void servers.refreshIds(ids);
    }
  };
  return (
    <ConfirmDialog
      title={`Delete ${n()} server${n() === 1 ? '' : 's'}?`}
      message={deleteMessage(n(), deleteVolumes(), deletePublicIp())}
      items={props.servers.map((s) => `${s.name} (${s.id})`)}
      confirmLabel={`Delete ${n()} server${n() === 1 ? '' : 's'}`}
      destructive
      typeToConfirm={deleteConfirmText(props.servers)}
      onConfirm={() => void confirm()}
      onCancel={() => props.onClose()}
    >
      <fieldset class="options">
        <legend>Also</legend>
        <label>
          <input
            type="checkbox"
            checked={deleteVolumes()}
            onChange={(e) => setDeleteVolumes(e.currentTarget.checked)}
          />{' '}
          Delete the data disks attached to {n() === 1 ? 'this server' : 'these servers'}
        </label>
        <label>
          <input
            type="checkbox"
            checked={deletePublicIp()}
            onChange={(e) => setDeletePublicIp(e.currentTarget.checked)}
          />{' '}
          Release the EIPs bound to {n() === 1 ? 'this server' : 'these servers'}
        </label>
      </fieldset>
    </ConfirmDialog>
  );
}
