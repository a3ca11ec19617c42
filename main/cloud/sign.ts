/**
 * SDK-HMAC-SHA256 request signing (Huawei Cloud AK/SK), and its server-side verification.
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
import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';
import { ValidationError } from './errors';

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

/** An incoming request as the server received it, for {@link verifySignature}. */
export interface IncomingSignedRequest {
  method: string;
  /** The request target's path exactly as received (still percent-encoded), without the query. */
  rawPath: string;
  /** The query exactly as received, without the leading `?` (empty string when none). */
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** Why {@link verifySignature} refused a request. */
export type VerifyFailureReason =
  | 'missing_header'
  | 'malformed_header'
  | 'unknown_ak'
  | 'signature_mismatch'
  | 'date_malformed'
  | 'date_skew';

/** Outcome of {@link verifySignature}: the access key on success, a reason and a message otherwise. */
export type VerifyResult =
  { ok: true; ak: string } | { ok: false; reason: VerifyFailureReason; message: string };

/** Options of {@link verifySignature}. */
export interface VerifyOptions {
  /** The server's clock (default: now). */
  now?: Date;
  /** Largest accepted distance between X-Sdk-Date and `now`, in milliseconds (default 15 minutes). */
  maxSkewMs?: number;
  /** Accept `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` as the SDK sends for non-JSON bodies (default true). */
  allowUnsignedPayload?: boolean;
}

/** The signing algorithm name, first word of the Authorization header. */
export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

/** Default clock-skew tolerance of {@link verifySignature}: 15 minutes, in milliseconds. */
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

// ---------------------------------------------------------------------------------------------
// Percent-encoding

/** 1 for the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), the SDK's `noEscape` table. */
const UNRESERVED = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9\-._~]/.test(ch)) UNRESERVED[c] = 1;
}

/** `%XX` (uppercase hex) for every byte value. */
const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(`%${i.toString(16).toUpperCase().padStart(2, '0')}`);

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function isUnreservedOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || UNRESERVED[c] !== 1) return false;
  }
  return true;
}

/** Percent-encodes every UTF-8 byte of `s` outside the unreserved set (the SDK's `urlEncode`). */
function encodeComponent(s: string): string {
  if (isUnreservedOnly(s)) return s;
  let out = '';
  let i = 0;
  // ASCII needs no UTF-8 encoder: the char code is the byte.
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) break;
    out += UNRESERVED[c] === 1 ? s[i]! : HEX[c]!;
  }
  if (i === s.length) return out;
  const bytes = Buffer.from(s.slice(i), 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += b < 128 && UNRESERVED[b] === 1 ? String.fromCharCode(b) : HEX[b]!;
  }
  return out;
}

/**
 * Re-encodes one raw (percent-encoded) path segment canonically, byte by byte: `%XX` escapes are
 * decoded, then every byte outside the unreserved set is encoded. A `%` not followed by two hex
 * digits stands for itself (`%25`). Equal to `encodeComponent(decodeURIComponent(seg))` for valid
 * UTF-8, and total (never throws) for anything else.
 */
function canonicalSegment(seg: string): string {
  if (isUnreservedOnly(seg)) return seg;
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    if (c === 37 /* % */ && i + 2 < seg.length) {
      const hi = hexVal(seg.charCodeAt(i + 1));
      const lo = hexVal(seg.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        const b = (hi << 4) | lo;
        out += b < 128 && UNRESERVED[b] === 1 ? String.fromCharCode(b) : HEX[b]!;
        i += 2;
        continue;
      }
    }
    if (c < 128) {
      out += UNRESERVED[c] === 1 ? seg[i]! : HEX[c]!;
    } else {
      // Raw non-ASCII in a received path (HTTP parsers may pass it through): encode its UTF-8.
      let end = i + 1;
      while (end < seg.length && seg.charCodeAt(end) >= 128) end++;
      out += encodeComponent(seg.slice(i, end));
      i = end - 1;
    }
  }
  return out;
}

/**
 * The canonical URI of a raw (percent-encoded) path: each `/`-separated segment re-encoded
 * canonically, then a trailing `/` appended when missing, as the SDK's `CanonicalURI` does.
 *
 * The SDK encodes the path it was given without decoding it first; it is given the path with the
 * parameter values still raw (HcClient substitutes them unencoded), so encoding the decoded wire
 * path is what yields the same string, and what a server can recompute from the request line.
 */
export function canonicalUri(rawPath: string): string {
  let path = rawPath === '' ? '/' : rawPath;
  if (!isUnreservedOrSlash(path)) {
    const segs = path.split('/');
    for (let i = 0; i < segs.length; i++) segs[i] = canonicalSegment(segs[i]!);
    path = segs.join('/');
  }
  return path.charCodeAt(path.length - 1) === 47 ? path : `${path}/`;
}

const UNRESERVED_OR_SLASH_RE = /^[A-Za-z0-9\-._~/]*$/;

function isUnreservedOrSlash(s: string): boolean {
  return UNRESERVED_OR_SLASH_RE.test(s);
}

const PLUS_RE = /\+/g;

/** Decodes one `application/x-www-form-urlencoded` component (`+` is a space), as URLSearchParams does. */
function formDecode(s: string): string {
  if (s.indexOf('%') === -1) return s.indexOf('+') === -1 ? s : s.replace(PLUS_RE, ' ');
  const src = Buffer.from(s.replace(PLUS_RE, ' '), 'utf8');
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 37 && i + 2 < src.length) {
      const hi = hexVal(src[i + 1]!);
      const lo = hexVal(src[i + 2]!);
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  // Invalid UTF-8 becomes U+FFFD, as in URLSearchParams.
  return out.toString('utf8', 0, n);
}

interface QueryPair {
  k: string;
  v: string;
}

function comparePairs(a: QueryPair, b: QueryPair): number {
  // Plain `<` compares UTF-16 code units, the order of the SDK's `keys.sort()` / `values.sort()`.
  if (a.k !== b.k) return a.k < b.k ? -1 : 1;
  if (a.v !== b.v) return a.v < b.v ? -1 : 1;
  return 0;
}

/**
 * The canonical query string of a raw query (without `?`): pairs decoded (form rules), sorted by
 * key then value, each side re-encoded, joined by `&`. A key without `=` has the empty value.
 *
 * The SDK sorts the *decoded* keys of its `queryParams` object (and the values of an array), then
 * encodes them; sorting after encoding would order e.g. `a~` and `aé` differently.
 */
export function canonicalQueryString(rawQuery: string): string {
  const q = rawQuery.charCodeAt(0) === 63 /* ? */ ? rawQuery.slice(1) : rawQuery;
  if (q === '') return '';
  const pairs: QueryPair[] = [];
  let start = 0;
  while (start <= q.length) {
    let end = q.indexOf('&', start);
    if (end === -1) end = q.length;
    if (end > start) {
      const eq = q.indexOf('=', start);
      if (eq === -1 || eq > end) pairs.push({ k: formDecode(q.slice(start, end)), v: '' });
      else pairs.push({ k: formDecode(q.slice(start, eq)), v: formDecode(q.slice(eq + 1, end)) });
    }
    start = end + 1;
  }
  if (pairs.length > 1) pairs.sort(comparePairs);
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i]!;
    if (i > 0) out += '&';
    out += `${encodeComponent(p.k)}=${encodeComponent(p.v)}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates

let lastSecond = -1;
let lastStamp = '';

/** Formats a time as X-Sdk-Date (`YYYYMMDDTHHMMSSZ`, UTC); the last second formatted is cached. */
export function formatSdkDate(date: Date): string {
  const ms = date.getTime();
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastStamp;
  const iso = date.toISOString(); // 2024-01-02T03:04:05.678Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  lastSecond = second;
  lastStamp = stamp;
  return stamp;
}

const SDK_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses an X-Sdk-Date value into epoch milliseconds; undefined when it is not a valid `YYYYMMDDTHHMMSSZ`. */
export function parseSdkDate(value: string): number | undefined {
  const m = SDK_DATE_RE.exec(value);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject dates that Date.UTC silently rolls over (month 13, 31 February, hour 24...).
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  )
    return undefined;
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

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

// HMAC-SHA256 (RFC 2104) as two one-shot hashes over cached key pads:
//   HMAC(K, m) = SHA256((K ^ opad) || SHA256((K ^ ipad) || m))
// `crypto.hash` has a fraction of the fixed cost of `createHmac` (a stream object per call), and the
// pads are the per-key constant work. An ASCII key of at most 64 bytes XOR 0x36/0x5c stays ASCII,
// so the inner pad can be a string whose UTF-8 encoding is the pad itself; any other key falls
// back to createHmac. Equivalence with createHmac is unit-tested.
//
// SECURITY: the pads of the last few keys used are cached (a desktop app signs for a handful of
// accounts); this holds nothing the callers' credentials objects do not already hold, and it is
// never logged or exported.
interface KeyPads {
  innerPad: string;
  outerPad: Buffer;
  key: KeyObject | undefined;
}
const MAX_CACHED_KEYS = 8;
const keyCache = new Map<string, KeyPads>();
/** Outer pad in bytes 0..63, the inner digest in 64..95: reused, as signing is synchronous. */
const outerBlock = Buffer.alloc(96);
let outerBlockSk: string | undefined;

function isAsciiUpTo64(s: string): boolean {
  if (s.length > 64) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

function padsFor(sk: string): KeyPads {
  let pads = keyCache.get(sk);
  if (pads !== undefined) return pads;
  if (isAsciiUpTo64(sk)) {
    let innerPad = '';
    const outerPad = Buffer.alloc(64);
    for (let i = 0; i < 64; i++) {
      const k = i < sk.length ? sk.charCodeAt(i) : 0;
      innerPad += String.fromCharCode(k ^ 0x36);
      outerPad[i] = k ^ 0x5c;
    }
    pads = { innerPad, outerPad, key: undefined };
  } else {
    pads = { innerPad: '', outerPad: Buffer.alloc(0), key: createSecretKey(Buffer.from(sk, 'utf8')) };
  }
  if (keyCache.size >= MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(sk, pads);
  return pads;
}

/** HMAC-SHA256 of an ASCII `data` under `sk`, as lowercase hex. */
function hmacHex(sk: string, data: string): string {
  const pads = padsFor(sk);
  if (pads.key !== undefined) return createHmac('sha256', pads.key).update(data, 'utf8').digest('hex');
  if (outerBlockSk !== sk) {
    pads.outerPad.copy(outerBlock, 0);
    outerBlockSk = sk;
  }
  // 'binary' is latin1: one char per digest byte, written back as those bytes.
  outerBlock.write(hash('sha256', pads.innerPad + data, 'binary'), 64, 'latin1');
  return hash('sha256', outerBlock, 'hex');
}

/** Test hook: HMAC-SHA256 through the cached-pad path (equivalence with createHmac is tested). */
export function hmacSha256Hex(sk: string, data: string): string {
  return hmacHex(sk, data);
}

function bodyHash(body: Uint8Array | string | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_BODY_SHA256;
  return hash('sha256', body, 'hex');
}

function stringToSign(
  method: string,
  uri: string,
  query: string,
  canonicalHeaders: string,
  signedHeaders: string,
  payloadHash: string,
  stamp: string,
): string {
  const canonicalRequest = `${method}\n${uri}\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  return `${SIGNING_ALGORITHM}\n${stamp}\n${hash('sha256', canonicalRequest, 'hex')}`;
}

// ---------------------------------------------------------------------------------------------
// Signing

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

// ---------------------------------------------------------------------------------------------
// Verification

const AUTH_RE =
  /^SDK-HMAC-SHA256[ \t]+Access=([^\s,]+)[ \t]*,[ \t]*SignedHeaders=([^\s,]+)[ \t]*,[ \t]*Signature=([0-9a-fA-F]{64})[ \t]*$/;
const HEADER_NAME_RE = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;

function fail(reason: VerifyFailureReason, message: string): VerifyResult {
  return { ok: false, reason, message };
}

function readHeader(
  headers: Record<string, string | string[] | undefined>,
  lower: string,
): string | undefined {
  let v = headers[lower];
  if (v === undefined) {
    // Node lowercases incoming names; other callers may not.
    for (const k in headers) {
      if (k.toLowerCase() === lower) {
        v = headers[k];
        break;
      }
    }
  }
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * Server side: checks an incoming request's SDK-HMAC-SHA256 signature, recomputing the canonical
 * request from the raw path and query as received; returns the access key, or why it failed.
 * `lookupSecret` maps an access key to its secret key (undefined when unknown).
 */
export function verifySignature(
  req: IncomingSignedRequest,
  lookupSecret: (ak: string) => string | undefined,
  opts: VerifyOptions = {},
): VerifyResult {
  const auth = readHeader(req.headers, 'authorization');
  if (auth === undefined || auth === '')
    return fail('missing_header', 'The Authorization header is missing.');
  const m = AUTH_RE.exec(auth.trim());
  if (m === null)
    return fail(
      'malformed_header',
      'The Authorization header is not "SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...".',
    );
  const ak = m[1]!;
  const signedList = m[2]!;
  const signature = m[3]!.toLowerCase();
  const signed = signedList.split(';');
  for (const name of signed) {
    if (!HEADER_NAME_RE.test(name))
      return fail('malformed_header', `SignedHeaders has an invalid entry "${name}".`);
  }
  // SECURITY: the date and host must be covered, or a captured signature could be replayed later
  // or against another endpoint.
  if (!signed.includes('x-sdk-date') || !signed.includes('host'))
    return fail('malformed_header', 'SignedHeaders must include host and x-sdk-date.');

  const dateValue = readHeader(req.headers, 'x-sdk-date');
  if (dateValue === undefined) return fail('missing_header', 'The X-Sdk-Date header is missing.');
  const dateMs = parseSdkDate(dateValue.trim());
  if (dateMs === undefined)
    return fail('date_malformed', 'X-Sdk-Date must be a UTC time formatted as YYYYMMDDTHHMMSSZ.');
  const nowMs = (opts.now ?? new Date()).getTime();
  const maxSkew = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (Math.abs(nowMs - dateMs) > maxSkew)
    return fail(
      'date_skew',
      `X-Sdk-Date is more than ${Math.round(maxSkew / 60000)} minutes away from the server time; check the clock.`,
    );

  // SECURITY: a temporary credential's token must be signed, so it cannot be swapped.
  if (readHeader(req.headers, 'x-security-token') !== undefined && !signed.includes('x-security-token'))
    return fail('malformed_header', 'X-Security-Token is present but not signed.');

  let canonicalHeaders = '';
  for (const name of signed) {
    const value = readHeader(req.headers, name);
    if (value === undefined) return fail('missing_header', `Signed header "${name}" is missing.`);
    canonicalHeaders += `${name}:${value.trim()}\n`;
  }

  const sk = lookupSecret(ak);
  if (sk === undefined || sk === '') return fail('unknown_ak', 'The access key is unknown.');

  let payloadHash = bodyHash(req.body);
  const declared = readHeader(req.headers, 'x-sdk-content-sha256');
  if (declared !== undefined) {
    const d = declared.trim();
    if (d === UNSIGNED_PAYLOAD) {
      // SECURITY: an unsigned payload leaves the body unauthenticated; the SDK sends it for
      // non-JSON bodies, so it is accepted unless the caller opts out.
      if (opts.allowUnsignedPayload === false)
        return fail('signature_mismatch', 'Unsigned payloads are not accepted.');
      payloadHash = UNSIGNED_PAYLOAD;
    } else if (d.toLowerCase() !== payloadHash) {
      return fail('signature_mismatch', 'The body does not match X-Sdk-Content-Sha256.');
    }
  }

  const sts = stringToSign(
    req.method.toUpperCase(),
    canonicalUri(stripQuery(req.rawPath)),
    canonicalQueryString(req.rawQuery),
    canonicalHeaders,
    signedList,
    payloadHash,
    dateValue.trim(),
  );
  const expected = hmacHex(sk, sts);
  // SECURITY: constant-time comparison; both sides are 64 ASCII hex characters.
  if (!timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(signature, 'latin1')))
    return fail('signature_mismatch', 'The request signature does not match.');
  return { ok: true, ak };
}

function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}
