/**
 * The first-run import: the profiles found on this machine (environment, ~/.huaweicloud/credentials,
 * KooCLI, clouds.yaml) as a preview (name, kind, masked key, region, source, whether it can be
 * imported and why not), the user's pick, then the import. Nothing is imported before the user
 * presses Import; secrets go from main's importer straight to the vault and never reach this page.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { AccountKind, ImportCandidateView, ImportPreview } from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { useApi } from '../../lib/api-context';

const KIND: Record<AccountKind, string> = {
  aksk: 'Permanent AK/SK',
  temporary: 'Temporary AK/SK',
  password: 'IAM user + password',
};

const SOURCE: Record<ImportCandidateView['source'], string> = {
  env: 'Environment variables',
  'sdk-credentials': 'Huawei Cloud SDK credentials',
  koocli: 'KooCLI',
  openstack: 'OpenStack clouds.yaml',
};

/** True when importing the candidate can work (older previews carry no `importable`). */
export function isImportable(c: ImportCandidateView): boolean {
  return c.importable ?? c.hasSecret;
}

/** Props of {@link WelcomeImportDialog}. */
export interface WelcomeImportDialogProps {
  preview: ImportPreview;
  onClose(): void;
  /** Called after an import that added at least one account. */
  onImported(names: string[]): void;
}

/** The preview-and-import dialog of the welcome. */
export function WelcomeImportDialog(props: WelcomeImportDialogProps) {
  const api = useApi();
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(
    // eslint-disable-next-line solid/reactivity -- the initial pick only
    new Set(props.preview.candidates.filter(isImportable).map((c) => c.candidateId)),
  );
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorData>();
  const [done, setDone] = createSignal<{ added: string[]; failed: { name: string; error: ErrorData }[] }>();
  const nameOf = (id: string) =>
    props.preview.candidates.find((c) => c.candidateId === id)?.suggestedName ?? id;
  const count = createMemo(() => picked().size);

  const toggle = (id: string, on: boolean) =>
    setPicked((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  const doImport = async () => {
    setBusy(true);
    setError(undefined);
    const res = await api.invoke('accounts.import', { candidateIds: [...picked()] });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    const added = res.value.added.map((a) => a.name);
    setDone({
      added,
      failed: res.value.failed.map((f) => ({ name: nameOf(f.candidateId), error: f.error })),
    });
    if (added.length > 0) props.onImported(added);
  };

  const footer = (
    <Show
      when={!done()}
      fallback={
        <button
          type="button"
          class="primary"
          // The Import button that had the focus is gone: keep the keyboard in the dialog.
          ref={(el) => queueMicrotask(() => el.focus())}
          onClick={() => props.onClose()}
        >
          Close
        </button>
      }
    >
      <button type="button" onClick={() => props.onClose()}>
        Cancel
      </button>
      <button
        type="button"
        class="primary"
        disabled={count() === 0 || busy()}
        onClick={() => void doImport()}
      >
        {busy() ? 'Importing…' : `Import ${count()} selected`}
      </button>
    </Show>
  );

  return (
    <Dialog
      title="Import profiles found on this machine"
      size="wide"
      onClose={() => props.onClose()}
      footer={footer}
    >
      <Show
        when={done()}
        fallback={
          <>
            <p>
              Pick the profiles to add as accounts. Their secrets are never shown: on import they go straight
              from the file to the app's secret store (the OS keychain).
            </p>
            <table class="simple welcome-candidates" aria-label="Profiles found">
              <thead>
                <tr>
                  <th scope="col">Import</th>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Access key</th>
                  <th scope="col">Region</th>
                  <th scope="col">Found in</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.preview.candidates}>
                  {(c) => (
                    <tr data-candidate={c.candidateId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Import ${c.suggestedName}`}
                          checked={picked().has(c.candidateId)}
                          disabled={!isImportable(c) || busy()}
                          onChange={(e) => toggle(c.candidateId, e.currentTarget.checked)}
                        />
                      </td>
                      <th scope="row">{c.suggestedName}</th>
                      <td>{KIND[c.kind]}</td>
                      <td class="mono">
                        {c.accessKeyIdMasked ?? (c.userName ? `${c.userName}@${c.domainName ?? ''}` : '—')}
                      </td>
                      <td>{c.region ?? '—'}</td>
                      <td>
                        {SOURCE[c.source]}
                        <div class="muted mono">
                          {c.origin} [{c.profileName}]
                        </div>
                      </td>
                      <td>
                        <Show
                          when={isImportable(c)}
                          fallback={<span class="badge badge-bad">Cannot import</span>}
                        >
                          <span class="badge badge-ok">Ready</span>
                        </Show>
                        <Show when={c.warning}>{(w) => <div class="muted">{w()}</div>}</Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={props.preview.problems.length > 0}>
              <h3 class="welcome-subhead">Files that could not be read</h3>
              <ul>
                <For each={props.preview.problems}>
                  {(p) => (
                    <li>
                      <span class="mono">
                        {p.origin}
                        {p.line ? `:${p.line}` : ''}
                      </span>
                      : {p.message}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={error()}>{(e) => <ErrorPanel title="The import failed" error={e()} />}</Show>
          </>
        }
      >
        {(d) => (
          <div role="status">
            <Show when={d().added.length > 0} fallback={<p>No account was imported.</p>}>
              <p>
                Imported {d().added.length} account{d().added.length === 1 ? '' : 's'}: {d().added.join(', ')}
                . Pick one in the sidebar to see its servers.
              </p>
            </Show>
            <For each={d().failed}>
              {(f) => <ErrorPanel compact title={`Could not import ${f.name}`} error={f.error} />}
            </For>
          </div>
        )}
      </Show>
    </Dialog>
  );
}
