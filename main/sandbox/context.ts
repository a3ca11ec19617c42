/**
 * The per-request context handed to every route handler: raw request data, parsed query and body,
 * the caller, the microversion, and the helpers that answer.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { EcsFault, type HttpFault } from './faults';
import type { Query } from './query';
import type { SandboxRuntime } from './runtime';
import type { SandboxState } from './state';

/** Who is calling: resolved by the auth step (undefined on routes with `auth: 'none'`). */
export interface Caller {
  projectId: string;
  userId: string;
  domainId: string;
  via: 'aksk' | 'temporary-aksk' | 'token';
  ak?: string;
}

/** Minimum and maximum Nova microversions this region advertises (§6.1 examples). */
export const MIN_MICROVERSION = '2.1';
/** Highest microversion accepted (`latest` means this). */
export const MAX_MICROVERSION = '2.60';

/** A microversion as two integers. */
export interface Microversion {
  major: number;
  minor: number;
}

/** Parses `2.26` into numbers; undefined when malformed. */
export function parseMicroversion(v: string): Microversion | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** Compares two microversions: negative, zero or positive. */
export function compareMicroversion(a: Microversion, b: Microversion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** A fault with a fixed body (for odd formats such as a Nova 406). */
export class RawFault extends Error implements HttpFault {
  constructor(
    readonly status: number,
    private readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
  /** The wire body. */
  toBody(): unknown {
    return this.body;
  }
}

/** One request as a handler sees it. */
export class RequestContext {
  /** Path parameters, percent-decoded. */
  params: Record<string, string> = {};
  /** Set by the auth step. */
  caller: Caller | undefined;
  /** Whether an answer was written. */
  replied = false;
  /**
   * Fault injection (`drop`): the work is done, but instead of answering, this is called (the
   * dispatcher destroys the connection), so the caller never learns the outcome.
   */
  dropAnswer: (() => void) | undefined;
  private parsed: { value: unknown } | undefined;
  private mv: Microversion | undefined;
  private readonly extraHeaders: Record<string, string> = {};

  constructor(
    readonly sandbox: SandboxRuntime,
    readonly method: string,
    /** The path as sent, still percent-encoded. */
    readonly rawPath: string,
    /** The query as sent, without `?`. */
    readonly rawQuery: string,
    readonly query: Query,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
    readonly requestId: string,
    private readonly res: ServerResponse,
  ) {}

  /** The simulator state. */
  get state(): SandboxState {
    return this.sandbox.state;
  }

  /** The caller; throws if the route has no auth (a routing bug). */
  get who(): Caller {
    if (!this.caller) throw new Error('sandbox bug: route without auth asked for the caller');
    return this.caller;
  }

  /** A path parameter (throws a bug error if the pattern lacks it). */
  param(name: string): string {
    const v = this.params[name];
    if (v === undefined) throw new Error(`sandbox bug: no path parameter ${name}`);
    return v;
  }

  /** A request header (first value), case-insensitive. */
  header(name: string): string | undefined {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  /**
   * The JSON body. Empty body -> `Common.0002` (400); not JSON -> `Ecs.0005` "request body is
   * illegal." (the §5.1.2 example). Parsed once and cached.
   */
  json(): unknown {
    if (this.parsed) return this.parsed.value;
    const text = this.body.toString('utf8');
    if (text.trim() === '') throw new EcsFault('Common.0002', 'The request body is empty.');
    try {
      this.parsed = { value: JSON.parse(text) };
    } catch {
      throw new EcsFault('Ecs.0005', 'request body is illegal.');
    }
    return this.parsed.value;
  }

  /** The JSON body, which must be an object (else `Ecs.0005`). */
  jsonObject(): Record<string, unknown> {
    const v = this.json();
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new EcsFault('Ecs.0005', 'request body is illegal.');
    return v as Record<string, unknown>;
  }

  /** The JSON body if one was sent, else undefined (for operations whose body is optional). */
  optionalJson(): unknown {
    return this.body.length === 0 || this.body.toString('utf8').trim() === '' ? undefined : this.json();
  }

  /** Whether the path is the V2 (non-microversion) Nova form `/v2/...` (§6.16). */
  get isNovaV2(): boolean {
    return this.rawPath.startsWith('/v2/');
  }

  /**
   * The requested Nova microversion: `X-OpenStack-Nova-API-Version: 2.26` or
   * `OpenStack-API-Version: compute 2.26` (either honoured; the first wins if both), `latest` =
   * {@link MAX_MICROVERSION}, absent = 2.1, V2 paths = 2.1. Malformed or out of range -> 406 as
   * upstream Nova answers (the document does not say).
   */
  get microversion(): Microversion {
    if (this.mv) return this.mv;
    let raw = this.header('x-openstack-nova-api-version');
    if (raw === undefined) {
      const h = this.header('openstack-api-version');
      const m = h === undefined ? null : /^\s*compute\s+(\S+)\s*$/i.exec(h);
      if (m) raw = m[1];
    }
    let mv: Microversion | undefined;
    if (this.isNovaV2 || raw === undefined) mv = parseMicroversion(MIN_MICROVERSION);
    else if (raw.trim().toLowerCase() === 'latest') mv = parseMicroversion(MAX_MICROVERSION);
    else mv = parseMicroversion(raw);
    const min = parseMicroversion(MIN_MICROVERSION)!;
    const max = parseMicroversion(MAX_MICROVERSION)!;
    if (!mv || compareMicroversion(mv, min) < 0 || compareMicroversion(mv, max) > 0)
      throw new RawFault(406, {
        computeFault: {
          code: 406,
          message: `Version ${raw ?? ''} is not supported by the API. Minimum is ${MIN_MICROVERSION} and maximum is ${MAX_MICROVERSION}.`,
        },
      });
    this.mv = mv;
    return mv;
  }

  /** The microversion as `2.26`. */
  get microversionString(): string {
    const mv = this.microversion;
    return `${mv.major}.${mv.minor}`;
  }

  /** Whether the request's microversion is at least `v` (e.g. `'2.26'`). */
  mvAtLeast(v: string): boolean {
    const want = parseMicroversion(v);
    if (!want) throw new Error(`sandbox bug: bad microversion literal ${v}`);
    return compareMicroversion(this.microversion, want) >= 0;
  }

  /** Adds a response header to whatever answer is written next. */
  setHeader(name: string, value: string): void {
    this.extraHeaders[name] = value;
  }

  /** Adds the Nova version headers (`OpenStack-API-Version`, `X-OpenStack-Nova-API-Version`, `Vary`). */
  novaVersionHeaders(): void {
    const v = this.microversionString;
    this.setHeader('OpenStack-API-Version', `compute ${v}`);
    this.setHeader('X-OpenStack-Nova-API-Version', v);
    this.setHeader('Vary', 'OpenStack-API-Version, X-OpenStack-Nova-API-Version');
  }

  /**
   * Answers. `body` undefined -> empty body (never `null`); a string or Buffer -> sent as is with
   * `text/html` unless a content type is given; anything else -> JSON.
   */
  reply(status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (this.replied) throw new Error('sandbox bug: answered twice');
    this.replied = true;
    if (this.dropAnswer) {
      this.dropAnswer();
      return;
    }
    const all: Record<string, string> = {
      'X-Request-Id': this.requestId,
      'X-Openstack-Request-Id': `req-${this.requestId}`,
      ...this.extraHeaders,
      ...headers,
    };
    let payload: Buffer | undefined;
    if (body === undefined) {
      payload = undefined;
    } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
      payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
      if (!Object.keys(all).some((k) => k.toLowerCase() === 'content-type'))
        all['Content-Type'] = 'text/html; charset=UTF-8';
    } else {
      payload = Buffer.from(JSON.stringify(body), 'utf8');
      if (!Object.keys(all).some((k) => k.toLowerCase() === 'content-type'))
        all['Content-Type'] = 'application/json;charset=UTF-8';
    }
    all['Content-Length'] = String(payload?.length ?? 0);
    this.res.writeHead(status, all);
    this.res.end(this.method === 'HEAD' ? undefined : payload);
  }

  /** 200 with a JSON body. */
  ok(body: unknown, headers?: Record<string, string>): void {
    this.reply(200, body, headers);
  }

  /** 204 with an empty body. */
  noContent(): void {
    this.reply(204);
  }

  /** Answers a fault (ECS, Nova or raw). */
  fault(f: HttpFault): void {
    this.reply(f.status, f.toBody(), f.headers ?? {});
  }

  /** Answers `{"error":{"code","message"}}` with the A.2 status for the code unless given. */
  ecsError(code: string, message?: string, status?: number): void {
    this.fault(new EcsFault(code, message, status === undefined ? {} : { status }));
  }

  /** Answers a Nova-style error `{"<fault>":{"message","code":status}}`. */
  novaError(status: number, faultName: string, message: string): void {
    this.reply(status, { [faultName]: { message, code: status } });
  }
}
