/**
 * "About & settings": what the app is and which version runs, the update check (its off switch,
 * its last result, "Check now"), and bringing the welcome back. Opened from the sidebar and the
 * command palette.
 */
import { createSignal, onMount, Show } from 'solid-js';
import type { AppInfo } from '../../../../shared/ipc/contract';
import type { ErrorData } from '../../../../shared/errors';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { useApi } from '../../lib/api-context';
import { formatTime } from '../../lib/format';
import { useAppSettings } from './settings-context';
import './settings.css';

/** The dialog; rendered while the settings store's `dialogOpen` is set. */
export function SettingsDialog() {
  const api = useApi();
  const [state, actions] = useAppSettings();
  const [info, setInfo] = createSignal<AppInfo>();
  const [error, setError] = createSignal<ErrorData>();
  const [saved, setSaved] = createSignal('');
  onMount(() => {
    void api.invoke('app.info', {}).then((res) => res.ok && setInfo(res.value));
    void actions.load();
  });

  const change = async (patch: Parameters<typeof actions.set>[0], done: string) => {
    setSaved('');
    const err = await actions.set(patch);
    setError(err);
    if (!err) setSaved(done);
  };

  const update = () => state.update;
  return (
    <Dialog title="About & settings" onClose={() => actions.closeDialog()}>
      <section aria-labelledby="about-h" class="settings-section">
        <h3 id="about-h">ECS Desktop</h3>
        <p>
          A desktop console for Huawei Cloud Elastic Cloud Servers, with a built-in Sandbox: a simulated ECS
          region on this computer.
        </p>
        <Show when={info()}>
          {(i) => (
            <p class="muted" data-testid="about-version">
              Version {i().version}
              {i().versions.electron ? ` · Electron ${i().versions.electron}` : ''}
              {i().versions.chrome ? ` · Chromium ${i().versions.chrome}` : ''}
              {i().versions.node ? ` · Node ${i().versions.node}` : ''}
            </p>
          )}
        </Show>
      </section>

      <Show when={state.settings?.problem}>
        {(p) => (
          <p class="settings-problem" role="alert">
            {p()}
          </p>
        )}
      </Show>
      <Show when={error()}>
        {(e) => <ErrorPanel compact title="The setting was not saved" error={e()} />}
      </Show>

      <section aria-labelledby="updates-h" class="settings-section">
        <h3 id="updates-h">Updates</h3>
        <label class="settings-switch">
          <input
            type="checkbox"
            role="switch"
            checked={state.settings?.updateCheck ?? true}
            disabled={!state.settings}
            onChange={(e) =>
              void change(
                { updateCheck: e.currentTarget.checked },
                e.currentTarget.checked ? 'Update check turned on.' : 'Update check turned off.',
              )
            }
          />
          Check for a newer version once a day
        </label>
        <p class="muted">
          Asks GitHub's releases page, at most once a day, and only shows a notice: nothing is downloaded or
          installed.
        </p>
        <p role="status" data-testid="update-status">
          <Show when={update()?.unavailableReason}>{(r) => <span>{r()}</span>}</Show>
          <Show when={!update()?.unavailableReason && update()?.checking}>Checking…</Show>
          <Show when={!update()?.unavailableReason && !update()?.checking && update()?.available}>
            {(a) => (
              <span>
                Version {a().version} is available.{' '}
                <a href={a().url} target="_blank" rel="noopener noreferrer">
                  Release notes<span class="visually-hidden"> (opens in your browser)</span>
                </a>
              </span>
            )}
          </Show>
          <Show when={!update()?.unavailableReason && !update()?.checking && !update()?.available}>
            <Show when={update()?.enabled} fallback="The update check is off.">
              <Show
                when={update()?.lastError}
                fallback={update()?.lastCheckAt ? 'You have the latest version.' : ''}
              >
                {(e) => <span>The last check failed: {e()}</span>}
              </Show>
            </Show>
          </Show>
          <Show when={update()?.lastCheckAt}>
            {(t) => <span class="muted"> Last checked {formatTime(t())}.</span>}
          </Show>
        </p>
        <button
          type="button"
          disabled={!update()?.enabled || update()?.checking === true}
          onClick={() => void actions.checkForUpdates()}
        >
          Check now
        </button>
      </section>

      <section aria-labelledby="welcome-h" class="settings-section">
        <h3 id="welcome-h">Welcome</h3>
        <p class="muted">The welcome shows while only the Sandbox is set up.</p>
        <button
          type="button"
          disabled={!state.settings || !state.settings.welcomeDismissed}
          onClick={() => void change({ welcomeDismissed: false }, 'The welcome shows again on the Sandbox.')}
        >
          Show the welcome again
        </button>
      </section>
      <p class="visually-hidden" role="status" aria-live="polite">
        {saved()}
      </p>
    </Dialog>
  );
}

/** Renders {@link SettingsDialog} while it is open (mounted once in the frame). */
export function SettingsHost() {
  const [state] = useAppSettings();
  return (
    <Show when={state.dialogOpen}>
      <SettingsDialog />
    </Show>
  );
}
