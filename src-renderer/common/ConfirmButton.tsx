/**
 * A button for something that cannot be undone: the first press asks, inline, for a second.
 * data-testid: the caller's id on the first button; confirm-button and confirm-cancel on the question.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.ts';

export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  testId,
  danger,
}: {
  children: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId: string;
  danger?: boolean;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        disabled={disabled}
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {children}
      </button>
    );
  }
  return (
    <span
      className="confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => event.key === 'Escape' && setAsking(false)}
    >
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className={danger ? 'danger' : 'primary'}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid="confirm-button"
      >
        {confirmLabel}
      </button>
      <button type="button" ref={cancelRef} onClick={() => setAsking(false)} data-testid="confirm-cancel">
        {t('common.cancel')}
      </button>
    </span>
  );
}
