/**
 * Draws the tray template images and the app icon as PNG files, with nothing but node:zlib and a
 * CRC-32: `node build/make-icons.ts` (Node >= 22.18 runs TypeScript). The output is committed;
 * run again only to change the drawings.
 *
 * Tray images are macOS "template" images: black with alpha, which the menu bar tints for light and
 * dark mode. 16x16 (@1x) and 32x32 (@2x), one pair per state: idle, working, paused, offline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Shape = (x: number, y: number) => number;

/** Coverage (0..1) of a ring centred in a 16-unit box. */
const ring =
  (r: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - 8, y - 8) - r) <= width / 2 ? 1 : 0;
const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r ? 1 : 0;
const box =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1 ? 1 : 0;
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.max(...shapes.map((s) => s(x, y)));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    Math.min(a(x, y), 1 - b(x, y));
/** A line of the given width from (x0,y0) to (x1,y1). */
const line =
  (x0: number, y0: number, x1: number, y1: number, width: number): Shape =>
  (x, y) => {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= width / 2 ? 1 : 0;
  };

/** The mark: a rounded bracket pair "< >" inside a ring, like a worker's tag. */
const brackets = union(
  line(6.6, 5.4, 4.6, 8, 1.4),
  line(4.6, 8, 6.6, 10.6, 1.4),
  line(9.4, 5.4, 11.4, 8, 1.4),
  line(11.4, 8, 9.4, 10.6, 1.4),
);
const outer = ring(6.8, 1.4);

export const drawings: Record<string, Shape> = {
  // Idle: the ring and the mark.
  trayTemplate: union(outer, brackets),
  // Working: a filled disc with the mark cut out.
  trayWorkingTemplate: minus(disc(8, 8, 7.5), union(brackets)),
  // Paused: the ring with two bars.
  trayPausedTemplate: union(outer, box(5.3, 4.8, 6.9, 11.2), box(9.1, 4.8, 10.7, 11.2)),
  // Offline: the ring, the mark, and a slash through them with a gap around it.
  trayOfflineTemplate: union(
    minus(union(outer, brackets), line(2.5, 2.5, 13.5, 13.5, 3.2)),
    line(2.8, 2.8, 13.2, 13.2, 1.4),
  ),
};

/** RGBA pixels of a shape at `size` px, 4x4 supersampled for smooth edges; colour black or `rgb`. */
export function rasterize(
  shape: Shape,
  size: number,
  rgb: readonly [number, number, number] = [0, 0, 0],
): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 16;
          const y = ((py + (sy + 0.5) / samples) / size) * 16;
          cover += shape(x, y);
        }
      }
      const i = (py * size + px) * 4;
      pixels[i] = rgb[0];
      pixels[i + 1] = rgb[1];
      pixels[i + 2] = rgb[2];
      pixels[i + 3] = Math.round((cover / (samples * samples)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG of `size`x`size` pixels. */
export function encodePng(rgba: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The app icon: the idle mark in white on a rounded blue square (electron-builder makes the .icns). */
function appIcon(size: number): Buffer {
  const tile: Shape = (x, y) => {
    const r = 3.2;
    const cx = Math.min(Math.max(x, 1 + r), 15 - r);
    const cy = Math.min(Math.max(y, 1 + r), 15 - r);
    return Math.hypot(x - cx, y - cy) <= r ? 1 : 0;
  };
  const background = rasterize(tile, size, [10, 102, 216]);
  const mark = rasterize(union(ring(5.2, 1.1), brackets), size, [255, 255, 255]);
  for (let i = 0; i < size * size * 4; i += 4) {
    const a = mark[i + 3]! / 255;
    for (let c = 0; c < 3; c++)
      background[i + c] = Math.round(mark[i + c]! * a + background[i + c]! * (1 - a));
  }
  return background;
}

if (import.meta.main) {
  const dir = import.meta.dirname;
  for (const [name, shape] of Object.entries(drawings)) {
    writeFileSync(join(dir, `${name}.png`), encodePng(rasterize(shape, 16), 16));
    writeFileSync(join(dir, `${name}@2x.png`), encodePng(rasterize(shape, 32), 32));
  }
  writeFileSync(join(dir, 'icon.png'), encodePng(appIcon(1024), 1024));
  console.log(`wrote ${Object.keys(drawings).length * 2 + 1} icons to ${dir}`);
}
