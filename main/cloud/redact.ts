/**
 * Secret redaction for every error and log line (SECURITY).
 *
 * Two layers: header and field names known to hold secrets are always masked, and every secret
 * value that the process has registered (secret keys, tokens, passwords) is replaced wherever it
 * appears in free text, so a secret echoed back by a server or embedded in a URL cannot leak.
 */

const MASK = '***';

/** Header names whose values are never logged. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'x-auth-token',
  'x-subject-token',
  'x-security-token',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** JSON field names whose values are never logged (IAM bodies, create-server bodies, credentials). */
const SECRET_FIELDS =
  /("(?:password|adminPass|admin_pass|secret|sk|secret_key|secretKey|security_token|securityToken|securitytoken|token|access_token|user_data|private_key)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

const known = new Set<string>();

/**
 * Registers a secret so that it is masked wherever it later appears in error or log text.
 * Values shorter than 6 characters are ignored (masking them would garble ordinary text).
 */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 6) known.add(value);
}

/** Forgets a secret (after an account is removed or a token expires). */
export function forgetSecret(value: string | undefined | null): void {
  if (value) known.delete(value);
}

/** Masks secret JSON fields, signature material and every registered secret in `text`. */
export function redactText(text: string): string {
  let out = text.replace(SECRET_FIELDS, `$1"${MASK}"`);
  out = out.replace(/(Signature=)[0-9a-fA-F]+/g, `$1${MASK}`);
  out = out.replace(
    /((?:X-Auth-Token|X-Security-Token|X-Subject-Token|Authorization)\s*[:=]\s*)\S+/gi,
    `$1${MASK}`,
  );
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** A copy of `headers` with secret headers masked, for logs. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? MASK : redactText(value);
  }
  return out;
}
