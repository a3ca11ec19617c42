/**
 * Live progress of one tracked job: its state and one line per sub-job (per server), with errors.
 */
import { For, Show } from 'solid-js';
import type { SubJobView } from '../../../shared/ipc/views';
import { useJobs, useServers } from '../stores/app-context';
import { ErrorPanel } from './error-panel';
import { StatusBadge } from './status-badge';

const STATE_LABEL: Record<SubJobView['status'], string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  partial: 'Partly done',
};

/** Shows job `jobId` as it progresses (from the jobs store, kept live by 'jobs.updated'). */
export function JobProgress(props: { jobId: string }) {
  const [, jobs] = useJobs();
  const [, servers] = useServers();
  const job = () => jobs.get(props.jobId);
  return (
    <section class="job-progress" aria-label="Job progress">
      <Show when={job()} fallback={<p class="muted">Waiting for the job to start…</p>}>
        {(j) => (
          <>
            <p>
              <strong>{j().title}</strong>: <span data-testid="job-state">{STATE_LABEL[j().state]}</span>
            </p>
            <ul class="progress-list" aria-label="Progress per server">
              <For each={j().subJobs}>
                {(sj) => {
                  const server = () => (sj.targetId ? servers.get(sj.targetId) : undefined);
                  return (
                    <li>
                      <span>{server()?.name ?? sj.targetId ?? 'server'}</span>
                      <span class="muted">{STATE_LABEL[sj.status]}</span>
                      <Show when={server()}>
                        {(s) => <StatusBadge status={s().status} taskState={s().taskState} />}
                      </Show>
                      <Show when={sj.error}>{(e) => <ErrorPanel compact title="Failed" error={e()} />}</Show>
                    </li>
                  );
                }}
              </For>
            </ul>
            <Show when={j().error}>{(e) => <ErrorPanel title="The job failed" error={e()} />}</Show>
          </>
        )}
      </Show>
    </section>
  );
}
