/**
 * Handlers of `jobs.*`: the tracked jobs, retry and stop tracking.
 */
import { ValidationError } from '../../cloud/errors';
import type { HandlerTable } from '../types';
import { jobView } from '../views/jobs';

type Channels = 'jobs.list' | 'jobs.retry' | 'jobs.forget';

/** The handlers of this namespace. */
export const jobHandlers: HandlerTable<Channels> = {
  'jobs.list': (arg, ctx) => {
    const jobs = ctx.services.tracker
      .list()
      .filter((j) => arg.accountId === undefined || j.accountId === arg.accountId);
    return { jobs: jobs.map(jobView) };
  },
  'jobs.retry': async (arg, ctx) => {
    const job = await ctx.services.tracker.retry(arg.id);
    return job.wait.kind === 'ecsJob' ? { jobId: job.id, cloudJobId: job.wait.jobId } : { jobId: job.id };
  },
  'jobs.forget': async (arg, ctx) => {
    if (!(await ctx.services.tracker.forget(arg.id)))
      throw new ValidationError(`There is no tracked job ${arg.id}.`);
    return { forgotten: true };
  },
};
