/**
 * The canonical request of SDK-HMAC-SHA256, shared by the signer (sign.ts) and the verifier
 * (verify.ts): percent-encoding, the canonical URI and query, X-Sdk-Date, the body hash and the
 * string to sign. The algorithm and where the sources disagree are described in sign.ts.
 */
import { hash } from 'node:crypto';

/** The signing algorithm name, first word of the Authorization header. */
export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** The payload hash the SDK declares for bodies it does not hash. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

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
// Body hash and string to sign

/** Hex SHA-256 of the exact body bytes (the empty body's hash when there is none). */
export function bodyHash(body: Uint8Array | string | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_BODY_SHA256;
  return hash('sha256', body, 'hex');
}

/** The string to sign of a canonical request (both sides build it the same way). */
export function stringToSign(
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
