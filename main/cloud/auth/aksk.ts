/**
 * AK/SK authentication: permanent keys, or temporary keys with a security token (STS), every
 * request signed with SDK-HMAC-SHA256 (sign.ts).
 */
import { registerSecret } from '../redact';
import type { PreparedRequest } from '../request';
import { signRequest, type AkSkCredentials } from '../sign';
import type { AuthProvider } from './types';

/** Options of {@link AkSkAuth}. */
export interface AkSkAuthOptions {
  /** Clock used for X-Sdk-Date (default: now); tests pin it. */
  now?: () => Date;
}

/** Signs every attempt with AK/SK; with a security token, X-Security-Token is sent and signed. */
export class AkSkAuth implements AuthProvider {
  private readonly creds: AkSkCredentials;
  private readonly now: () => Date;

  constructor(creds: AkSkCredentials, opts: AkSkAuthOptions = {}) {
    // SECURITY: the secret key and the token must never appear in an error or a log line.
    registerSecret(creds.sk);
    registerSecret(creds.securityToken);
    this.creds = { ...creds };
    this.now = opts.now ?? (() => new Date());
  }

  /** The access key id (not a secret: it names the key pair). */
  get accessKey(): string {
    return this.creds.ak;
  }

  /** Returns a copy of `req` with Host, X-Sdk-Date, X-Security-Token (if any) and Authorization. */
  authorize(req: PreparedRequest): Promise<PreparedRequest> {
    const headers = signRequest(req, this.creds, this.now());
    const out: PreparedRequest = { method: req.method, url: req.url, headers };
    if (req.body !== undefined) out.body = req.body;
    return Promise.resolve(out);
  }
}
