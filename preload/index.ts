/**
 * The preload: runs sandboxed (CommonJS) and exposes exactly the shared contract as `window.api`.
 * SECURITY: ipcRenderer itself is never exposed; listeners receive the payload only, never the event.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { makeApi } from '../shared/ipc/contract';

const api = makeApi({
  invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
  subscribe(channel, listener) {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});

contextBridge.exposeInMainWorld('api', api);
