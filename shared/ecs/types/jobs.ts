/**
 * The asynchronous job model of the ECS API (§5.8.1, §10.3).
 */

/** Job and sub-job status (§5.8.1). */
export type JobStatus = 'SUCCESS' | 'RUNNING' | 'FAIL' | 'INIT';

/** One sub-job (Table 5-65). */
export interface SubJob {
  status: JobStatus | string;
  entities: { server_id?: string; nic_id?: string; errorcode_message?: string };
  job_id: string;
  job_type: string;
  begin_time: string;
  end_time: string;
  error_code: string | null;
  fail_reason: string | null;
}

/** Result of GET /v1/{project_id}/jobs/{job_id} (Table 5-63). */
export interface Job {
  status: JobStatus | string;
  entities: {
    server_id?: string;
    nic_id?: string;
    sub_jobs_total?: number;
    sub_jobs?: SubJob[];
  };
  job_id: string;
  job_type: string;
  begin_time: string;
  end_time: string;
  error_code: string | null;
  fail_reason: string | null;
  /** Only when the query itself failed. */
  message?: string;
  /** Only when the query itself failed. */
  code?: string;
}
