/**
 * User data crosses the bridge as the plain script and is base64-encoded exactly once, in main,
 * for every operation that takes it (create, reinstall, change OS).
 */
import { describe, expect, it } from 'vitest';
import { changeOsBody, createBody, reinstallBody } from '../../main/ipc/handlers/server-bodies';
import { validateInvoke } from '../../shared/ipc/schemas';

const script = '#!/bin/bash\necho "día ✓" > /tmp/x\n';
const once = Buffer.from(script, 'utf8').toString('base64');
const scope = { accountId: 'sandbox', region: 'sandbox-1' };

describe('request bodies with user data', () => {
  it('reinstall and change OS encode the plain script once, as create does', () => {
    const reinstall = validateInvoke('servers.reinstall', {
      ...scope,
      id: 'srv-1',
      keyName: 'k',
      userData: script,
    });
    const change = validateInvoke('servers.changeOs', {
      ...scope,
      id: 'srv-1',
      imageId: 'img-1',
      keyName: 'k',
      userData: script,
    });
    const create = validateInvoke('servers.create', {
      ...scope,
      spec: {
        name: 'a',
        imageId: 'img-1',
        flavorId: 'f-1',
        vpcId: 'v-1',
        nics: [{ subnetId: 'n-1' }],
        rootVolume: { volumeType: 'SSD' },
        keyName: 'k',
        userData: script,
      },
    });
    if (!reinstall.ok || !change.ok || !create.ok) throw new Error('the samples must be valid');
    expect(reinstallBody(reinstall.value)).toEqual({
      'os-reinstall': { keyname: 'k', metadata: { user_data: once } },
    });
    expect(changeOsBody(change.value)).toEqual({
      'os-change': { imageid: 'img-1', keyname: 'k', metadata: { user_data: once } },
    });
    expect(createBody(create.value).server.user_data).toBe(once);
    expect(Buffer.from(once, 'base64').toString('utf8')).toBe(script);
  });

  it('user data is limited to 32 KB of UTF-8 bytes, not characters', () => {
    const at = (text: string) =>
      validateInvoke('servers.reinstall', { ...scope, id: 'srv-1', userData: text });
    expect(at('a'.repeat(32 * 1024)).ok).toBe(true);
    expect(at('a'.repeat(32 * 1024 + 1)).ok).toBe(false);
    // 2-byte characters: 16,384 fit, one more does not.
    expect(at('é'.repeat(16 * 1024)).ok).toBe(true);
    expect(at('é'.repeat(16 * 1024 + 1)).ok).toBe(false);
  });
});
