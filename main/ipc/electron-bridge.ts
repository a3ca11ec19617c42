/**
 * The thin Electron side of IPC: every invoke channel on `ipcMain.handle` with the sender-frame
 * check, and pushed events forwarded to the windows' web contents. Everything else is in
 * main/ipc/index.ts, which runs (and is tested) without Electron.
 */
import { ipcMain, type WebContents } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/contract';
import { isTrustedSender } from '../security';
import type { Ipc } from './index';

/** Registers `dispatch` for every channel; returns the function that removes the handlers and forwarding. */
export function registerIpc(opts: {
  ipc: Ipc;
  /** The URL our renderer is loaded from (app://bundle/index.html, or the dev server). */
  appUrl: string;
  /** The web contents events go to (the open windows). */
  targets: () => WebContents[];
}): () => void {
  const { ipc, appUrl } = opts;
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const url = event.senderFrame?.url;
      // SECURITY: checked here against the frame (not just the web contents), and again in dispatch.
      return ipc.dispatch(channel, payload, { url: isTrustedSender(url, appUrl) ? url : undefined });
    });
  }
  const off = ipc.onEvent((event) => {
    for (const contents of opts.targets())
      if (!contents.isDestroyed()) contents.send(event.channel, event.payload);
  });
  return () => {
    off();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
