import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { pickBridge } from './bridge/pick-bridge.ts';
import { I18nContext, resolveLocale, translator } from './i18n/i18n.ts';
import './styles.css';

const bridge = pickBridge();
const locale = resolveLocale('system', navigator.languages);
document.documentElement.lang = locale;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nContext.Provider value={{ locale, t: translator(locale) }}>
      <App bridge={bridge} />
    </I18nContext.Provider>
  </StrictMode>,
);
