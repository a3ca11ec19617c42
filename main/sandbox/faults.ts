/**
 * Errors a sandbox handler throws; the dispatcher turns them into HTTP answers.
 *
 * Any thrown object with a numeric `status` and a `toBody()` method is answered as JSON with that
 * status (so `nova/errors.ts`'s NovaError works unchanged); everything else becomes a 500.
 */
import { ERROR_CODES } from './error-codes';

/** Anything the dispatcher can answer directly: a status, a JSON body and optional headers. */
export interface HttpFault {
  readonly status: number;
  readonly headers?: Record<string, string>;
  toBody(): unknown;
}

/** Whether a thrown value can be answered as an {@link HttpFault}. */
export function isHttpFault(err: unknown): err is HttpFault {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { status?: unknown }).status === 'number' &&
    typeof (err as { toBody?: unknown }).toBody === 'function'
  );
}

/** An ECS-style error: `{"error":{"code":"Ecs.xxxx","message":"..."}}` (NOTES.md §4 format 1). */
export class EcsFault extends Error implements HttpFault {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly details: { code?: string; message?: string }[] | undefined;

  constructor(
    code: string,
    message?: string,
    opts: {
      status?: number;
      headers?: Record<string, string>;
      details?: { code?: string; message?: string }[];
    } = {},
  ) {
    const row = ERROR_CODES[code];
    super(message ?? row?.message ?? code);
    this.name = 'EcsFault';
    this.code = code;
    this.status = opts.status ?? row?.status ?? 400;
    this.headers = opts.headers ?? {};
    this.details = opts.details;
  }

  /** The wire body. */
  toBody(): { error: { code: string; message: string; details?: { code?: string; message?: string }[] } } {
    const error: { code: string; message: string; details?: { code?: string; message?: string }[] } = {
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** An API-gateway style error `{"error_code","error_msg","request_id"}`, as the real gateway sends for auth and routing failures. */
export class GatewayFault extends Error implements HttpFault {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'GatewayFault';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  /** The wire body; `error` is added too so clients that only read ECS-style bodies see the code. */
  toBody(): unknown {
    return {
      error_code: this.code,
      error_msg: this.message,
      error: { code: this.code, message: this.message },
    };
  }
}

/** Shorthand: throw `ecs('Ecs.0005', 'why')` inside a handler. */
export function ecs(code: string, message?: string, status?: number): EcsFault {
  return new EcsFault(code, message, status === undefined ? {} : { status });
}

/** `Ecs.0005` "invalid parameters" with a precise message (the usual validation failure). */
export function invalid(message: string): EcsFault {
  return new EcsFault('Ecs.0005', message);
}

// ---------------------------------------------------------------------------------------------
// Fault injection (`--faults`)

/** The request-level fault kinds, which an operation filter may narrow. */
export const REQUEST_FAULT_KINDS = ['error', 'reset', 'drop', 'latency'] as const;
/** A fault kind that applies to requests (as opposed to `jobfail`, which applies to sub-jobs). */
export type RequestFaultKind = (typeof REQUEST_FAULT_KINDS)[number];

/** Fault injection, all off (0) by default. Rates are probabilities in [0, 1]. */
export interface FaultSpec {
  /** Share of requests answered with a 500/502/503 before any work. */
  errorRate: number;
  /** Share of requests whose connection is destroyed without an answer, before any work. */
  resetRate: number;
  /**
   * Share of requests that are committed (the handler runs: state changes, jobs start) and whose
   * answer is then lost (the connection is destroyed): the case only idempotency can make safe.
   */
  dropRate: number;
  /** Milliseconds added before every answer. */
  latencyMs: number;
  /** Share of sub-jobs that end in FAIL (with rollback). */
  jobFailureRate: number;
  /** Route names (e.g. `createServers`, `batchServerAction`) the request-level kinds apply to; absent = every route. */
  ops?: readonly string[];
  /** Per-kind route names, winning over `ops` for that kind. */
  opsByKind?: Partial<Record<RequestFaultKind, readonly string[]>>;
}

const FAULT_NAMES: Record<string, keyof FaultSpec | 'ops'> = {
  error: 'errorRate',
  errors: 'errorRate',
  '5xx': 'errorRate',
  reset: 'resetRate',
  resets: 'resetRate',
  drop: 'dropRate',
  drops: 'dropRate',
  latency: 'latencyMs',
  jobfail: 'jobFailureRate',
  'job-fail': 'jobFailureRate',
  ops: 'ops',
};

const KIND_OF: Partial<Record<keyof FaultSpec, RequestFaultKind>> = {
  errorRate: 'error',
  resetRate: 'reset',
  dropRate: 'drop',
  latencyMs: 'latency',
};

const FAULT_SYNTAX =
  'expected error=R, reset=R, drop=R, latency=MS, jobfail=R or ops=NAME|NAME; a kind may add @NAME|NAME (e.g. drop=0.05@createServers|attachServerVolume)';

function opList(part: string, text: string): string[] {
  const names = text.split('|').map((s) => s.trim());
  if (names.length === 0 || names.some((n) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(n)))
    throw new Error(
      `bad faults spec "${part}": operation names are route names joined by | (letters, digits, _)`,
    );
  return names;
}

/**
 * Parses a faults spec (`error=0.1,reset=0.05,drop=0.05,latency=20,jobfail=0.2,ops=createServers`,
 * or per kind `drop=0.05@createServers|attachServerVolume`); throws an Error naming the bad part.
 * Operation names are checked against the routes later ({@link checkFaultOps}).
 */
export function parseFaults(spec: Partial<FaultSpec> | string | undefined): FaultSpec {
  const out: FaultSpec = { errorRate: 0, resetRate: 0, dropRate: 0, latencyMs: 0, jobFailureRate: 0 };
  if (spec === undefined) return out;
  if (typeof spec !== 'string') {
    Object.assign(out, spec);
  } else if (spec.trim() !== '') {
    const byKind: Partial<Record<RequestFaultKind, readonly string[]>> = {};
    for (const part of spec.split(',')) {
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const key = FAULT_NAMES[name];
      const raw = eq < 0 ? undefined : part.slice(eq + 1);
      if (!key || raw === undefined || raw.trim() === '')
        throw new Error(`bad faults spec "${part}": ${FAULT_SYNTAX}`);
      if (key === 'ops') {
        if (out.ops) throw new Error(`bad faults spec "${part}": ops= is given twice`);
        out.ops = opList(part, raw);
        continue;
      }
      const at = raw.indexOf('@');
      const value = at < 0 ? raw : raw.slice(0, at);
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n))
        throw new Error(`bad faults spec "${part}": ${name} needs a number, got "${value}"`);
      out[key] = n;
      if (at >= 0) {
        const kind = KIND_OF[key];
        // Sub-job failures are decided inside a job, long after the request that started it.
        if (!kind)
          throw new Error(`bad faults spec "${part}": jobfail applies to every job and takes no @operations`);
        byKind[kind] = opList(part, raw.slice(at + 1));
      }
    }
    if (Object.keys(byKind).length > 0) out.opsByKind = byKind;
  }
  for (const k of ['errorRate', 'resetRate', 'dropRate', 'jobFailureRate'] as const)
    if (!(out[k] >= 0 && out[k] <= 1)) throw new Error(`faults ${k} must be within [0, 1], got ${out[k]}`);
  if (!(out.latencyMs >= 0)) throw new Error(`faults latencyMs must be >= 0, got ${out.latencyMs}`);
  return out;
}

/** Throws when a filter names a route that does not exist (a typo would silently disable the fault). */
export function checkFaultOps(spec: FaultSpec, routeNames: ReadonlySet<string>): void {
  const lists = [spec.ops, ...Object.values(spec.opsByKind ?? {})];
  for (const list of lists)
    for (const name of list ?? [])
      if (!routeNames.has(name))
        throw new Error(
          `faults: unknown operation "${name}"; use route names such as createServers, batchServerAction, attachServerVolume, batchAddServerNics, novaCreateVolume`,
        );
}

/** Whether fault `kind` applies to a request of route `name` (unnamed routes count only when nothing is filtered). */
export function faultApplies(spec: FaultSpec, kind: RequestFaultKind, name: string | undefined): boolean {
  const list = spec.opsByKind?.[kind] ?? spec.ops;
  return list === undefined || (name !== undefined && list.includes(name));
}
