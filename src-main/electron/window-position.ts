/**
 * Where the tray window goes: under the menu-bar icon on macOS, above (or beside) the taskbar icon
 * elsewhere, always inside the display's work area. Pure, so every edge is unit-tested.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface TrayWindowPlacement {
  /** The tray icon's bounds; Linux often reports zeros, which count as unknown. */
  readonly trayBounds: Rect | null;
  /** Where the click happened, used when the tray bounds are unknown. */
  readonly click: Point | null;
  readonly windowSize: { readonly width: number; readonly height: number };
  /** The work area of the display holding the tray (the screen minus menu bar and taskbar). */
  readonly workArea: Rect;
  readonly platform: string;
  /** Gap between the icon and the window. */
  readonly gap?: number;
}

type Side = 'top' | 'bottom' | 'left' | 'right';

export function trayWindowPosition(placement: TrayWindowPlacement): Point {
  const { windowSize: size, workArea: area } = placement;
  const gap = placement.gap ?? 4;
  const anchor = anchorRect(placement);
  const side = placement.platform === 'darwin' ? 'top' : barSide(anchor, area);
  const centerX = anchor.x + anchor.width / 2;
  const centerY = anchor.y + anchor.height / 2;

  let x: number;
  let y: number;
  switch (side) {
    case 'top':
      x = centerX - size.width / 2;
      y = Math.max(anchor.y + anchor.height + gap, area.y);
      break;
    case 'bottom':
      x = centerX - size.width / 2;
      y = Math.min(anchor.y - size.height - gap, area.y + area.height - size.height);
      break;
    case 'left':
      x = anchor.x + anchor.width + gap;
      y = centerY - size.height / 2;
      break;
    case 'right':
      x = anchor.x - size.width - gap;
      y = centerY - size.height / 2;
      break;
  }
  return {
    x: Math.round(clamp(x, area.x, area.x + area.width - size.width)),
    y: Math.round(clamp(y, area.y, area.y + area.height - size.height)),
  };
}

function anchorRect(placement: TrayWindowPlacement): Rect {
  const bounds = placement.trayBounds;
  if (bounds && bounds.width > 0 && bounds.height > 0) return bounds;
  if (placement.click) return { x: placement.click.x, y: placement.click.y, width: 0, height: 0 };
  // Nothing known: the corner where tray icons usually live.
  const area = placement.workArea;
  const right = area.x + area.width;
  return placement.platform === 'darwin'
    ? { x: right, y: area.y, width: 0, height: 0 }
    : { x: right, y: area.y + area.height, width: 0, height: 0 };
}

/** Which edge of the work area the bar holding the icon sits on. */
function barSide(anchor: Rect, area: Rect): Side {
  const cx = anchor.x + anchor.width / 2;
  const cy = anchor.y + anchor.height / 2;
  if (cy >= area.y + area.height) return 'bottom';
  if (cy <= area.y) return 'top';
  if (cx <= area.x) return 'left';
  if (cx >= area.x + area.width) return 'right';
  // Inside the work area (a click point, or an auto-hiding bar): open away from the nearer edge.
  return cy > area.y + area.height / 2 ? 'bottom' : 'top';
}

/** Clamps to [min, max]; when the window is larger than the area, its top-left stays visible. */
function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
