/**
 * The account screens, opened from the sidebar: every account (hidden ones too) with test, edit,
 * set default, hide and remove; add an account of each kind; the keychain status and the
 * session-only vault mode; export (JSON without secrets) and import with a preview.
 */
import { createEffect, createSignal, For, Match, on, onMount, Show, Switch } from 'solid-js';
import type {
  AccountView,
  ConnectionDiagnosis,
  ImportPreview,
  KeychainStatus,
  VaultMode,
} from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { useScope, useUi } from '../../stores/app-context';
import { AccountForm } from './account-form';

type View =
  { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'import' } | { kind: 'export' };

const KIND_LABEL: Record<AccountView['kind'], string> = {
  aksk: 'Permanent AK/SK',
  temporary: 'Temporary AK/SK',
  password: 'IAM user + password',
};

/** The sidebar's entry points: "Add account" and "Manage accounts"; each opens the manager dialog. */
export function AccountsButtons() {
  const [open, setOpen] = createSignal<View>();
  return (
    <div class="accounts-buttons">
      <button type="button" onClick={() => setOpen({ kind: 'add' })}>
        Add account
      </button>
      <button type="button" onClick={() => setOpen({ kind: 'list' })}>
        Manage accounts
      </button>
      <Show when={open()}>{(v) => <AccountsManager initial={v()} onClose={() => setOpen(undefined)} />}</Show>
    </div>
  );
}

/** The accounts dialog: list and actions, or one of its sub-screens. */
export function AccountsManager(props: { initial?: View; onClose(): void }) {
  const api = useApi();
  const run = useRunOp();
  const [, scopeActions] = useScope();
  const [, ui] = useUi();
  const [view, setView] = createSignal<View>(props.initial ?? { kind: 'list' });
  const [accounts, setAccounts] = createSignal<AccountView[]>([]);
  const [vaultMode, setVaultMode] = createSignal<VaultMode>('keychain');
  const [keychain, setKeychain] = createSignal<KeychainStatus>();
  const [loadError, setLoadError] = createSignal<ErrorData>();
  const [tests, setTests] = createSignal<Record<string, ConnectionDiagnosis | ErrorData | 'running'>>({});

  const load = async () => {
    const res = await api.invoke('accounts.list', {});
    if (!res.ok) return setLoadError(res.error);
    setLoadError(undefined);
    setAccounts([...res.value.accounts].sort((a, b) => a.order - b.order));
    setVaultMode(res.value.vaultMode);
    setKeychain(res.value.keychain);
  };
  const changed = async () => {
    await load();
    await scopeActions.load();
  };
  onMount(() => void load());

  const test = async (acc: AccountView) => {
    setTests((t) => ({ ...t, [acc.id]: 'running' }));
    const res = await api.invoke('accounts.test', { id: acc.id });
    setTests((t) => ({ ...t, [acc.id]: res.ok ? res.value : res.error }));
  };
  const setDefault = async (acc: AccountView) => {
    if (
      await run(`${acc.name} is now the default account`, () =>
        api.invoke('accounts.setDefault', { id: acc.id }),
      )
    )
      await changed();
  };
  const setHidden = async (acc: AccountView, hidden: boolean) => {
    if (
      await run(`${acc.name} ${hidden ? 'hidden from' : 'shown in'} the sidebar`, () =>
        api.invoke('accounts.edit', { id: acc.id, hidden }),
      )
    )
      await changed();
  };
  const remove = async (acc: AccountView) => {
    const ok = await ui.confirm({
      title: `Remove account ${acc.name}?`,
      message:
        'The account is removed from ECS Desktop and its stored secrets are deleted from the vault. ' +
        'Nothing changes in the cloud: its servers and other resources keep running.',
      items: [
        `${acc.name} (${KIND_LABEL[acc.kind]}${acc.accessKeyIdMasked ? `, ${acc.accessKeyIdMasked}` : ''})`,
      ],
      confirmLabel: `Remove ${acc.name}`,
      destructive: true,
      typeToConfirm: acc.name,
    });
    if (!ok) return;
    if (await run(`Removed account ${acc.name}`, () => api.invoke('accounts.remove', { id: acc.id })))
      await changed();
  };
  const syncVaultRadios = () => {
    for (const el of body?.querySelectorAll<HTMLInputElement>('input[name="vault-mode"]') ?? [])
      el.checked = el.value === vaultMode();
  };
  const switchVault = async (mode: VaultMode) => {
    const ok = await ui.confirm(
      mode === 'session-only'
        ? {
            title: 'Use session-only mode?',
            message:
              'From now on secrets are kept in memory only and forgotten when the app quits. Secrets already in the ' +
              'OS keychain stay there but are not used in this session: those accounts show "Secret missing" until ' +
              'you switch back to the keychain.',
            confirmLabel: 'Use session-only mode',
          }
        : {
            title: 'Use the OS keychain?',
            message:
              'From now on secrets are read from and stored in the OS keychain. Secrets typed during this ' +
              'session-only session are not moved to the keychain: enter them again (Edit, rotate) if needed.',
            confirmLabel: 'Use the OS keychain',
          },
    );
    if (ok) {
      const res = await run(
        mode === 'session-only'
          ? 'Session-only mode: secrets are kept in memory until you quit'
          : 'Secrets are kept in the OS keychain',
        () => api.invoke('accounts.setVaultMode', { mode }),
      );
      if (res) setVaultMode(res.vaultMode);
      await load();
      await scopeActions.load();
    }
    syncVaultRadios();
  };

  // A sub-screen replaces the focused control: move focus into the new screen so the keyboard
  // (Tab, Escape) keeps working inside the dialog.
  let body: HTMLDivElement | undefined;
  createEffect(
    on(
      () => view().kind,
      () =>
        queueMicrotask(() =>
          (
            body?.querySelector<HTMLElement>('[data-autofocus]') ??
            body?.querySelector<HTMLElement>('input, button, select, textarea')
          )?.focus(),
        ),
      { defer: true },
    ),
  );

  const title = () => {
    const v = view();
    if (v.kind === 'add') return 'Add account';
    if (v.kind === 'edit') return `Edit account ${accounts().find((a) => a.id === v.id)?.name ?? ''}`;
    if (v.kind === 'import') return 'Import accounts';
    if (v.kind === 'export') return 'Export accounts';
    return 'Accounts';
  };

  return (
    <Dialog title={title()} size="wide" onClose={() => props.onClose()}>
      <div ref={(el) => (body = el)}>
        <Switch>
          <Match when={view().kind === 'add'}>
            <AccountForm
              onCancel={() => setView({ kind: 'list' })}
              onDone={(acc) => {
                setView({ kind: 'list' });
                void changed().then(() => scopeActions.select(acc.id));
              }}
            />
          </Match>
          <Match
            when={(() => {
              const v = view();
              return v.kind === 'edit' ? accounts().find((a) => a.id === v.id) : undefined;
            })()}
          >
            {(acc) => (
              <AccountForm
                account={acc()}
                onCancel={() => setView({ kind: 'list' })}
                onDone={() => {
                  setView({ kind: 'list' });
                  void changed();
                }}
              />
            )}
          </Match>
          <Match when={view().kind === 'import'}>
            <ImportAccounts onBack={() => setView({ kind: 'list' })} onImported={() => void changed()} />
          </Match>
          <Match when={view().kind === 'export'}>
            <ExportAccounts onBack={() => setView({ kind: 'list' })} />
          </Match>
          <Match when={view().kind === 'list'}>
            <Show when={loadError()}>
              {(e) => (
                <ErrorPanel title="Could not load the accounts" error={e()} onRetry={() => void load()} />
              )}
            </Show>
            <section aria-label="Secret storage" class="vault">
              <h3>Secret storage</h3>
              <Show when={keychain()}>
                {(k) => (
                  <p role="status">
                    <span
                      class="badge"
                      classList={{ 'badge-ok': k().state === 'ok', 'badge-bad': k().state !== 'ok' }}
                    >
                      OS keychain: {k().state === 'ok' ? 'available' : `not available (${k().state})`}
                    </span>{' '}
                    {k().message}
                    <Show when={k().hint}>{(h) => <span class="muted"> {h()}</span>}</Show>
                  </p>
                )}
              </Show>
              <fieldset>
                <legend>Where secrets are kept</legend>
                <label>
                  <input
                    type="radio"
                    name="vault-mode"
                    value="keychain"
                    checked={vaultMode() === 'keychain'}
                    onChange={() => void switchVault('keychain')}
                  />{' '}
                  OS keychain (remembered across restarts)
                </label>
                <label>
                  <input
                    type="radio"
                    name="vault-mode"
                    value="session-only"
                    checked={vaultMode() === 'session-only'}
                    onChange={() => void switchVault('session-only')}
                  />{' '}
                  Session only (kept in memory, forgotten when the app quits)
                </label>
              </fieldset>
            </section>
            <table class="simple" aria-label="Accounts">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Credentials</th>
                  <th scope="col">Default region</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                <For each={accounts()}>
                  {(acc) => (
                    <tr>
                      <th scope="row">
                        {acc.name}
                        <Show when={acc.isDefault}> (default)</Show>
                        <Show when={acc.hidden}> (hidden)</Show>
                      </th>
                      <td>{acc.builtin ? 'Built-in simulator' : KIND_LABEL[acc.kind]}</td>
                      <td class="mono">
                        {acc.accessKeyIdMasked ??
                          (acc.userName ? `${acc.userName}@${acc.domainName ?? ''}` : '—')}
                      </td>
                      <td>{acc.defaultRegion}</td>
                      <td>
                        {acc.secretState === 'stored'
                          ? 'Secret stored'
                          : acc.secretState === 'missing'
                            ? 'Secret missing'
                            : 'Vault unavailable'}
                        <Show when={acc.expiresAt}>
                          {(x) => (
                            <span>
                              ,{' '}
                              {acc.expired
                                ? 'token expired'
                                : `token expires ${new Date(x()).toLocaleString()}`}
                            </span>
                          )}
                        </Show>
                        <TestResult value={tests()[acc.id]} />
                      </td>
                      <td class="row-actions">
                        <button
                          type="button"
                          aria-label={`Test connection of ${acc.name}`}
                          onClick={() => void test(acc)}
                        >
                          Test
                        </button>
                        <Show when={!acc.builtin}>
                          <button
                            type="button"
                            aria-label={`Edit ${acc.name}`}
                            onClick={() => setView({ kind: 'edit', id: acc.id })}
                          >
                            Edit
                          </button>
                        </Show>
                        <Show when={!acc.isDefault}>
                          <button
                            type="button"
                            aria-label={`Set default account to ${acc.name}`}
                            onClick={() => void setDefault(acc)}
                          >
                            Set default
                          </button>
                        </Show>
                        <button
                          type="button"
                          aria-label={`${acc.hidden ? 'Show' : 'Hide'} ${acc.name} in the sidebar`}
                          onClick={() => void setHidden(acc, !acc.hidden)}
                        >
                          {acc.hidden ? 'Show' : 'Hide'}
                        </button>
                        <Show when={!acc.builtin}>
                          <button
                            type="button"
                            class="danger"
                            aria-label={`Remove ${acc.name}`}
                            onClick={() => void remove(acc)}
                          >
                            Remove
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="muted">The Sandbox account is built in: it cannot be removed, only hidden.</p>
            <div
              class="form-actions"
              style={{ display: 'flex', gap: '0.5rem', 'flex-wrap': 'wrap', 'margin-top': '0.75rem' }}
            >
              <button type="button" class="primary" onClick={() => setView({ kind: 'add' })}>
                Add account…
              </button>
              <button type="button" onClick={() => setView({ kind: 'import' })}>
                Import…
              </button>
              <button type="button" onClick={() => setView({ kind: 'export' })}>
                Export…
              </button>
            </div>
          </Match>
        </Switch>
      </div>
    </Dialog>
  );
}

function isDiagnosis(v: unknown): v is ConnectionDiagnosis {
  return typeof v === 'object' && v !== null && 'verdict' in v;
}

/** The outcome of a connection test: verdict, message and what to do. */
function TestResult(props: { value: ConnectionDiagnosis | ErrorData | 'running' | undefined }) {
  return (
    <Show when={props.value}>
      {(v) => (
        <div role="status" class="test-result">
          <Switch>
            <Match when={v() === 'running'}>Testing…</Match>
            <Match when={isDiagnosis(v()) && (v() as ConnectionDiagnosis)}>
              {(d) => (
                <>
                  <span
                    class="badge"
                    classList={{ 'badge-ok': d().verdict === 'ok', 'badge-bad': d().verdict !== 'ok' }}
                  >
                    {d().verdict === 'ok' ? 'Connected' : d().verdict}
                  </span>{' '}
                  {d().message}
                  <Show when={d().hint}>{(h) => <div class="muted">What to do: {h()}</div>}</Show>
                </>
              )}
            </Match>
            <Match when={!isDiagnosis(v()) && v() !== 'running' && (v() as ErrorData)}>
              {(e) => <ErrorPanel compact title="The test could not run" error={e()} />}
            </Match>
          </Switch>
        </div>
      )}
    </Show>
  );
}

/** Export: the accounts as JSON without secrets, to copy or save. */
function ExportAccounts(props: { onBack(): void }) {
  const api = useApi();
  const [json, setJson] = createSignal<string>();
  const [error, setError] = createSignal<ErrorData>();
  const load = async () => {
    const res = await api.invoke('accounts.export', {});
    if (res.ok) setJson(res.value.json);
    else setError(res.error);
  };
  onMount(() => void load());
  const save = () => {
    const blob = new Blob([json() ?? ''], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'ecs-desktop-accounts.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <div>
      <p>The export holds the account settings only: no secret key, security token or password.</p>
      <Show when={error()}>
        {(e) => <ErrorPanel title="Could not export the accounts" error={e()} onRetry={() => void load()} />}
      </Show>
      <Show when={json()}>
        {(j) => (
          <>
            <label for="acc-export" style={{ display: 'block' }}>
              Exported accounts (JSON)
            </label>
            <textarea
              id="acc-export"
              style={{ width: '100%', 'box-sizing': 'border-box' }}
              class="mono"
              readOnly
              rows={12}
              value={j()}
            />
            <div
              class="form-actions"
              style={{ display: 'flex', gap: '0.5rem', 'flex-wrap': 'wrap', 'margin-top': '0.75rem' }}
            >
              <CopyButton value={j()} label="exported accounts JSON" />
              <button type="button" onClick={save}>
                Save as file…
              </button>
            </div>
          </>
        )}
      </Show>
      <div
        class="form-actions"
        style={{ display: 'flex', gap: '0.5rem', 'flex-wrap': 'wrap', 'margin-top': '0.75rem' }}
      >
        <button type="button" onClick={() => props.onBack()}>
          Back to accounts
        </button>
      </div>
    </div>
  );
}

/** Import: scan env, SDK files, KooCLI and clouds.yaml; pick candidates; import them. */
function ImportAccounts(props: { onBack(): void; onImported(): void }) {
  const api = useApi();
  const [preview, setPreview] = createSignal<ImportPreview>();
  const [error, setError] = createSignal<ErrorData>();
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [result, setResult] = createSignal<string>();
  const [failures, setFailures] = createSignal<{ candidateId: string; error: ErrorData }[]>([]);
  const scan = async () => {
    setError(undefined);
    const res = await api.invoke('accounts.importPreview', {});
    if (!res.ok) return setError(res.error);
    setPreview(res.value);
    setPicked(
      new Set(res.value.candidates.filter((c) => c.hasSecret && !c.warning).map((c) => c.candidateId)),
    );
  };
  onMount(() => void scan());
  const toggle = (id: string, on: boolean) =>
    setPicked((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const doImport = async () => {
    const res = await api.invoke('accounts.import', { candidateIds: [...picked()] });
    if (!res.ok) return setError(res.error);
    setResult(`Imported ${res.value.added.length} account${res.value.added.length === 1 ? '' : 's'}.`);
    setFailures(res.value.failed);
    props.onImported();
  };
  return (
    <div>
      <p>
        Accounts found in the environment, SDK credential files, KooCLI and clouds.yaml. Secrets are read by
        the app, never shown.
      </p>
      <Show when={error()}>
        {(e) => <ErrorPanel title="Import failed" error={e()} onRetry={() => void scan()} />}
      </Show>
      <Show when={preview()}>
        {(p) => (
          <>
            <Show when={p().candidates.length} fallback={<p class="muted">No accounts found.</p>}>
              <table class="simple" aria-label="Import candidates">
                <thead>
                  <tr>
                    <th scope="col">Import</th>
                    <th scope="col">Name</th>
                    <th scope="col">Source</th>
                    <th scope="col">Credentials</th>
                    <th scope="col">Region</th>
                    <th scope="col">Notes</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={p().candidates}>
                    {(c) => (
                      <tr>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Import ${c.suggestedName} from ${c.origin}`}
                            checked={picked().has(c.candidateId)}
                            disabled={!c.hasSecret}
                            onChange={(e) => toggle(c.candidateId, e.currentTarget.checked)}
                          />
                        </td>
                        <td>{c.suggestedName}</td>
                        <td>
                          {c.origin} ({c.profileName})
                        </td>
                        <td class="mono">{c.accessKeyIdMasked ?? c.userName ?? '—'}</td>
                        <td>{c.region ?? '—'}</td>
                        <td>{c.warning ?? (c.hasSecret ? '' : 'no secret found')}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={p().problems.length}>
              <h3>Could not read</h3>
              <ul>
                <For each={p().problems}>
                  {(pr) => (
                    <li>
                      {pr.origin}
                      {pr.line ? `:${pr.line}` : ''}: {pr.message}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
      <Show when={result()}>{(r) => <p role="status">{r()}</p>}</Show>
      <For each={failures()}>
        {(f) => <ErrorPanel compact title={`Could not import ${f.candidateId}`} error={f.error} />}
      </For>
      <div
        class="form-actions"
        style={{ display: 'flex', gap: '0.5rem', 'flex-wrap': 'wrap', 'margin-top': '0.75rem' }}
      >
        <button type="button" onClick={() => props.onBack()}>
          Back to accounts
        </button>
        <button type="button" onClick={() => void scan()}>
          Scan again
        </button>
        <button type="button" class="primary" disabled={picked().size === 0} onClick={() => void doImport()}>
          Import {picked().size} selected
        </button>
      </div>
    </div>
  );
}
