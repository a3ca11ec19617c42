/**
 * BrowserWindow factory and the app:// protocol: every window is sandboxed, context-isolated,
 * has no Node, runs under a strict CSP, and cannot navigate or open windows.
 */
import { BrowserWindow, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MIN_SIZE, type Rect } from './window-state';
import { APP_ORIGIN, APP_SCHEME, isAllowedExternalUrl, resolveAppFile } from './security';

const RENDERER_DIR = join(__dirname, '../renderer');

/** Registers app:// as a standard, secure scheme; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ]);
}

/** The URL the renderer is loaded from: the dev server in development, app://bundle otherwise. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `${APP_ORIGIN}/index.html`;
}

/** Applies session-wide hardening once: the app:// handler, all permission requests denied. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  // SECURITY: app:// serves only files really below the built renderer folder, symlinks resolved
  // (file:// is never used).
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const file = await resolveAppFile(RENDERER_DIR, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
  // SECURITY: the app needs no camera, notifications-from-web, geolocation, ...: deny everything.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** Creates the main window at `bounds` (see window-state.ts). */
export function createMainWindow(bounds: Rect): BrowserWindow {
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'ECS Desktop',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      // SECURITY: the Electron security checklist.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  const appUrl = rendererUrl();
  // SECURITY: no navigation away from the app, no new windows; allow-listed https links go to the browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appUrl);
  return win;
}
