import { createContext, useContext } from 'react';
import type { LocaleSetting } from '../../shared/settings.ts';
import { catalogues, type Locale, type MessageKey } from './messages.ts';

export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

/** The system locale decides unless the user chose one: Japanese for ja-*, English otherwise. */
export function resolveLocale(setting: LocaleSetting, systemLanguages: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  for (const language of systemLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('ja')) return 'ja';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * Looks a key up and fills {placeholders}. `{name|one|other}` picks a form by a number value
 * (English plurals; Japanese uses the same text for both).
 */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, values) =>
    catalogue[key].replace(
      /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g,
      (whole, name: string, one?: string, other?: string) => {
        if (!values || !(name in values)) return whole;
        const value = values[name]!;
        if (one === undefined) return String(value);
        return (Number(value) === 1 ? one : other!).replace('#', String(value));
      },
    );
}

export interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  /** The user's choice (settings): 'system' follows navigator.languages. */
  readonly setting: LocaleSetting;
  readonly setSetting: (setting: LocaleSetting) => void;
}

export const I18nContext = createContext<I18n>({
  locale: 'en',
  t: translator('en'),
  setting: 'system',
  setSetting: () => {},
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}
