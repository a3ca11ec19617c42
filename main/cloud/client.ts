/**
 * CloudClient: the one pipeline every operation goes through.
 *
 * build (buildRequest, body serialized once) -> per attempt: limiter slot -> authorize (signs those
 * exact bytes; each attempt gets a fresh X-Sdk-Date) -> send -> parse JSON -> map errors
 * (errorFromResponse with the operation id). Retries wrap authorize+send; a 401 refreshes the
 * credentials once and repeats the call once.
 */
import { randomUUID } from 'node:crypto';
import type { EcsOperations, OperationId } from '../../shared/ecs/operations';
import type { AuthProvider } from './auth/types';
import { AppError } from '../app-error';
import { ConfigError, ProtocolError, errorFromResponse } from './errors';
import type { HttpResponse, HttpTransport } from './http';
import type { Limiter } from './limiter';
import { operations } from './ops/index';
import type { OperationDef, Service } from './ops/types';
import { paginateItems, paginatePages, type PageInput, type PaginateOptions } from './paginate';
import { buildRequest, type PreparedRequest, type RequestContext, type RequestInput } from './request';
import { reconcileRules } from './reconcile/index';
import { runReconciled, type ReconcileCounts } from './reconcile/run';
import { RetryPolicy, abortableSleep, isThrottle, type RetryOptions } from './retry';
import {
  waitFor,
  waitForJob,
  type CheckResult,
  type JobResult,
  type WaitForJobOptions,
  type WaitOptions,
} from './waiter';

/** Base URLs of the services a client talks to (resolveEndpoints' answer, or custom endpoints). */
export type ServiceEndpoints = { ecs: string } & Partial<Record<Service, string>>;

/** Options of {@link CloudClient}. */
export interface CloudClientOptions {
  region: string;
  endpoints: ServiceEndpoints;
  auth: AuthProvider;
  transport: HttpTransport;
  /** Flow control shared per account+region (limiterFor); none when absent. */
  limiter?: Limiter;
  /** A policy, or options for a new one (default: RetryPolicy defaults). */
  retry?: RetryPolicy | RetryOptions;
  /** The project id, or a function that finds it (ProjectResolver.resolve bound to the region). */
  projectId?: string | ((signal?: AbortSignal) => Promise<string>);
  /** Nova microversion for /v2.1/ rows that do not fix their own. */
  microversion?: string;
  /**
   * Real ms per nominal ms of the reconciliation settle windows, which follow the job duration
   * priors (default 1; a sped-up Sandbox passes `priorTimeScale(speed)`).
   */
  reconcileTimeScale?: number;
  /**
   * Reconcile non-idempotent calls after a failure that may have reached the server (default
   * true; see reconcile/). False: such failures are reported as they are, and nothing is added to
   * the requests (no disk marker, no read before a NIC add).
   */
  reconcile?: boolean;
}

/** Work counters of a client, for benchmarks and tests. */
export interface ClientStats extends ReconcileCounts {
  /** Calls made (every page of a listing counts). */
  calls: number;
  /** HTTP requests sent (retries and the 401 repeat included). */
  sends: number;
  /** Waits before a retry of the same request. */
  retries: number;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Extra request headers (they win over the built ones). */
  headers?: Record<string, string>;
  /** `X-Client-Token` to use for a `clientToken` operation (default: a new UUID per logical call). */
  clientToken?: string;
}

type Op<K extends OperationId> = EcsOperations[K];

/** The input of one call of operation `K`: path parameters (without project_id), query and body. */
export interface CallInput<K extends OperationId> {
  path?: Op<K>['path'];
  query?: Op<K>['query'];
  body?: Op<K>['body'];
  headers?: Record<string, string>;
}

type Elem<V> = NonNullable<V> extends ReadonlyArray<infer I> ? I : never;

/**
 * The element type of a list operation's items: the row's `pagination.itemsKey` field of the
 * result, or (rows without pagination) the union of the result's array fields' elements.
 */
export type ListItem<K extends OperationId> = (typeof operations)[K] extends {
  readonly pagination: { readonly itemsKey: infer F };
}
  ? F extends keyof Op<K>['result']
    ? Elem<Op<K>['result'][F]>
    : unknown
  : Exclude<{ [F in keyof Op<K>['result']]-?: Elem<Op<K>['result'][F]> }[keyof Op<K>['result']], undefined>;

/** A response with its status and headers, for callers that need them (X-Subject-Token, Location). */
export interface RawResult<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  /** X-Request-Id (or the OpenStack request id), for support tickets. */
  requestId?: string;
  /** Attempts made, retries and the 401 repeat included. */
  attempts: number;
  /** True when the answer was not received but found in the state (reconcile/); `body` is what was found. */
  reconciled?: boolean;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-openstack-request-id', 'x-compute-request-id'];

function requestIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  for (const h of REQUEST_ID_HEADERS) {
    const v = headers[h];
    if (v !== undefined) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

function hasHeader(headers: Record<string, string> | undefined, lower: string): boolean {
  if (!headers) return false;
  for (const k in headers) if (k.toLowerCase() === lower) return true;
  return false;
}

/** Parses a successful response body: 204/empty -> undefined; bad JSON -> ProtocolError. */
export function parseBody(res: HttpResponse, operation: string): unknown {
  if (res.status === 204 || res.body.length === 0) return undefined;
  const ct = res.headers['content-type'];
  const type = (Array.isArray(ct) ? ct[0] : ct) ?? '';
  // §6.15.4: PUT tag answers "201 Created" as HTML by default; there is nothing to parse.
  if (type.startsWith('text/html')) return undefined;
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch (cause) {
    throw new ProtocolError(`${operation}: the response is not valid JSON (HTTP ${res.status}).`, {
      status: res.status,
      operation,
      cause,
    });
  }
}

/** The cloud client of one account in one region. */
export class CloudClient {
  readonly region: string;
  private readonly endpoints: ServiceEndpoints;
  private readonly auth: AuthProvider;
  private readonly transport: HttpTransport;
  private readonly limiter: Limiter | undefined;
  private readonly retry: RetryPolicy;
  private readonly microversion: string | undefined;
  private projectIdValue: string | undefined;
  private readonly projectIdSource: ((signal?: AbortSignal) => Promise<string>) | undefined;
  private readonly reconcileTimeScale: number;
  private readonly reconcile: boolean;
  private readonly counters: ClientStats = {
    calls: 0,
    sends: 0,
    retries: 0,
    reconciliations: 0,
    found: 0,
    resent: 0,
  };

  constructor(opts: CloudClientOptions) {
    this.region = opts.region;
    this.endpoints = opts.endpoints;
    this.auth = opts.auth;
    this.transport = opts.transport;
    this.limiter = opts.limiter;
    this.retry = opts.retry instanceof RetryPolicy ? opts.retry : new RetryPolicy(opts.retry);
    this.microversion = opts.microversion;
    this.reconcileTimeScale = opts.reconcileTimeScale ?? 1;
    this.reconcile = opts.reconcile ?? true;
    if (typeof opts.projectId === 'string') this.projectIdValue = opts.projectId;
    else this.projectIdSource = opts.projectId;
  }

  /** Calls operation `id` and resolves with its parsed body (undefined for 204/empty). */
  async call<K extends OperationId>(
    id: K,
    input?: CallInput<K>,
    opts?: CallOptions,
  ): Promise<Op<K>['result']> {
    return (await this.callRaw(id, input, opts)).body;
  }

  /** Like {@link call}, with the status, headers, request id and attempt count. */
  async callRaw<K extends OperationId>(
    id: K,
    input?: CallInput<K>,
    opts: CallOptions = {},
  ): Promise<RawResult<Op<K>['result']>> {
    const def = operations[id] as OperationDef | undefined;
    if (def === undefined) throw new ConfigError(`Unknown operation "${String(id)}".`);
    return this.execute(def, (input ?? {}) as RequestInput, opts) as Promise<RawResult<Op<K>['result']>>;
  }

  /** Yields every item of a list operation, fetching pages as the consumer goes (every pagination style). */
  paginate<K extends OperationId, T = ListItem<K>>(
    id: K,
    input?: CallInput<K>,
    opts: CallOptions & PaginateOptions = {},
  ): AsyncGenerator<T, void, undefined> {
    const def = operations[id] as OperationDef;
    return paginateItems<T>(def, (input ?? {}) as PageInput, this.pageFetcher(def, opts), opts);
  }

  /** Yields every page (the items array) of a list operation. */
  pages<K extends OperationId>(
    id: K,
    input?: CallInput<K>,
    opts: CallOptions & PaginateOptions = {},
  ): AsyncGenerator<unknown[], void, undefined> {
    const def = operations[id] as OperationDef;
    return paginatePages(def, (input ?? {}) as PageInput, this.pageFetcher(def, opts), opts);
  }

  /** Polls an ECS job (showJob) until SUCCESS; JobFailedError on FAIL, WaiterTimeoutError after maxWaitMs. */
  waitForJob(jobId: string, opts: WaitForJobOptions = {}): Promise<JobResult> {
    return waitForJob(
      (job, signal) => this.call('showJob', { path: { job_id: job } }, signal ? { signal } : undefined),
      jobId,
      opts,
    );
  }

  /** The generic waiter (gophercloud WaitFor), e.g. for a Nova action tracked by server status. */
  waitFor<T>(
    check: (poll: number, signal?: AbortSignal) => Promise<CheckResult<T>>,
    opts: WaitOptions = {},
  ): Promise<T> {
    return waitFor(check, opts);
  }

  /** Work counters since this client was built. */
  stats(): ClientStats {
    return { ...this.counters };
  }

  /** The project id (resolving it once when a resolver was given). */
  async projectId(signal?: AbortSignal): Promise<string | undefined> {
    if (this.projectIdValue === undefined && this.projectIdSource !== undefined) {
      this.projectIdValue = await this.projectIdSource(signal);
    }
    return this.projectIdValue;
  }

  private pageFetcher(def: OperationDef, opts: CallOptions): (input: PageInput) => Promise<unknown> {
    return async (input) => (await this.execute(def, input as RequestInput, opts)).body;
  }

  private async execute(
    def: OperationDef,
    input: RequestInput,
    opts: CallOptions,
  ): Promise<RawResult<unknown>> {
    this.counters.calls++;
    const rule = this.reconcile ? reconcileRules[def.id as OperationId] : undefined;
    if (rule === undefined) return this.send(def, input, opts, def.idempotent);
    // A non-idempotent call: a failure that may have reached the server is looked up in the state.
    const signal = opts.signal;
    let attempts = 0;
    try {
      const out = await runReconciled(def.id, rule, input, randomUUID(), {
        read: (id, i) => this.call(id, i, signal ? { signal } : undefined),
        send: async (i) => {
          const r = await this.send(def, i, opts, false);
          attempts += r.attempts;
          return r;
        },
        timeScale: this.reconcileTimeScale,
        counts: this.counters,
        now: () => Date.now(),
        sleep: abortableSleep,
        backoff: (err, n) => this.retry.delayFor(err, n),
        ...(signal ? { signal } : {}),
      });
      if ('sent' in out) return out.sent as RawResult<unknown>;
      return { status: 200, headers: {}, body: out.found, attempts, reconciled: true };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('INTERNAL', `${def.id}: ${String(err)}`, { cause: err });
    }
  }

  /** The pipeline of one logical request: build once, then attempts with the retry policy. */
  private async send(
    def: OperationDef,
    input: RequestInput,
    opts: CallOptions,
    idempotent: boolean,
  ): Promise<RawResult<unknown>> {
    const baseUrl = this.endpoints[def.service];
    if (baseUrl === undefined)
      throw new ConfigError(`No ${def.service.toUpperCase()} endpoint is configured for ${this.region}.`);
    // Awaited only while the project id is still unknown: an await per call is not free.
    const projectId =
      this.projectIdValue === undefined && def.path.includes('{project_id}')
        ? await this.projectId(opts.signal)
        : this.projectIdValue;

    let headers = input.headers;
    if (opts.headers) headers = { ...headers, ...opts.headers };
    // One X-Client-Token per logical call, reused by every attempt: the server de-duplicates.
    let clientToken = false;
    if (def.clientToken) {
      clientToken = true;
      if (!hasHeader(headers, 'x-client-token'))
        headers = { ...headers, 'X-Client-Token': opts.clientToken ?? randomUUID() };
    }
    const built: RequestInput = headers === input.headers ? input : { ...input, headers };
    // Built without `delete`: deleting keys turns the object into a slow dictionary on the hot path.
    const ctx: RequestContext =
      this.microversion === undefined ? { baseUrl } : { baseUrl, microversion: this.microversion };
    if (projectId !== undefined) ctx.projectId = projectId;
    // Built and serialized once; every attempt signs and sends these same bytes.
    const prepared = buildRequest(def, built, ctx);

    let attempts = 0;
    const signal = opts.signal;
    const sendOpts = signal ? { signal, operation: def.id } : { operation: def.id };
    const once = async (): Promise<RawResult<unknown>> => {
      let refreshed = false;
      for (;;) {
        attempts++;
        // tryAcquire() skips a promise round trip when a slot and a token are free (the usual case).
        const release = this.limiter
          ? (this.limiter.tryAcquire() ?? (await this.limiter.acquire(signal)))
          : undefined;
        let res: HttpResponse;
        let sent: PreparedRequest;
        try {
          sent = await this.auth.authorize(prepared, signal);
          this.counters.sends++;
          res = await this.transport.send(sent, sendOpts);
        } finally {
          release?.();
        }
        if (res.status >= 200 && res.status < 300) {
          const out: RawResult<unknown> = {
            status: res.status,
            headers: res.headers,
            body: parseBody(res, def.id),
            attempts,
          };
          const rid = requestIdOf(res.headers);
          if (rid !== undefined) out.requestId = rid;
          return out;
        }
        const err = errorFromResponse({
          status: res.status,
          body: res.body.toString('utf8'),
          headers: res.headers,
          operation: def.id,
        });
        if (isThrottle(err)) this.limiter?.onThrottled();
        if (res.status === 401 && !refreshed && this.auth.onUnauthorized) {
          refreshed = true;
          if (await this.auth.onUnauthorized(sent, signal)) continue;
        }
        throw err;
      }
    };
    try {
      return await this.retry.run(once, {
        idempotent,
        clientToken,
        signal,
        onRetry: () => {
          this.counters.retries++;
        },
      });
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('INTERNAL', `${def.id}: ${String(err)}`, { cause: err });
    }
  }
}
