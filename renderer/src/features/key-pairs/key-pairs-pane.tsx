/**
 * The key pairs pane: the project's SSH key pairs; create one (its private key is shown once, to
 * copy or save, and dropped when the dialog closes), import a public key, delete.
 */
import { createSignal, createUniqueId, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { KeypairView } from '../../../../shared/ipc/views';
import { validateInvoke } from '../../../../shared/ipc/schemas';
import { FormActions } from '../../components/form-actions';
import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { ReadonlyText, saveTextFile } from '../../components/readonly-text';
import { Field } from '../../components/field';
import { PaneHeader } from '../../components/pane-header';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { useApi } from '../../lib/api-context';
import { useConfirmThenRun } from '../../lib/confirm-run';
import { useRunOp } from '../../lib/run-op';
import { useScope } from '../../stores/app-context';
import { createScopedData } from '../../stores/scoped-data';
import { useKeyPairsUi } from './key-pairs-ui';

/** The key pairs pane. */
export function KeyPairsPane() {
  const api = useApi();
  const confirmThenRun = useConfirmThenRun();
  const ids = createUniqueId();
  const kui = useKeyPairsUi();
  const [list, { reload }] = createScopedData((sc) => api.invoke('keypairs.list', sc), 'name');
  const refetch = () => void reload();
  const keypairs = () => list.value?.keypairs ?? [];
  const remove = async (kp: KeypairView) => {
    const deleted = await confirmThenRun(
      (sc) => ({
        title: `Delete key pair ${kp.name}?`,
        message:
          `The key pair is deleted from ${sc.region}. Servers already created with it keep the public key ` +
          'in their authorized keys; new servers can no longer use it. This cannot be undone.',
        items: [`${kp.name} (${kp.fingerprint})`],
        confirmLabel: `Delete ${kp.name}`,
        destructive: true,
        typeToConfirm: kp.name,
      }),
      `Deleted key pair ${kp.name}`,
      (sc) => api.invoke('keypairs.delete', { ...sc, name: kp.name }),
    );
    if (deleted) refetch();
  };
  const columns: VirtualColumn<KeypairView>[] = [
    { id: 'name', label: 'Name', cell: (kp) => kp().name },
    { id: 'type', label: 'Type', cell: (kp) => kp().type ?? 'ssh' },
    { id: 'fingerprint', label: 'Fingerprint', class: 'mono', cell: (kp) => kp().fingerprint },
    {
      id: 'actions',
      label: 'Actions',
      // Only the active row's buttons are in the Tab order (arrows move between rows).
      cell: (kp, active) => (
        <>
          <CopyButton
            value={kp().publicKey}
            label={`public key of ${kp().name}`}
            tabIndex={active() ? 0 : -1}
          />{' '}
          <button
            type="button"
            class="danger"
            tabIndex={active() ? 0 : -1}
            aria-label={`Delete key pair ${kp().name}`}
            onClick={() => void remove(kp())}
          >
            Delete
          </button>
        </>
      ),
    },
  ];
  return (
    <section class="pane" aria-labelledby={`${ids}-h`}>
      <PaneHeader
        headingId={`${ids}-h`}
        title="Key pairs"
        list={list}
        noun="key pair"
        count={keypairs().length}
        onRefresh={refetch}
      >
        <button type="button" onClick={() => kui.openDialog('import')}>
          Import public key…
        </button>
        <button type="button" class="primary" onClick={() => kui.openDialog('create')}>
          Create key pair…
        </button>
      </PaneHeader>
      <Show when={list.error}>
        {(e) => <ErrorPanel title="Could not load the key pairs" error={e()} onRetry={refetch} />}
      </Show>
      <Show when={list.value}>
        <Show when={keypairs().length} fallback={<p class="muted">No key pairs in this region.</p>}>
          <VirtualTable
            label="Key pairs"
            idPrefix="keypair"
            rows={keypairs}
            rowKey={(kp) => kp.name}
            columns={columns}
            template="minmax(160px, 1fr) 80px minmax(280px, 2fr) 200px"
            minWidth={760}
          />
        </Show>
      </Show>
      <Show when={kui.dialog() === 'create'}>
        <CreateKeyPairDialog onClose={() => kui.openDialog(undefined)} onCreated={refetch} />
      </Show>
      <Show when={kui.dialog() === 'import'}>
        <ImportKeyPairDialog onClose={() => kui.openDialog(undefined)} onImported={refetch} />
      </Show>
    </section>
  );
}

/**
 * Creates a key pair and shows its private key once. SECURITY: the private key lives only in this
 * dialog's local signal and is gone when the dialog unmounts.
 */
function CreateKeyPairDialog(props: { onClose(): void; onCreated(): void }) {
  const api = useApi();
  const [scope] = useScope();
  const [name, setName] = createSignal('');
  const [invalid, setInvalid] = createSignal<string>();
  const [failed, setFailed] = createSignal<ErrorData>();
  const [created, setCreated] = createSignal<{ name: string; privateKey: string }>();
  const [busy, setBusy] = createSignal(false);
  const create = async (e: Event) => {
    e.preventDefault();
    const sc = scope.scope;
    if (!sc) return;
    const arg = { ...sc, name: name().trim() };
    const v = validateInvoke('keypairs.create', arg);
    if (!v.ok)
      return setInvalid(v.message.replace(/^Invalid arguments for keypairs\.create: name: /, 'The name '));
    setInvalid(undefined);
    setBusy(true);
    const r = await api.invoke('keypairs.create', arg);
    setBusy(false);
    if (!r.ok) return setFailed(r.error);
    setFailed(undefined);
    setCreated({ name: r.value.name, privateKey: r.value.privateKey });
    props.onCreated();
  };
  const save = (key: { name: string; privateKey: string }) =>
    saveTextFile(`${key.name}.pem`, 'application/x-pem-file', key.privateKey);

  return (
    <Dialog
      title={created() ? `Key pair ${created()!.name} created` : 'Create key pair'}
      onClose={() => props.onClose()}
    >
      <Show
        when={created()}
        fallback={
          <form aria-label="Create key pair" onSubmit={(e) => void create(e)}>
            <Field id="kp-name" label="Key pair name" error={invalid()}>
              <input
                id="kp-name"
                data-autofocus
                value={name()}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </Field>
            <Show when={failed()}>
              {(e) => <ErrorPanel title="Could not create the key pair" error={e()} />}
            </Show>
            <FormActions>
              <button type="button" onClick={() => props.onClose()}>
                Cancel
              </button>
              <button type="submit" class="primary" disabled={busy()}>
                Create key pair
              </button>
            </FormActions>
          </form>
        }
      >
        {(key) => (
          <div>
            <p role="alert">
              This is the only time the private key is shown. Save or copy it now: ECS Desktop does not keep
              it, and it cannot be downloaded again.
            </p>
            <ReadonlyText
              id="kp-private"
              label={`Private key of ${key().name}`}
              rows={10}
              value={key().privateKey}
            />
            <FormActions>
              <CopyButton value={key().privateKey} label={`private key of ${key().name}`} />
              <button type="button" onClick={() => save(key())}>
                Save {key().name}.pem…
              </button>
              <button
                type="button"
                class="primary"
                data-done
                ref={(el) => queueMicrotask(() => el.focus())}
                onClick={() => props.onClose()}
              >
                Done, close
              </button>
            </FormActions>
          </div>
        )}
      </Show>
    </Dialog>
  );
}

/** Imports an OpenSSH public key as a key pair. */
function ImportKeyPairDialog(props: { onClose(): void; onImported(): void }) {
  const api = useApi();
  const [scope] = useScope();
  const run = useRunOp();
  const [name, setName] = createSignal('');
  const [key, setKey] = createSignal('');
  const [errors, setErrors] = createSignal<{ name?: string; publicKey?: string }>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const sc = scope.scope;
    if (!sc) return;
    const arg = { ...sc, name: name().trim(), publicKey: key().trim() };
    const v = validateInvoke('keypairs.import', arg);
    if (!v.ok) {
      const m = v.message.replace(/^Invalid arguments for keypairs\.import: /, '');
      const parts = m.split('; ');
      setErrors({
        name: parts.find((p) => p.startsWith('name:'))?.replace(/^name: /, 'The name '),
        publicKey: parts.find((p) => p.startsWith('publicKey:'))?.replace(/^publicKey: /, 'The public key '),
      });
      return;
    }
    setErrors({});
    if (await run(`Imported key pair ${arg.name}`, () => api.invoke('keypairs.import', arg))) {
      props.onImported();
      props.onClose();
    }
  };
  return (
    <Dialog title="Import public key" onClose={() => props.onClose()}>
      <form aria-label="Import public key" onSubmit={(e) => void submit(e)}>
        <Field id="kpi-name" label="Key pair name" error={errors().name}>
          <input
            id="kpi-name"
            data-autofocus
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="kpi-key" label="OpenSSH public key" error={errors().publicKey}>
          <textarea
            id="kpi-key"
            class="mono"
            rows={4}
            placeholder="ssh-ed25519 AAAA… user@host"
            value={key()}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </Field>
        <FormActions>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Import key pair
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
