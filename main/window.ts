/**
 * BrowserWindow factory: every window is sandboxed, context-isolated, has no Node, runs under a
 * strict CSP and cannot navigate or open windows.
 */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from './security';

/** The URL the renderer is loaded from (dev server in development, the built file otherwise). */
export function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev) return dev;
  return new URL(`file://${join(__dirname, '../renderer/index.html')}`).href;
}

/** Applies session-wide hardening once: CSP header, all permission requests denied. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // SECURITY: the app needs no camera, notifications-from-web, geolocation, ...: deny everything.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** Creates the main window. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'ECS Desktop',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      // SECURITY: the Electron security checklist.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
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
