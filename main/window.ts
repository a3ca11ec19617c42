/**
 * BrowserWindow factory and the app:// protocol: every window is sandboxed, context-isolated,
 * has no Node, runs under a strict CSP, and cannot navigate or open windows.
 */
import { BrowserWindow, net, Notification, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_TITLE, type DesktopProgress, type DesktopShell } from './desktop/desktop-integration';
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
    title: APP_TITLE,
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
  // Main owns the title (account and region, see desktop-integration.ts): the page's <title> must not replace it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appUrl);
  return win;
}

/** `BrowserWindow.setProgressBar`'s value for a progress: above 1 is indeterminate, below 0 removes the bar. */
export function progressBarValue(progress: DesktopProgress): number {
  if (progress === 'none') return -1;
  if (progress === 'indeterminate') return 2;
  return Math.min(1, Math.max(0, progress));
}

/** The Windows taskbar mode of a progress (other platforms read the value only). */
export function progressBarMode(progress: DesktopProgress): 'none' | 'normal' | 'indeterminate' {
  return progress === 'none' ? 'none' : progress === 'indeterminate' ? 'indeterminate' : 'normal';
}

/**
 * The desktop integration's shell over Electron: the main window (`getWindow`, which may be
 * gone), OS notifications, the taskbar/dock progress bar and the title.
 */
export function createDesktopShell(
  getWindow: () => BrowserWindow | undefined,
): DesktopShell & { apply(win: BrowserWindow): void } {
  // A Notification that is garbage-collected loses its click handler: keep each until it is done.
  const live = new Set<Notification>();
  let title = APP_TITLE;
  let progress: DesktopProgress = 'none';
  const win = () => {
    const w = getWindow();
    return w && !w.isDestroyed() ? w : undefined;
  };
  return {
    isFocused: () => win()?.isFocused() ?? false,
    focus() {
      const w = win();
      if (!w) return;
      if (w.isMinimized()) w.restore();
      w.show();
      w.focus();
    },
    notify({ title: heading, body, onClick }) {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title: heading, body });
      live.add(n);
      const done = () => live.delete(n);
      n.on('click', () => {
        done();
        onClick();
      });
      n.on('close', done);
      n.on('failed', done);
      n.show();
    },
    setProgress(next) {
      progress = next;
      win()?.setProgressBar(progressBarValue(next), { mode: progressBarMode(next) });
    },
    setTitle(next) {
      title = next;
      win()?.setTitle(next);
    },
    /** A window opened later (macOS re-activate) picks up the current title and progress. */
    apply(w) {
      w.setTitle(title);
      if (progress !== 'none')
        w.setProgressBar(progressBarValue(progress), { mode: progressBarMode(progress) });
    },
  };
}
