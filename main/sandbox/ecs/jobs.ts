/**
 * ECS jobs (API Reference §5.8.1 "Querying Task Execution Status") and the `{job_id}` answer of
 * every operation that starts one (§5.1-5.6).
 */
import { RawFault, type RequestContext } from '../context';
import { jobView } from '../jobs';

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
