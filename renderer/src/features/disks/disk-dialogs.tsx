/**
 * The disks pane's dialogs: attach a disk to a server of its AZ, and create a disk.
 */
import { createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import { validateInvoke } from '../../../../shared/ipc/schemas';
import type { DiskView, JobRef } from '../../../../shared/ipc/views';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { ServerPicker } from '../../components/server-picker';
import { Field } from '../../components/field';
import { useApi } from '../../lib/api-context';
import { VOLUME_TYPES } from '../../lib/rules';
import { useScope } from '../../stores/app-context';
import { usePickableServers } from '../../stores/pickable-servers';
import { diskLabel } from './disk-rules';

const DEVICE_RE = /^\/dev\/[a-z]{2,4}[a-z]$/;

/** Attaches `disk` to a server chosen among the servers of the disk's AZ. */
export function AttachDiskDialog(props: { disk: DiskView; onClose(): void; onStarted(ref: JobRef): void }) {
  const api = useApi();
  const [scope] = useScope();
  const id = createUniqueId();
  const candidates = usePickableServers(
    (s) => !props.disk.availabilityZone || s.availabilityZone === props.disk.availabilityZone,
  );
  const [serverId, setServerId] = createSignal('');
  const [device, setDevice] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorData>();
  const deviceError = () =>
    device() && !DEVICE_RE.test(device()) ? 'Use a device name like /dev/vdb, or leave it empty.' : undefined;
  const valid = () => !!serverId() && !deviceError();
  const submit = async () => {
    const sc = scope.scope;
    if (!sc || !valid()) return;
    setBusy(true);
    setError(undefined);
    const res = await api.invoke('disks.attach', {
      ...sc,
      serverId: serverId(),
      volumeId: props.disk.id,
      ...(device() ? { device: device() } : {}),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onStarted(res.value);
  };
  return (
    <Dialog
      title={`Attach disk ${diskLabel(props.disk)}`}
      onClose={() => props.onClose()}
      footer={
        <>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="button" class="primary" disabled={!valid() || busy()} onClick={() => void submit()}>
            Attach
          </button>
        </>
      }
    >
      <p class="muted">
        {props.disk.sizeGb} GB {props.disk.volumeType} disk in {props.disk.availabilityZone || 'any AZ'}; only
        servers of the same availability zone are listed.
      </p>
      <Field id={`${id}-server`} label="Server">
        <ServerPicker
          id={`${id}-server`}
          autofocus
          servers={candidates()}
          value={serverId()}
          onChange={setServerId}
        />
      </Field>
      <Show when={!candidates().length}>
        <p class="muted">No server in {props.disk.availabilityZone}.</p>
      </Show>
      <Field id={`${id}-device`} label="Device (optional)" error={deviceError()}>
        <input
          id={`${id}-device`}
          placeholder="/dev/vdb"
          value={device()}
          onInput={(e) => setDevice(e.currentTarget.value.trim())}
        />
      </Field>
      <Show when={error()}>{(e) => <ErrorPanel title="Attach failed" error={e()} />}</Show>
    </Dialog>
  );
}

/** Creates a disk (name, size, type, AZ, description). */
export function CreateDiskDialog(props: { onClose(): void; onCreated(d: DiskView): void }) {
  const api = useApi();
  const [scope] = useScope();
  const id = createUniqueId();
  const [zones] = createResource(
    () => scope.scope,
    async (sc) => {
      const r = await api.invoke('zones.list', sc);
      return r.ok ? r.value.zones.filter((z) => z.available).map((z) => z.name) : [];
    },
  );
  const [name, setName] = createSignal('');
  const [size, setSize] = createSignal('10');
  const [type, setType] = createSignal<string>('SSD');
  const [az, setAz] = createSignal('');
  const [desc, setDesc] = createSignal('');
  const [touched, setTouched] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorData>();
  const arg = () => ({
    ...(scope.scope ?? { accountId: '', region: '' }),
    name: name().trim(),
    sizeGb: Number(size()),
    volumeType: type(),
    ...(az() ? { availabilityZone: az() } : {}),
    ...(desc() ? { description: desc() } : {}),
  });
  const nameError = () => (touched() && !name().trim() ? 'Enter a name.' : undefined);
  const sizeError = () => {
    const n = Number(size());
    return Number.isInteger(n) && n >= 10 && n <= 32768 ? undefined : 'The size must be 10 to 32768 GB.';
  };
  const valid = () => !!name().trim() && !sizeError() && validateInvoke('disks.create', arg()).ok;
  const submit = async () => {
    setTouched(true);
    if (!scope.scope || !valid()) return;
    setBusy(true);
    setError(undefined);
    const res = await api.invoke('disks.create', arg());
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onCreated(res.value);
  };
  return (
    <Dialog
      title="Create disk"
      onClose={() => props.onClose()}
      footer={
        <>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="button" class="primary" disabled={busy()} onClick={() => void submit()}>
            Create disk
          </button>
        </>
      }
    >
      <div class="form-grid">
        <Field id={`${id}-name`} label="Name" error={nameError()}>
          <input
            id={`${id}-name`}
            data-autofocus
            maxLength={255}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
          />
        </Field>
        <Field id={`${id}-size`} label="Size (GB)" error={sizeError()}>
          <input
            id={`${id}-size`}
            type="number"
            min={10}
            max={32768}
            value={size()}
            onInput={(e) => setSize(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${id}-type`} label="Disk type">
          <select id={`${id}-type`} value={type()} onChange={(e) => setType(e.currentTarget.value)}>
            <For each={VOLUME_TYPES}>{(t) => <option value={t}>{t}</option>}</For>
          </select>
        </Field>
        <Field id={`${id}-az`} label="Availability zone">
          <select id={`${id}-az`} value={az()} onChange={(e) => setAz(e.currentTarget.value)}>
            <option value="">Any (the API chooses)</option>
            <For each={zones() ?? []}>{(z) => <option value={z}>{z}</option>}</For>
          </select>
        </Field>
        <Field id={`${id}-desc`} label="Description (optional)">
          <input
            id={`${id}-desc`}
            maxLength={255}
            value={desc()}
            onInput={(e) => setDesc(e.currentTarget.value)}
          />
        </Field>
      </div>
      <Show when={error()}>{(e) => <ErrorPanel title="Create disk failed" error={e()} />}</Show>
    </Dialog>
  );
}
