/**
 * App lifecycle only: ready -> services -> IPC -> window. Everything else lives in modules that
 * never import electron, so that it runs and is tested as plain Node.
 */
import { app, BrowserWindow, dialog, screen } from 'electron';
import { AccountsFileError, AccountsStore } from './accounts/accounts-store';
import type { AppInfo } from '../shared/ipc/contract';
import { registerIpc } from './ipc/electron-bridge';
import { createIpc, type Ipc } from './ipc/index';
import { DesktopIntegration } from './desktop/desktop-integration';
import { installMenu } from './menu';
import { isTrustedSender } from './security';
import { createServices, type Services, type ServicesOptions } from './services';
import {
  createDesktopShell,
  createMainWindow,
  hardenSession,
  registerAppScheme,
  rendererUrl,
} from './window';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';

app.enableSandbox();
registerAppScheme();

let services: Services | undefined;
let ipc: Ipc | undefined;

function mainWindow(): BrowserWindow | undefined {
  return BrowserWindow.getAllWindows()[0];
}

// Notifications, taskbar/dock progress and the window title (main/desktop: plain Node + this shell).
const desktopShell = createDesktopShell(mainWindow);
const desktop = new DesktopIntegration(desktopShell);

async function openWindow(): Promise<void> {
  const dataDir = app.getPath('userData');
  const saved = await loadWindowState(dataDir);
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const win = createMainWindow(placeWindow(saved?.bounds, workAreas));
  desktopShell.apply(win);
  if (saved?.maximized) win.maximize();
  // Saved on close only: bounds change continuously while dragging.
  win.on('close', () => {
    void saveWindowState(dataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }).catch(
      (err: unknown) => console.warn('Could not save the window state:', err),
    );
  });
}

/**
 * Builds the services. A damaged accounts file is never reset silently: the user chooses between
 * quitting (to fix or restore it) and starting with a fresh file, the damaged one kept as a copy.
 * Returns undefined when the app should quit.
 */
async function startServices(opts: ServicesOptions): Promise<Services | undefined> {
  for (;;) {
    try {
      return await createServices(opts);
    } catch (err) {
      if (err instanceof AccountsFileError) {
        const { response } = await dialog.showMessageBox({
          type: 'error',
          title: 'ECS Desktop',
          message: 'The accounts file could not be loaded.',
          detail: `${err.message}\n\n${err.hint ?? ''}`,
          buttons: ['Quit', 'Start with a fresh accounts file'],
          defaultId: 0,
          cancelId: 0,
        });
        if (response !== 1) return undefined;
        await new AccountsStore(opts.dataDir).resetAfterCorruption();
        continue;
      }
      dialog.showErrorBox('ECS Desktop could not start', err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }
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
    installMenu(mainWindow, () => ipc?.emit({ channel: 'app.openSettings', payload: {} }));
    const appUrl = rendererUrl();
    const dataDir = app.getPath('userData');
    const started = await startServices({
      dataDir,
      env: process.env,
      importSources: { home: app.getPath('home'), cwd: process.cwd() },
      isWindowFocused: desktop.isWindowFocused,
      notify: desktop.notifyJobEnded,
      // At most once a day, off switch in the settings (see main/updates/update-check.ts).
      updates: { currentVersion: app.getVersion() },
    });
    if (!started) {
      app.quit();
      return;
    }
    services = started;
    const appInfo = (): AppInfo => ({
      name: app.getName(),
      version: app.getVersion(),
      versions: { ...process.versions } as Record<string, string>,
      shell: 'electron',
    });
    ipc = createIpc(services, {
      appInfo,
      isTrustedSender: (sender) => isTrustedSender(sender.url, appUrl),
      desktop: { setScope: (scope) => desktop.setScope(scope) },
    });
    desktop.attach(services.tracker, ipc.emit);
    registerIpc({
      ipc,
      appUrl,
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    });
    await openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow();
    });
  });

  // Pending jobs are journalled and resume at the next start; close everything cleanly once.
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || !services) return;
    quitting = true;
    event.preventDefault();
    ipc?.dispose();
    void services.dispose().finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
