/**
 * Confirms a batch start, stop (soft or hard) or reboot (soft or hard) of the selected servers.
 */
import { createSignal, createUniqueId, Show } from 'solid-js';
import type { ServerView } from '../../../../shared/ipc/views';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { useScope, useServers } from '../../stores/app-context';
import { formatCount } from '../../lib/units';

/** Props of {@link BatchPowerDialog}. */
export interface BatchPowerDialogProps {
  kind: 'start' | 'stop' | 'reboot';
  servers: ServerView[];
  onClose(): void;
}

const VERB = { start: 'Start', stop: 'Stop', reboot: 'Reboot' } as const;

/** The confirm dialog of a batch power action. */
export function BatchPowerDialog(props: BatchPowerDialogProps) {
  const api = useApi();
  const [scope] = useScope();
  const [, servers] = useServers();
  const run = useRunOp();
  const [type, setType] = createSignal<'SOFT' | 'HARD'>('SOFT');
  const name = createUniqueId();
  const n = () => props.servers.length;
  const what = () => `${VERB[props.kind]} ${formatCount(n(), 'server')}`;
  const message = () => {
    if (props.kind === 'start') return `${what()}: each one boots; billing of running resources resumes.`;
    const hard = type() === 'HARD';
    if (props.kind === 'stop')
      return hard
        ? `${what()} by forcing them off (like pulling the power cord): unsaved data in memory is lost.`
        : `${what()} by asking their OS to shut down cleanly.`;
    return hard
      ? `${what()} by forcing a restart: unsaved data in memory is lost.`
      : `${what()} by asking their OS to restart cleanly.`;
  };
  const confirm = async () => {
    const sc = scope.scope;
    if (!sc) return;
    const ids = props.servers.map((s) => s.id);
    const kind = props.kind;
    const how = type();
    const label = what();
    props.onClose();
    const res = await run(label, () =>
      kind === 'start'
        ? api.invoke('servers.start', { ...sc, ids })
        : api.invoke(kind === 'stop' ? 'servers.stop' : 'servers.reboot', { ...sc, ids, type: how }),
    );
    if (res) void servers.refreshIds(ids);
  };
  return (
    <ConfirmDialog
      title={`${what()}?`}
      message={message()}
      items={props.servers.map((s) => `${s.name} (${s.id}) — ${s.status}`)}
      confirmLabel={what()}
      destructive={props.kind !== 'start' && type() === 'HARD'}
      onConfirm={() => void confirm()}
      onCancel={() => props.onClose()}
    >
      <Show when={props.kind !== 'start'}>
        <fieldset class="radio-row">
          <legend>How</legend>
          <label>
            <input type="radio" name={name} checked={type() === 'SOFT'} onChange={() => setType('SOFT')} />{' '}
            Soft (clean OS {props.kind === 'stop' ? 'shutdown' : 'restart'})
          </label>
          <label>
            <input type="radio" name={name} checked={type() === 'HARD'} onChange={() => setType('HARD')} />{' '}
            Hard (forced)
          </label>
        </fieldset>
      </Show>
    </ConfirmDialog>
  );
}
