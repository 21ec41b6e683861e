import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { LocaleRoot } from './app/LocaleRoot.tsx';
import { pickBridge } from './bridge/pick-bridge.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const params = new URLSearchParams(window.location.search);

if (params.has('bench')) {
  // The log benchmark's harness (bench/ui.bench.ts): the real LogView with generated lines, no worker.
  void import('./bench/log-bench.tsx').then(({ LogBench }) =>
    root.render(
      <LocaleRoot>
        <LogBench lines={Number(params.get('bench')) || 200_000} />
      </LocaleRoot>,
    ),
  );
} else {
  const bridge = pickBridge();
  root.render(
    <StrictMode>
      <LocaleRoot>
        <App bridge={bridge} />
      </LocaleRoot>
    </StrictMode>,
  );
}
