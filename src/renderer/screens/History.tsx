/**
 * History and progress for the current profile: accuracy, streaks, spotting, charts (d3), the
 * review queue and a virtualised, filterable list of every attempt.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewQueueItem } from '../../shared/api.js';
import type { PracticeStats } from '../../shared/practice/queries.js';
import { useApp } from '../app/context.js';
import { AttemptList } from '../components/AttemptList.js';
import { AccuracyByDayChart, AccuracyByTypeChart } from '../components/Charts.js';
import { HistoryFilters } from '../components/HistoryFilters.js';
import { useHistory, type HistoryFilter } from '../components/useHistory.js';
import { fmtDate, fmtNumber, fmtPercent } from '../lib/format.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

/** The contract types stats loosely (the store owns the shape); check the parts we draw. */
function asStats(value: unknown): PracticeStats | null {
  const s = value as Partial<PracticeStats> | null;
  return s && Array.isArray(s.accuracyByDay) && Array.isArray(s.byDistractorType) && s.totals && s.streaks ? (s as PracticeStats) : null;
}

export function History() {
  const { t, i18n } = useTranslation();
  const { api, profile, settings, navigate } = useApp();
  const digits = settings.digits;
  const language = i18n.language === 'en' ? 'en' : 'bn';
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [stats, setStats] = useState<PracticeStats | null>(null);
  const [queue, setQueue] = useState<ReviewQueueItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const profileId = profile?.id;
  const history = useHistory(api, { ...filter, ...(profileId ? { profileId } : {}) });

  useEffect(() => {
    if (!profileId) return;
    let live = true;
    Promise.all([api.stats({ profileId }), api.reviewQueue({ profileId })])
      .then(([s, q]) => {
        if (!live) return;
        setStats(asStats(s));
        setQueue(q);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, profileId, t]);

  const n = (value: number | null | undefined) => fmtNumber(value ?? null, digits);
  const dueItems = queue.filter((q) => q.itemId !== null);

  return (
    <div>
      <h1>{t('history.title')}</h1>
      {error !== null && <ErrorNotice error={error} />}
      {stats && (
        <section className="card" aria-label={t('history.title')} data-testid="stats">
          <ul className="stats-tiles">
            <li>{t('history.attemptsCount', { count: n(stats.totals.attempts) })}</li>
            <li>{t('history.accuracy', { percent: fmtPercent(stats.totals.accuracy, digits) })}</li>
            <li>{t('history.streak', { current: n(stats.streaks.currentCorrect), best: n(stats.streaks.bestCorrect) })}</li>
            <li>{t('history.daysStreak', { current: n(stats.streaks.currentDays), best: n(stats.streaks.bestDays) })}</li>
            {stats.timePerProblem.medianMs !== null && (
              <li>{t('history.medianTime', { seconds: n(Math.round(stats.timePerProblem.medianMs / 1000)) })}</li>
            )}
            {stats.distractorSpotting.attempts > 0 && (
              <li>{t('history.spotting', { precision: fmtPercent(stats.distractorSpotting.precision, digits), recall: fmtPercent(stats.distractorSpotting.recall, digits) })}</li>
            )}
          </ul>
          <div className="grid-2">
            <AccuracyByDayChart data={stats.accuracyByDay} digits={digits} title={t('history.accuracyOverTime')} />
            <AccuracyByTypeChart data={stats.byDistractorType} digits={digits} title={t('history.accuracyByType')} />
          </div>
        </section>
      )}

      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t('history.reviewQueue')}</h2>
        {queue.length === 0 ? (
          <p className="muted">{t('history.reviewEmpty')}</p>
        ) : (
          <>
            <ul data-testid="review-queue">
              {queue.map((q) => (
                <li key={q.problemId}>
                  <strong>{q.due ? t('history.reviewDue') : t('history.reviewLater', { date: fmtDate(q.dueAt, language, digits) })}</strong>{' '}
                  <span className="muted">{t('history.box', { box: n(q.box) })}</span> {q.problemText}
                </li>
              ))}
            </ul>
            {dueItems.length > 0 && (
              <button type="button" onClick={() => navigate({ name: 'practice', itemId: dueItems[0]!.itemId! })}>{t('history.practiceThese')}</button>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="attempts-title">
        <h2 id="attempts-title">{t('history.attempts')}</h2>
        <HistoryFilters filter={filter} onChange={setFilter} />
        {history.error !== null && <ErrorNotice error={history.error} />}
        {!history.loading && history.items.length === 0 ? (
          <p className="muted">{t('history.empty')}</p>
        ) : (
          <AttemptList items={history.items} hasMore={history.hasMore} loadMore={history.loadMore} digits={digits} />
        )}
      </section>
    </div>
  );
}
