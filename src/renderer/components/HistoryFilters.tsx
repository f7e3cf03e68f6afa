/** Filters for the attempt lists (history and teacher review). Dates are local calendar days. */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRACTOR_TYPES, TOPICS, type DistractorType, type Topic } from '../../core/bank/schema.js';
import type { Profile } from '../../shared/api.js';
import type { HistoryFilter } from './useHistory.js';

interface Props {
  filter: HistoryFilter;
  onChange(filter: HistoryFilter): void;
  /** Teacher review: choose the student (all when absent). */
  students?: Profile[];
}

/** "YYYY-MM-DD" of the <input type=date> → the contract's ISO date (end date made inclusive). */
function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
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
              {students.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          )}
        </Field>
      )}
      <Field label={t('history.from')}>
        {(id) => (
          <input id={id} type="date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
        )}
      </Field>
      <Field label={t('history.to')}>
        {(id) => (
          <input id={id} type="date" value={filter.to ? dayBefore(filter.to) : ''} onChange={(e) => set({ to: e.target.value ? dayAfter(e.target.value) : undefined })} />
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
