/**
 * Asynchronous jobs (§5.8.1): a job with one sub-job per server (or NIC, or volume), moving
 * INIT -> RUNNING -> SUCCESS/FAIL. The work of each sub-job is a runner that schedules its own
 * timed steps and reports the outcome once.
 */
import type { SandboxRuntime } from './runtime';
import { DURATIONS } from './scheduler';
import { hexId, isoNowMs, type Job, type SubJob } from './state';

/** Handed to a sub-job runner. */
export interface SubJobControl {
  /** True when fault injection decided this sub-job fails: the runner must roll back and call fail(). */
  readonly injectFailure: boolean;
  /** Ends the sub-job with SUCCESS. */
  succeed(): void;
  /** Ends the sub-job with FAIL and an error code (A.2) and reason. */
  fail(code: string, reason: string): void;
}

/** One sub-job to run. */
export interface SubJobSpec {
  entities: SubJob['entities'];
  /** Starts the work (called when the sub-job becomes RUNNING). */
  run(ctl: SubJobControl): void;
}

/** Creates a job, schedules it, and returns its id (the `job_id` of the response). */
export function startJob(
  rt: SandboxRuntime,
  spec: {
    projectId: string;
    jobType: string;
    subJobType: string;
    /** Job-level entities (`server_id` for single-server jobs, `nic_id` for NIC jobs). */
    entities?: { server_id?: string; nic_id?: string };
    subJobs: SubJobSpec[];
  },
): string {
  const now = isoNowMs();
  const job: Job = {
    job_id: hexId(),
    job_type: spec.jobType,
    project_id: spec.projectId,
    status: 'INIT',
    begin_time: now,
    end_time: null,
    error_code: null,
    fail_reason: null,
    entities: { ...spec.entities, sub_jobs_total: spec.subJobs.length, sub_jobs: [] },
  };
  const subs: SubJob[] = spec.subJobs.map((s) => ({
    job_id: hexId(),
    job_type: spec.subJobType,
    status: 'INIT',
    begin_time: now,
    end_time: null,
    error_code: null,
    fail_reason: null,
    entities: { ...s.entities },
  }));
  job.entities.sub_jobs = subs;
  rt.state.jobs.set(job.job_id, job);
  let remaining = subs.length;
  const finishJob = (): void => {
    const failed = subs.find((s) => s.status === 'FAIL');
    job.status = failed ? 'FAIL' : 'SUCCESS';
    job.end_time = isoNowMs();
    if (failed) {
      job.error_code = failed.error_code;
      job.fail_reason = failed.fail_reason;
    }
    rt.state.changed();
  };
  rt.scheduler.after(DURATIONS.jobInit, () => {
    job.status = 'RUNNING';
    if (subs.length === 0) {
      finishJob();
      return;
    }
    spec.subJobs.forEach((s, i) => {
      const sub = subs[i]!;
      sub.status = 'RUNNING';
      sub.begin_time = isoNowMs();
      let done = false;
      const end = (status: 'SUCCESS' | 'FAIL', code: string | null, reason: string | null): void => {
        if (done) return;
        done = true;
        sub.status = status;
        sub.end_time = isoNowMs();
        sub.error_code = code;
        sub.fail_reason = reason;
        if (status === 'FAIL' && code !== null) sub.entities.errorcode_message = reason ?? code;
        remaining--;
        if (remaining === 0) finishJob();
      };
      const injectFailure = rt.faults.jobFailureRate > 0 && rt.random() < rt.faults.jobFailureRate;
      s.run({
        injectFailure,
        succeed: () => end('SUCCESS', null, null),
        fail: (code, reason) => end('FAIL', code, reason),
      });
    });
  });
  return job.job_id;
}

/** The §5.8.1 wire view of a job. */
export function jobView(job: Job): Record<string, unknown> {
  return {
    status: job.status,
    entities: job.entities,
    job_id: job.job_id,
    job_type: job.job_type,
    begin_time: job.begin_time,
    end_time: job.end_time ?? '',
    error_code: job.error_code,
    fail_reason: job.fail_reason,
  };
}
