/**
 * "Check setup": runs the worker's doctor and lists each check with what to do about it.
 * data-testid: check-setup, doctor-results, doctor-check (data-status, data-id), doctor-fix.
 */
import { useState } from 'react';
import type { DoctorCheck } from '../../shared/doctor-check.ts';
import { useBridge } from '../common/bridge-context.ts';
import { InlineError } from '../common/PanelState.tsx';
import { useAction } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';

export function DoctorPanel() {
  const { t } = useI18n();
  const bridge = useBridge();
  const action = useAction();
  const [checks, setChecks] = useState<readonly DoctorCheck[] | null>(null);

  const run = async () => {
    const result = await action.run(() => bridge.invoke('runDoctor', {}));
    if (result) setChecks(result);
  };

  return (
    <section className="doctor" aria-labelledby="doctor-title">
      <h2 id="doctor-title" className="section-title">
        {t('doctor.title')}
      </h2>
      <p className="muted">{t('doctor.hint')}</p>
      <button type="button" onClick={() => void run()} disabled={action.busy} data-testid="check-setup">
        {action.busy ? t('doctor.running') : t('doctor.run')}
      </button>
      <InlineError error={action.error} testId="doctor-error" />
      {checks && (
        <ul className="checks" data-testid="doctor-results" aria-live="polite">
          {checks.map((check) => (
            <li
              key={check.id}
              className={`check check-${check.status}`}
              data-testid="doctor-check"
              data-status={check.status}
              data-id={check.id}
            >
              <span className={`badge status-${check.status}`}>{t(`doctor.status.${check.status}`)}</span>
              <div>
                <p className="check-title">{check.title}</p>
                <p className="muted">{check.detail}</p>
                {check.fix && check.status !== 'ok' && (
                  <p className="fix" data-testid="doctor-fix">
                    {t('doctor.fix', { fix: check.fix })}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
