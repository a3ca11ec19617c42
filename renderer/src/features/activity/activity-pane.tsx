/**
 * The activity pane: every tracked job as a row (what, account and region, targets, status,
 * duration, sub-jobs, and for failures the error code, message and what to do), live from the
 * jobs store; retry for retryable failed jobs; filter by account.
 */
import { createMemo, createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { JobView } from '../../../../shared/ipc/views';
import { ErrorPanel } from '../../components/error-panel';
import { formatTime } from '../../lib/format';
import { isJobRunning } from '../../stores/jobs-store';
import { formatCount } from '../../lib/units';
import { useJobs, useScope, useServers, useToasts } from '../../stores/app-context';
import { FleetActivity, useFleetJobIds } from '../fleet/fleet-activity';
import { jobDuration, jobTone, subJobSummary } from './job-format';

/** The error of a failed job or sub-job, compact: code, API code, message, hint. */
export function JobError(props: { error: ErrorData; target?: string }) {
  return (
    <div class="job-error">
      <Show when={props.target}>
        <strong>{props.target}: </strong>
      </Show>
      <span class="mono">
        {props.error.code}
        {props.error.apiCode ? ` ${props.error.apiCode}` : ''}
      </span>{' '}
      {props.error.message}
      <Show when={props.error.hint}>
        <div>
          <strong>What to do:</strong> {props.error.hint}
        </div>
      </Show>
    </div>
  );
}

/** Sub-jobs listed per operation: failed ones first; the rest are counted (a batch can have 10,000). */
const SUBJOB_CAP = 50;

function listedSubJobs(j: JobView): JobView['subJobs'] {
  if (j.subJobs.length <= SUBJOB_CAP) return j.subJobs;
  const failed = j.subJobs.filter((s) => s.error);
  return failed.concat(j.subJobs.filter((s) => !s.error)).slice(0, SUBJOB_CAP);
}

/** The activity pane. */
export function ActivityPane() {
  const [jobs, jobsActions] = useJobs();
  const [scope] = useScope();
  const [, toasts] = useToasts();
  const [, servers] = useServers();
  const hid = createUniqueId();
  const [account, setAccount] = createSignal('');
  const [retrying, setRetrying] = createSignal<ReadonlySet<string>>(new Set());
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => {
    if (jobsActions.runningCount()) setNow(Date.now());
  }, 1000);
  onCleanup(() => clearInterval(timer));

  const accountName = (id: string) => scope.accounts.find((a) => a.id === id)?.name ?? id;
  // Jobs of a fleet batch are shown inside the batch's one entry.
  const fleetJobs = useFleetJobIds();
  const rows = createMemo(() =>
    jobs.jobs.filter((j) => (!account() || j.accountId === account()) && !fleetJobs().has(j.id)),
  );
  // Jobs carry target ids; name the servers of the current scope that the store knows.
  const nameOf = (t: { id: string; name?: string }) => t.name ?? servers.get(t.id)?.name ?? t.id;
  const titleOf = (j: JobView) =>
    j.targets.reduce((title, t) => {
      const name = nameOf(t);
      return name === t.id ? title : title.split(t.id).join(name);
    }, j.title);
  const targetsOf = (j: JobView) => {
    const names = j.targets.map(nameOf);
    return names.length > 5
      ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
      : names.join(', ');
  };
  // A batch over 10,000 servers has 10,000 targets: look them up by id, not by a scan each.
  const targetMaps = new WeakMap<JobView['targets'], Map<string, JobView['targets'][number]>>();
  const targetName = (j: JobView, id: string | undefined) => {
    if (!id) return undefined;
    let m = targetMaps.get(j.targets);
    if (!m) targetMaps.set(j.targets, (m = new Map(j.targets.map((t) => [t.id, t]))));
    return nameOf(m.get(id) ?? { id });
  };

  const retry = async (j: JobView) => {
    setRetrying((s) => new Set([...s, j.id]));
    const res = await jobsActions.retry(j.id);
    setRetrying((s) => new Set([...s].filter((id) => id !== j.id)));
    if (res.ok) toasts.show({ level: 'success', message: `Retrying: ${titleOf(j)}` });
    else toasts.error(`Retry of ${titleOf(j)} failed`, res.error);
  };

  return (
    <section class="pane activity-pane" aria-labelledby={`${hid}-h`}>
      <header class="pane-header">
        <h2 id={`${hid}-h`}>Activity</h2>
        <span class="muted" role="status" aria-live="polite">
          {rows().length} operations, {jobsActions.runningCount()} running
        </span>
        <div class="spacer" />
        <label for={`${hid}-acc`}>Account</label>
        <select id={`${hid}-acc`} value={account()} onChange={(e) => setAccount(e.currentTarget.value)}>
          <option value="">All accounts</option>
          <For each={scope.accounts}>{(a) => <option value={a.id}>{a.name}</option>}</For>
        </select>
        <button type="button" onClick={() => void jobsActions.load()}>
          Refresh
        </button>
      </header>
      <Show when={jobs.error}>
        {(e) => (
          <ErrorPanel
            title="Could not load the activity"
            error={e()}
            onRetry={() => void jobsActions.load()}
          />
        )}
      </Show>
      <FleetActivity />
      <Show when={rows().length} fallback={<p class="muted">No operations yet.</p>}>
        <table class="simple" aria-label="Operations">
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Account and region</th>
              <th scope="col">Targets</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Details</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(j) => (
                <tr data-job-id={j.id}>
                  <th scope="row">
                    {titleOf(j)}
                    <div class="muted mono">{j.operation}</div>
                  </th>
                  <td>
                    {accountName(j.accountId)} · {j.region}
                  </td>
                  <td>{targetsOf(j) || '—'}</td>
                  <td>
                    <span class={`badge ${jobTone(j.state)}`}>{j.state}</span>
                  </td>
                  <td>{formatTime(j.startedAt ?? j.createdAt)}</td>
                  <td>{jobDuration(j, now())}</td>
                  <td>
                    <Show when={j.error}>{(e) => <JobError error={e()} />}</Show>
                    <Show when={j.subJobs.length}>
                      <details>
                        <summary>{subJobSummary(j)}</summary>
                        <ul>
                          <For each={listedSubJobs(j)}>
                            {(s) => (
                              <li>
                                <Show
                                  when={s.error}
                                  fallback={
                                    <>
                                      {targetName(j, s.targetId) ?? 'sub-job'}: {s.status}
                                    </>
                                  }
                                >
                                  {(e) => (
                                    <JobError error={e()} target={targetName(j, s.targetId) ?? 'sub-job'} />
                                  )}
                                </Show>
                              </li>
                            )}
                          </For>
                        </ul>
                        <Show when={j.subJobs.length > SUBJOB_CAP}>
                          <p class="muted">
                            {formatCount(j.subJobs.length - SUBJOB_CAP, 'more sub-job')} not listed (failed
                            ones come first).
                          </p>
                        </Show>
                      </details>
                    </Show>
                  </td>
                  <td>
                    <Show when={(j.state === 'failed' || j.state === 'partial') && j.retryable}>
                      <button
                        type="button"
                        aria-label={`Retry ${titleOf(j)}`}
                        disabled={retrying().has(j.id)}
                        onClick={() => void retry(j)}
                      >
                        Retry
                      </button>
                    </Show>{' '}
                    <Show when={!isJobRunning(j)}>
                      <button
                        type="button"
                        aria-label={`Remove ${titleOf(j)} from the list`}
                        onClick={() => void jobsActions.forget(j.id)}
                      >
                        Remove
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
