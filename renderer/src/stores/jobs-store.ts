/**
 * The jobs store: every tracked job (from `jobs.list`), kept live by `jobs.updated`.
 */
import { batch, createMemo, onCleanup } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import type { Api } from '../../../shared/ipc/contract';
import type { ErrorData } from '../../../shared/errors';
import type { JobRef, JobView } from '../../../shared/ipc/views';

/** State of the jobs store: newest first. */
export interface JobsState {
  jobs: JobView[];
  error: ErrorData | undefined;
}

/** Actions of the jobs store. */
export interface JobsActions {
  load(): Promise<void>;
  /** The job with this local id, if known. */
  get(id: string | undefined): JobView | undefined;
  /** How many jobs are pending or running. */
  runningCount(): number;
  /** Retries a failed idempotent job; resolves the new job reference or the error. */
  retry(id: string): Promise<{ ok: true; value: JobRef } | { ok: false; error: ErrorData }>;
  /** Removes a finished job from the list. */
  forget(id: string): Promise<void>;
}

/** True while a job has not finished. */
export function isJobRunning(j: Pick<JobView, 'state'>): boolean {
  return j.state === 'pending' || j.state === 'running';
}

/** Creates the jobs store; subscribes to `jobs.updated` for the owner's lifetime. */
export function createJobsStore(api: Api): [JobsState, JobsActions] {
  const [state, setState] = createStore<JobsState>({ jobs: [], error: undefined });

  const upsert = (job: JobView) => {
    const i = state.jobs.findIndex((j) => j.id === job.id);
    if (i >= 0) setState('jobs', i, reconcile(job));
    else
      setState(
        'jobs',
        produce((list) => list.unshift(job)),
      );
  };
  // eslint-disable-next-line solid/reactivity -- an event listener, not a computation
  onCleanup(api.on('jobs.updated', (job) => upsert(job)));

  const running = createMemo(() => state.jobs.filter(isJobRunning).length);

  return [
    state,
    {
      async load() {
        const res = await api.invoke('jobs.list', {});
        if (!res.ok) {
          setState('error', res.error);
          return;
        }
        const sorted = res.value.jobs.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        batch(() => {
          setState('jobs', reconcile(sorted, { key: 'id' }));
          setState('error', undefined);
        });
      },
      get(id) {
        return id === undefined ? undefined : state.jobs.find((j) => j.id === id);
      },
      runningCount: running,
      async retry(id) {
        return api.invoke('jobs.retry', { id });
      },
      async forget(id) {
        const before = state.jobs;
        setState('jobs', (list) => list.filter((j) => j.id !== id));
        const res = await api.invoke('jobs.forget', { id });
        if (!res.ok) {
          // Optimistic removal rolled back: the job is still tracked by main.
          setState('jobs', before);
          setState('error', res.error);
        }
      },
    },
  ];
}
