/** The language for everything below: the user's choice, else the system's (navigator.languages). */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LocaleSetting } from '../../shared/settings.ts';
import { I18nContext, resolveLocale, translator, type I18n } from '../i18n/i18n.ts';

export function LocaleRoot({
  children,
  initial = 'system',
}: {
  children: ReactNode;
  initial?: LocaleSetting;
}) {
  const [setting, setSettingState] = useState<LocaleSetting>(initial);
  const locale = resolveLocale(setting, navigator.languages ?? [navigator.language]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setSetting = useCallback((next: LocaleSetting) => setSettingState(next), []);
  const value = useMemo<I18n>(
    () => ({ locale, t: translator(locale), setting, setSetting }),
    [locale, setting, setSetting],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
