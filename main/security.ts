/**
 * Security policy of the Electron shell as plain data and pure functions, so it is unit-tested
 * without Electron (the shell in window.ts only applies it).
 */

/** SECURITY: the Content-Security-Policy of every page we load: our own scripts only, no remote content. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** SECURITY: the only hosts `shell.openExternal` may open (documentation and console links), https only. */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set([
  'support.huaweicloud.com',
  'console.huaweicloud.com',
  'www.huaweicloud.com',
  'github.com',
]);

/** True when `url` is an https link to an allow-listed host (anything else is never opened). */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    EXTERNAL_LINK_HOSTS.has(parsed.hostname)
  );
}

/**
 * True when an IPC message comes from our own renderer: the sender frame's URL must be the app's
 * own page (the built file, or the dev server in development). SECURITY: checked on every message.
 */
export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  if (!frameUrl) return false;
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (frame.protocol !== app.protocol) return false;
  if (app.protocol === 'file:') return frame.pathname === app.pathname;
  return frame.origin === app.origin;
}
