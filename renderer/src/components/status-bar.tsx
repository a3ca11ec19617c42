/**
 * The status bar: account, region, connectivity of the selected scope, running jobs.
 */
import { Show } from 'solid-js';
import { useJobs, useScope, useServers, useUi } from '../stores/app-context';
import { formatCount } from '../lib/units';

/** The status bar at the bottom of the frame. */
export function StatusBar() {
  const [scope, scopeActions] = useScope();
  const [, jobs] = useJobs();
  const [, ui] = useUi();
  const [servers] = useServers();
  // Main's connectivity events win; until one arrives, the last server list tells.
  const conn = () => {
    const c = scopeActions.connectivity();
    if (c) return c;
    const sc = scope.scope;
    if (!sc || !servers.fetchedAt) return undefined;
    return {
      ...sc,
      online: !servers.fromCache,
      checkedAt: servers.fetchedAt,
      ...(servers.offlineError ? { error: servers.offlineError } : {}),
    };
  };
  return (
    <footer class="status-bar" aria-label="Status">
      <span data-testid="status-account">{scopeActions.account()?.name ?? 'No account'}</span>
      <span data-testid="status-region">{scope.scope?.region ?? ''}</span>
      <span data-testid="status-connectivity" role="status">
        <Show when={conn()} fallback={<span class="dot dot-unknown">Connectivity unknown</span>}>
          {(c) => (
            <span
              class={c().online ? 'dot dot-ok' : 'dot dot-bad'}
              title={c().error ? `${c().error!.message}` : undefined}
            >
              {c().online ? 'Online' : `Offline${c().error ? `: ${c().error!.message}` : ''}`}
            </span>
          )}
        </Show>
      </span>
      <button
        type="button"
        class="link"
        data-testid="status-jobs"
        onClick={() => ui.showPane('activity')}
        aria-label={`${jobs.runningCount()} running jobs: open Activity`}
      >
        {formatCount(jobs.runningCount(), 'running job')}
      </button>
    </footer>
  );
}
