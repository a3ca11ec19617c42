/**
 * The import screen of the accounts dialog: scan this machine (environment, SDK credential files,
 * KooCLI, clouds.yaml), then the shared {@link ImportCandidates} pick and import; "Scan again"
 * starts over with a fresh preview and pick.
 */
import { createSignal, onMount, Show } from 'solid-js';
import type { ImportPreview } from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import { ErrorPanel } from '../../components/error-panel';
import { FormActions } from '../../components/form-actions';
import { useApi } from '../../lib/api-context';
import { ImportCandidates } from './import-candidates';

/** Import: scan env, SDK files, KooCLI and clouds.yaml; pick candidates; import them. */
export function ImportAccounts(props: { onBack(): void; onImported(): void }) {
  const api = useApi();
  const [preview, setPreview] = createSignal<ImportPreview>();
  const [error, setError] = createSignal<ErrorData>();
  const scan = async () => {
    setError(undefined);
    const res = await api.invoke('accounts.importPreview', {});
    if (!res.ok) return setError(res.error);
    setPreview(res.value);
  };
  onMount(() => void scan());
  const scanAgain = (
    <button type="button" onClick={() => void scan()}>
      Scan again
    </button>
  );
  return (
    <div>
      <Show when={error()}>
        {(e) => <ErrorPanel title="Could not scan for accounts" error={e()} onRetry={() => void scan()} />}
      </Show>
      <Show
        when={preview()}
        keyed
        fallback={
          <FormActions>
            <button type="button" onClick={() => props.onBack()}>
              Back to accounts
            </button>
          </FormActions>
        }
      >
        {(p) => (
          <ImportCandidates
            preview={p}
            intro={
              <p>
                Accounts found in the environment, SDK credential files, KooCLI and clouds.yaml. Secrets are
                read by the app, never shown.
              </p>
            }
            cancelLabel="Back to accounts"
            closeLabel="Back to accounts"
            onClose={() => props.onBack()}
            onImported={() => props.onImported()}
            extraButtons={scanAgain}
            layout={(list, footer) => (
              <>
                {list}
                <FormActions>{footer}</FormActions>
              </>
            )}
          />
        )}
      </Show>
    </div>
  );
}
