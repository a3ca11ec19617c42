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

/** Installs the application menu; `openSettings` opens the renderer's "About & settings" dialog. */
export function installMenu(
  getWindow: () => BrowserWindow | undefined,
  openSettings: () => void = () => {},
): void {
  const isMac = process.platform === 'darwin';
  app.setAboutPanelOptions({ applicationName: 'ECS Desktop', applicationVersion: app.getVersion() });
  // Where each platform's users look for it: the app menu on macOS, the File menu elsewhere.
  const settings: MenuItemConstructorOptions = {
    label: 'Settings…',
    accelerator: 'CmdOrCtrl+,',
    click: () => openSettings(),
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.getName(),
            submenu: [
              { role: 'about' as const },
              { type: 'separator' as const },
              settings,
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
          { role: 'fileMenu' as const },
        ]
      : [{ label: 'File', submenu: [settings, { type: 'separator' as const }, { role: 'quit' as const }] }]),
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
