/**
 * Runs a callback when tracked jobs finish, using the live jobs store (never polling the cloud).
 */
import { createEffect, createSignal } from 'solid-js';
import { isJobRunning } from './jobs-store';
import { useJobs } from './app-context';

/** Returns `watch(jobId)`: once that job is no longer pending or running, `onDone` runs. */
export function useJobWatcher(onDone: () => void): (jobId: string | undefined) => void {
  const [, jobs] = useJobs();
  const [pending, setPending] = createSignal<string[]>([]);
  createEffect(() => {
    const ids = pending();
    if (!ids.length) return;
    const finished = ids.filter((id) => {
      const j = jobs.get(id);
      return j !== undefined && !isJobRunning(j);
    });
    if (finished.length) {
      setPending((p) => p.filter((id) => !finished.includes(id)));
      onDone();
    }
  });
  return (jobId) => {
    if (jobId) setPending((p) => [...p, jobId]);
    else onDone();
  };
}
