import { createContext, useContext } from 'react';
import { catalogues, type Locale, type MessageKey } from './messages.ts';

export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

/** The system locale decides unless the user chose one: Japanese for ja-*, English otherwise. */
export function resolveLocale(setting: 'system' | Locale, systemLanguages: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  return systemLanguages.some((language) => language.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, values) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}

export const I18nContext = createContext<{ locale: Locale; t: Translate }>({
  locale: 'en',
  t: translator('en'),
});

export function useI18n(): { locale: Locale; t: Translate } {
  return useContext(I18nContext);
}
