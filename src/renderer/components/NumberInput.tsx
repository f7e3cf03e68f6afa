/**
 * The one number box of the app (answers, the teacher's corrected answer): accepts Bangla or
 * ASCII digits, explains the accepted forms, and says in the user's language when the entry
 * cannot be read, keeping the text as typed. The parent decides when to show the message
 * (usually on submit) by passing `invalid`; `children` (buttons) sit beside the box.
 */
import { forwardRef, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string;
  onChange(text: string): void;
  /** The text that could not be read (quoted in the message), or null. */
  invalid: string | null;
  readOnly?: boolean;
  children?: ReactNode;
}

export const NumberInput = forwardRef<HTMLInputElement, Props>(function NumberInput({ label, value, onChange, invalid, readOnly, children }, ref) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="number-field">
      <div className="row">
        <label className="stack">
          {label}
          <input
            ref={ref}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            readOnly={readOnly}
            aria-invalid={invalid !== null}
            aria-describedby={invalid !== null ? `${id}-error ${id}-help` : `${id}-help`}
          />
        </label>
        {children}
      </div>
      <p id={`${id}-help`} className="muted">{t('practice.answerHelp')}</p>
      {invalid !== null && <p id={`${id}-error`} className="notice bad" role="alert">{t('practice.notANumber', { text: invalid })}</p>}
    </div>
  );
});
