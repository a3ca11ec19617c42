/// <reference lib="dom" />
/**
 * The smoke test of the real Electron app (`npm run test:electron`, run by the release workflow on
 * the packaged app of each platform). Never part of `npm test`: Electron's binary is needed. The
 * runner (scripts/test-electron.mjs) finds the binary and passes it in ECS_DESKTOP_ELECTRON_BIN
 * (plus ECS_DESKTOP_ELECTRON_ARGS, JSON, for an unpackaged build). On Linux it needs a display
 * (xvfb-run) and a Secret Service (gnome-keyring in a D-Bus session); see the workflow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/ipc/contract';

const bin = process.env.ECS_DESKTOP_ELECTRON_BIN;
const args = JSON.parse(process.env.ECS_DESKTOP_ELECTRON_ARGS ?? '[]') as string[];
const LONG = 90_000;
const scope = { accountId: 'sandbox', region: 'sandbox-1' };

type Win = Window & { api: Api };

describe('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let home: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!bin) throw new Error('ECS_DESKTOP_ELECTRON_BIN is not set: run this through npm run test:electron');
    // A fresh home and config folder: a first run, and the developer's own data is never touched.
    home = mkdtempSync(join(tmpdir(), 'ecs-desktop-smoke-'));
    app = await _electron.launch({
      executablePath: bin,
      args,
      // SECURITY: the OS sandbox stays on, as users run the app (Playwright turns it off by default).
      chromiumSandbox: true,
      env: {
        ...(process.env as Record<string, string>),
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        APPDATA: join(home, 'AppData', 'Roaming'),
        LOCALAPPDATA: join(home, 'AppData', 'Local'),
      },
      timeout: LONG,
    });
    page = await app.firstWindow({ timeout: LONG });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.waitForFunction(() => typeof (window as unknown as Partial<Win>).api === 'object', null, {
      timeout: LONG,
    });
  }, LONG * 2);

  afterAll(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const invoke = <C extends Parameters<Api['invoke']>[0]>(channel: C, arg: Parameters<Api['invoke']>[1]) =>
    page.evaluate(([c, a]) => (window as unknown as Win).api.invoke(c as C, a as never), [
      channel,
      arg,
    ] as const);

  it('runs in Electron from a fresh data folder and opens one window on the Sandbox account', async () => {
    const info = await invoke('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron', name: 'ecs-desktop' } });
    if (info.ok) expect(info.value.versions.electron).toMatch(/^\d+\.\d+\.\d+/);
    if (process.platform === 'linux') {
      const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
      expect(userData.startsWith(home)).toBe(true);
    }
    expect(app.windows()).toHaveLength(1);
    const accounts = await invoke('accounts.list', {});
    expect(accounts).toMatchObject({ ok: true, value: { defaultAccountId: 'sandbox' } });
    await expect
      .poll(() => page.getByTestId('status-account').textContent(), { timeout: LONG })
      .toBe('Sandbox');
  });

  it('loads keytar inside Electron and reaches the Secret Service: the keychain status is OK', async () => {
    const status = await invoke('accounts.keychainStatus', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'ok' } });
  });

  it('lists servers of the Sandbox in the servers grid', async () => {
    const [flavors, images, vpcs] = await Promise.all([
      invoke('flavors.list', scope),
      invoke('images.list', scope),
      invoke('vpcs.list', scope),
    ]);
    if (!flavors.ok || !images.ok || !vpcs.ok) throw new Error('the Sandbox catalogue did not load');
    const vpc = vpcs.value.vpcs[0]!;
    const subnets = await invoke('subnets.list', { ...scope, vpcId: vpc.id });
    if (!subnets.ok) throw new Error(subnets.error.message);
    const spec = {
      name: 'smoke',
      imageId: images.value.images[0]!.id,
      flavorId: flavors.value.flavors.find((f) => f.status === 'normal')!.id,
      vpcId: vpc.id,
      nics: [{ subnetId: subnets.value.subnets[0]!.id }],
      rootVolume: { volumeType: 'SSD', sizeGb: 40 },
      adminPass: 'Smoke-Passw0rd',
      count: 3,
    };
    const created = await invoke('servers.create', { ...scope, spec });
    expect(created.ok).toBe(true);
    // Whatever a first run shows first, the Servers pane is one click away in the sidebar.
    await page
      .getByRole('navigation', { name: 'Accounts and panes' })
      .getByRole('button', { name: 'Servers', exact: true })
      .click();
    const rows = page.getByRole('grid', { name: 'Servers' }).locator('.grid-body [role=row]');
    await expect.poll(() => rows.filter({ hasText: 'smoke' }).count(), { timeout: LONG }).toBe(3);
  });

  it('gives the page no Node: window.require and process are undefined', async () => {
    const types = await page.evaluate(() => [
      typeof (window as unknown as { require?: unknown }).require,
      typeof (globalThis as unknown as { process?: unknown }).process,
      typeof (window as unknown as { module?: unknown }).module,
    ]);
    expect(types).toEqual(['undefined', 'undefined', 'undefined']);
  });

  it('enforces the Content-Security-Policy: inline script in injected markup does not run', async () => {
    // The XSS vector of a console is markup from the cloud (a server name, a console log) rendered
    // as HTML: its inline handlers must not run. ('strict-dynamic' trusts script elements created
    // by script, by design, so injecting a <script> element would prove nothing.) No named helper
    // inside the callback: a transpiler may wrap it in code the page does not have.
    const result = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; directive: string }>((resolve) => {
          const w = window as unknown as { __smokeInline?: boolean };
          document.addEventListener(
            'securitypolicyviolation',
            (e) =>
              setTimeout(
                () => resolve({ ran: w.__smokeInline === true, directive: e.effectiveDirective }),
                500,
              ),
            { once: true },
          );
          document.body.insertAdjacentHTML(
            'beforeend',
            '<img alt="" src="data:image/png;base64,AAAA" onerror="window.__smokeInline = true">',
          );
          setTimeout(() => resolve({ ran: w.__smokeInline === true, directive: 'none' }), 3000);
        }),
    );
    expect(result).toEqual({ ran: false, directive: 'script-src-attr' });
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  });

  it('refuses to navigate to another origin or to open a window', async () => {
    const before = page.url();
    expect(before).toMatch(/^app:\/\//);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.evaluate(() => window.open('https://example.com/', '_blank'));
    await new Promise((r) => setTimeout(r, 2000));
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
