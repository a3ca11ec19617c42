/**
 * Confirms a batch action across scopes: says what will happen, lists how many servers of each
 * account and region it touches, and takes the action's options (soft or hard, tags, what else
 * to delete). Runs it as one fleet batch; its progress shows in Activity.
 */
import { createSignal, createUniqueId, Show } from 'solid-js';
import type { FleetAction } from '../../../../shared/fleet';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useToasts, useUi } from '../../stores/app-context';
import { countByScope, scopeKey, type FleetRow } from './fleet-model';
import type { FleetStore } from './fleet-store';
import { servers as nServers } from './fleet-status-strip';

const VERB: Record<FleetAction, string> = {
  start: 'Start',
  stop: 'Stop',
  reboot: 'Reboot',
  delete: 'Delete',
  tag: 'Tag',
};

/** Props of {@link FleetBatchDialog}. */
export interface FleetBatchDialogProps {
  action: FleetAction;
  rows: FleetRow[];
  fleet: FleetStore;
  onClose(): void;
}

/** The confirm dialog of a fleet batch. */
export function FleetBatchDialog(props: FleetBatchDialogProps) {
  const [, toasts] = useToasts();
  const [, ui] = useUi();
  const id = createUniqueId();
  const [type, setType] = createSignal<'SOFT' | 'HARD'>('SOFT');
  const [tagKey, setTagKey] = createSignal('');
  const [tagValue, setTagValue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const scopes = () => countByScope(props.rows);
  const title = () =>
    `${VERB[props.action]} ${nServers(props.rows.length)} in ${scopes().length} scope${scopes().length === 1 ? '' : 's'}`;
  const message = () => {
    const hard = type() === 'HARD';
    switch (props.action) {
      case 'start':
        return `${title()}: each one boots; billing of running resources resumes.`;
      case 'stop':
        return hard
          ? `${title()} by forcing them off: unsaved data in memory is lost.`
          : `${title()} by asking their OS to shut down cleanly.`;
      case 'reboot':
        return hard
          ? `${title()} by forcing a restart.`
          : `${title()} by asking their OS to restart cleanly.`;
      case 'delete':
        return `${title()}: they and their system disks are deleted for good.`;
      case 'tag':
        return `${title()}: the tag is added (or its value replaced) on each.`;
    }
  };

  const confirm = async () => {
    if (busy()) return;
    if (props.action === 'tag' && tagKey().trim() === '') {
      toasts.show({ level: 'warning', message: 'Give the tag a key.' });
      return;
    }
    setBusy(true);
    const groups = new Map<
      string,
      { accountId: string; region: string; ids: string[]; names: Record<string, string> }
    >();
    for (const r of props.rows) {
      const k = scopeKey(r);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { accountId: r.accountId, region: r.region, ids: [], names: {} }));
      g.ids.push(r.id);
      g.names[r.id] = r.name;
    }
    const res = await props.fleet.runBatch({
      action: props.action,
      targets: [...groups.values()],
      ...(props.action === 'stop' || props.action === 'reboot' ? { type: type() } : {}),
      ...(props.action === 'tag' ? { tags: [{ key: tagKey().trim(), value: tagValue().trim() }] } : {}),
    });
    setBusy(false);
    if (!res.ok) {
      toasts.error(`${title()} failed`, res.error);
      return;
    }
    const failed = res.value.scopes.filter((s) => s.state === 'failed').length;
    toasts.show({
      level: failed ? 'warning' : 'success',
      message: `${res.value.title}${failed ? `: ${failed} scope${failed === 1 ? '' : 's'} refused it` : ''}. Progress is in Activity.`,
    });
    props.fleet.selection.clear();
    props.onClose();
    ui.showPane('activity');
  };

  return (
    <ConfirmDialog
      title={title()}
      message={message()}
      items={scopes().map((s) => `${s.accountName} · ${s.region}: ${nServers(s.count)}`)}
      confirmLabel={busy() ? 'Working…' : VERB[props.action]}
      destructive={props.action === 'delete' || type() === 'HARD'}
      typeToConfirm={props.action === 'delete' ? 'delete' : undefined}
      onConfirm={() => void confirm()}
      onCancel={() => props.onClose()}
    >
      <Show when={props.action === 'stop' || props.action === 'reboot'}>
        <fieldset>
          <legend>How</legend>
          <label>
            <input type="radio" name={id} checked={type() === 'SOFT'} onChange={() => setType('SOFT')} />{' '}
            Clean (soft)
          </label>{' '}
          <label>
            <input type="radio" name={id} checked={type() === 'HARD'} onChange={() => setType('HARD')} />{' '}
            Forced (hard)
          </label>
        </fieldset>
      </Show>
      <Show when={props.action === 'tag'}>
        <div class="field">
          <label for={`${id}-k`}>Tag key</label>
          <input
            id={`${id}-k`}
            value={tagKey()}
            maxLength={36}
            onInput={(e) => setTagKey(e.currentTarget.value)}
          />
          <label for={`${id}-v`}>Tag value</label>
          <input
            id={`${id}-v`}
            value={tagValue()}
            maxLength={43}
            onInput={(e) => setTagValue(e.currentTarget.value)}
          />
        </div>
      </Show>
    </ConfirmDialog>
  );
}
