/**
 * Turns what the cloud answers (a §5.8.1 job body, or a server's A.3 status) into the tracker's
 * view: a job status, per-sub-job results and, for failures, an {@link ErrorData}.
 */
import type { ErrorData } from '../../shared/errors';
import { JobFailedError } from '../cloud/errors';
import type {
  EcsJobWire,
  EcsSubJobWire,
  ServerGoal,
  ServerSnapshot,
  SubJobResult,
  SubJobStatus,
  TrackedJobStatus,
} from './types';

/** What one observation says about a job. */
export interface Observation {
  status: TrackedJobStatus;
  subJobs: SubJobResult[];
  error?: ErrorData;
  remote?: { jobType?: string; beginTime?: string; endTime?: string };
  /** The job's duration measured by the cloud's own clock (end - begin), when it is done and both times parse. */
  remoteDurationMs?: number;
}

/** Nova actions whose completion is a server status (A.3 / A-4), by operation id. */
export const NOVA_GOALS: Readonly<Record<string, ServerGoal>> = {
  novaCreateServer: { status: 'ACTIVE' },
  novaStartServer: { status: 'ACTIVE' },
  novaStopServer: { status: 'SHUTOFF' },
  novaRebootServer: { status: 'ACTIVE' },
  novaRebuildServer: { status: 'ACTIVE' },
  novaResizeServer: { status: 'VERIFY_RESIZE' },
  novaConfirmResize: { status: 'ACTIVE' },
  novaRevertResize: { status: 'ACTIVE' },
  novaDeleteServer: { status: 'DELETED' },
};

/** The server status that ends a Nova action, or undefined for operations the table does not know. */
export function novaGoalFor(operation: string): ServerGoal | undefined {
  return NOVA_GOALS[operation];
}

function subStatus(s: string | undefined): SubJobStatus {
  return s === 'SUCCESS' || s === 'FAIL' || s === 'RUNNING' ? s : 'INIT';
}

function text(v: string | null | undefined): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function subJobOf(w: EcsSubJobWire): SubJobResult {
  const out: SubJobResult = { status: subStatus(w.status) };
  const jobId = text(w.job_id);
  const serverId = text(w.entities?.server_id);
  const nicId = text(w.entities?.nic_id);
  const errorCode = text(w.error_code);
  const failReason = text(w.fail_reason) ?? text(w.entities?.errorcode_message);
  if (jobId !== undefined) out.jobId = jobId;
  if (serverId !== undefined) out.serverId = serverId;
  if (nicId !== undefined) out.nicId = nicId;
  if (errorCode !== undefined) out.errorCode = errorCode;
  if (failReason !== undefined) out.failReason = failReason;
  return out;
}

function durationOf(begin: string | undefined, end: string | undefined): number | undefined {
  if (begin === undefined || end === undefined) return undefined;
  const d = Date.parse(end) - Date.parse(begin);
  return Number.isFinite(d) && d >= 0 ? d : undefined;
}

/** Reads a §5.8.1 job body; any FAIL (the job's or one sub-job's) fails the job with every failed sub-job listed. */
export function observeEcsJob(jobId: string, body: EcsJobWire): Observation {
  const wireSubs = body.entities?.sub_jobs ?? [];
  let subJobs = wireSubs.map(subJobOf);
  const jobServer = text(body.entities?.server_id);
  if (subJobs.length === 0 && jobServer !== undefined) {
    subJobs = [{ serverId: jobServer, status: subStatus(body.status) }];
  }
  const remote: Observation['remote'] = {};
  const jobType = text(body.job_type);
  const beginTime = text(body.begin_time);
  const endTime = text(body.end_time);
  if (jobType !== undefined) remote.jobType = jobType;
  if (beginTime !== undefined) remote.beginTime = beginTime;
  if (endTime !== undefined) remote.endTime = endTime;

  const failedSubs = subJobs.filter((s) => s.status === 'FAIL');
  const done = body.status === 'SUCCESS' || body.status === 'FAIL';
  let status: TrackedJobStatus;
  if (body.status === 'FAIL' || (done && failedSubs.length > 0)) status = 'failed';
  else if (body.status === 'SUCCESS') status = 'succeeded';
  else if (body.status === 'RUNNING') status = 'running';
  // INIT, or a status this code does not know: keep polling.
  else status = body.status === 'INIT' ? 'pending' : 'running';

  const out: Observation = { status, subJobs, remote };
  if (done) {
    const d = durationOf(beginTime, endTime);
    if (d !== undefined) out.remoteDurationMs = d;
  }
  if (status === 'failed') {
    const errorCode = text(body.error_code) ?? failedSubs[0]?.errorCode;
    const failReason = text(body.fail_reason) ?? failedSubs[0]?.failReason;
    out.error = new JobFailedError({
      jobId,
      ...(jobType !== undefined ? { jobType } : {}),
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(failReason !== undefined ? { failReason } : {}),
      subJobs: failedSubs.map((s) => ({
        ...(s.jobId !== undefined ? { jobId: s.jobId } : {}),
        ...(s.serverId !== undefined ? { serverId: s.serverId } : {}),
        ...(s.errorCode !== undefined ? { errorCode: s.errorCode } : {}),
        ...(s.failReason !== undefined ? { failReason: s.failReason } : {}),
      })),
    }).toData();
  }
  return out;
}

/** Whether one server has reached the goal of a Nova action, failed it, or is still working. */
export function observeServer(
  serverId: string,
  goal: ServerGoal,
  server: ServerSnapshot | null,
): SubJobResult {
  if (server === null || server.status === 'DELETED') {
    if (goal.status === 'DELETED') return { serverId, status: 'SUCCESS' };
    return { serverId, status: 'FAIL', errorCode: 'Ecs.0114', failReason: 'The server no longer exists.' };
  }
  const idle = server.task_state === null || server.task_state === undefined || server.task_state === '';
  if (server.status === goal.status && idle) return { serverId, status: 'SUCCESS' };
  if (server.status === 'ERROR' && goal.status !== 'ERROR') {
    const out: SubJobResult = { serverId, status: 'FAIL', errorCode: 'ERROR' };
    const reason = server.fault?.message;
    out.failReason = reason && reason.length > 0 ? reason : 'The server went into ERROR status.';
    if (server.fault?.code !== undefined) out.errorCode = String(server.fault.code);
    return out;
  }
  return { serverId, status: 'RUNNING' };
}

/** Combines per-server results of a Nova action into one observation. */
export function observeServers(operation: string, subJobs: SubJobResult[]): Observation {
  const pending = subJobs.some((s) => s.status === 'RUNNING' || s.status === 'INIT');
  const failed = subJobs.filter((s) => s.status === 'FAIL');
  if (pending) return { status: 'running', subJobs };
  if (failed.length === 0) return { status: 'succeeded', subJobs };
  const first = failed[0]!;
  const error: ErrorData = {
    name: 'JobFailedError',
    code: 'JOB_FAILED',
    message: `${operation} failed on ${failed.length} of ${subJobs.length} server(s): ${first.failReason ?? first.errorCode ?? 'no reason given'}`,
    retryable: false,
    operation,
    details: failed.map((s) => ({
      ...(s.serverId !== undefined ? { id: s.serverId } : {}),
      ...(s.errorCode !== undefined ? { code: s.errorCode } : {}),
      ...(s.failReason !== undefined ? { message: s.failReason } : {}),
    })),
  };
  if (first.errorCode !== undefined) error.apiCode = first.errorCode;
  return { status: 'failed', subJobs, error };
}
