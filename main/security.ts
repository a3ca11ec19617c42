/**
 * Security policy of the Electron shell as plain data and pure functions, so it is unit-tested
 * without Electron (the shell in window.ts only applies it).
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/** The privileged scheme the built renderer is served from (never file://). */
export const APP_SCHEME = 'app';

/** The origin of the built renderer. */
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;

/**
 * SECURITY: the policy the Vite dev server sends as a header (electron.vite.config.ts; Vite's
 * client needs inline styles and a websocket). The production build carries its own hash-based
 * strict policy in a meta tag (scripts/strict-csp.ts).
 */
export const DEV_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws:; base-uri 'none'; form-action 'none'; object-src 'none'";

/**
 * Maps an app:// request URL to a file below `root`, or undefined for anything outside it
 * (other hosts, `..` escapes, encoded separators). SECURITY: the protocol handler serves nothing else.
 */
export function resolveAppPath(root: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'bundle') return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\\') || path.includes('\0')) return undefined;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return undefined;
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return `${base}/${rel}`;
}

/**
 * The file an app:// request may be served from: {@link resolveAppPath}, then both the file and
 * `root` resolved through symlinks (realpath). Undefined when the URL is refused, the file does not
 * exist, or its real location is not inside the real `root`. SECURITY: a symlink placed in the
 * renderer folder (or an asset replaced by one) can never serve a file from elsewhere.
 */
export async function resolveAppFile(root: string, requestUrl: string): Promise<string | undefined> {
  const lexical = resolveAppPath(root, requestUrl);
  if (lexical === undefined) return undefined;
  let realRoot: string;
  let real: string;
  try {
    [realRoot, real] = await Promise.all([realpath(root), realpath(lexical)]);
  } catch {
    return undefined;
  }
  const rel = relative(realRoot, real);
  if (rel === '' || isAbsolute(rel) || rel.split(sep)[0] === '..') return undefined;
  return real;
}

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
  // Same scheme and host (with port): URL.origin would be "null" for app:// in Node.
  return frame.host === app.host;
}
