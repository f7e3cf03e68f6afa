/** Filters for the attempt lists (history and teacher review). Dates are the learner's local calendar days. */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRACTOR_TYPES, TOPICS, type DistractorType, type Topic } from '../../core/bank/schema.js';
import type { Profile } from '../../shared/api.js';
import { toBanglaDigits } from '../../core/numerals.js';
import { useApp } from '../app/context.js';
import { lastLocalDayBefore, localDayEnd, localDayOf, localDayStart, localUtcOffsetMinutes, parseDay } from '../lib/local-days.js';
import type { HistoryFilter } from './useHistory.js';
import { isolateText } from '../../shared/bidi.js';

interface Props {
  filter: HistoryFilter;
  onChange(filter: HistoryFilter): void;
  /** Teacher review: choose the student (all when absent). */
  students?: Profile[];
}

/**
 * A day typed as YYYY-MM-DD in Bangla or ASCII digits (a native date picker takes neither Bangla
 * digits nor a Bangla keyboard). The text stays exactly as typed; the filter changes only when it
 * reads as a real day (or is cleared), and an unreadable entry gets a message once the box is left.
 */
function DayInput({ id, day, onDay }: { id: string; day: string | null; onDay(day: string | null): void }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const shown = (d: string | null) => (d === null ? '' : settings.digits === 'bn' ? toBanglaDigits(d) : d);
  const [text, setText] = useState(() => shown(day));
  const [touched, setTouched] = useState(false);
  const parsed = text.trim() === '' ? null : parseDay(text);
  const invalid = text.trim() !== '' && parsed === null;
  return (
    <span className="stack">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={11}
        placeholder={shown('2025-01-31')}
        value={text}
        aria-invalid={touched && invalid}
        aria-describedby={touched && invalid ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.trim() === '' ? null : parseDay(e.target.value);
          if (next !== null || e.target.value.trim() === '') {
            setTouched(false);
            if (next !== day) onDay(next);
          }
        }}
        onBlur={() => setTouched(true)}
      />
      {touched && invalid && (
        <span id={`${id}-error`} className="notice bad small" role="alert">{t('history.dateInvalid', { text: text.trim(), example: shown('2025-01-31') })}</span>
      )}
    </span>
  );
}

/** A label tied to its control by id, so the control's name is the label alone (not its value). */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label> {children(id)}
    </span>
  );
}

export function HistoryFilters({ filter, onChange, students }: Props) {
  const { t } = useTranslation();
  // The learner's offset, as the store's statistics use it, so "from 1 June" means their 1 June.
  const offset = useMemo(() => localUtcOffsetMinutes(), []);
  const set = (patch: Partial<HistoryFilter>) => {
    const next: HistoryFilter = { ...filter, ...patch };
    for (const key of Object.keys(next) as Array<keyof HistoryFilter>) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  return (
    <fieldset className="row">
      <legend>{t('history.filters')}</legend>
      {students && (
        <Field label={t('review.student')}>
          {(id) => (
            <select id={id} value={filter.profileId ?? ''} onChange={(e) => set({ profileId: e.target.value || undefined })}>
              <option value="">{t('review.allStudents')}</option>
              {students.map((p) => <option key={p.id} value={p.id}>{isolateText(p.name)}</option>)}
            </select>
          )}
        </Field>
      )}
      <Field label={t('history.from')}>
        {(id) => (
          <DayInput id={id} day={filter.from ? localDayOf(filter.from, offset) : null} onDay={(d) => set({ from: d === null ? undefined : localDayStart(d, offset) })} />
        )}
      </Field>
      <Field label={t('history.to')}>
        {(id) => (
          <DayInput id={id} day={filter.to ? lastLocalDayBefore(filter.to, offset) : null} onDay={(d) => set({ to: d === null ? undefined : localDayEnd(d, offset) })} />
        )}
      </Field>
      <Field label={t('history.result')}>
        {(id) => (
          <select id={id}
            value={filter.correct === undefined ? '' : filter.correct ? 'yes' : 'no'}
            onChange={(e) => set({ correct: e.target.value === '' ? undefined : e.target.value === 'yes' })}
          >
            <option value="">{t('common.all')}</option>
            <option value="yes">{t('history.resultCorrect')}</option>
            <option value="no">{t('history.resultWrong')}</option>
          </select>
        )}
      </Field>
      <Field label={t('practice.topic')}>
        {(id) => (
          <select id={id} value={filter.topic ?? ''} onChange={(e) => set({ topic: (e.target.value || undefined) as Topic | undefined })}>
            <option value="">{t('common.all')}</option>
            {TOPICS.map((topic) => <option key={topic} value={topic}>{t(`topics.${topic}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('practice.distractorType')}>
        {(id) => (
          <select id={id} value={filter.distractorType ?? ''} onChange={(e) => set({ distractorType: (e.target.value || undefined) as DistractorType | undefined })}>
            <option value="">{t('common.all')}</option>
            {DISTRACTOR_TYPES.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
