import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpc, type AppEvent, type Ipc } from '../../main/ipc/index';
import { createServices, type Services } from '../../main/services';

let dir: string;
let services: Services;
let ipc: Ipc;
const titles: { accountName: string; region: string }[] = [];
const events: AppEvent[] = [];
const sender = { url: 'harness:' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ipc-settings-'));
  services = await createServices({ dataDir: dir, vaultMode: 'session-only', sandbox: false });
  ipc = createIpc(services, {
    appInfo: () => ({ name: 'ecs-desktop', version: '0.1.0', versions: {}, shell: 'harness' }),
    isTrustedSender: (s) => s.url === 'harness:',
    desktop: {
      setScope: (scope) => {
        titles.push(scope);
        return `title for ${scope.accountName}`;
      },
    },
  });
  ipc.onEvent((e) => events.push(e));
});
afterAll(async () => {
  ipc.dispose();
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('settings, updates and window-title channels', () => {
  it('reads and writes the settings file through settings.get / settings.set', async () => {
    expect(await ipc.dispatch('settings.get', {}, sender)).toEqual({
      ok: true,
      value: { welcomeDismissed: false, updateCheck: true },
    });
    expect(await ipc.dispatch('settings.set', { welcomeDismissed: true }, sender)).toEqual({
      ok: true,
      value: { welcomeDismissed: true, updateCheck: true },
    });
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { settings: unknown };
    expect(onDisk.settings).toEqual({ welcomeDismissed: true, updateCheck: true });
    const bad = await ipc.dispatch('settings.set', { updateCheck: 'yes' }, sender);
    expect(bad.ok).toBe(false);
    const unknown = await ipc.dispatch('settings.set', { theme: 'dark' }, sender);
    expect(!unknown.ok && unknown.error.message).toContain('theme');
  });

  it('says that no update check exists where none was configured, and never calls out', async () => {
    const status = await ipc.dispatch('updates.check', {}, sender);
    expect(status).toMatchObject({ ok: true, value: { enabled: false, checking: false } });
    expect(status.ok && (status.value as { unavailableReason?: string }).unavailableReason).toMatch(
      /never calls out/,
    );
    expect(events.filter((e) => e.channel === 'app.update')).toEqual([]);
  });

  it('titles the window after a known account and one of its regions only', async () => {
    const ok = await ipc.dispatch('app.setScope', { accountId: 'sandbox', region: 'sandbox-1' }, sender);
    expect(ok).toEqual({ ok: true, value: { title: 'title for Sandbox' } });
    expect(titles).toEqual([{ accountName: 'Sandbox', region: 'sandbox-1' }]);
    const region = await ipc.dispatch('app.setScope', { accountId: 'sandbox', region: 'cn-north-4' }, sender);
    expect(!region.ok && region.error.message).toBe('Sandbox has no region cn-north-4.');
    const account = await ipc.dispatch('app.setScope', { accountId: 'nobody', region: 'cn-north-4' }, sender);
    expect(account.ok).toBe(false);
    expect(titles).toHaveLength(1);
  });
});
