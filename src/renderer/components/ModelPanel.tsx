/**
 * Getting a model: the catalog (sizes and a fit verdict for this computer), downloads with a
 * progress bar and cancel, importing a .gguf, and the models already installed.
 * Used by the welcome screen and by "Models & settings".
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DaggerApiError, type CatalogEntry, type DownloadEvent, type ImportModelEvent, type InstalledModel, type ModelFit } from '../../shared/api.js';
import { newRequestId } from '../../shared/transport/client.js';
import { useApp } from '../app/context.js';
import { ErrorNotice } from './ErrorNotice.js';
import { GetModelCard } from './GetModelCard.js';
import { HubTokenForm } from './HubTokenForm.js';
import { fmtBytes, fmtDuration, fmtNumber } from '../lib/format.js';
import { UserText } from './UserText.js';

const FIT_KEY: Record<ModelFit, string> = { fits: 'models.fitFits', tight: 'models.fitTight', 'too-large': 'models.fitTooBig', unknown: 'models.fitUnknown' };

interface Download {
  requestId: string;
  label: string;
  received: number;
  total: number | null;
  speed: number | null;
  eta: number | null;
}

export function ModelPanel() {
  const { t } = useTranslation();
  const { api, info, settings, refreshModelStatus } = useApp();
  const digits = settings.digits;
  const [catalog, setCatalog] = useState<CatalogEntry[] | null>(null);
  const [installed, setInstalled] = useState<InstalledModel[] | null>(null);
  const [download, setDownload] = useState<Download | null>(null);
  // Failures keep the error itself, so its sentence follows a language switch.
  // A failed import is shown next to the import form; other messages at the top of the panel.
  const [message, setMessage] = useState<{ kind: 'good'; text: string } | { kind: 'bad'; error: unknown; fromImport?: boolean } | null>(null);
  const [path, setPath] = useState('');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  /** The import being copied (multi-GB files take a while): its progress and its id for cancel. */
  const [importing, setImporting] = useState<{ requestId: string; copied: number; total: number | null } | null>(null);
  /** The catalog entry being got from its Hugging Face checkpoint (plan, then the job). */
  const [getting, setGetting] = useState<(CatalogEntry & { hub: NonNullable<CatalogEntry['hub']> }) | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => { mounted.current = false; }, []);

  const refresh = useCallback(async () => {
    const [cat, list] = await Promise.all([api.modelCatalog().catch(() => []), api.listModels()]);
    if (!mounted.current) return;
    setCatalog(cat);
    setInstalled(list);
  }, [api]);
  useEffect(() => {
    refresh().catch((e: unknown) => setMessage({ kind: 'bad', error: e }));
  }, [refresh]);

  const afterInstall = async (model: InstalledModel, text: string) => {
    await api.selectModel({ fileName: model.fileName });
    await Promise.all([refresh(), refreshModelStatus()]);
    setMessage({ kind: 'good', text });
  };

  const startDownload = async (source: { catalogId: string } | { url: string }, label: string) => {
    const requestId = newRequestId();
    setMessage(null);
    setDownload({ requestId, label, received: 0, total: null, speed: null, eta: null });
    const onEvent = (event: DownloadEvent) => {
      if (event.type === 'progress' && mounted.current) {
        setDownload({ requestId, label, received: event.receivedBytes, total: event.totalBytes, speed: event.bytesPerSecond, eta: event.etaSeconds });
      }
    };
    try {
      const model = await api.downloadModel({ requestId, ...source }, onEvent);
      await afterInstall(model, t('models.downloadDone'));
    } catch (e) {
      const cancelled = e instanceof DaggerApiError && e.code === 'CANCELLED';
      setMessage(cancelled ? { kind: 'good', text: t('models.downloadCancelled') } : { kind: 'bad', error: e });
    } finally {
      if (mounted.current) setDownload(null);
    }
  };

  const importFrom = async (file: string) => {
    const requestId = newRequestId();
    setBusy(true);
    setMessage(null);
    setImporting({ requestId, copied: 0, total: null });
    const onEvent = (event: ImportModelEvent) => {
      if (event.type === 'progress' && mounted.current) setImporting({ requestId, copied: event.copiedBytes, total: event.totalBytes });
    };
    try {
      const model = await api.importModel({ requestId, path: file }, onEvent);
      await afterInstall(model, t('models.imported', { name: model.fileName }));
      setPath('');
    } catch (e) {
      const cancelled = e instanceof DaggerApiError && e.code === 'CANCELLED';
      // The typed path stays in the box to be corrected (or imported again).
      setMessage(cancelled ? { kind: 'good', text: t('models.importCancelled') } : { kind: 'bad', error: e, fromImport: true });
    } finally {
      if (mounted.current) {
        setBusy(false);
        setImporting(null);
      }
    }
  };

  const pickAndImport = async () => {
    const picked = await api.pickModelFile();
    if (picked.path) await importFrom(picked.path);
  };

  const act = async (work: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await work();
      await Promise.all([refresh(), refreshModelStatus()]);
    } catch (e) {
      setMessage({ kind: 'bad', error: e });
    }
  };

  const percent = download?.total ? Math.floor((download.received / download.total) * 100) : null;

  return (
    <div className="model-panel">
      {message?.kind === 'bad' && !message.fromImport && <ErrorNotice error={message.error} testId="model-error" />}
      {message?.kind === 'good' && <p className="notice good" role="status">{message.text}</p>}

      {getting && (
        <GetModelCard
          key={getting.id}
          entry={getting}
          onInstalled={(model) => afterInstall(model, t('models.getDone', { name: model.fileName }))}
          onClose={(text) => {
            setGetting(null);
            if (text) setMessage({ kind: 'good', text });
            void refresh();
          }}
        />
      )}

      {download && (
        <div className="card" data-testid="download-progress">
          <p role="status" aria-live="polite">
            {download.label}: {t('models.downloading', { percent: percent === null ? '…' : fmtNumber(percent, digits) })}
          </p>
          <progress className="progress" max={download.total ?? undefined} value={download.total ? download.received : undefined} aria-label={download.label} />
          <p className="muted">
            {t('models.downloadProgress', {
              done: fmtBytes(download.received, digits),
              total: fmtBytes(download.total, digits),
              speed: fmtBytes(download.speed, digits),
              eta: fmtDuration(download.eta, digits),
            })}
          </p>
          <button type="button" onClick={() => void api.cancel({ requestId: download.requestId })}>{t('models.cancelDownload')}</button>
        </div>
      )}

      {importing && (
        <div className="card" data-testid="model-import-progress">
          <p role="status" aria-live="polite">
            {t('models.importProgress', {
              percent: importing.total ? fmtNumber(Math.floor((importing.copied / importing.total) * 100), digits) : '…',
              done: fmtBytes(importing.copied, digits),
              total: fmtBytes(importing.total, digits),
            })}
          </p>
          <progress className="progress" max={importing.total ?? undefined} value={importing.total ? importing.copied : undefined} aria-label={t('models.importing')} />
          <button type="button" onClick={() => void api.cancel({ requestId: importing.requestId })}>{t('models.cancelImport')}</button>
        </div>
      )}

      <h3>{t('models.installed')}</h3>
      {installed === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : installed.length === 0 ? (
        <p className="muted" data-testid="no-installed-models">{t('models.noInstalled')}</p>
      ) : (
        <table data-testid="installed-models">
          <thead>
            <tr><th>{t('models.colName')}</th><th>{t('models.colSize')}</th><th>{t('models.colFit')}</th><th>{t('models.colAction')}</th></tr>
          </thead>
          <tbody>
            {installed.map((m) => (
              <tr key={m.fileName} data-file-name={m.fileName}>
                <td>
                  <UserText text={m.name ?? m.fileName} /><br /><span className="muted"><UserText text={m.fileName} />{m.architecture ? ` · ${m.architecture}` : ''}</span>
                  {m.source && (
                    <><br /><span className="muted" data-testid="model-source" title={`SHA-256 ${m.source.sha256}`}>
                      {t('models.fromHub', { repo: m.source.repo, commit: m.source.commit.slice(0, 12), quant: m.source.quant })}
                    </span></>
                  )}
                </td>
                <td className="nowrap">{fmtBytes(m.sizeBytes, digits)}</td>
                <td>{t(FIT_KEY[m.fit])}</td>
                <td>
                  <div className="row">
                    {m.selected ? (
                      <strong>{t('models.inUse')}</strong>
                    ) : (
                      <button type="button" onClick={() => void act(() => api.selectModel({ fileName: m.fileName }))}>{t('models.use')}</button>
                    )}
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        if (window.confirm(t('models.confirmDelete', { name: m.fileName }))) void act(() => api.deleteModel({ fileName: m.fileName }));
                      }}
                    >
                      {t('models.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('models.import')}</h3>
      {info.capabilities.fileDialogs ? (
        <button type="button" onClick={() => void pickAndImport()} disabled={busy}>{t('models.browse')}</button>
      ) : (
        <form className="row" onSubmit={(e) => { e.preventDefault(); if (path.trim()) void importFrom(path.trim()); }}>
          <label className="stack">
            {t('models.pathLabel')}
            <input type="text" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} size={48} />
          </label>
          <button type="submit" disabled={busy || !path.trim()}>{busy ? t('models.importing') : t('models.import')}</button>
        </form>
      )}
      {message?.kind === 'bad' && message.fromImport && <ErrorNotice error={message.error} testId="model-error" />}

      <h3>{t('models.catalog')}</h3>
      {catalog === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <table data-testid="model-catalog">
          <thead>
            <tr>
              <th>{t('models.colName')}</th><th>{t('models.colSize')}</th><th>{t('models.colQuant')}</th>
              <th>{t('models.colMemory')}</th><th>{t('models.colFit')}</th><th>{t('models.colAction')}</th>
            </tr>
          </thead>
          <tbody>
            {catalog.map((entry) => (
              <tr key={entry.id} data-catalog-id={entry.id}>
                <td>
                  {entry.name}{entry.recommended ? <> <strong>{t('models.recommended')}</strong></> : null}
                  <br /><span className="muted">{entry.family}</span>
                </td>
                <td className="nowrap">{fmtBytes(entry.sizeBytes, digits)}</td>
                <td>{entry.quantization}</td>
                <td className="nowrap">{fmtBytes(entry.memoryBytes, digits)}</td>
                <td className={entry.fit === 'too-large' ? 'result-bad' : entry.fit === 'fits' ? 'result-good' : undefined}>{t(FIT_KEY[entry.fit])}</td>
                <td>
                  {entry.hub ? (
                    <button
                      type="button"
                      className={entry.recommended ? 'primary' : undefined}
                      disabled={getting !== null}
                      onClick={() => { setMessage(null); setGetting({ ...entry, hub: entry.hub! }); }}
                    >
                      {t('models.get')}
                    </button>
                  ) : entry.url ? (
                    <button type="button" disabled={download !== null} onClick={() => void startDownload({ catalogId: entry.id }, entry.name)}>
                      {t('models.download')}
                    </button>
                  ) : (
                    <details>
                      <summary>{t('models.conversionNeeded')}</summary>
                      <p className="muted pre-wrap">{entry.instructions ?? ''}</p>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="row" onSubmit={(e) => { e.preventDefault(); if (url.trim()) void startDownload({ url: url.trim() }, url.trim()); }}>
        <label className="stack">
          {t('models.urlLabel')}
          <input type="text" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} size={48} />
        </label>
        <button type="submit" disabled={download !== null || !/^https?:\/\//i.test(url.trim())}>{t('models.download')}</button>
      </form>

      <HubTokenForm />
    </div>
  );
}
