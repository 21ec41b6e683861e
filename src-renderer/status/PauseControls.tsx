/**
 * Pause and resume. Pausing takes no new task; "after the current job" lets a running job finish,
 * "stop now" cancels it and puts its message back. A pause can end on its own (1 hour, tomorrow 9:00).
 * data-testid: pause-mode, pause-duration, pause-button, resume-button, pause-error.
 */
import { useState } from 'react';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { useBridge } from '../common/bridge-context.ts';
import { InlineError } from '../common/PanelState.tsx';
import { useAction } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { pauseDurations, pauseUntil, type PauseDuration } from '../../shared/pause-until.ts';
import type { PauseMode } from '../../shared/bridge.ts';

export function PauseControls({ snapshot }: { snapshot: WorkerSnapshot }) {
  const { t } = useI18n();
  const bridge = useBridge();
  const action = useAction();
  const [mode, setMode] = useState<PauseMode>('after-current');
  const [duration, setDuration] = useState<PauseDuration>('indefinite');
  const running = snapshot.jobs.length > 0;

  // agent.sandbox "required" without a sandbox: only the setting lifts that hold, not a resume.
  if (snapshot.pause.reason === 'sandbox-required') return null;
  if (snapshot.pause.paused) {
    return (
      <div className="controls">
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={() => void action.run(() => bridge.invoke('resume', {}))}
          data-testid="resume-button"
        >
          {t('pause.resume')}
        </button>
        <InlineError error={action.error} testId="pause-error" />
      </div>
    );
  }

  return (
    <div className="controls">
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          void action.run(() => bridge.invoke('pause', { mode, until: pauseUntil(duration, new Date()) }))
        }
        data-testid="pause-button"
      >
        {t('pause.pause')}
      </button>
      <label className="compact">
        <span className="visually-hidden">{t('pause.modeLabel')}</span>
        <select value={mode} onChange={(e) => setMode(e.target.value as PauseMode)} data-testid="pause-mode">
          <option value="after-current">
            {t(running ? 'pause.afterCurrent' : 'pause.afterCurrentIdle')}
          </option>
          <option value="stop-now">{t('pause.stopNow')}</option>
        </select>
      </label>
      <label className="compact">
        <span className="visually-hidden">{t('pause.durationLabel')}</span>
        <select
          value={duration}
          onChange={(e) => setDuration(e.target.value as PauseDuration)}
          data-testid="pause-duration"
        >
          {pauseDurations.map((d) => (
            <option key={d} value={d}>
              {t(`pause.duration.${d}`)}
            </option>
          ))}
        </select>
      </label>
      {mode === 'stop-now' && running && (
        <p className="hint muted" data-testid="pause-stop-now-hint">
          {t('pause.stopNowHint')}
        </p>
      )}
      <InlineError error={action.error} testId="pause-error" />
    </div>
  );
}
