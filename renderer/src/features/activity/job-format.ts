/**
 * Plain formatting of jobs for the activity pane: duration, sub-job summary, state labels.
 */
import type { JobView } from '../../../../shared/ipc/views';
import { formatCount } from '../../lib/units';

/** Human duration between two instants, e.g. "4 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** How long a job ran (or has been running, against `now`). */
export function jobDuration(j: Pick<JobView, 'createdAt' | 'startedAt' | 'finishedAt'>, now: number): string {
  const start = Date.parse(j.startedAt ?? j.createdAt);
  const end = j.finishedAt ? Date.parse(j.finishedAt) : now;
  return formatDuration(end - start);
}

/** "3 sub-jobs: 2 succeeded, 1 failed" (empty when there are none). */
export function subJobSummary(j: Pick<JobView, 'subJobs'>): string {
  if (!j.subJobs.length) return '';
  const counts = new Map<string, number>();
  for (const s of j.subJobs) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const parts = [...counts].map(([state, n]) => `${n} ${state}`);
  return `${formatCount(j.subJobs.length, 'sub-job')}: ${parts.join(', ')}`;
}

/** Badge tone of a job state (the badge also carries the text). */
export function jobTone(state: JobView['state']): string {
  switch (state) {
    case 'succeeded':
      return 'badge-ok';
    case 'failed':
      return 'badge-bad';
    case 'partial':
      return 'badge-wait';
    default:
      return 'badge-busy';
  }
}
