/**
 * Practice: pick problems (bank filters or the review queue), then work through them one by one.
 * The item in the URL (#/practice/<itemId>) is the one on screen, so a reload keeps the place.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemDetail } from '../../shared/api.js';
import { useApp } from '../app/context.js';
import { ProblemPicker, type PickerFilter } from './practice/ProblemPicker.js';
import { PracticeItem } from './practice/PracticeItem.js';
import { useSession } from './practice/useSession.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

export function Practice({ itemId }: { itemId?: string }) {
  const { t } = useTranslation();
  const { api, profile, navigate } = useApp();
  const [filter, setFilter] = useState<PickerFilter>({ version: 'all' });
  const [queue, setQueue] = useState<string[]>([]);
  const [problem, setProblem] = useState<ProblemDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const getSessionId = useSession(api, profile?.id ?? null);

  useEffect(() => {
    if (!itemId) {
      setProblem(null);
      return;
    }
    let live = true;
    setProblem(null);
    api
      .getProblem({ itemId })
      .then((p) => live && (setProblem(p), setError(null)))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, itemId, t]);

  const start = (ids: string[]) => {
    setQueue(ids);
    if (ids[0]) navigate({ name: 'practice', itemId: ids[0] });
  };
  const index = itemId ? queue.indexOf(itemId) : -1;
  const nextId = index >= 0 ? queue[index + 1] : undefined;

  return (
    <div>
      <h1>{t('practice.title')}</h1>
      {error !== null && <ErrorNotice error={error} />}
      {!itemId && <ProblemPicker filter={filter} onFilter={setFilter} onStart={start} />}
      {itemId && (
        <p>
          <button type="button" onClick={() => navigate({ name: 'practice' })}>{t('common.back')}</button>
        </p>
      )}
      {itemId && !problem && error === null && <p className="muted" role="status">{t('app.loading')}</p>}
      {problem && problem.itemId === itemId && (
        <PracticeItem
          key={problem.itemId}
          problem={problem}
          position={{ n: index >= 0 ? index + 1 : 1, total: Math.max(queue.length, 1) }}
          onNext={nextId ? () => navigate({ name: 'practice', itemId: nextId }) : null}
          getSessionId={getSessionId}
        />
      )}
    </div>
  );
}
