// One source of truth for every limit the UI shows: the settings schema's bounds are the engine's,
// and the hints and messages are filled from the schema, never written out by hand.
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../shared/i18n/ui-messages.ts';
import { fill } from '../../../shared/i18n/translate.ts';
import { settingRange, validateSettings, defaultSettings } from '../../../shared/settings.ts';
import { workerConfigSchema } from '../../../src-main/engine/config/worker-config.ts';

const RANGED = ['leaseSeconds', 'maxJobMinutes', 'concurrency'] as const;

describe('setting limits', () => {
  it('are the engine’s own: what the config accepts, Settings accepts', () => {
    for (const key of RANGED) {
      const engine = workerConfigSchema.shape[key].unwrap();
      expect(settingRange(key), key).toEqual({ min: engine.minValue, max: engine.maxValue });
    }
    expect(settingRange('leaseSeconds')).toEqual({ min: 30, max: 43_200 });
  });

  it('accept the bounds and refuse one beyond', () => {
    for (const key of RANGED) {
      const { min, max } = settingRange(key);
      expect(validateSettings({ ...defaultSettings, [key]: min }).ok, `${key} ${min}`).toBe(true);
      expect(validateSettings({ ...defaultSettings, [key]: max }).ok, `${key} ${max}`).toBe(true);
      expect(validateSettings({ ...defaultSettings, [key]: min - 1 }).ok, `${key} ${min - 1}`).toBe(false);
      expect(validateSettings({ ...defaultSettings, [key]: max + 1 }).ok, `${key} ${max + 1}`).toBe(false);
    }
  });

  it('are shown from the schema in every language: no limit is written into the hints (SQS’s 12-hour cap aside)', () => {
    for (const catalogue of Object.values(catalogues)) {
      for (const key of [
        'settings.leaseSecondsHint',
        'settings.maxJobMinutesHint',
        'settings.concurrencyHint',
        'settings.problem.lease-min',
        'settings.problem.concurrency-max',
      ] as const) {
        expect(catalogue[key].replace(/\{[^}]*\}/g, ''), key).not.toMatch(/\d{2,}/);
      }
    }
    expect(fill(catalogues.en['settings.leaseSecondsHint'], settingRange('leaseSeconds'))).toMatch(
      /^30 to 43200\. /,
    );
    expect(fill(catalogues.ja['settings.concurrencyHint'], settingRange('concurrency'))).toBe('1〜16。');
  });
});
