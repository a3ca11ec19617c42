/**
 * IAM user/password authentication (§4.2): POST /v3/auth/tokens with a password identity, the
 * user's domain and a project scope by region name; the token comes back in `X-Subject-Token`
 * and is sent as `X-Auth-Token`. Tokens are cached until shortly before `expires_at` and
 * refreshed once on a 401.
 */
import type { IamCreateTokenBody, IamCreateTokenResult } from '../../../shared/ecs/types/iam';
import { AbortError, ProtocolError, errorFromResponse, headerValue } from '../errors';
import type { HttpTransport } from '../http';
import { operations } from '../ops/index';
import { registerSecret } from '../redact';
import { buildRequest, type PreparedRequest } from '../request';
import type { AuthProvider } from './types';

/** Options of {@link TokenAuth}. */
export interface TokenAuthOptions {
  /** IAM base URL, e.g. `https://iam.cn-north-4.myhuaweicloud.com`. */
  iamEndpoint: string;
  /** The account (domain) name the IAM user belongs to. */
  domainName: string;
  userName: string;
  password: string;
  /** Project scope by name: the region name, e.g. `cn-north-4` (§4.2). */
  projectName: string;
  transport: HttpTransport;
  /** Refresh this long before `expires_at`, in milliseconds (default 5 minutes). */
  refreshMarginMs?: number;
  /** Clock in epoch milliseconds (default Date.now). */
  now?: () => number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
  projectId?: string;
}

/** Token authentication for one IAM user and one region's project. */
export class TokenAuth implements AuthProvider {
  private readonly opts: TokenAuthOptions;
  private readonly now: () => number;
  private cached: CachedToken | undefined;
  private inflight: Promise<CachedToken> | undefined;
  /** Tokens fetched so far (tests and diagnostics). */
  fetches = 0;

  constructor(opts: TokenAuthOptions) {
    // SECURITY: the password never appears in errors or logs.
    registerSecret(opts.password);
    this.opts = opts;
    this.now = opts.now ?? (() => Date.now());
  }

  /** The project id the current token is scoped to (known after the first token), if IAM said. */
  get projectId(): string | undefined {
    return this.cached?.projectId;
  }

  /** A valid token: the cached one, or a new one (concurrent callers share one request). */
  async token(signal?: AbortSignal): Promise<string> {
    const c = this.cached;
    if (c && this.now() < c.expiresAt - (this.opts.refreshMarginMs ?? 5 * 60_000)) return c.token;
    return (await this.fetchShared(signal)).token;
  }

  /** Returns a copy of `req` with `X-Auth-Token`. */
  async authorize(req: PreparedRequest, signal?: AbortSignal): Promise<PreparedRequest> {
    const token = await this.token(signal);
    const out: PreparedRequest = {
      method: req.method,
      url: req.url,
      headers: { ...req.headers, 'X-Auth-Token': token },
    };
    if (req.body !== undefined) out.body = req.body;
    return out;
  }

  /**
   * After a 401: drops the token the refused request carried and fetches a new one (unless another
   * call already did); resolves true so that the client retries once. Throws the IAM error when
   * the password itself is refused.
   */
  async onUnauthorized(failed?: PreparedRequest, signal?: AbortSignal): Promise<boolean> {
    const used = failed ? headerValue(failed.headers, 'x-auth-token') : undefined;
    if (this.inflight) {
      await this.inflight;
      return true;
    }
    if (this.cached && used !== undefined && used !== this.cached.token) return true;
    this.cached = undefined;
    await this.fetchShared(signal);
    return true;
  }

  private fetchShared(signal?: AbortSignal): Promise<CachedToken> {
    if (!this.inflight) {
      this.inflight = this.fetchToken(signal).finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    if (signal?.aborted) throw new AbortError();
    const o = this.opts;
    const body: IamCreateTokenBody = {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: o.userName, password: o.password, domain: { name: o.domainName } } },
        },
        scope: { project: { name: o.projectName } },
      },
    };
    const def = operations.iamCreateToken;
    const req = buildRequest(def, { body }, { baseUrl: o.iamEndpoint });
    this.fetches++;
    const res = await o.transport.send(req, signal ? { signal, operation: def.id } : { operation: def.id });
    const text = res.body.toString('utf8');
    if (res.status < 200 || res.status >= 300)
      throw errorFromResponse({ status: res.status, body: text, headers: res.headers, operation: def.id });
    const token = headerValue(res.headers, 'x-subject-token');
    if (!token)
      throw new ProtocolError('IAM answered without an X-Subject-Token header.', {
        status: res.status,
        operation: def.id,
      });
    // SECURITY: registered before anything else can print it.
    registerSecret(token);
    let parsed: IamCreateTokenResult | undefined;
    try {
      parsed = JSON.parse(text) as IamCreateTokenResult;
    } catch {
      parsed = undefined;
    }
    const expires = Date.parse(parsed?.token?.expires_at ?? '');
    // §4: "The validity period of a token is 24 hours"; assume so when IAM does not say.
    const out: CachedToken = {
      token,
      expiresAt: Number.isNaN(expires) ? this.now() + 24 * 3600_000 : expires,
    };
    const projectId = parsed?.token?.project?.id;
    if (projectId) out.projectId = projectId;
    this.cached = out;
    return out;
  }
}
