import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadWindowState,
  placeWindow,
  saveWindowState,
  DEFAULT_SIZE,
  MIN_SIZE,
} from '../../main/window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1080 };
const second = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('round-trips through the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    const state = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true };
    await saveWindowState(dir, state);
    expect(await loadWindowState(dir)).toEqual(state);
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual(state);
  });
  it('ignores a missing, corrupt or ill-typed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    expect(await loadWindowState(dir)).toBeUndefined();
    writeFileSync(join(dir, 'window-state.json'), '{"bounds":');
    expect(await loadWindowState(dir)).toBeUndefined();
    writeFileSync(
      join(dir, 'window-state.json'),
      '{"bounds":{"x":"1","y":0,"width":5,"height":5},"maximized":false}',
    );
    expect(await loadWindowState(dir)).toBeUndefined();
  });
  it('keeps saved bounds on a second display', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 900 };
    expect(placeWindow(saved, [primary, second])).toEqual(saved);
  });
  it('recentres a window saved on a display that is gone', () => {
    const placed = placeWindow({ x: 2000, y: 100, width: 1200, height: 900 }, [primary]);
    expect(placed).toEqual({
      x: (1920 - DEFAULT_SIZE.width) / 2,
      y: (1080 - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
    });
  });
  it('enforces the minimum size and fits the display', () => {
    expect(placeWindow({ x: 0, y: 0, width: 10, height: 10 }, [primary])).toMatchObject(MIN_SIZE);
    expect(placeWindow({ x: 0, y: 0, width: 5000, height: 5000 }, [primary])).toMatchObject({
      width: 1920,
      height: 1080,
    });
  });
});
