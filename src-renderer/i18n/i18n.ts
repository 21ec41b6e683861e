import { createContext, useContext } from 'react';
import type { LocaleSetting } from '../../shared/settings.ts';
import { catalogues, type Locale, type MessageKey } from '../../shared/i18n/ui-messages.ts';
import { resolveLocale, translatorFor, type Values } from '../../shared/i18n/translate.ts';

export type Translate = (key: MessageKey, values?: Values) => string;

export { resolveLocale };

export function translator(locale: Locale): Translate {
  return translatorFor(catalogues[locale]);
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
