/**
 * A hash-based strict Content-Security-Policy for the built renderer (SECURITY).
 *
 * The built index.html loads its bundle through one small inline script whose SHA-256 is
 * the only script source the policy allows; `'strict-dynamic'` extends trust to what that script
 * imports. No `'self'`, no `'unsafe-inline'`: an injected `<script>` or a file dropped next to the
 * bundle cannot run. The policy goes into a `<meta>` tag first in `<head>`, so the same file is
 * protected whether Electron loads it from the app:// protocol or a test serves it over http.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** The directives other than script-src, shared by every build. */
export const BASE_DIRECTIVES = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

const MODULE_SCRIPT = /<script type="module"(?: crossorigin)? src="([^"]+)"><\/script>\s*/g;

/**
 * Rewrites built HTML: each module script tag becomes a script element created by one inline loader,
 * and a CSP meta tag allowing only that loader's hash is inserted first in `<head>`.
 * Throws when the HTML has no module script or no `<head>` (a broken build must not ship).
 */
export function applyStrictCsp(html: string): { html: string; csp: string } {
  const sources: string[] = [];
  const stripped = html.replace(MODULE_SCRIPT, (_m, src: string) => {
    sources.push(src);
    return '';
  });
  if (sources.length === 0) throw new Error('strict-csp: the built index.html has no module script to load.');
  if (!/<head>/.test(stripped)) throw new Error('strict-csp: the built index.html has no <head>.');
  // A script element created by the trusted loader is "non-parser-inserted", which 'strict-dynamic'
  // trusts (Chromium does not extend that trust to a dynamic import()). The bundle is one chunk.
  const loader = sources
    .map(
      (src) =>
        `{const s=document.createElement('script');s.type='module';s.src=${JSON.stringify(src)};document.head.append(s);}`,
    )
    .join('');
  const hash = createHash('sha256').update(loader, 'utf8').digest('base64');
  const csp = [
    BASE_DIRECTIVES[0],
    `script-src 'sha256-${hash}' 'strict-dynamic'`,
    ...BASE_DIRECTIVES.slice(1),
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}" />`;
  const out = stripped
    .replace('<head>', `<head>\n    ${meta}`)
    .replace('</body>', `  <script>${loader}</script>\n  </body>`);
  return { html: out, csp };
}

/** Vite plugin applying {@link applyStrictCsp} to the production build (the dev server is left alone). */
export function strictCspPlugin(): Plugin {
  return {
    name: 'ecs-desktop-strict-csp',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: { order: 'post', handler: (html) => applyStrictCsp(html).html },
  };
}
