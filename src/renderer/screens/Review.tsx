/**
 * Teacher review: every student's attempts, filterable by student, date and result; open one to
 * judge the model's graph; export the selected work (JSON, CSV, printable report) and import a
 * student's exported file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportRequest } from '../../shared/api.js';
import { useApp } from '../app/context.js';
import { AttemptList } from '../components/AttemptList.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { HistoryFilters } from '../components/HistoryFilters.js';
import { useHistory, type HistoryFilter } from '../components/useHistory.js';
import { deliverFile } from '../lib/download.js';
import { fmtNumber } from '../lib/format.js';
import { AttemptReview } from './review/AttemptReview.js';

export function Review({ attemptId }: { attemptId?: string }) {
  const { t, i18n } = useTranslation();
  const { api, info, profiles, settings, navigate, refreshProfiles } = useApp();
  const digits = settings.digits;
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [status, setStatus] = useState<{ kind: 'good'; text: string } | { kind: 'bad'; error: unknown; context?: string } | null>(null);
  const history = useHistory(api, filter, reload);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const exportAs = async (format: ExportRequest['format']) => {
    setStatus(null);
    try {
      const attemptIds = selected.size > 0 ? [...selected] : history.items.map((i) => i.id);
      const file = await api.exportData({ format, attemptIds, language: i18n.language === 'en' ? 'en' : 'bn' });
      const where = await deliverFile(api, info.capabilities.fileDialogs, file);
      if (where) setStatus({ kind: 'good', text: t('review.exported', { file: where }) });
    } catch (e) {
      setStatus({ kind: 'bad', error: e });
    }
  };

  const importFile = async (file: File) => {
    setStatus(null);
    try {
      const summary = await api.importData({ content: await file.text(), fileName: file.name });
      setStatus({
        kind: 'good',
        text: t('review.importDone', { attempts: fmtNumber(summary.added.attempts ?? 0, digits), profiles: fmtNumber(summary.added.profiles ?? 0, digits) }),
      });
      await refreshProfiles();
      setReload((r) => r + 1);
    } catch (e) {
      // Filters and the selection stay as they were: nothing was imported, nothing is lost.
      setStatus({ kind: 'bad', error: e, context: 'review.importFailed' });
    }
  };

  return (
    <div>
      <h1>{t('review.title')}</h1>
      {attemptId ? (
        <>
          <p>
            <button type="button" onClick={() => navigate({ name: 'review' })}>{t('common.back')}</button>
          </p>
          <AttemptReview attemptId={attemptId} onSaved={() => setReload((r) => r + 1)} />
        </>
      ) : (
        <>
          <section className="card" aria-labelledby="export-title">
            <h2 id="export-title">{t('review.exportTitle')}</h2>
            <p className="muted">
              {selected.size > 0 ? t('review.exportScopeSelected', { count: fmtNumber(selected.size, digits) }) : t('review.exportScopeAll')}
            </p>
            <div className="row">
              <button type="button" onClick={() => void exportAs('json')}>{t('review.exportJson')}</button>
              <button type="button" onClick={() => void exportAs('csv')}>{t('review.exportCsv')}</button>
              <button type="button" onClick={() => void exportAs('html')}>{t('review.exportReport')}</button>
              <label>
                {t('review.importFile')}
                <input
                  type="file"
                  accept=".json,application/json"
                  data-testid="import-file"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void importFile(file);
                  }}
                />
              </label>
            </div>
            {status?.kind === 'bad' && <ErrorNotice error={status.error} context={status.context} testId="review-status" />}
            {status?.kind === 'good' && <p className="notice good" role="status" data-testid="review-status">{status.text}</p>}
          </section>
          <section className="card" aria-labelledby="attempts-title">
            <h2 id="attempts-title">{t('history.attempts')}</h2>
            <HistoryFilters filter={filter} onChange={setFilter} students={profiles} />
            <div className="row">
              <button type="button" onClick={() => setSelected(new Set(history.items.map((i) => i.id)))} disabled={history.items.length === 0}>
                {t('review.selectAll')}
              </button>
              <span role="status">{t('review.selected', { count: fmtNumber(selected.size, digits) })}</span>
            </div>
            {history.error !== null && <ErrorNotice error={history.error} />}
            {!history.loading && history.items.length === 0 ? (
              <p className="muted">{t('history.empty')}</p>
            ) : (
              <AttemptList
                items={history.items}
                hasMore={history.hasMore}
                loadMore={history.loadMore}
                digits={digits}
                selected={selected}
                onToggle={toggle}
                onOpen={(id) => navigate({ name: 'review', attemptId: id })}
                studentName={(id) => profiles.find((p) => p.id === id)?.name ?? id}
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}
