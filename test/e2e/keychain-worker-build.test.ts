/**
 * The built app's keychain worker: electron-vite emits `out/main/keychain-worker.js` beside
 * `out/main/index.js`, the launcher finds it from there, and it stores, reads and deletes a secret
 * in the session keyring, started as the app starts it (node with ELECTRON_RUN_AS_NODE=1).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultWorkerLaunch } from '../../main/accounts/keychain-process';
import { KeytarStore } from '../../main/accounts/vault';

const outMain = join(import.meta.dirname, '../../out/main');

describe('the built keychain worker', () => {
  it('is found next to the bundled main entry and answers from the keyring', async () => {
    if (!existsSync(join(outMain, 'index.js')))
      throw new Error('Build the app first: npx electron-vite build');
    const launch = defaultWorkerLaunch(process.env, pathToFileURL(join(outMain, 'index.js')).href);
    expect(launch.args).toEqual([join(outMain, 'keychain-worker.js')]);
    expect(launch.env?.ELECTRON_RUN_AS_NODE).toBe('1');
    const store = new KeytarStore({ worker: launch });
    const id = `built-worker-${randomBytes(4).toString('hex')}`;
    try {
      await store.set(id, 'sk', `secret-${id}`);
      expect(await store.get(id, 'sk')).toBe(`secret-${id}`);
      expect(await store.delete(id, 'sk')).toBe(true);
      expect(await store.get(id, 'sk')).toBeUndefined();
      expect(store.status()).toMatchObject({ state: 'ok' });
    } finally {
      store.close();
    }
  });
});
