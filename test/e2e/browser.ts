/**
 * Launches Debian's Chromium (or, where /usr/bin/chromium is absent, Playwright's own browser if
 * one is installed) headless for end-to-end tests. Never downloads a browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Chromium flags for a closed network: no background traffic, no sandbox (tests run as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Path of the Chromium to drive; throws a clear error when there is none. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  const candidates = [fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  for (const p of candidates) if (existsSync(p)) return p;
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH.',
  );
}

/** Launches headless Chromium with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Playwright gives every launch a fresh temporary profile.
    args: CHROMIUM_ARGS,
    headless: true,
  });
}
