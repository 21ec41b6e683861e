/**
 * Form fields with their label, hint and inline error, wired for assistive technology
 * (aria-invalid, aria-describedby). The error element carries data-testid="settings-error" (or the
 * field's errorTestId) and data-field = the field's name.
 */
import { useId, type ReactNode, type Ref } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../../shared/i18n/ui-messages.ts';

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  problem?: MessageKey;
  /** Values the problem's message names (a setting's {min} and {max}). */
  problemValues?: Readonly<Record<string, number>>;
  testId: string;
  /** The inline error's data-testid; settings-error unless the field needs its own. */
  errorTestId?: string;
}

function FieldFrame({
  name,
  label,
  hint,
  problem,
  problemValues,
  errorTestId = 'settings-error',
  control,
}: Omit<FieldProps, 'testId'> & {
  control: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control({ id, describedBy })}
      {hint && (
        <p id={hintId} className="hint muted">
          {hint}
        </p>
      )}
      {problem && (
        <p id={errorId} className="field-error" data-testid={errorTestId} data-field={name}>
          {t(problem, problemValues)}
        </p>
      )}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    placeholder?: string;
    inputMode?: 'url' | 'numeric';
  },
) {
  return (
    <FieldFrame
      {...props}
      control={({ id, describedBy }) => (
        <input
          id={id}
          name={props.name}
          type="text"
          inputMode={props.inputMode}
          spellCheck={false}
          autoComplete="off"
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={props.problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.target.value)}
          data-testid={props.testId}
        />
      )}
    />
  );
}

/**
 * A secret such as a token. Uncontrolled on purpose: its value lives only in the input, and the caller
 * reads (and clears) it through inputRef when it sends it, so no React state ever holds it.
 */
export function SecretField(
  props: FieldProps & {
    inputRef: Ref<HTMLInputElement>;
    /** Called on every edit, without the value. */
    onEdit: () => void;
    placeholder?: string;
    disabled?: boolean;
  },
) {
  return (
    <FieldFrame
      {...props}
      control={({ id, describedBy }) => (
        <input
          ref={props.inputRef}
          id={id}
          name={props.name}
          type="password"
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          defaultValue=""
          placeholder={props.placeholder}
          disabled={props.disabled}
          aria-invalid={props.problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={() => props.onEdit()}
          data-testid={props.testId}
        />
      )}
    />
  );
}

export function ListField(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    placeholder?: string;
    rows?: number;
  },
) {
  return (
    <FieldFrame
      {...props}
      control={({ id, describedBy }) => (
        <textarea
          id={id}
          name={props.name}
          rows={props.rows ?? 3}
          spellCheck={false}
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={props.problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.target.value)}
          data-testid={props.testId}
        />
      )}
    />
  );
}

export function SelectField<V extends string>(
  props: FieldProps & {
    value: V;
    options: readonly { value: V; label: string }[];
    onChange: (value: V) => void;
  },
) {
  return (
    <FieldFrame
      {...props}
      control={({ id, describedBy }) => (
        <select
          id={id}
          name={props.name}
          value={props.value}
          aria-invalid={props.problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.target.value as V)}
          data-testid={props.testId}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function Toggle({
  label,
  hint,
  checked,
  onChange,
  testId,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="field toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint muted">
          {hint}
        </p>
      )}
    </div>
  );
}
