import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run test:electron` must fail loudly, in one line, wherever Electron cannot run, and never
// report a pass. These runs use empty checkouts (--root) so the result does not depend on whether
// this machine has downloaded Electron.
const script = fileURLToPath(new URL('../../scripts/test-electron.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'test-electron-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const res = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 90_000 });
  const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
  return { status: res.status, out: lines(res.stdout), err: lines(res.stderr), all: res.stdout + res.stderr };
}

const packagedPath = (root: string) =>
  process.platform === 'linux'
    ? join(root, 'dist', `linux${process.arch === 'arm64' ? '-arm64' : ''}-unpacked`, 'ecs-desktop')
    : '';

describe('npm run test:electron without an Electron binary', () => {
  it('exits 1 with one line naming where it looked and how to get Electron', () => {
    const root = mkdtempSync(join(scratch, 'empty-'));
    const r = run('--root', root);
    expect(r.status).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^test:electron: no Electron binary at /);
    expect(r.err[0]).toContain(join(root, 'node_modules', 'electron', 'dist'));
    if (packagedPath(root)) expect(r.err[0]).toContain(packagedPath(root));
    expect(r.err[0]).toContain('Electron CDN');
  });

  it('exits 1 with one line when the executable given with --app does not exist', () => {
    const missing = join(scratch, 'nowhere', 'ecs-desktop');
    const r = run('--app', missing);
    expect(r.status).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      `test:electron: no Electron binary at ${missing}; build the app with npm run dist, or pass --app <executable>`,
    ]);
  });

  it('asks for a build when Electron is downloaded but out/ is missing', () => {
    const root = mkdtempSync(join(scratch, 'dev-'));
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    const r = run('--root', root);
    expect(r.status).toBe(1);
    expect(r.err).toEqual(['test:electron: no build in out/: run npm run build first']);
  });

  it('fails, and never reports a pass, when the binary is not a working Electron', () => {
    const fake = join(scratch, process.platform === 'win32' ? 'fake.cmd' : 'fake-electron');
    writeFileSync(fake, process.platform === 'win32' ? '@exit /b 0\r\n' : '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    const r = run('--app', fake);
    expect(r.status).not.toBe(0);
    expect(r.all).toContain(`test:electron: driving ${fake}`);
    expect(r.err.at(-1)).toMatch(/^test:electron: the smoke test failed \(exit \d+\)$/);
    expect(r.all).not.toMatch(/Tests\s+\d+ passed/);
  }, 90_000);
});
