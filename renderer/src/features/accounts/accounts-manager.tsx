/**
 * The account screens, opened from the sidebar: every account (hidden ones too) with test, edit,
 * set default, hide and remove; add an account of each kind; the keychain status and the
 * session-only vault mode; export (JSON without secrets) and import with a preview.
 */
import { createEffect, createSignal, For, Match, on, onMount, Show, Switch } from 'solid-js';
import type {
  AccountView,
  ConnectionDiagnosis,
  KeychainStatus,
  VaultMode,
} from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import { FormActions } from '../../components/form-actions';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { useApi } from '../../lib/api-context';
import { useRunOp } from '../../lib/run-op';
import { useScope, useUi } from '../../stores/app-context';
import { AccountForm } from './account-form';
import { credentialLabel, KIND_LABEL } from './account-labels';
import { ExportAccounts } from './export-accounts';
import { ImportAccounts } from './import-accounts';
import { NewAccountCheck, type NewAccountCheckState } from './new-account-check';
import { TestResult } from './test-result';
import { VaultSettings } from './vault-settings';

type View =
  { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'import' } | { kind: 'export' };

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
  // A new account is tested before it is used: a wrong key must not take over the panes.
  const [newcomer, setNewcomer] = createSignal<NewAccountCheckState>();
  const checkNewAccount = async (acc: AccountView) => {
    setNewcomer({ account: acc, state: 'testing' });
    await changed();
    setTests((t) => ({ ...t, [acc.id]: 'running' }));
    const res = await api.invoke('accounts.test', { id: acc.id });
    const outcome = res.ok ? res.value : res.error;
    setTests((t) => ({ ...t, [acc.id]: outcome }));
    if (!res.ok || res.value.verdict !== 'ok') {
      setNewcomer({ account: acc, state: 'failed', why: outcome });
      return;
    }
    // The first account that connects replaces the Sandbox as the one the app opens on.
    if (accounts().find((a) => a.isDefault)?.builtin) await api.invoke('accounts.setDefault', { id: acc.id });
    await changed();
    scopeActions.select(acc.id);
    setNewcomer({ account: acc, state: 'active' });
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
                void checkNewAccount(acc);
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
            <VaultSettings mode={vaultMode()} keychain={keychain()} onChanged={changed} />
            <NewAccountCheck
              check={newcomer()}
              onEdit={(id) => setView({ kind: 'edit', id })}
              onDismiss={() => setNewcomer(undefined)}
            />
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
                      <td class="mono">{credentialLabel(acc)}</td>
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
            <FormActions>
              <button type="button" class="primary" onClick={() => setView({ kind: 'add' })}>
                Add account…
              </button>
              <button type="button" onClick={() => setView({ kind: 'import' })}>
                Import…
              </button>
              <button type="button" onClick={() => setView({ kind: 'export' })}>
                Export…
              </button>
            </FormActions>
          </Match>
        </Switch>
      </div>
    </Dialog>
  );
}
