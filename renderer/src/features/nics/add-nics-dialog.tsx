/**
 * Adds NICs to one server in a batch: a subnet and an optional fixed IP per NIC.
 */
import { createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { JobRef, ServerView, SubnetView } from '../../../../shared/ipc/views';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { useApi } from '../../lib/api-context';
import { useScope } from '../../stores/app-context';
import { fixedIpError, MAX_NICS_PER_CALL } from './nic-rules';
import { formatCount } from '../../lib/units';

interface Row {
  subnetId: string;
  ip: string;
}

/** The "Add NICs" dialog for `server`, choosing among `subnets`. */
export function AddNicsDialog(props: {
  server: ServerView;
  subnets: SubnetView[];
  onClose(): void;
  onStarted(ref: JobRef): void;
}) {
  const api = useApi();
  const [scope] = useScope();
  const base = createUniqueId();
  const firstSubnet = () => props.subnets[0]?.networkId ?? '';
  const [rows, setRows] = createSignal<Row[]>([{ subnetId: firstSubnet(), ip: '' }]);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorData>();
  const subnetOf = (id: string) => props.subnets.find((s) => s.networkId === id);
  const rowError = (r: Row) => fixedIpError(r.ip, subnetOf(r.subnetId)?.cidr);
  const valid = () => rows().length > 0 && rows().every((r) => r.subnetId && !rowError(r));
  const update = (i: number, patch: Partial<Row>) =>
    setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async () => {
    const sc = scope.scope;
    if (!sc || !valid()) return;
    setBusy(true);
    setError(undefined);
    const res = await api.invoke('nics.add', {
      ...sc,
      serverId: props.server.id,
      nics: rows().map((r) => ({ subnetId: r.subnetId, ...(r.ip.trim() ? { ipAddress: r.ip.trim() } : {}) })),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onStarted(res.value);
  };
  const n = () => rows().length;
  return (
    <Dialog
      title={`Add NICs to ${props.server.name}`}
      onClose={() => props.onClose()}
      footer={
        <>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="button" class="primary" disabled={!valid() || busy()} onClick={() => void submit()}>
            {`Add ${formatCount(n(), 'NIC')}`}
          </button>
        </>
      }
    >
      <Show when={!props.subnets.length}>
        <p class="muted">No subnet of this server's VPC was found.</p>
      </Show>
      <Index each={rows()}>
        {(r, i) => {
          const err = () => rowError(r());
          return (
            <fieldset class="nic-row">
              <legend>NIC {i + 1}</legend>
              <div class="field">
                <label for={`${base}-s${i}`}>{`Subnet of NIC ${i + 1}`}</label>
                <select
                  id={`${base}-s${i}`}
                  data-autofocus={i === 0 ? true : undefined}
                  value={r().subnetId}
                  onChange={(e) => update(i, { subnetId: e.currentTarget.value })}
                >
                  <For each={props.subnets}>
                    {(s) => (
                      <option value={s.networkId}>
                        {s.name} ({s.cidr})
                      </option>
                    )}
                  </For>
                </select>
              </div>
              <div class="field">
                <label for={`${base}-ip${i}`}>{`Fixed IP of NIC ${i + 1} (optional)`}</label>
                <input
                  id={`${base}-ip${i}`}
                  placeholder="automatic"
                  value={r().ip}
                  aria-invalid={err() ? 'true' : undefined}
                  aria-describedby={err() ? `${base}-ip${i}-error` : undefined}
                  onInput={(e) => update(i, { ip: e.currentTarget.value })}
                />
                <Show when={err()}>
                  <span class="field-error" id={`${base}-ip${i}-error`}>
                    {err()}
                  </span>
                </Show>
              </div>
              <button
                type="button"
                class="icon-button"
                aria-label={`Remove NIC ${i + 1}`}
                disabled={n() === 1}
                onClick={() => setRows((list) => list.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </fieldset>
          );
        }}
      </Index>
      <button
        type="button"
        disabled={n() >= MAX_NICS_PER_CALL}
        onClick={() => setRows((list) => [...list, { subnetId: firstSubnet(), ip: '' }])}
      >
        Add another NIC
      </button>
      <Show when={n() >= MAX_NICS_PER_CALL}>
        <p class="muted">At most {MAX_NICS_PER_CALL} NICs per request.</p>
      </Show>
      <Show when={error()}>{(e) => <ErrorPanel title="Adding NICs failed" error={e()} />}</Show>
    </Dialog>
  );
}
