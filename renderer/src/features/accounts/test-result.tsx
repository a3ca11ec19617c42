/** The outcome of a connection test as the accounts screens show it. */
import { Match, Show, Switch } from 'solid-js';
import type { ConnectionDiagnosis } from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import { ErrorPanel } from '../../components/error-panel';

/** True for a diagnosis (a test that ran), false for an error (a test that could not run). */
export function isDiagnosis(v: unknown): v is ConnectionDiagnosis {
  return typeof v === 'object' && v !== null && 'verdict' in v;
}

/** The outcome of a connection test: verdict, message and what to do. */
export function TestResult(props: { value: ConnectionDiagnosis | ErrorData | 'running' | undefined }) {
  return (
    <Show when={props.value}>
      {(v) => (
        <div role="status" class="test-result">
          <Switch>
            <Match when={v() === 'running'}>Testing…</Match>
            <Match when={isDiagnosis(v()) && (v() as ConnectionDiagnosis)}>
              {(d) => (
                <>
                  <span
                    class="badge"
                    classList={{ 'badge-ok': d().verdict === 'ok', 'badge-bad': d().verdict !== 'ok' }}
                  >
                    {d().verdict === 'ok' ? 'Connected' : d().verdict}
                  </span>{' '}
                  {d().message}
                  <Show when={d().hint}>{(h) => <div class="muted">What to do: {h()}</div>}</Show>
                </>
              )}
            </Match>
            <Match when={!isDiagnosis(v()) && v() !== 'running' && (v() as ErrorData)}>
              {(e) => <ErrorPanel compact title="The test could not run" error={e()} />}
            </Match>
          </Switch>
        </div>
      )}
    </Show>
  );
}
