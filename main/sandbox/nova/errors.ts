/**
 * Nova-style error bodies for the simulator's §6/§11 operations.
 *
 * The API reference never shows a Nova error body (NOTES.md §4.6), so the shape is upstream Nova's
 * (`{"itemNotFound":{"message":...,"code":404}}`), which is what OpenStack clients and the official
 * SDK parse. Where the reference names an ECS code for the same failure (Ecs.0605 locked, Ecs.0114
 * not found, ...) the code is put into the message so a reader of the body still sees it.
 */

/** Nova's fault names, keyed by HTTP status. */
export type NovaFaultName =
  | 'badRequest'
  | 'forbidden'
  | 'itemNotFound'
  | 'badMethod'
  | 'conflictingRequest'
  | 'overLimit'
  | 'computeFault'
  | 'notImplemented';

const FAULTS: Record<number, NovaFaultName> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  429: 'overLimit',
  500: 'computeFault',
  501: 'notImplemented',
};

/** A failure a Nova handler throws; the adapter turns it into a Nova error body. */
export class NovaError extends Error {
  readonly status: number;
  readonly fault: NovaFaultName;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    opts: { fault?: NovaFaultName; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'NovaError';
    this.status = status;
    this.fault = opts.fault ?? FAULTS[status] ?? (status >= 500 ? 'computeFault' : 'badRequest');
    this.headers = opts.headers ?? {};
  }

  /** The JSON body Nova sends for this error. */
  toBody(): Record<string, { message: string; code: number }> {
    return { [this.fault]: { message: this.message, code: this.status } };
  }
}

/** 400 badRequest. */
export function badRequest(message: string): NovaError {
  return new NovaError(400, message);
}

/** 404 itemNotFound. */
export function notFound(message: string): NovaError {
  return new NovaError(404, message);
}

/**
 * The record `map` holds under `id`, or a 404 itemNotFound saying `message`; `visible` hides
 * records the caller may not see (another project's or user's, deleted ones) behind the same 404.
 */
export function foundOr404<T>(
  map: ReadonlyMap<string, T>,
  id: string,
  message: string,
  visible: (record: T) => boolean = () => true,
): T {
  const record = map.get(id);
  if (record === undefined || !visible(record)) throw notFound(message);
  return record;
}

/** 409 conflictingRequest. */
export function conflict(message: string): NovaError {
  return new NovaError(409, message);
}

/** 403 forbidden. */
export function forbidden(message: string): NovaError {
  return new NovaError(403, message);
}

/** 403 for an exceeded quota (upstream Nova maps `QuotaError` to `HTTPForbidden`). */
export function overQuota(message: string): NovaError {
  return new NovaError(403, `Quota exceeded: ${message}`);
}

/** 404 for a server that does not exist (Ecs.0114 in the ECS API's words). */
export function serverNotFound(id: string): NovaError {
  return notFound(`Instance ${id} could not be found.`);
}

/** 409 for an action refused in the server's current state (Nova's `InstanceInvalidState`). */
export function invalidState(
  id: string,
  action: string,
  vmState: string,
  taskState: string | null,
): NovaError {
  const attr = taskState === null ? `vm_state ${vmState}` : `task_state ${taskState}`;
  return conflict(`Cannot '${action}' instance ${id} while it is in ${attr}`);
}

/** 409 for a management action on a locked server (Ecs.0605 "ECS locked."). */
export function lockedError(id: string): NovaError {
  return conflict(`Instance ${id} is locked (Ecs.0605: ECS locked.)`);
}
