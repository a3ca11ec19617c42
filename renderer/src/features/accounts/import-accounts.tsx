/** The import screen of the accounts dialog: scan, pick, import. */
import { createSignal, For, onMount, Show } from 'solid-js';
import type { ImportPreview } from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import { ErrorPanel } from '../../components/error-panel';
import { useApi } from '../../lib/api-context';

/** Import: scan env, SDK files, KooCLI and clouds.yaml; pick candidates; import them. */
export function ImportAccounts(props: { onBack(): void; onImported(): void }) {
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
