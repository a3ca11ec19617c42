/**
 * The application menu (standard roles, so every platform gets its usual shortcuts) and the
 * about dialog. Thin Electron glue.
 */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/** Shows the about dialog for `win`. */
export function showAbout(win: BrowserWindow | undefined): void {
  const detail = [
    `Version ${app.getVersion()}`,
    `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
    'A desktop console for Huawei Cloud Elastic Cloud Servers.',
  ].join('\n');
  const options = {
    type: 'info' as const,
    title: 'About ECS Desktop',
    message: 'ECS Desktop',
    detail,
    buttons: ['OK'],
  };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** Installs the application menu. */
export function installMenu(getWindow: () => BrowserWindow | undefined): void {
  const isMac = process.platform === 'darwin';
  app.setAboutPanelOptions({ applicationName: 'ECS Desktop', applicationVersion: app.getVersion() });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About ECS Desktop', click: () => showAbout(getWindow()) }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
