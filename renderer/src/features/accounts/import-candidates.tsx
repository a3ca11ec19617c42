/**
 * The one import of detected profiles, shared by the first-run welcome (a dialog) and the
 * accounts dialog's Import screen: the preview (name, kind, masked key, region, source, whether
 * it can be imported and why not), the files that could not be read, the user's pick (the
 * importable candidates, pre-selected), the import, and its outcome. Nothing is imported before
 * the user presses Import; secrets go from main's importer straight to the vault and never reach
 * this page.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ImportCandidateView, ImportPreview } from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import { ErrorPanel } from '../../components/error-panel';
import { SimpleTable, type TableColumn } from '../../components/simple-table';
import { toggled } from '../../lib/sets';
import { useApi } from '../../lib/api-context';
import { formatCount } from '../../lib/units';
import { credentialLabel, KIND_LABEL } from './account-labels';

const SOURCE: Record<ImportCandidateView['source'], string> = {
  env: 'Environment variables',
  'sdk-credentials': 'Huawei Cloud SDK credentials',
  koocli: 'KooCLI',
  openstack: 'OpenStack clouds.yaml',
};

/**
 * True when importing the candidate can work: main's importer decides (`importable`); older
 * previews carry no flag, and then a candidate with a secret can be imported.
 */
export function isImportable(c: ImportCandidateView): boolean {
  return c.importable ?? c.hasSecret;
}

/** Props of {@link ImportCandidates}. */
export interface ImportCandidatesProps {
  preview: ImportPreview;
  /** What the user is picking and why it is safe, above the list. */
  intro: JSX.Element;
  /** The button that leaves while picking ("Cancel", "Back to accounts"). */
  cancelLabel: string;
  /** The button that leaves after the import; it takes the focus of the gone Import button. */
  closeLabel: string;
  onClose(): void;
  /** Called after an import that added at least one account, with their names. */
  onImported(names: string[]): void;
  /** More buttons of the footer, between leaving and importing (e.g. "Scan again"). */
  extraButtons?: JSX.Element;
  /** Places the list and the footer: a dialog puts the footer in its footer slot, a screen below. */
  layout(list: JSX.Element, footer: JSX.Element): JSX.Element;
}

/** The preview-pick-import of detected profiles. */
export function ImportCandidates(props: ImportCandidatesProps) {
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
  const count = () => picked().size;

  const toggle = (id: string, on: boolean) => setPicked((s) => toggled(s, id, on));

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
        <>
          {props.extraButtons}
          <button
            type="button"
            class="primary"
            // The Import button that had the focus is gone: keep the keyboard here.
            ref={(el) => queueMicrotask(() => el.focus())}
            onClick={() => props.onClose()}
          >
            {props.closeLabel}
          </button>
        </>
      }
    >
      <button type="button" onClick={() => props.onClose()}>
        {props.cancelLabel}
      </button>
      {props.extraButtons}
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

  const list = (
    <Show
      when={done()}
      fallback={
        <CandidateList
          preview={props.preview}
          intro={props.intro}
          picked={picked()}
          busy={busy()}
          toggle={toggle}
        />
      }
    >
      {(d) => (
        <div role="status">
          <Show when={d().added.length > 0} fallback={<p>No account was imported.</p>}>
            <p>
              {`Imported ${formatCount(d().added.length, 'account')}: ${d().added.join(', ')}. `}
              Pick one in the sidebar to see its servers.
            </p>
          </Show>
          <For each={d().failed}>
            {(f) => <ErrorPanel compact title={`Could not import ${f.name}`} error={f.error} />}
          </For>
        </div>
      )}
    </Show>
  );

  return (
    <>
      {props.layout(
        <>
          {list}
          <Show when={error()}>{(e) => <ErrorPanel title="The import failed" error={e()} />}</Show>
        </>,
        footer,
      )}
    </>
  );
}

/** The intro, the candidates with their checkboxes, and the files that could not be read. */
function CandidateList(props: {
  preview: ImportPreview;
  intro: JSX.Element;
  picked: ReadonlySet<string>;
  busy: boolean;
  toggle(id: string, on: boolean): void;
}) {
  const columns: TableColumn<ImportCandidateView>[] = [
    {
      label: 'Import',
      cell: (c) => (
        <input
          type="checkbox"
          // The origin tells apart profiles of the same name found in different files.
          aria-label={`Import ${c.suggestedName} from ${c.origin}`}
          checked={props.picked.has(c.candidateId)}
          disabled={!isImportable(c) || props.busy}
          onChange={(e) => props.toggle(c.candidateId, e.currentTarget.checked)}
        />
      ),
    },
    { label: 'Name', rowHeader: true, cell: (c) => c.suggestedName },
    { label: 'Kind', cell: (c) => KIND_LABEL[c.kind] },
    { label: 'Access key', class: 'mono', cell: (c) => credentialLabel(c) },
    { label: 'Region', cell: (c) => c.region ?? '—' },
    {
      label: 'Found in',
      cell: (c) => (
        <>
          {SOURCE[c.source]}
          <div class="muted mono">
            {c.origin} [{c.profileName}]
          </div>
        </>
      ),
    },
    {
      label: 'Status',
      cell: (c) => (
        <>
          <Show when={isImportable(c)} fallback={<span class="badge badge-bad">Cannot import</span>}>
            <span class="badge badge-ok">Ready</span>
          </Show>
          <Show when={c.warning}>{(w) => <div class="muted">{w()}</div>}</Show>
        </>
      ),
    },
  ];
  return (
    <>
      {props.intro}
      <SimpleTable
        label="Profiles found"
        class="import-candidates"
        rows={props.preview.candidates}
        columns={columns}
        rowAttrs={(c) => ({ 'data-candidate': c.candidateId })}
        empty={<p class="muted">No profiles found on this machine.</p>}
      />
      <Show when={props.preview.problems.length > 0}>
        <h3 class="import-subhead">Files that could not be read</h3>
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
    </>
  );
}
