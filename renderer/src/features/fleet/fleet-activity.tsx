/**
 * Fleet batches in the Activity pane: one entry per batch (title, state, when) with its per-scope
 * results (account and region, state, the reason a scope failed) and per-server results.
 */
import { For, Show } from 'solid-js';
import type { FleetBatchView } from '../../../../shared/fleet';
import { formatTime } from '../../lib/format';
import { JobError } from '../activity/activity-pane';
import { jobTone } from '../activity/job-format';
import { useFleetIfAny } from './fleet-context';

/** Ids of the tracked jobs that belong to fleet batches (Activity shows them inside their batch). */
export function useFleetJobIds(): () => ReadonlySet<string> {
  const fleet = useFleetIfAny();
  return () =>
    new Set((fleet?.batches() ?? []).flatMap((b) => b.scopes.flatMap((s) => (s.jobId ? [s.jobId] : []))));
}

const count = (b: FleetBatchView, state: string) =>
  b.scopes.reduce((n, s) => n + s.servers.filter((x) => x.state === state).length, 0);

/** The fleet batches, newest first; nothing when there are none. */
export function FleetActivity() {
  const fleet = useFleetIfAny();
  return (
    <Show when={fleet?.batches().length}>
      <section class="fleet-activity" aria-label="Fleet operations">
        <h3>Fleet operations</h3>
        <ul class="fleet-batches">
          <For each={fleet!.batches()}>
            {(b) => (
              <li class="fleet-batch" data-batch-id={b.id}>
                <div>
                  <strong>{b.title}</strong> <span class={`badge ${jobTone(b.state)}`}>{b.state}</span>{' '}
                  <span class="muted">
                    {formatTime(b.createdAt)} · {count(b, 'succeeded')} succeeded, {count(b, 'failed')} failed
                  </span>
                </div>
                <table class="simple" aria-label={`Scopes of: ${b.title}`}>
                  <thead>
                    <tr>
                      <th scope="col">Account and region</th>
                      <th scope="col">Status</th>
                      <th scope="col">Servers</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={b.scopes}>
                      {(s) => (
                        <tr data-scope={`${s.accountId}/${s.region}`}>
                          <th scope="row">
                            {s.accountName} · {s.region}
                          </th>
                          <td>
                            <span class={`badge ${jobTone(s.state)}`}>{s.state}</span>
                            <Show when={s.error}>{(e) => <JobError error={e()} />}</Show>
                          </td>
                          <td>
                            <details>
                              <summary>
                                {s.servers.length} server{s.servers.length === 1 ? '' : 's'}
                              </summary>
                              <ul>
                                <For each={s.servers}>
                                  {(x) => (
                                    <li>
                                      {x.name ?? x.id}: {x.state}
                                      <Show when={x.state === 'failed' && x.error && !s.error}>
                                        {' '}
                                        ({x.error!.message})
                                      </Show>
                                    </li>
                                  )}
                                </For>
                              </ul>
                            </details>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
