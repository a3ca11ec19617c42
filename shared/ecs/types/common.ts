/**
 * Wire structures shared by several ECS resources. Names are kept exactly as on the wire.
 */

/** The parsed result of an operation the document answers with "Response None". */
export type NoContent = undefined;

/** A path or query shape that takes no parameters. */
export type NoParams = Record<string, never>;

/** A hypermedia link (`links[]`, `servers_links[]`, ...); `type` appears on flavor links only. */
export interface Link {
  rel: string;
  href: string;
  type?: string | null;
}

/** Responses (Task), §10.3.1: the normal answer of every asynchronous ECS API. */
export interface JobIdResponse {
  job_id: string;
}

/** One item of `servers: [{ id }]` in batch bodies (batch start/stop/reboot, delete). */
export interface ServerIdRef {
  id: string;
}

/** Free-form string metadata (`metadata`, `meta`, `extra_specs`). */
export type StringMap = Record<string, string>;

/** `page_info` of ECS v1 marker lists (§5.10.5). */
export interface PageInfo {
  next_marker?: string | null;
  previous_marker?: string | null;
  current_count?: number;
}

/** Responses (Batch Operation), §10.4.1: the normal answer. */
export interface BatchOperationResponse {
  response: ServerIdRef[];
}

/** Responses (Batch Operation), §10.4.1: one per-server failure of `internalError[]`. */
export interface BatchInternalError {
  id: string;
  error_code: string;
  error_message: string;
}

/** The ECS task-style error body (§10.3.1). */
export interface TaskErrorBody {
  error: {
    code: string;
    message: string;
    details?: Array<{ code?: string; message?: string }>;
  };
  internalError?: BatchInternalError[];
}
