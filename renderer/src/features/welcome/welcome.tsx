/**
 * The first-run welcome, above the Sandbox's pane while no real account is configured: what the
 * app is, what the Sandbox is, "Add your Huawei Cloud account", "Import N profiles found" (when
 * the importers detect credentials on this machine) and "Just explore the Sandbox". Dismissing it
 * is remembered in main's settings; once a real account exists it never shows again. The import
 * dialog is the accounts screen's own {@link ImportCandidates}, so both pick and import alike.
 */
import { createEffect, createMemo, createResource, createSignal, Show } from 'solid-js';
import { SANDBOX_ACCOUNT_ID, type ImportPreview } from '../../../../shared/accounts';
import { Dialog } from '../../components/dialog';
import { focusables } from '../../lib/focus';
import { useApi } from '../../lib/api-context';
import { formatCount, pluralize } from '../../lib/units';
import { useScope, useToasts } from '../../stores/app-context';
import { AccountsManager } from '../accounts/accounts-manager';
import { ImportCandidates, isImportable } from '../accounts/import-candidates';
import { useAppSettings } from '../settings/settings-context';
import './welcome.css';

/** The welcome card; renders nothing unless this is a first run on the Sandbox. */
export function Welcome() {
  const api = useApi();
  const [scope, scopeActions] = useScope();
  const [settings, settingsActions] = useAppSettings();
  const [, toasts] = useToasts();
  const [dialog, setDialog] = createSignal<'add' | 'import'>();
  let card: HTMLElement | undefined;

  const hasRealAccount = () => scope.accounts.some((a) => !a.builtin);
  const shown = createMemo(
    () =>
      settings.settings?.welcomeDismissed === false &&
      scope.accounts.length > 0 &&
      !hasRealAccount() &&
      scopeActions.account()?.id === SANDBOX_ACCOUNT_ID,
  );

  // Once a real account exists (added, imported, or from an earlier version) the welcome is done for good.
  createEffect(() => {
    if (settings.settings?.welcomeDismissed === false && hasRealAccount())
      void settingsActions.set({ welcomeDismissed: true });
  });

  // Scanned once, when the welcome first shows: reading the files imports nothing.
  const [preview] = createResource(shown, async (): Promise<ImportPreview | undefined> => {
    const res = await api.invoke('accounts.importPreview', {});
    return res.ok ? res.value : undefined;
  });
  const found = () => preview()?.candidates.length ?? 0;
  const importable = () => preview()?.candidates.filter(isImportable).length ?? 0;
  const plural = (n: number) => pluralize(n, 'profile');

  const dismiss = async () => {
    // Focus would fall to the page when the card goes: hand it to the pane below.
    const next = card?.parentElement && focusables(card.parentElement).find((el) => !card?.contains(el));
    const err = await settingsActions.set({ welcomeDismissed: true });
    if (err) return toasts.error('Could not hide the welcome', err);
    next?.focus();
  };

  return (
    <>
      <Show when={shown()}>
        <section class="welcome" aria-labelledby="welcome-title" ref={(el) => (card = el)}>
          <h2 id="welcome-title">Welcome to ECS Desktop</h2>
          <p>
            ECS Desktop manages Huawei Cloud Elastic Cloud Servers from your desktop: servers, disks, NICs,
            tags, key pairs and server groups across your accounts and regions, with every long operation
            followed in Activity.
          </p>
          <p>
            You are looking at the <strong>Sandbox</strong>: a simulated ECS region that runs on this
            computer. Create, resize and delete servers as you like: nothing here reaches a real cloud or
            costs anything.
          </p>
          <Show when={found() > 0}>
            <p data-testid="welcome-found">
              Found on this machine: {found()} {plural(found())}
              {importable() < found() ? ` (${importable()} can be imported)` : ''}. Nothing is imported until
              you choose.
            </p>
          </Show>
          <div class="welcome-actions">
            <button type="button" class="primary" onClick={() => setDialog('add')}>
              Add your Huawei Cloud account
            </button>
            <Show when={found() > 0}>
              <button type="button" onClick={() => setDialog('import')}>
                {importable() > 0
                  ? `Import ${importable()} ${plural(importable())} found…`
                  : `Review ${found()} ${plural(found())} found…`}
              </button>
            </Show>
            <button type="button" onClick={() => void dismiss()}>
              Just explore the Sandbox
            </button>
          </div>
        </section>
      </Show>
      <Show when={dialog() === 'add'}>
        <AccountsManager initial={{ kind: 'add' }} onClose={() => setDialog(undefined)} />
      </Show>
      <Show when={dialog() === 'import' && preview()}>
        {(p) => (
          <ImportCandidates
            preview={p()}
            intro={
              <p>
                Pick the profiles to add as accounts. Their secrets are never shown: on import they go
                straight from the file to the app's secret store (the OS keychain).
              </p>
            }
            cancelLabel="Cancel"
            closeLabel="Close"
            onClose={() => setDialog(undefined)}
            onImported={(names) => {
              toasts.show({
                level: 'success',
                message: `Imported ${formatCount(names.length, 'account')}: ${names.join(', ')}`,
              });
              void scopeActions.load();
            }}
            layout={(list, footer) => (
              <Dialog
                title="Import profiles found on this machine"
                size="wide"
                onClose={() => setDialog(undefined)}
                footer={footer}
              >
                {list}
              </Dialog>
            )}
          />
        )}
      </Show>
    </>
  );
}
