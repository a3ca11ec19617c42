import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isTrustedSender } from '../../main/security';

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

describe('content security policy', () => {
  it('allows no remote or inline script and no plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
