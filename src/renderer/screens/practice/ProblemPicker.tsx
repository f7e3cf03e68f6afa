/**
 * Choosing what to practise: the bank filtered by topic, grade, distractor type and version,
 * or the review queue of missed problems. Typing one's own problem is the "solve" screen.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRACTOR_TYPES, GRADE_BANDS, TOPICS, type DistractorType, type GradeBand, type Topic } from '../../../core/bank/schema.js';
import type { ProblemSummary, ReviewQueueItem } from '../../../shared/api.js';
import { useApp } from '../../app/context.js';
import { fmtDate, fmtNumber } from '../../lib/format.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

export interface PickerFilter {
  topic?: Topic;
  grade?: GradeBand;
  distractorType?: DistractorType;
  version: 'all' | 'clean' | 'distractor';
}

interface Props {
  filter: PickerFilter;
  onFilter(filter: PickerFilter): void;
  /** Start practising these items, in this order. */
  onStart(itemIds: string[]): void;
}

export function ProblemPicker({ filter, onFilter, onStart }: Props) {
  const { t, i18n } = useTranslation();
  const { api, profile, settings, navigate } = useApp();
  const digits = settings.digits;
  const [source, setSource] = useState<'bank' | 'review'>('bank');
  const [items, setItems] = useState<ProblemSummary[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [queue, setQueue] = useState<ReviewQueueItem[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api
      .listProblems({ ...filter, limit: 100 })
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setTotal(page.total);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, filter, t]);
  useEffect(() => {
    if (!profile) return;
    let live = true;
    api.reviewQueue({ profileId: profile.id }).then((q) => live && setQueue(q), () => undefined);
    return () => {
      live = false;
    };
  }, [api, profile]);

  const dueItems = queue.filter((q) => q.itemId !== null);
  const set = <K extends keyof PickerFilter>(key: K, value: string) => onFilter({ ...filter, [key]: value === '' ? undefined : value });

  return (
    <section className="card" aria-labelledby="pick-title">
      <h2 id="pick-title">{t('practice.chooseTitle')}</h2>
      <div className="row" role="radiogroup" aria-label={t('practice.source')}>
        <label><input type="radio" name="source" checked={source === 'bank'} onChange={() => setSource('bank')} />{t('practice.sourceBank')}</label>
        <label><input type="radio" name="source" checked={source === 'review'} onChange={() => setSource('review')} />{t('practice.sourceReview', { count: fmtNumber(queue.length, digits) })}</label>
        <button type="button" onClick={() => navigate({ name: 'solve' })}>{t('practice.sourceOwn')}</button>
      </div>

      {source === 'bank' ? (
        <>
          <div className="row">
            <label>
              {t('practice.topic')}
              <select value={filter.topic ?? ''} onChange={(e) => set('topic', e.target.value)}>
                <option value="">{t('common.all')}</option>
                {TOPICS.map((topic) => <option key={topic} value={topic}>{t(`topics.${topic}`)}</option>)}
              </select>
            </label>
            <label>
              {t('practice.grade')}
              <select value={filter.grade ?? ''} onChange={(e) => set('grade', e.target.value)}>
                <option value="">{t('common.all')}</option>
                {GRADE_BANDS.map((g) => <option key={g} value={g}>{t(`grades.${g}`)}</option>)}
              </select>
            </label>
            <label>
              {t('practice.distractorType')}
              <select value={filter.distractorType ?? ''} onChange={(e) => set('distractorType', e.target.value)}>
                <option value="">{t('common.all')}</option>
                {DISTRACTOR_TYPES.map((d) => <option key={d} value={d}>{`${d}: ${t(`distractor.${d}`)}`}</option>)}
              </select>
            </label>
            <label>
              {t('practice.version')}
              <select value={filter.version} onChange={(e) => onFilter({ ...filter, version: e.target.value as PickerFilter['version'] })}>
                <option value="all">{t('practice.versionAll')}</option>
                <option value="clean">{t('practice.versionClean')}</option>
                <option value="distractor">{t('practice.versionDistractor')}</option>
              </select>
            </label>
          </div>
          {error !== null && <ErrorNotice error={error} />}
          <p role="status" aria-live="polite">
            {total === null ? t('app.loading') : total === 0 ? t('practice.noMatch') : t('practice.matching', { count: fmtNumber(total, digits) })}
          </p>
          <button type="button" className="primary" disabled={items.length === 0} onClick={() => onStart(items.map((i) => i.itemId))}>
            {t('practice.start')}
          </button>
          <ul className="problem-list" aria-label={t('practice.chooseTitle')}>
            {items.slice(0, 30).map((item) => (
              <li key={item.itemId}>
                <button type="button" className="link" data-item-id={item.itemId} onClick={() => onStart([item.itemId, ...items.filter((i) => i.itemId !== item.itemId).map((i) => i.itemId)])}>
                  {t('practice.openItem')}
                </button>{' '}
                <span className="muted">[{t(`grades.${item.grade}`)}{item.distractorTypes.length > 0 ? ` · ${item.distractorTypes.join(', ')}` : ''}]</span>{' '}
                {item.text}
              </li>
            ))}
          </ul>
        </>
      ) : dueItems.length === 0 ? (
        <p className="muted">{t('history.reviewEmpty')}</p>
      ) : (
        <>
          <button type="button" className="primary" onClick={() => onStart(dueItems.map((q) => q.itemId!))}>{t('history.practiceThese')}</button>
          <ul className="problem-list">
            {dueItems.map((q) => (
              <li key={q.problemId}>
                <strong>{q.due ? t('history.reviewDue') : t('history.reviewLater', { date: fmtDate(q.dueAt, i18n.language === 'en' ? 'en' : 'bn', digits) })}</strong>{' '}
                <span className="muted">{t('history.box', { box: fmtNumber(q.box, digits) })}</span> {q.problemText}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
