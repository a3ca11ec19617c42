import { describe, expect, it } from 'vitest';
import {
  DEV_CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isTrustedSender,
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
