/**
 * Server side of SDK-HMAC-SHA256: checks an incoming request's signature from the raw path and
 * query as received (the simulator verifies every request with it). The canonical request is the
 * signer's own (sign-canonical.ts), so the two cannot drift.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmacHex } from './hmac';
import {
  UNSIGNED_PAYLOAD,
  bodyHash,
  canonicalQueryString,
  canonicalUri,
  parseSdkDate,
  stringToSign,
} from './sign-canonical';

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

/** Default clock-skew tolerance of {@link verifySignature}: 15 minutes, in milliseconds. */
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

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
