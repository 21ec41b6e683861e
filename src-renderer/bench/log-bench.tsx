/**
 * The benchmark harness: LogView over generated lines (ANSI colours, varied lengths), no worker.
 * bench/ui.bench.ts loads index.html?bench=N and scrolls it. data-testid: log-bench (data-ready).
 */
import { useMemo } from 'react';
import type { LogLine } from '../../shared/log-line.ts';
import { BridgeContext } from '../common/bridge-context.ts';
import type { Bridge } from '../../shared/bridge.ts';
import { LINES_PER_JOB } from '../log/log-store.ts';
import { LogView } from '../log/LogView.tsx';
import { RingBuffer } from '../log/ring-buffer.ts';

const WORDS = [
  'aider',
  'edit',
  'src/app.ts',
  'tokens',
  'commit',
  'test',
  'passed',
  'diff',
  'applied',
  'model',
];

function generate(count: number): RingBuffer<LogLine> {
  const buffer = new RingBuffer<LogLine>(Math.max(count, LINES_PER_JOB));
  const at = new Date(0).toISOString();
  for (let n = 1; n <= count; n++) {
    const words = Array.from({ length: 4 + (n % 17) }, (_, i) => WORDS[(n * 7 + i * 3) % WORDS.length]).join(
      ' ',
    );
    const text =
      n % 10 === 0
        ? `\u001b[1;32m✓\u001b[0m ${words}`
        : n % 13 === 0
          ? `\u001b[31merror\u001b[39m: ${words} \u001b[38;5;208m(${n})\u001b[0m`
          : `${words} ${n}`;
    buffer.push({ n, at, stream: n % 29 === 0 ? 'stderr' : 'stdout', text });
  }
  return buffer;
}

const offline: Bridge = {
  host: 'web',
  invoke: () => Promise.reject(new Error('no worker in the benchmark')),
  onEvent: () => () => {},
  onConnection: () => () => {},
};

export function LogBench({ lines }: { lines: number }) {
  const source = useMemo(() => generate(lines), [lines]);
  return (
    <BridgeContext.Provider value={offline}>
      <main className="app bench" data-testid="log-bench" data-ready="true">
        <LogView source={source} version={source.length} emptyText="" />
      </main>
    </BridgeContext.Provider>
  );
}
