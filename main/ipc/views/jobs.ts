/**
 * The job tracker's TrackedJob -> the Activity view's JobView.
 */
import type { JobState, JobView, SubJobView } from '../../../shared/ipc/views';
import type { SubJobResult, SubJobStatus, TrackedJob } from '../../jobs/types';

/** What each operation does, for job titles: [verb, noun]. */
const TITLES: Record<string, [string, string]> = {
  createServers: ['Create', 'server'],
  deleteServers: ['Delete', 'server'],
  batchStartServers: ['Start', 'server'],
  batchStopServers: ['Stop', 'server'],
  batchRebootServers: ['Reboot', 'server'],
  resizeServer: ['Resize', 'server'],
  migrateServer: ['Migrate', 'server'],
  reinstallServerOs: ['Reinstall the OS of', 'server'],
  changeServerOs: ['Change the OS of', 'server'],
  attachServerVolume: ['Attach a disk to', 'server'],
  detachServerVolume: ['Detach a disk from', 'server'],
  batchAddServerNics: ['Add NICs to', 'server'],
  batchDeleteServerNics: ['Delete NICs of', 'server'],
  novaStartServer: ['Start', 'server'],
  novaStopServer: ['Stop', 'server'],
  novaRebootServer: ['Reboot', 'server'],
  novaRebuildServer: ['Rebuild', 'server'],
  novaResizeServer: ['Resize', 'server'],
  novaConfirmResize: ['Confirm the resize of', 'server'],
  novaRevertResize: ['Revert the resize of', 'server'],
  novaDeleteServer: ['Delete', 'server'],
};

/** A human title such as "Stop 3 servers" or "Reboot web-1". */
export function jobTitle(job: Pick<TrackedJob, 'operation' | 'targets'>): string {
  const [verb, noun] = TITLES[job.operation] ?? [job.operation, 'resource'];
  const n = job.targets.length;
  if (n === 1) return `${verb} ${job.targets[0]!.name ?? `${noun} ${job.targets[0]!.id}`}`;
  if (n === 0) return `${verb} ${noun}s`;
  return `${verb} ${n} ${noun}s`;
}

const SUB_STATES: Record<SubJobStatus, JobState> = {
  INIT: 'pending',
  RUNNING: 'running',
  SUCCESS: 'succeeded',
  FAIL: 'failed',
};

function subJobView(s: SubJobResult): SubJobView {
  const view: SubJobView = { status: SUB_STATES[s.status] ?? 'pending' };
  const target = s.serverId ?? s.nicId;
  if (target !== undefined) view.targetId = target;
  if (s.status === 'FAIL') {
    view.error = {
      name: 'JobFailedError',
      code: 'JOB_FAILED',
      message: s.failReason ?? s.errorCode ?? 'The sub-job failed.',
      retryable: false,
    };
    if (s.errorCode !== undefined) view.error.apiCode = s.errorCode;
  }
  return view;
}

/** The state shown for a job: a failed batch where some sub-jobs succeeded is `partial`. */
export function jobState(job: Pick<TrackedJob, 'status' | 'subJobs'>): JobState {
  switch (job.status) {
    case 'pending':
      return 'pending';
    case 'running':
      return 'running';
    case 'succeeded':
      return 'succeeded';
    default:
      return job.subJobs.some((s) => s.status === 'SUCCESS') && job.subJobs.some((s) => s.status === 'FAIL')
        ? 'partial'
        : 'failed';
  }
}

/** A tracked job as the Activity view shows it (the kept retry input is not sent). */
export function jobView(job: TrackedJob): JobView {
  const view: JobView = {
    id: job.id,
    accountId: job.accountId,
    region: job.region,
    operation: job.operation,
    title: jobTitle(job),
    targets: job.targets.map((t) => (t.name !== undefined ? { id: t.id, name: t.name } : { id: t.id })),
    state: jobState(job),
    createdAt: new Date(job.createdAt).toISOString(),
    subJobs: job.subJobs.map(subJobView),
    retryable: job.retryable && (job.status === 'failed' || job.status === 'unknown'),
  };
  if (job.startedAt !== undefined) view.startedAt = new Date(job.startedAt).toISOString();
  if (job.finishedAt !== undefined) view.finishedAt = new Date(job.finishedAt).toISOString();
  if (job.error !== undefined) view.error = structuredClone(job.error);
  if (job.wait.kind === 'ecsJob') view.cloudJobId = job.wait.jobId;
  return view;
}
