/**
 * The export screen of the accounts dialog: the accounts as JSON without secrets, with one footer
 * (back, copy, save) laid out like the import screen's.
 */
import { createSignal, onMount, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import { FormActions } from '../../components/form-actions';
import { CopyButton } from '../../components/copy-button';
import { ErrorPanel } from '../../components/error-panel';
import { ReadonlyText, saveTextFile } from '../../components/readonly-text';
import { useApi } from '../../lib/api-context';

/** Export: the accounts as JSON without secrets, to copy or save. */
export function ExportAccounts(props: { onBack(): void }) {
  const api = useApi();
  const [json, setJson] = createSignal<string>();
  const [error, setError] = createSignal<ErrorData>();
  const load = async () => {
    const res = await api.invoke('accounts.export', {});
    if (res.ok) setJson(res.value.json);
    else setError(res.error);
  };
  onMount(() => void load());
  const save = () => saveTextFile('ecs-desktop-accounts.json', 'application/json', json() ?? '');

  return (
    <div>
      <p>The export holds the account settings only: no secret key, security token or password.</p>
      <Show when={error()}>
        {(e) => <ErrorPanel title="Could not export the accounts" error={e()} onRetry={() => void load()} />}
      </Show>
      <Show when={json()}>
        {(j) => (
          <>
            <ReadonlyText id="acc-export" label="Exported accounts (JSON)" rows={12} value={j()} />
          </>
        )}
      </Show>
      {/* One footer, like the import screen's: leave first, then what to do with the export. */}
      <FormActions>
        <button type="button" onClick={() => props.onBack()}>
          Back to accounts
        </button>
        <Show when={json()}>
          {(j) => (
            <>
              <CopyButton value={j()} label="exported accounts JSON" />
              <button type="button" onClick={save}>
                Save as file…
              </button>
            </>
          )}
        </Show>
      </FormActions>
    </div>
  );
}
