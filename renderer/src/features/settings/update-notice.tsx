/**
 * The quiet "a newer version is available" banner: one line with a link to the release page
 * (opened in the OS browser through main's allow list) and a dismiss button that main remembers.
 */
import { Show } from 'solid-js';
import { useAppSettings } from './settings-context';

/** Shows the update notice while main reports an undismissed newer release. */
export function UpdateNotice() {
  const [state, actions] = useAppSettings();
  return (
    <Show when={state.update?.available}>
      {(u) => (
        <div class="update-notice" role="status" aria-label="Update available">
          <span>
            ECS Desktop {u().version} is available (you have {u().currentVersion}).
          </span>
          <a href={u().url} target="_blank" rel="noopener noreferrer">
            What's new in {u().version}
            <span class="visually-hidden"> (opens in your browser)</span>
          </a>
          <button
            type="button"
            class="icon-button"
            aria-label={`Dismiss the notice about version ${u().version}`}
            onClick={() => void actions.dismissUpdate(u().version)}
          >
            ×
          </button>
        </div>
      )}
    </Show>
  );
}
