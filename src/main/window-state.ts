/**
 * Remembers the window's size and position (in settings.json) and restores them only when they
 * still fit on a connected display (a monitor may have been unplugged since).
 */
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import type { SettingsService, WindowState } from './services/settings.js';

const DEFAULT = { width: 1200, height: 800 };

function visibleOnSomeDisplay(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) =>
    bounds.x < a.x + a.width && bounds.x + bounds.width > a.x && bounds.y < a.y + a.height && bounds.y + bounds.height > a.y);
}

export function initialBounds(settings: SettingsService): Partial<Rectangle> & { width: number; height: number } {
  const saved = settings.getWindowState();
  if (!saved) return DEFAULT;
  if (saved.x !== undefined && saved.y !== undefined) {
    const bounds = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
    if (visibleOnSomeDisplay(bounds)) return bounds;
  }
  return { width: saved.width, height: saved.height };
}

export function wasMaximized(settings: SettingsService): boolean {
  return settings.getWindowState()?.maximized ?? false;
}

export function saveWindowState(window: BrowserWindow, settings: SettingsService): void {
  if (window.isDestroyed()) return;
  const bounds = window.isMaximized() ? window.getNormalBounds() : window.getBounds();
  const state: WindowState = { ...bounds, maximized: window.isMaximized() };
  try {
    settings.setWindowState(state);
  } catch {
    // A window smaller than the schema's minimum (or a failed write) is not worth a crash.
  }
}
