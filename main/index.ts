/**
 * App lifecycle only: ready -> services -> IPC -> window. Everything else lives in modules that
 * never import electron, so that it runs and is tested as plain Node.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import type { AppInfo, Result } from '../shared/ipc/contract';
import { isTrustedSender } from './security';
import { createMainWindow, hardenSession, registerAppScheme, rendererUrl } from './window';

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // SECURITY: no web contents may attach a webview or open windows, whatever created it.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    hardenSession();
    const appUrl = rendererUrl();
    ipcMain.handle('app.info', (event): Result<AppInfo> => {
      if (!isTrustedSender(event.senderFrame?.url, appUrl)) {
        return {
          ok: false,
          error: {
            name: 'ValidationError',
            code: 'VALIDATION',
            message: 'Untrusted sender.',
            retryable: false,
          },
        };
      }
      return {
        ok: true,
        value: {
          name: app.getName(),
          version: app.getVersion(),
          versions: { ...process.versions } as Record<string, string>,
        },
      };
    });
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
