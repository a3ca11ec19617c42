import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron's Notification, as far as the shell uses it. */
const notifications: {
  opts: { title: string; body: string };
  handlers: Map<string, () => void>;
  shown: boolean;
}[] = [];
let supported = true;

vi.mock('electron', () => {
  class Notification {
    static isSupported = () => supported;
    private readonly rec;
    constructor(opts: { title: string; body: string }) {
      this.rec = { opts, handlers: new Map<string, () => void>(), shown: false };
      notifications.push(this.rec);
    }
    on(event: string, fn: () => void) {
      this.rec.handlers.set(event, fn);
      return this;
    }
    show() {
      this.rec.shown = true;
    }
  }
  const stub = {};
  return { Notification, BrowserWindow: class {}, net: stub, protocol: stub, session: stub, shell: stub };
});

const { createDesktopShell, progressBarValue } = await import('../../main/window');

/** A BrowserWindow stand-in recording the calls the shell makes. */
function fakeWindow(state: { focused?: boolean; minimized?: boolean; destroyed?: boolean } = {}) {
  const calls: [string, ...unknown[]][] = [];
  const win = {
    isDestroyed: () => state.destroyed ?? false,
    isFocused: () => state.focused ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => calls.push(['restore']),
    show: () => calls.push(['show']),
    focus: () => calls.push(['focus']),
    setProgressBar: (v: number, o?: unknown) => calls.push(['setProgressBar', v, o]),
    setTitle: (t: string) => calls.push(['setTitle', t]),
  };
  return { win: win as never, calls };
}

beforeEach(() => {
  notifications.length = 0;
  supported = true;
});

describe('the Electron desktop shell (mocked electron)', () => {
  it('maps progress to setProgressBar: a fraction, indeterminate (>1), removed (<0)', () => {
    const { win, calls } = fakeWindow();
    const shell = createDesktopShell(() => win);
    shell.setProgress(0.25);
    shell.setProgress('indeterminate');
    shell.setProgress('none');
    expect(calls).toEqual([
      ['setProgressBar', 0.25, { mode: 'normal' }],
      ['setProgressBar', 2, { mode: 'indeterminate' }],
      ['setProgressBar', -1, { mode: 'none' }],
    ]);
    expect(progressBarValue(1.5)).toBe(1);
  });

  it('sets the title, and re-applies title and progress to a window opened later', () => {
    const first = fakeWindow();
    let current: typeof first.win | undefined = first.win;
    const shell = createDesktopShell(() => current);
    shell.setTitle('ECS Desktop — Prod · cn-north-4');
    shell.setProgress(0.5);
    current = undefined;
    shell.setProgress(0.75); // no window: nothing to call, nothing thrown
    const second = fakeWindow();
    shell.apply(second.win);
    expect(first.calls[0]).toEqual(['setTitle', 'ECS Desktop — Prod · cn-north-4']);
    expect(second.calls).toEqual([
      ['setTitle', 'ECS Desktop — Prod · cn-north-4'],
      ['setProgressBar', 0.75, { mode: 'normal' }],
    ]);
  });

  it('shows a notification whose click restores and focuses the window, then runs onClick', () => {
    const { win, calls } = fakeWindow({ minimized: true });
    const shell = createDesktopShell(() => win);
    const onClick = vi.fn();
    shell.notify({ title: 'Done: Stop web-1', body: 'Finished.', onClick });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.opts).toEqual({ title: 'Done: Stop web-1', body: 'Finished.' });
    expect(notifications[0]!.shown).toBe(true);
    notifications[0]!.handlers.get('click')!();
    expect(onClick).toHaveBeenCalledTimes(1);
    shell.focus();
    expect(calls).toEqual([['restore'], ['show'], ['focus']]);
  });

  it('shows nothing where the OS has no notifications, and reads focus from the window', () => {
    supported = false;
    const { win } = fakeWindow({ focused: true });
    const shell = createDesktopShell(() => win);
    shell.notify({ title: 't', body: 'b', onClick: () => undefined });
    expect(notifications).toHaveLength(0);
    expect(shell.isFocused()).toBe(true);
    expect(createDesktopShell(() => undefined).isFocused()).toBe(false);
    const gone = fakeWindow({ destroyed: true, focused: true });
    expect(createDesktopShell(() => gone.win).isFocused()).toBe(false);
  });
});
