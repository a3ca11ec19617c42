/**
 * Window bounds saved across runs (`window-state.json` in the data folder). Plain Node: the
 * Electron shell passes in the display work areas. A missing or corrupt file gives the default
 * size; a window that would open off every display is moved back onto the primary one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './accounts/atomic-file';

/** A rectangle in screen coordinates (pixels). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is saved: the normal (un-maximized) bounds and whether the window was maximized. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** The size of a first window, and the smallest size the window may have. */
export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 900, height: 560 };

const FILE = 'window-state.json';

function isRect(v: unknown): v is Rect {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

/** Reads the saved state; undefined when there is none or it is not valid (never throws). */
export async function loadWindowState(dataDir: string): Promise<WindowState | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dataDir, FILE), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const p = parsed as Record<string, unknown>;
    if (!isRect(p.bounds) || typeof p.maximized !== 'boolean') return undefined;
    return { bounds: p.bounds, maximized: p.maximized };
  } catch {
    return undefined;
  }
}

/** Writes the state atomically and privately (0600: temp file, fsync, rename). */
export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeFileAtomic(join(dataDir, FILE), `${JSON.stringify(state)}\n`);
}

/**
 * The bounds to open with: the saved ones when at least 100x50 px of the title area lies on some
 * display, else the default size centred on the primary display; never below MIN_SIZE nor larger
 * than the display.
 */
export function placeWindow(saved: Rect | undefined, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  if (saved) {
    const width = Math.max(MIN_SIZE.width, Math.round(saved.width));
    const height = Math.max(MIN_SIZE.height, Math.round(saved.height));
    const titleBar: Rect = { x: saved.x, y: saved.y, width, height: 50 };
    const visible = workAreas.find(
      (a) => overlap(titleBar, a).width >= 100 && overlap(titleBar, a).height >= 30,
    );
    if (visible) {
      return {
        x: Math.round(saved.x),
        y: Math.round(saved.y),
        width: Math.min(width, visible.width),
        height: Math.min(height, visible.height),
      };
    }
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}
