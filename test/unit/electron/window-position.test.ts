import { describe, expect, it } from 'vitest';
import { trayWindowPosition, type TrayWindowPlacement } from '../../../src-main/electron/window-position.ts';

const windowSize = { width: 400, height: 600 };
// A 1440x900 Mac screen: the menu bar takes the top 25 px.
const macArea = { x: 0, y: 25, width: 1440, height: 875 };
// A 1920x1080 Windows screen with a 40 px taskbar at the bottom.
const winArea = { x: 0, y: 0, width: 1920, height: 1040 };

function place(change: Partial<TrayWindowPlacement>): { x: number; y: number } {
  return trayWindowPosition({
    trayBounds: null,
    click: null,
    windowSize,
    workArea: macArea,
    platform: 'darwin',
    ...change,
  });
}

describe('tray window position', () => {
  it('centres the window under the menu-bar icon on macOS', () => {
    expect(place({ trayBounds: { x: 1000, y: 0, width: 24, height: 24 } })).toEqual({ x: 812, y: 28 });
  });

  it('never covers the menu bar, even when the icon reports a short height', () => {
    expect(place({ trayBounds: { x: 1000, y: 0, width: 24, height: 10 } }).y).toBe(25);
  });

  it('keeps the window inside the work area when the icon is near the right edge', () => {
    expect(place({ trayBounds: { x: 1420, y: 0, width: 20, height: 24 } })).toEqual({ x: 1040, y: 28 });
  });

  it('keeps the window inside the work area when the icon is near the left edge', () => {
    expect(place({ trayBounds: { x: 10, y: 0, width: 20, height: 24 } }).x).toBe(0);
  });

  it('opens above a bottom taskbar on Windows', () => {
    const position = place({
      platform: 'win32',
      workArea: winArea,
      trayBounds: { x: 1700, y: 1044, width: 32, height: 32 },
    });
    expect(position).toEqual({ x: 1516, y: 440 });
    expect(position.y + windowSize.height).toBeLessThanOrEqual(winArea.y + winArea.height);
  });

  it('opens below a top panel on Linux', () => {
    const area = { x: 0, y: 32, width: 1920, height: 1048 };
    expect(
      place({ platform: 'linux', workArea: area, trayBounds: { x: 1800, y: 4, width: 24, height: 24 } }),
    ).toEqual({
      x: 1520,
      y: 32,
    });
  });

  it('opens beside a taskbar on the left or right', () => {
    const leftArea = { x: 60, y: 0, width: 1860, height: 1080 };
    const left = place({
      platform: 'win32',
      workArea: leftArea,
      trayBounds: { x: 14, y: 1000, width: 32, height: 32 },
    });
    expect(left).toEqual({ x: 60, y: 480 });
    const rightArea = { x: 0, y: 0, width: 1860, height: 1080 };
    const right = place({
      platform: 'win32',
      workArea: rightArea,
      trayBounds: { x: 1874, y: 500, width: 32, height: 32 },
    });
    expect(right).toEqual({ x: 1460, y: 216 });
  });

  it('uses the click point when the tray reports empty bounds (Linux)', () => {
    const area = { x: 0, y: 0, width: 1920, height: 1040 };
    const position = place({
      platform: 'linux',
      workArea: area,
      trayBounds: { x: 0, y: 0, width: 0, height: 0 },
      click: { x: 1700, y: 1030 },
    });
    expect(position).toEqual({ x: 1500, y: 426 });
  });

  it('falls back to the usual tray corner when nothing is known', () => {
    expect(place({})).toEqual({ x: 1040, y: 29 });
    expect(place({ platform: 'win32', workArea: winArea })).toEqual({ x: 1520, y: 436 });
  });

  it('pins a window larger than the work area to its top-left corner', () => {
    const small = { x: 0, y: 25, width: 300, height: 400 };
    expect(place({ workArea: small, trayBounds: { x: 100, y: 0, width: 20, height: 24 } })).toEqual({
      x: 0,
      y: 25,
    });
  });

  it('works on a secondary display with negative coordinates', () => {
    const area = { x: -1440, y: -875, width: 1440, height: 850 };
    const position = place({ workArea: area, trayBounds: { x: -300, y: -900, width: 24, height: 24 } });
    expect(position).toEqual({ x: -488, y: -872 });
  });

  it('returns whole pixels', () => {
    const position = place({ trayBounds: { x: 1000.5, y: 0, width: 23, height: 24 } });
    expect(Number.isInteger(position.x) && Number.isInteger(position.y)).toBe(true);
  });
});
