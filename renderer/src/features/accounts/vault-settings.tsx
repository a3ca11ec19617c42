/**
 * Where secrets are kept: the OS keychain's state found at start, and the switch between the
 * keychain and session-only mode (each switch says what happens to the secrets already stored).
 */
import { Show } from 'solid-js';
import type { KeychainStatus, VaultMode } from '../../../../shared/accounts';
import { useRunOp } from '../../lib/run-op';
import { useApi } from '../../lib/api-context';
import { useUi } from '../../stores/app-context';

/** The "Secret storage" section of the accounts list; `onChanged` reloads after a switch. */
export function VaultSettings(props: {
  mode: VaultMode;
  keychain: KeychainStatus | undefined;
  onChanged(): Promise<void>;
}) {
  const api = useApi();
  const run = useRunOp();
  const [, ui] = useUi();
  let section: HTMLElement | undefined;
  const syncVaultRadios = () => {
    for (const el of section?.querySelectorAll<HTMLInputElement>('input[name="vault-mode"]') ?? [])
      el.checked = el.value === props.mode;
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
      await run(
        mode === 'session-only'
          ? 'Session-only mode: secrets are kept in memory until you quit'
          : 'Secrets are kept in the OS keychain',
        () => api.invoke('accounts.setVaultMode', { mode }),
      );
      // Reload either way: a failed switch may still have changed what the keychain probe says.
      await props.onChanged();
    }
    syncVaultRadios();
  };
  return (
    <section aria-label="Secret storage" class="vault" ref={(el) => (section = el)}>
      <h3>Secret storage</h3>
      <Show when={props.keychain}>
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
            checked={props.mode === 'keychain'}
            onChange={() => void switchVault('keychain')}
          />{' '}
          OS keychain (remembered across restarts)
        </label>
        <label>
          <input
            type="radio"
            name="vault-mode"
            value="session-only"
            checked={props.mode === 'session-only'}
            onChange={() => void switchVault('session-only')}
          />{' '}
          Session only (kept in memory, forgotten when the app quits)
        </label>
      </fieldset>
    </section>
  );
}
