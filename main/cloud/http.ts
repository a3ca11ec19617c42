/**
 * The HTTP transport of the cloud client, on undici 7: keep-alive pools per origin, timeouts,
 * cancellation, proxies (environment or per account) and custom CA certificates.
 *
 * Everything thrown is a AppError: NetworkError (with a plain-words reason), TimeoutError or
 * AbortError. A NetworkError that provably happened before any byte of the request left this
 * process (DNS, refused, connect timeout, TLS handshake, proxy tunnel) is marked so that the retry
 * policy may re-send even a non-idempotent POST ({@link failedBeforeSending}).
 */
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { AbortError, ConfigError, NetworkError, TimeoutError } from './errors';
import { registerSecret } from './redact';

/** A request ready to go on the wire (the shape of request.ts's PreparedRequest). */
export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** What {@link Transport.send} returns: the status, lowercased headers and the whole body. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Per-call options of {@link Transport.send}. */
export interface SendOptions {
  signal?: AbortSignal;
  /** Operation id, carried into errors. */
  operation?: string;
  /** Overrides the transport's headers timeout for this call, in milliseconds. */
  headersTimeoutMs?: number;
  /** Overrides the transport's body timeout for this call, in milliseconds. */
  bodyTimeoutMs?: number;
}

/** Anything that can send a prepared request (the client depends on this, tests may fake it). */
export interface HttpTransport {
  send(req: HttpRequest, opts?: SendOptions): Promise<HttpResponse>;
}

/** Options of {@link Transport}; every timeout is in milliseconds. */
export interface TransportOptions {
  /** Sockets per origin (default 16; the limiter keeps concurrency below this). */
  connections?: number;
  /** Requests in flight per socket (default 1: HTTP/1.1 pipelining is unsafe behind gateways). */
  pipelining?: number;
  /** How long an idle socket is kept (default 30,000; the server's Keep-Alive hint wins when lower). */
  keepAliveTimeoutMs?: number;
  /** TCP + TLS connect timeout (default 10,000). */
  connectTimeoutMs?: number;
  /** Time to the response headers (default 60,000). */
  headersTimeoutMs?: number;
  /** Largest gap between two body chunks (default 60,000). */
  bodyTimeoutMs?: number;
  /**
   * `'env'` (default): HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment;
   * `'direct'`: no proxy; any other string: an explicit proxy URL (credentials allowed).
   */
  proxy?: string;
  /** Environment read for `'env'` (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Extra trusted CA certificates (PEM strings); they replace Node's bundle when given. */
  ca?: string[];
  /** A ready dispatcher (tests: undici MockAgent); the options above are then ignored. */
  dispatcher?: Dispatcher;
}

/** The default per-origin socket count. */
export const DEFAULT_CONNECTIONS = 16;

const NOT_SENT = new WeakSet<object>();

/** True when `err` is a failure that provably happened before the request was sent. */
export function failedBeforeSending(err: unknown): boolean {
  return typeof err === 'object' && err !== null && NOT_SENT.has(err);
}

/** A proxy URL with its credentials removed, safe for messages. */
export function describeProxy(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(malformed proxy URL)';
  }
}

/** The undici transport: one pool per origin, shared by every client built with it. */
export class Transport implements HttpTransport {
  readonly dispatcher: Dispatcher;
  /** Proxy endpoints (`host:port`, credentials removed) that errors are checked against. */
  private readonly proxies: { hostPort: string; shown: string }[] = [];
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;

  constructor(opts: TransportOptions = {}) {
    this.headersTimeoutMs = opts.headersTimeoutMs ?? 60_000;
    this.bodyTimeoutMs = opts.bodyTimeoutMs ?? 60_000;
    if (opts.dispatcher) {
      this.dispatcher = opts.dispatcher;
      return;
    }
    const tls = opts.ca && opts.ca.length > 0 ? { ca: opts.ca } : {};
    const agentOpts = {
      connections: opts.connections ?? DEFAULT_CONNECTIONS,
      pipelining: opts.pipelining ?? 1,
      keepAliveTimeout: opts.keepAliveTimeoutMs ?? 30_000,
      keepAliveMaxTimeout: Math.max(opts.keepAliveTimeoutMs ?? 30_000, 60_000),
      headersTimeout: this.headersTimeoutMs,
      bodyTimeout: this.bodyTimeoutMs,
      connect: { timeout: opts.connectTimeoutMs ?? 10_000, ...tls },
    };
    const proxy = opts.proxy ?? 'env';
    if (proxy === 'direct') {
      this.dispatcher = new Agent(agentOpts);
    } else if (proxy === 'env') {
      const env = opts.env ?? process.env;
      const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
      const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? '';
      const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
      for (const p of [httpProxy, httpsProxy]) if (p) this.rememberProxy(p);
      // Passed explicitly (empty string = none) so that only `env` is read, never process.env too.
      this.dispatcher = new EnvHttpProxyAgent({
        ...agentOpts,
        httpProxy,
        httpsProxy,
        noProxy,
        requestTls: { timeout: agentOpts.connect.timeout, ...tls },
        proxyTls: { timeout: agentOpts.connect.timeout, ...tls },
      });
    } else {
      this.rememberProxy(proxy);
      try {
        this.dispatcher = new ProxyAgent({
          ...agentOpts,
          uri: proxy,
          requestTls: { timeout: agentOpts.connect.timeout, ...tls },
          proxyTls: { timeout: agentOpts.connect.timeout, ...tls },
        });
      } catch {
        throw new ConfigError(`The proxy URL ${describeProxy(proxy)} is not valid.`);
      }
    }
  }

  private rememberProxy(url: string): void {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new ConfigError(`The proxy URL ${describeProxy(url)} is not valid.`);
    }
    // SECURITY: proxy credentials live in the URL; register them so no message can echo them.
    registerSecret(decodeURIComponent(u.password));
    registerSecret(u.password);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    this.proxies.push({ hostPort: `${u.hostname}:${port}`, shown: describeProxy(url) });
  }

  /** Sends one request and reads the whole response body; throws NetworkError, TimeoutError or AbortError. */
  async send(req: HttpRequest, opts: SendOptions = {}): Promise<HttpResponse> {
    const { signal } = opts;
    if (signal?.aborted) throw new AbortError();
    const url = req.url;
    try {
      const res = await this.dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body === undefined || req.body.length === 0 ? null : req.body,
        signal: signal ?? null,
        headersTimeout: opts.headersTimeoutMs ?? this.headersTimeoutMs,
        bodyTimeout: opts.bodyTimeoutMs ?? this.bodyTimeoutMs,
      });
      // arrayBuffer() collects the chunks inside undici: much cheaper than async-iterating the stream.
      const body = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, headers: res.headers, body };
    } catch (err) {
      throw this.mapError(err, url, opts);
    }
  }

  /** Closes every pooled socket (waits for requests in flight). */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** Turns an undici/Node failure into a AppError with a plain-words message. */
  mapError(err: unknown, url: URL, opts: SendOptions = {}): Error {
    if (opts.signal?.aborted) return new AbortError('The request was cancelled.', { cause: err });
    const e = (err ?? {}) as { code?: string; message?: string; name?: string; cause?: unknown };
    const code = e.code ?? (e.cause as { code?: string } | undefined)?.code ?? '';
    const target = url.host;
    const op = opts.operation;
    const viaProxy = this.proxyIn(err);
    const network = (message: string, notSent: boolean, hint?: string): NetworkError => {
      const out = new NetworkError(message, { operation: op, cause: err, hint });
      if (notSent) NOT_SENT.add(out);
      return out;
    };
    switch (code) {
      case 'UND_ERR_CONNECT_TIMEOUT': {
        const out = new TimeoutError(
          viaProxy ? `Timed out connecting to the proxy ${viaProxy}.` : `Timed out connecting to ${target}.`,
          { cause: err },
        );
        NOT_SENT.add(out);
        return out;
      }
      case 'UND_ERR_HEADERS_TIMEOUT':
        return new TimeoutError(`${target} did not answer in time.`, { cause: err });
      case 'UND_ERR_BODY_TIMEOUT':
        return new TimeoutError(`${target} stopped sending the response.`, { cause: err });
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_FAIL':
        return network(
          viaProxy
            ? `The proxy host ${viaProxy} could not be found (DNS).`
            : `The host ${url.hostname} could not be found (DNS).`,
          true,
          'Check the region, the custom endpoint and the DNS settings.',
        );
      case 'ECONNREFUSED':
        return network(
          viaProxy ? `The proxy ${viaProxy} refused the connection.` : `${target} refused the connection.`,
          true,
        );
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'ENETDOWN':
        return network(`${viaProxy ?? target} is unreachable from this network.`, true);
      case 'ECONNRESET':
      case 'EPIPE':
      case 'UND_ERR_SOCKET':
      case 'UND_ERR_CLOSED':
        return network(
          viaProxy
            ? `The connection through the proxy ${viaProxy} was reset.`
            : `The connection to ${target} was reset.`,
          false,
        );
      case 'UND_ERR_ABORTED': {
        // A tunnel refusal surfaces as an "aborted" error with the proxy's status in the message.
        const m = /Proxy response \((\d+)\)/.exec(e.message ?? '');
        if (m) {
          const status = m[1];
          return network(
            status === '407'
              ? `The proxy ${this.proxies[0]?.shown ?? ''} requires authentication (407).`
              : `The proxy ${this.proxies[0]?.shown ?? ''} refused the tunnel (${status}).`,
            true,
            'Check the proxy address and its user name and password.',
          );
        }
        return new AbortError('The request was cancelled.', { cause: err });
      }
      case 'UND_ERR_PRX_TLS':
        return network(`TLS to the proxy ${viaProxy ?? this.proxies[0]?.shown ?? ''} failed.`, true);
      default:
        break;
    }
    if (e.name === 'AbortError') return new AbortError('The request was cancelled.', { cause: err });
    if (isTlsCode(code)) {
      return network(
        `The TLS certificate of ${target} was not accepted (${code}).`,
        true,
        'If the endpoint uses a private certificate authority, add its CA certificate in the account settings.',
      );
    }
    return network(`The request to ${target} failed${code ? ` (${code})` : ''}.`, false);
  }

  /** The proxy the failed connection went to, when the error names its address. */
  private proxyIn(err: unknown): string | undefined {
    if (this.proxies.length === 0) return undefined;
    const e = err as { address?: string; port?: number; hostname?: string; cause?: unknown };
    const inner = (e?.cause ?? {}) as { address?: string; port?: number; hostname?: string };
    for (const x of [e, inner]) {
      const host = x?.address ?? x?.hostname;
      if (host === undefined) continue;
      for (const p of this.proxies) {
        if (x.port !== undefined ? p.hostPort === `${host}:${x.port}` : p.hostPort.startsWith(`${host}:`))
          return p.shown;
      }
    }
    return undefined;
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}
