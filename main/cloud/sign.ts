/**
 * SDK-HMAC-SHA256 request signing (Huawei Cloud AK/SK); the server-side check is verify.ts.
 *
 * The algorithm is the one of the official Node SDK (`@huaweicloud/huaweicloud-sdk-core`,
 * `auth/AKSKSigner.js`, called from `BaseCredentials.processAuthRequest`):
 *
 * ```
 * CanonicalRequest = Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
 * StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
 * Authorization    = SDK-HMAC-SHA256 Access=<ak>, SignedHeaders=<a;b;c>, Signature=hex(hmac(sk, StringToSign))
 * ```
 *
 * - Every header handed to the signer is signed (lowercased names, sorted), plus `host`,
 *   `x-sdk-date`, `x-security-token` (temporary credentials) and `x-project-id` (when set).
 * - CanonicalURI: every path segment percent-encoded with the RFC 3986 unreserved set kept, and a
 *   trailing `/` always appended.
 * - CanonicalQuery: decoded keys sorted by UTF-16 code unit, the values of a repeated key sorted
 *   the same way, each `key=value` encoded like a path segment, joined by `&`.
 * - The body hash is taken over the exact bytes sent.
 *
 * Choices where sources disagree:
 * - Host: the API reference (Table 4-3) describes it as `Hostname:Port`, but the SDK signs the
 *   URL's host as written (a port only when explicit), which is also what the HTTP client sends;
 *   we follow the SDK (`URL.host`, default port omitted).
 * - Header order: the SDK orders SignedHeaders by code unit but the canonical headers with
 *   `localeCompare`; the two agree for header names (lowercase letters, digits, `-`), and code-unit
 *   order is used throughout here.
 * - Header values are trimmed (the SDK does not; HTTP strips that whitespace in transit, so an
 *   untrimmed signature could never verify). Output is identical for values without it.
 *
 * Both sides work from the percent-encoded wire form: a path segment or query component is
 * percent-decoded once and re-encoded canonically, so `%7E`, `~` and `%7e` all sign the same and
 * the signer and the verifier agree whatever encoder built the URL (see {@link canonicalUri}).
 */
import { ValidationError } from './errors';
import { hmacHex } from './hmac';
import {
  SIGNING_ALGORITHM,
  bodyHash,
  canonicalQueryString,
  canonicalUri,
  formatSdkDate,
  stringToSign,
} from './sign-canonical';

export { hmacSha256Hex } from './hmac';
export {
  SIGNING_ALGORITHM,
  canonicalQueryString,
  canonicalUri,
  formatSdkDate,
  parseSdkDate,
} from './sign-canonical';

/** AK/SK credentials; `securityToken` is present for temporary (STS) credentials. */
export interface AkSkCredentials {
  ak: string;
  sk: string;
  securityToken?: string;
  /** When set, sent and signed as `X-Project-Id`, as the SDK's BasicCredentials does. */
  projectId?: string;
}

/** A prepared request about to be signed; `body` must be the exact bytes (or string) that will be sent. */
export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

// ---------------------------------------------------------------------------------------------
// Signing

const lowerNames = new Map<string, string>();

/** Lowercases a header name; names repeat on every request, so the result is memoised (bounded). */
function lowerName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < 512) lowerNames.set(name, lower);
  }
  return lower;
}

/**
 * Signs a request with AK/SK; returns the complete header set to send: the input headers plus
 * `Host` (unless given), `X-Sdk-Date`, `X-Security-Token` and `X-Project-Id` (when in the
 * credentials) and `Authorization`. Every returned header except Authorization is signed, so none
 * may be changed afterwards; input Authorization and X-Sdk-Date headers are replaced (re-signing a
 * retry is safe). Throws ValidationError when two input headers differ only in case.
 */
export function signRequest(
  req: SignableRequest,
  creds: AkSkCredentials,
  now: Date = new Date(),
): Record<string, string> {
  const stamp = formatSdkDate(now);
  const out: Record<string, string> = {};
  // Lowercased names and trimmed values, kept in step and sorted together below.
  const names: string[] = [];
  const values: string[] = [];
  const token = creds.securityToken;
  const projectId = creds.projectId;
  let hasHost = false;
  let contentSha: string | undefined;

  const headers = req.headers;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const lower = lowerName(name);
    if (lower === 'authorization' || lower === 'x-sdk-date') continue;
    // The credentials' token and project win over stale copies in the input.
    if (token !== undefined && lower === 'x-security-token') continue;
    if (projectId !== undefined && lower === 'x-project-id') continue;
    if (lower === 'host') hasHost = true;
    else if (lower === 'x-sdk-content-sha256') contentSha = value;
    out[name] = value;
    names.push(lower);
    // HTTP strips surrounding whitespace in transit, so the server can only sign the trimmed value.
    values.push(value.trim());
  }
  if (!hasHost) {
    out.Host = req.url.host;
    names.push('host');
    values.push(req.url.host);
  }
  out['X-Sdk-Date'] = stamp;
  names.push('x-sdk-date');
  values.push(stamp);
  if (token !== undefined && token !== '') {
    out['X-Security-Token'] = token;
    names.push('x-security-token');
    values.push(token);
  }
  if (projectId !== undefined && projectId !== '') {
    out['X-Project-Id'] = projectId;
    names.push('x-project-id');
    values.push(projectId);
  }

  sortTogether(names, values);
  let canonicalHeaders = '';
  let signedHeaders = '';
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (i > 0 && names[i - 1] === n)
      throw new ValidationError(`Header "${n}" is given twice (differing only in case).`);
    canonicalHeaders += `${n}:${values[i]}\n`;
    signedHeaders += i === 0 ? n : `;${n}`;
  }

  // The SDK uses X-Sdk-Content-Sha256 as the payload hash when present (UNSIGNED-PAYLOAD included).
  const payloadHash = contentSha ?? bodyHash(req.body);
  const sts = stringToSign(
    req.method.toUpperCase(),
    canonicalUri(req.url.pathname),
    canonicalQueryString(req.url.search),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
    stamp,
  );
  out.Authorization = `${SIGNING_ALGORITHM} Access=${creds.ak}, SignedHeaders=${signedHeaders}, Signature=${hmacHex(creds.sk, sts)}`;
  return out;
}

/** Insertion sort of `keys`, moving `vals` in step: a request has a handful of headers. */
function sortTogether(keys: string[], vals: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    const v = vals[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      vals[j + 1] = vals[j]!;
      j--;
    }
    keys[j + 1] = k;
    vals[j + 1] = v;
  }
}
