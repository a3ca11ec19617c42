import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

let template: MenuItemConstructorOptions[] = [];
vi.mock('electron', () => ({
  app: {
    getName: () => 'ECS Desktop',
    getVersion: () => '0.1.0',
    isPackaged: true,
    setAboutPanelOptions: () => undefined,
  },
  dialog: { showMessageBox: () => Promise.resolve({ response: 0 }) },
  Menu: {
    buildFromTemplate: (t: MenuItemConstructorOptions[]) => {
      template = t;
      return t;
    },
    setApplicationMenu: () => undefined,
  },
}));

const { installMenu } = await import('../../main/menu');

/** Every item of the menu, submenus included. */
function items(list: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return list.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

describe('the application menu (mocked electron)', () => {
  beforeEach(() => {
    template = [];
  });

  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`has Settings… (Ctrl/Cmd+,) that opens the settings, on ${platform}`, () => {
      const original = process.platform;
      Object.defineProperty(process, 'platform', { value: platform });
      try {
        const openSettings = vi.fn();
        installMenu(() => undefined, openSettings);
        const settings = items(template).filter((i) => i.label === 'Settings…');
        expect(settings).toHaveLength(1);
        expect(settings[0]!.accelerator).toBe('CmdOrCtrl+,');
        (settings[0]!.click as () => void)();
        expect(openSettings).toHaveBeenCalledTimes(1);
        expect(items(template).some((i) => i.role === 'quit')).toBe(true);
        // A packaged app has no developer tools entry.
        expect(items(template).some((i) => i.role === 'toggleDevTools')).toBe(false);
      } finally {
        Object.defineProperty(process, 'platform', { value: original });
      }
    });
  }
});
