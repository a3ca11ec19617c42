/**
 * Every file the app writes in its data folder is 0600 and every folder 0700, whatever the umask
 * and whatever an older version left there: accounts, job journal, inventory cache, window state,
 * Sandbox state. Runs the real services and the in-process Sandbox over HTTP.
 */
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpc } from '../../main/ipc/index';
import { createServices } from '../../main/services';
import { saveWindowState } from '../../main/window-state';

let root: string;
let dataDir: string;
let umask: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ecs-modes-'));
  dataDir = join(root, 'data');
  // The loosest umask: any mode the app does not set itself would come out world-readable.
  umask = process.umask(0);
});
afterAll(async () => {
  process.umask(umask);
  await rm(root, { recursive: true, force: true });
});

/** `relative path -> mode` of everything under `dir` (folders end in '/'). */
async function modes(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const mode = (await stat(path)).mode & 0o777;
      out.set(`${relative(dir, path)}${entry.isDirectory() ? '/' : ''}`, mode);
      if (entry.isDirectory()) await walk(path);
    }
  };
  await walk(dir);
  return out;
}

describe.skipIf(process.platform === 'win32')('data folder modes', () => {
  it('the umask really is 0 here (so the modes below are the app’s own)', async () => {
    const probe = join(root, 'probe');
    await writeFile(probe, 'x');
    expect((await stat(probe)).mode & 0o777).toBe(0o666);
  });

  it('after a session (accounts, jobs, inventory, window, Sandbox) every file is 0600 and every folder 0700', async () => {
    // What an older version may have left: a loose data folder and loose files in it.
    await mkdir(join(dataDir, 'inventory', 'old'), { recursive: true, mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'inventory', 'old', 'stale.json'), '{}', { mode: 0o644 });
    await writeFile(join(dataDir, 'window-state.json'), '{}', { mode: 0o644 });

    const services = await createServices({
      dataDir,
      vaultMode: 'session-only',
      sandbox: { servers: 2, speed: 200 },
    });
    const ipc = createIpc(services, {
      appInfo: () => ({ name: 'ecs-desktop', version: '0', versions: {}, shell: 'harness' }),
      isTrustedSender: (s) => s.url === 'harness:',
    });
    const call = async (channel: string, arg: unknown): Promise<unknown> => {
      const res = await ipc.dispatch(channel as never, arg, { url: 'harness:' });
      if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
      return res.value;
    };
    try {
      const scope = { accountId: 'sandbox', region: services.sandbox!.info.region };
      await call('accounts.edit', { id: 'sandbox', label: 'local' });
      const list = (await call('servers.list', { ...scope })) as { items: { id: string }[] };
      expect(list.items.length).toBe(2);
      const ref = (await call('servers.stop', { ...scope, ids: [list.items[0]!.id], type: 'HARD' })) as {
        jobId: string;
      };
      // The journal is written when the job is registered and again when it ends.
      for (let i = 0; i < 400; i++) {
        const { jobs } = (await call('jobs.list', {})) as { jobs: { id: string; state: string }[] };
        if (jobs.find((j) => j.id === ref.jobId)?.state === 'succeeded') break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await saveWindowState(dataDir, { bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false });
    } finally {
      ipc.dispose();
      await services.dispose();
    }

    const found = await modes(dataDir);
    const names = [...found.keys()];
    // Each writer really wrote (so a clean result means something).
    for (const expected of ['accounts.json', 'jobs.json', 'window-state.json', 'sandbox-state.json'])
      expect(names, `${expected} was written`).toContain(expected);
    expect(names.some((n) => /^inventory\/[0-9a-f]{32}\/[0-9a-f]{32}\.servers\.json$/.test(n))).toBe(true);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const loose = [...found].filter(([name, mode]) => mode !== (name.endsWith('/') ? 0o700 : 0o600));
    expect(loose.map(([name, mode]) => `${name} ${mode.toString(8)}`)).toEqual([]);
  });
});
