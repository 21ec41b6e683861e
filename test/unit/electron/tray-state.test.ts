import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_ICON_FILES, trayState, trayStates } from '../../../src-main/electron/tray-state.ts';
import { job, paused, snapshot } from './support.ts';

describe('tray state', () => {
  it('is offline before the first snapshot', () => {
    expect(trayState(null)).toBe('offline');
  });

  it('is idle while listening', () => {
    expect(trayState(snapshot({ status: 'polling' }))).toBe('idle');
    expect(trayState(snapshot({ status: 'idle' }))).toBe('idle');
    expect(trayState(snapshot({ status: 'starting' }))).toBe('idle');
  });

  it('is working while a job runs, even when a pause waits for it to finish', () => {
    expect(trayState(snapshot({ status: 'running', jobs: [job()] }))).toBe('working');
    expect(trayState(snapshot({ status: 'paused', pause: paused('user'), jobs: [job()] }))).toBe('working');
  });

  it('is paused for every reason, and paused wins over offline', () => {
    for (const reason of ['user', 'battery', 'suspend'] as const) {
      expect(trayState(snapshot({ status: 'paused', pause: paused(reason) }))).toBe('paused');
    }
    expect(trayState(snapshot({ status: 'offline', pause: paused('user') }))).toBe('paused');
  });

  it('is offline when the queue cannot be reached or the worker stopped', () => {
    expect(trayState(snapshot({ status: 'offline' }))).toBe('offline');
    expect(trayState(snapshot({ status: 'stopped' }))).toBe('offline');
  });
});

describe('tray images', () => {
  const dir = join(import.meta.dirname, '../../../build');

  function readPng(file: string): { width: number; height: number; alpha: number[] } {
    const bytes = readFileSync(join(dir, file));
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(bytes[24]).toBe(8); // bit depth
    expect(bytes[25]).toBe(6); // RGBA
    const chunks: Buffer[] = [];
    for (let at = 8; at < bytes.length;) {
      const length = bytes.readUInt32BE(at);
      if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT')
        chunks.push(bytes.subarray(at + 8, at + 8 + length));
      at += length + 12;
    }
    const raw = inflateSync(Buffer.concat(chunks));
    const alpha: number[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * (width * 4 + 1) + 1 + x * 4;
        // Template images are black: only alpha carries the drawing.
        expect([raw[i], raw[i + 1], raw[i + 2]]).toEqual([0, 0, 0]);
        alpha.push(raw[i + 3]!);
      }
    }
    return { width, height, alpha };
  }

  it.each(trayStates)('has a 16x16 and a 32x32 black-on-transparent template image for %s', (state) => {
    const file = TRAY_ICON_FILES[state];
    expect(file).toMatch(/Template\.png$/);
    expect(existsSync(join(dir, file))).toBe(true);
    const one = readPng(file);
    const two = readPng(file.replace('.png', '@2x.png'));
    expect([one.width, one.height, two.width, two.height]).toEqual([16, 16, 32, 32]);
    expect(one.alpha.some((a) => a === 0)).toBe(true);
    expect(one.alpha.some((a) => a > 200)).toBe(true);
  });

  it('draws each state differently', () => {
    const drawings = trayStates.map((state) => readPng(TRAY_ICON_FILES[state]).alpha.join(','));
    expect(new Set(drawings).size).toBe(trayStates.length);
  });
});
