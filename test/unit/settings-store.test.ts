import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE_NAME, SettingsStore } from '../../main/settings/settings-store';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-test-'));
  file = join(dir, SETTINGS_FILE_NAME);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const backups = async () => (await readdir(dir)).filter((n) => n.includes('.bad-'));

describe('the settings store', () => {
  it('starts from the defaults without a file and writes nothing until something changes', async () => {
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual({ welcomeDismissed: false, updateCheck: true });
    expect(store.problem).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists changes atomically, mode 0600, versioned, and reads them back', async () => {
    const store = await SettingsStore.open(dir);
    await store.set({ welcomeDismissed: true });
    await store.setUpdateState({ lastCheckAt: NOW, dismissedVersion: '1.2.0' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      settings: { welcomeDismissed: true, updateCheck: true },
      updates: { lastCheckAt: NOW, dismissedVersion: '1.2.0' },
    });
    const again = await SettingsStore.open(dir);
    expect(again.get()).toEqual({ welcomeDismissed: true, updateCheck: true });
    expect(again.updateState()).toEqual({ lastCheckAt: NOW, dismissedVersion: '1.2.0' });
    // No temp file is left behind.
    expect(await readdir(dir)).toEqual([SETTINGS_FILE_NAME]);
  });

  it('applies concurrent changes one after the other, losing none', async () => {
    const store = await SettingsStore.open(dir);
    await Promise.all([
      store.set({ welcomeDismissed: true }),
      store.setUpdateState({ lastCheckAt: NOW }),
      store.set({ updateCheck: false }),
      store.setUpdateState({
        latest: { version: '2.0.0', url: 'https://github.com/o/r/releases/tag/v2.0.0' },
      }),
    ]);
    const again = await SettingsStore.open(dir);
    expect(again.get()).toEqual({ welcomeDismissed: true, updateCheck: false });
    expect(again.updateState()).toEqual({
      lastCheckAt: NOW,
      latest: { version: '2.0.0', url: 'https://github.com/o/r/releases/tag/v2.0.0' },
    });
  });

  it('keeps a file that is not JSON as a backup, says so, and starts from the defaults', async () => {
    await writeFile(file, '{ "version": 1, "settings": { "welcomeDismissed": tru');
    const store = await SettingsStore.open(dir, () => NOW);
    expect(store.get()).toEqual({ welcomeDismissed: false, updateCheck: true });
    expect(store.problem).toMatch(/settings\.json was damaged: it is not valid JSON/);
    expect(store.problem).toContain(store.backupPath);
    expect(await backups()).toEqual(['settings.json.bad-2026-01-02T03-04-05-000Z']);
    expect(await readFile(store.backupPath!, 'utf8')).toContain('"welcomeDismissed": tru');
    // The next write replaces the damaged file; the backup stays.
    await store.set({ updateCheck: false });
    expect(JSON.parse(await readFile(file, 'utf8')).settings.updateCheck).toBe(false);
    expect(await backups()).toHaveLength(1);
  });

  it('never overwrites a damaged file it could not copy aside', async () => {
    await writeFile(file, 'not json at all');
    // The backup name is taken: the copy fails.
    await writeFile(join(dir, 'settings.json.bad-2026-01-02T03-04-05-000Z'), 'an older backup');
    const store = await SettingsStore.open(dir, () => NOW);
    expect(store.problem).toContain('could not be copied aside');
    expect(store.backupPath).toBeUndefined();
    await expect(store.set({ welcomeDismissed: true })).rejects.toThrow(/not saved/);
    expect(await readFile(file, 'utf8')).toBe('not json at all');
    expect(await readFile(join(dir, 'settings.json.bad-2026-01-02T03-04-05-000Z'), 'utf8')).toBe(
      'an older backup',
    );
  });

  it('keeps every valid field of a file with bad values, and names the bad ones', async () => {
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        settings: { welcomeDismissed: 'yes', updateCheck: false },
        updates: { lastCheckAt: -5, dismissedVersion: '1.0.0', latest: { version: 'one', url: 'x' } },
      }),
    );
    const store = await SettingsStore.open(dir, () => NOW);
    expect(store.get()).toEqual({ welcomeDismissed: false, updateCheck: false });
    expect(store.updateState()).toEqual({ dismissedVersion: '1.0.0' });
    expect(store.problem).toContain('settings.welcomeDismissed must be true or false');
    expect(store.problem).toContain('updates.lastCheckAt is not valid');
    expect(store.problem).toContain('updates.latest is not valid');
    expect(await backups()).toHaveLength(1);
  });

  it('does not read a file of a newer format or a wrong shape as its own', async () => {
    await writeFile(
      file,
      JSON.stringify({ version: 7, settings: { welcomeDismissed: true, updateCheck: false } }),
    );
    const newer = await SettingsStore.open(dir, () => NOW);
    expect(newer.get()).toEqual({ welcomeDismissed: false, updateCheck: true });
    expect(newer.problem).toContain('written by a newer ECS Desktop (format 7');
    await rm(newer.backupPath!);

    await writeFile(file, '[true, false]');
    const array = await SettingsStore.open(dir, () => NOW + 1);
    expect(array.problem).toContain('the file is not a JSON object');

    await writeFile(file, JSON.stringify({ version: 1, settings: 'on' }));
    const shape = await SettingsStore.open(dir, () => NOW + 2);
    expect(shape.problem).toContain('"settings" must be an object');
  });

  it('refuses an oversized file without reading it', async () => {
    await writeFile(file, `{"version":1,"pad":"${'x'.repeat(70_000)}"}`);
    const store = await SettingsStore.open(dir, () => NOW);
    expect(store.problem).toContain('larger than 65536 bytes');
    expect(store.get()).toEqual({ welcomeDismissed: false, updateCheck: true });
  });

  it('rejects a bad value or a failed write and keeps the previous settings', async () => {
    const store = await SettingsStore.open(dir);
    await expect(store.set({ updateCheck: 'no' as unknown as boolean })).rejects.toThrow();
    expect(store.get().updateCheck).toBe(true);
    // The data folder is replaced by a file: the write cannot happen.
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    await expect(store.set({ welcomeDismissed: true })).rejects.toThrow();
    expect(store.get().welcomeDismissed).toBe(false);
    await rm(dir);
  });

  it('tells listeners about changes; a failing listener does not stop the others', async () => {
    const store = await SettingsStore.open(dir);
    const seen: boolean[] = [];
    store.onChange(() => {
      throw new Error('broken listener');
    });
    const off = store.onChange((s) => seen.push(s.updateCheck));
    await store.set({ updateCheck: false });
    off();
    await store.set({ updateCheck: true });
    expect(seen).toEqual([false]);
  });
});
