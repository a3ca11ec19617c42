/**
 * App lifecycle only: ready -> services -> IPC -> window. Everything else lives in modules that
 * never import electron, so that it runs and is tested as plain Node.
 */
import { app, BrowserWindow, ipcMain, screen } from 'electron';
import type { AppInfo, Result } from '../shared/ipc/contract';
import { installMenu } from './menu';
import { isTrustedSender } from './security';
import { createMainWindow, hardenSession, registerAppScheme, rendererUrl } from './window';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';

app.enableSandbox();
registerAppScheme();

function mainWindow(): BrowserWindow | undefined {
  return BrowserWindow.getAllWindows()[0];
}

async function openWindow(): Promise<void> {
  const dataDir = app.getPath('userData');
  const saved = await loadWindowState(dataDir);
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const win = createMainWindow(placeWindow(saved?.bounds, workAreas));
  if (saved?.maximized) win.maximize();
  // Saved on close only: bounds change continuously while dragging.
  win.on('close', () => {
    void saveWindowState(dataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }).catch(
      (err: unknown) => console.warn('Could not save the window state:', err),
    );
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = mainWindow();
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

  void app.whenReady().then(async () => {
    hardenSession();
    installMenu(mainWindow);
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
          shell: 'electron',
        },
      };
    });
    await openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
