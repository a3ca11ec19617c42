/**
 * ECS jobs (API Reference §5.8.1 "Querying Task Execution Status") and how the operations that
 * start one (§5.1-5.6) do it: a job on one ECS or one sub-job per ECS, runners of one timed step,
 * and the `{job_id}` answer.
 */
import { RawFault, type RequestContext } from '../context';
import { jobView, startJob, type SubJobControl } from '../jobs';
import type { Server, SubJob } from '../state';

/** A job's type and its sub-jobs' type (§5.8.1 `job_type`), e.g. `['attachVolume', 'attachSingleVolume']`. */
export type JobTypes = readonly [job: string, subJob: string];

/** One sub-job of a job on one ECS: what it works on besides the server, and its runner. */
export interface ServerSubJob {
  entities?: Omit<SubJob['entities'], 'server_id'>;
  run(ctl: SubJobControl): void;
}

/** Starts a job on one ECS (the job and each of its sub-jobs carry the `server_id`); returns its id. */
export function startServerJob(
  ctx: RequestContext,
  server: Server,
  [jobType, subJobType]: JobTypes,
  subJobs: readonly ServerSubJob[],
): string {
  return startJob(ctx.sandbox, {
    projectId: ctx.who.projectId,
    jobType,
    subJobType,
    entities: { server_id: server.id },
    subJobs: subJobs.map((s) => ({ entities: { server_id: server.id, ...s.entities }, run: s.run })),
  });
}

/** A sub-job runner of one timed step: `step` runs `ms` simulated milliseconds after the sub-job starts. */
export function afterDelay(
  ctx: RequestContext,
  ms: number,
  step: (ctl: SubJobControl) => void,
): (ctl: SubJobControl) => void {
  return (ctl) => ctx.sandbox.scheduler.after(ms, () => step(ctl));
}

/** Starts a job with one sub-job per ECS (batch create, delete, start, stop, reboot); returns its id. */
export function startBatchJob(
  ctx: RequestContext,
  servers: readonly Server[],
  [jobType, subJobType]: JobTypes,
  run: (server: Server, ctl: SubJobControl) => void,
): string {
  return startJob(ctx.sandbox, {
    projectId: ctx.who.projectId,
    jobType,
    subJobType,
    subJobs: servers.map((server) => ({
      entities: { server_id: server.id },
      run: (ctl) => run(server, ctl),
    })),
  });
}

/** The answer of an operation that started a job: `{job_id, ...extra}` (200). */
export function jobResponse(ctx: RequestContext, jobId: string, extra: Record<string, unknown> = {}): void {
  ctx.ok({ job_id: jobId, ...extra });
}

/** GET .../jobs/{job_id} (§5.8.1). */
export function showJob(ctx: RequestContext): void {
  const id = ctx.param('job_id');
  const job = ctx.state.jobs.get(id);
  if (!job || job.project_id !== ctx.who.projectId) {
    // A failed query answers top-level code/message (§5.8.1) and the ECS error object too, so every client finds the code.
    const message = `Failed to query system tasks: job ${id} does not exist.`;
    throw new RawFault(400, { code: 'Common.0011', message, error: { code: 'Common.0011', message } });
  }
  ctx.ok(jobView(job));
}
