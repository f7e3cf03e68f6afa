/**
 * Teacher review: every student's attempts, filterable by student, date and result; open one to
 * judge the model's graph; export the selected work (JSON, CSV, printable report) and import a
 * student's exported file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportRequest, ImportEvent } from '../../shared/api.js';
import { newRequestId } from '../../shared/transport/client.js';
import { useApp } from '../app/context.js';
import { AttemptList } from '../components/AttemptList.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { HistoryFilters } from '../components/HistoryFilters.js';
import { useHistory, type HistoryFilter } from '../components/useHistory.js';
import { downloadFile } from '../lib/download.js';
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
  /** The running import's latest progress (it runs on a worker thread; the screen stays usable). */
  const [importing, setImporting] = useState<ImportEvent | null>(null);
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
      const request = { format, attemptIds, language: i18n.language === 'en' ? 'en' : 'bn' } as const;
      // Electron: the main process asks where and writes the file itself; the browser downloads it.
      const where = info.capabilities.fileDialogs ? (await api.saveFile(request)).path : downloadFile(await api.exportData(request));
      if (where) setStatus({ kind: 'good', text: t('review.exported', { file: where }) });
    } catch (e) {
      setStatus({ kind: 'bad', error: e });
    }
  };

  const importFile = async (file: File) => {
    setStatus(null);
    try {
      const content = await file.text();
      setImporting({ requestId: '', type: 'progress', phase: 'checking', done: 0, total: 0 });
      const summary = await api.importData({ content, fileName: file.name, requestId: newRequestId() }, setImporting);
      setStatus({
        kind: 'good',
        text: t('review.importDone', { attempts: fmtNumber(summary.added.attempts ?? 0, digits), profiles: fmtNumber(summary.added.profiles ?? 0, digits) }),
      });
      await refreshProfiles();
      setReload((r) => r + 1);
    } catch (e) {
      // Filters and the selection stay as they were: nothing was imported, nothing is lost.
      setStatus({ kind: 'bad', error: e, context: 'review.importFailed' });
    } finally {
      setImporting(null);
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
            {importing && (
              <p role="status" data-testid="import-progress">
                <progress className="progress" aria-label={t('review.importChecking')}
                  {...(importing.phase === 'saving' && importing.total > 0 ? { value: importing.done, max: importing.total } : {})} />
                {importing.phase === 'saving'
                  ? t('review.importSaving', { done: fmtNumber(importing.done, digits), total: fmtNumber(importing.total, digits) })
                  : t('review.importChecking')}
              </p>
            )}
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
