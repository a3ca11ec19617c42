/**
 * The IPC contract holds on both sides: main implements every channel (and the Electron bridge
 * registers every one with the sender check), the preload exposes exactly makeApi's API as
 * `window.api` and nothing else, and makeApi refuses unknown channels before anything is sent.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, makeApi } from '../../shared/ipc/contract';
import { validateInvoke } from '../../shared/ipc/schemas';
import { handlers, type Ipc } from '../../main/ipc/index';
import { validSamples } from './ipc-samples';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  handled: new Map<string, (event: unknown, payload: unknown) => unknown>(),
  invoked: [] as { channel: string; arg: unknown }[],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: (channel: string, arg: unknown) => {
      electron.invoked.push({ channel, arg });
      return Promise.resolve({ ok: true, value: { echoed: channel } });
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      let set = electron.listeners.get(channel);
      if (!set) electron.listeners.set(channel, (set = new Set()));
      set.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
      electron.listeners.get(channel)?.delete(fn),
  },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => {
      if (electron.handled.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handled.set(channel, fn);
    },
    removeHandler: (channel: string) => electron.handled.delete(channel),
  },
}));

describe('main side', () => {
  it('implements exactly the contract channels', () => {
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const c of INVOKE_CHANNELS) expect(typeof handlers[c]).toBe('function');
  });

  it('has a valid sample for every channel that passes its schema', () => {
    for (const c of INVOKE_CHANNELS) {
      const r = validateInvoke(c, validSamples[c]);
      expect(r.ok, `${c}: ${r.ok ? '' : r.message}`).toBe(true);
    }
  });

  it('the Electron bridge registers every channel and hands untrusted frames to dispatch as anonymous', async () => {
    const { registerIpc } = await import('../../main/ipc/electron-bridge');
    const calls: { channel: string; url: string | undefined }[] = [];
    const sent: { channel: string; payload: unknown }[] = [];
    let emit: ((e: { channel: string; payload: unknown }) => void) | undefined;
    const ipc: Ipc = {
      dispatch: (channel, _payload, sender) => {
        calls.push({ channel, url: sender.url });
        return Promise.resolve({ ok: true, value: null });
      },
      onEvent: (l) => {
        emit = l as typeof emit;
        return () => (emit = undefined);
      },
      emit: () => undefined,
      dispose: () => undefined,
    };
    const contents = {
      isDestroyed: () => false,
      send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
    };
    const unregister = registerIpc({
      ipc,
      appUrl: 'app://bundle/index.html',
      targets: () => [contents as never],
    });
    expect([...electron.handled.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    await electron.handled.get('app.info')!({ senderFrame: { url: 'app://bundle/index.html' } }, {});
    await electron.handled.get('app.info')!({ senderFrame: { url: 'https://evil.example/' } }, {});
    await electron.handled.get('app.info')!({ senderFrame: null }, {});
    expect(calls.map((c) => c.url)).toEqual(['app://bundle/index.html', undefined, undefined]);
    emit?.({ channel: 'servers.changed', payload: { accountId: 'a', region: 'r', ids: [] } });
    expect(sent).toEqual([{ channel: 'servers.changed', payload: { accountId: 'a', region: 'r', ids: [] } }]);
    unregister();
    expect(electron.handled.size).toBe(0);
    expect(emit).toBeUndefined();
  });
});

describe('the preload', () => {
  beforeEach(() => {
    electron.exposed.clear();
    electron.invoked.length = 0;
    vi.resetModules();
  });

  it('exposes only window.api, with exactly the keys makeApi builds', async () => {
    await import('../../preload/index');
    expect([...electron.exposed.keys()]).toEqual(['api']);
    const api = electron.exposed.get('api') as Record<string, unknown>;
    const reference = makeApi({ invoke: async () => null, subscribe: () => () => undefined });
    expect(Object.keys(api).sort()).toEqual(Object.keys(reference).sort());
    expect(Object.keys(api).sort()).toEqual(['invoke', 'off', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    // No Electron object leaks through: every value is a plain function of the contract.
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('forwards known channels to ipcRenderer and hands listeners the payload only', async () => {
    await import('../../preload/index');
    const api = electron.exposed.get('api') as ReturnType<typeof makeApi>;
    const res = await api.invoke('app.info', {});
    expect(res).toEqual({ ok: true, value: { echoed: 'app.info' } });
    expect(electron.invoked).toEqual([{ channel: 'app.info', arg: {} }]);
    const got: unknown[] = [];
    const off = api.on('jobs.updated', (p) => got.push(p));
    for (const fn of electron.listeners.get('jobs.updated') ?? [])
      fn({ sender: 'event object' }, { id: 'j1' });
    expect(got).toEqual([{ id: 'j1' }]);
    off();
    expect(electron.listeners.get('jobs.updated')?.size).toBe(0);
  });
});

describe('makeApi', () => {
  it('refuses unknown invoke channels without calling the transport', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
    const api = makeApi({ invoke, subscribe: () => () => undefined });
    for (const bad of ['nope', '__proto__', 'constructor', 'app.info ', '']) {
      const res = await api.invoke(bad as never, {} as never);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('VALIDATION');
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses unknown event channels and turns a transport failure into an error result', async () => {
    const api = makeApi({
      invoke: () => Promise.reject(new Error('pipe closed')),
      subscribe: () => () => undefined,
    });
    expect(() => api.on('nope' as never, () => undefined)).toThrow(TypeError);
    for (const e of EVENT_CHANNELS) expect(() => api.on(e, () => undefined)()).not.toThrow();
    const res = await api.invoke('app.info', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toContain('pipe closed');
  });
});
