import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isTrustedSender,
  resolveAppFile,
  resolveAppPath,
} from '../../main/security';

describe('external links', () => {
  it('opens only https links to allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://support.huaweicloud.com/api-ecs/index.html')).toBe(true);
    expect(isAllowedExternalUrl('http://support.huaweicloud.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://support.huaweicloud.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('IPC sender validation', () => {
  const fileApp = 'file:///opt/ecs-desktop/resources/app/out/renderer/index.html';
  it('trusts only the app page itself for file:// builds', () => {
    expect(isTrustedSender(fileApp, fileApp)).toBe(true);
    expect(isTrustedSender(`${fileApp}#/servers`, fileApp)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil.html', fileApp)).toBe(false);
    expect(isTrustedSender('https://example.com/', fileApp)).toBe(false);
    expect(isTrustedSender(undefined, fileApp)).toBe(false);
  });
  it('trusts the dev server origin only', () => {
    expect(isTrustedSender('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('the dev content security policy', () => {
  it('allows no remote, inline or eval script and no plugins', () => {
    const scriptSrc = DEV_CONTENT_SECURITY_POLICY.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(DEV_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('app:// path resolution', () => {
  const root = '/opt/app/out/renderer';
  it('serves files below the renderer folder', () => {
    expect(resolveAppPath(root, 'app://bundle/')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://bundle/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://bundle/assets/index-abc.js?v=1')).toBe(`${root}/assets/index-abc.js`);
  });
  it('refuses escapes, other hosts and other schemes', () => {
    // The URL parser resolves encoded dots first, so this stays below the root.
    expect(resolveAppPath(root, 'app://bundle/%2e%2e/%2e%2e/etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveAppPath(root, 'app://bundle/assets/..%2f..%2fsecret')).toBeUndefined();
    expect(resolveAppPath(root, 'app://bundle/a%5c..%5cb')).toBeUndefined();
    expect(resolveAppPath(root, 'app://bundle/%E0%A4%A')).toBeUndefined();
    expect(resolveAppPath(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeUndefined();
  });
  it('trusts IPC only from app://bundle', () => {
    expect(isTrustedSender('app://bundle/index.html', 'app://bundle/index.html')).toBe(true);
    expect(isTrustedSender('app://evil/index.html', 'app://bundle/index.html')).toBe(false);
  });
});

describe('app:// file resolution through symlinks (real folders)', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'app-root-')));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'app.js'), '1');
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'secret.txt'), 'secret');
    await writeFile(join(base, 'outside', 'x.js'), 'x');
    // Escapes: a file link and a folder link pointing out of the renderer folder, a link to a
    // sibling folder whose name starts like the root's, and an absolute link to /etc/passwd.
    await symlink(join(base, 'secret.txt'), join(root, 'leak.txt'));
    await symlink(join(base, 'outside'), join(root, 'assets', 'more'));
    await mkdir(join(base, 'renderer-evil'));
    await writeFile(join(base, 'renderer-evil', 'y.js'), 'y');
    await symlink(join(base, 'renderer-evil'), join(root, 'evil'));
    await symlink('/etc/passwd', join(root, 'passwd'));
    // Allowed: a link that stays inside, and the whole root reached through a link.
    await symlink(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
    await symlink(root, join(base, 'renderer-link'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves real files below the renderer folder, following links that stay inside', async () => {
    expect(await resolveAppFile(root, 'app://bundle/')).toBe(join(root, 'index.html'));
    expect(await resolveAppFile(root, 'app://bundle/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(await resolveAppFile(root, 'app://bundle/alias.js')).toBe(join(root, 'assets', 'app.js'));
    const linked = join(base, 'renderer-link');
    expect(await resolveAppFile(linked, 'app://bundle/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses a symlink that escapes the renderer folder, by file or by folder', async () => {
    expect(await resolveAppFile(root, 'app://bundle/leak.txt')).toBeUndefined();
    expect(await resolveAppFile(root, 'app://bundle/assets/more/x.js')).toBeUndefined();
    expect(await resolveAppFile(root, 'app://bundle/evil/y.js')).toBeUndefined();
    expect(await resolveAppFile(root, 'app://bundle/passwd')).toBeUndefined();
    // The lexical check alone would have let every one of them through.
    expect(resolveAppPath(root, 'app://bundle/leak.txt')).toBe(join(root, 'leak.txt'));
  });

  it('refuses missing files and whatever the lexical check refuses', async () => {
    expect(await resolveAppFile(root, 'app://bundle/missing.js')).toBeUndefined();
    expect(await resolveAppFile(root, 'app://bundle/assets/..%2f..%2fsecret.txt')).toBeUndefined();
    expect(await resolveAppFile(root, 'app://other/index.html')).toBeUndefined();
    expect(await resolveAppFile(join(base, 'missing-root'), 'app://bundle/index.html')).toBeUndefined();
  });
});
