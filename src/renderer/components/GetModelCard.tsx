/**
 * Getting a DAGGER model from its Hugging Face checkpoint: first what it takes (download size,
 * result size, disk space needed and free, memory fit of the result), then — once started — the
 * job's three stages (download, convert or quantise, verify) each with its own bar, speed and time
 * left, and a cancel button. The job itself runs in the main process (getModel).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DaggerApiError, type CatalogEntry, type GetModelEvent, type GetModelPlan, type GetModelProgress, type InstalledModel } from '../../shared/api.js';
import { newRequestId } from '../../shared/transport/client.js';
import { useApp } from '../app/context.js';
import { fmtBytes, fmtDuration, fmtNumber } from '../lib/format.js';
import { ErrorNotice } from './ErrorNotice.js';

const FIT_KEY = { fits: 'models.fitFits', tight: 'models.fitTight', 'too-large': 'models.fitTooBig', unknown: 'models.fitUnknown' } as const;

interface Props {
  entry: CatalogEntry & { hub: NonNullable<CatalogEntry['hub']> };
  onInstalled: (model: InstalledModel) => Promise<void>;
  onClose: (message: string | null) => void;
}

type Phase =
  | { kind: 'planning' }
  | { kind: 'plan'; plan: GetModelPlan }
  | { kind: 'running'; plan: GetModelPlan; requestId: string; progress: Partial<Record<GetModelProgress['stage'], GetModelProgress>>; stage: GetModelProgress['stage'] }
  | { kind: 'failed'; error: unknown };

export function GetModelCard({ entry, onInstalled, onClose }: Props) {
  const { t } = useTranslation();
  const { api, settings } = useApp();
  const digits = settings.digits;
  const [phase, setPhase] = useState<Phase>({ kind: 'planning' });
  const mounted = useRef(true);
  useEffect(() => () => { mounted.current = false; }, []);

  useEffect(() => {
    api.planGetModel({ repo: entry.hub.repo, quant: entry.hub.quant })
      .then((plan) => mounted.current && setPhase({ kind: 'plan', plan }))
      .catch((error: unknown) => mounted.current && setPhase({ kind: 'failed', error }));
  }, [api, entry.hub.repo, entry.hub.quant]);

  const start = async (plan: GetModelPlan) => {
    const requestId = newRequestId();
    setPhase({ kind: 'running', plan, requestId, progress: {}, stage: 'download' });
    const onEvent = (event: GetModelEvent) => {
      if (event.type !== 'progress' || !mounted.current) return;
      const { requestId: _id, type: _type, ...progress } = event;
      setPhase((p) => (p.kind === 'running' ? { ...p, stage: progress.stage, progress: { ...p.progress, [progress.stage]: progress } } : p));
    };
    try {
      const model = await api.getModel({ requestId, repo: plan.repo, revision: plan.commit, quant: plan.quant }, onEvent);
      await onInstalled(model);
      onClose(t('models.getDone', { name: model.fileName }));
    } catch (error) {
      if (error instanceof DaggerApiError && error.code === 'CANCELLED') onClose(t('models.getCancelled'));
      else if (mounted.current) setPhase({ kind: 'failed', error });
    }
  };

  return (
    <div className="card" data-testid="get-model" aria-live="polite">
      <h4>{t('models.getTitle', { name: entry.name })}</h4>
      {phase.kind === 'planning' && <p className="muted">{t('models.getPlanning', { repo: entry.hub.repo })}</p>}
      {phase.kind === 'failed' && (
        <>
          <ErrorNotice error={phase.error} testId="get-model-error" />
          <button type="button" onClick={() => onClose(null)}>{t('models.getClose')}</button>
        </>
      )}
      {(phase.kind === 'plan' || phase.kind === 'running') && <PlanFacts plan={phase.plan} />}
      {phase.kind === 'plan' && (
        <div className="row">
          <button
            type="button"
            className="primary"
            data-testid="get-model-start"
            disabled={!phase.plan.disk.ok || phase.plan.alreadyInstalled}
            onClick={() => void start(phase.plan)}
          >
            {t('models.getStart')}
          </button>
          <button type="button" onClick={() => onClose(null)}>{t('models.getClose')}</button>
        </div>
      )}
      {phase.kind === 'running' && (
        <>
          <ol className="get-stages" data-testid="get-model-progress">
            {stagesOf(phase.plan).map((stage) => {
              const p = phase.progress[stage];
              const done = p !== undefined && p.totalBytes > 0 && p.doneBytes >= p.totalBytes;
              const current = phase.stage === stage && !done;
              return (
                <li key={stage} data-stage={stage} data-state={done ? 'done' : current ? 'running' : p ? 'running' : 'waiting'}>
                  <span>{t(`models.stage_${stage}`)}{done ? ` ✓` : ''}</span>
                  <progress className="progress" max={p?.totalBytes || 1} value={p ? p.doneBytes : 0} aria-label={t(`models.stage_${stage}`)} />
                  {current && p && (
                    <span className="muted">
                      {t('models.getStageProgress', {
                        percent: fmtNumber(p.totalBytes > 0 ? Math.floor((p.doneBytes / p.totalBytes) * 100) : 0, digits),
                        done: fmtBytes(p.doneBytes, digits),
                        total: fmtBytes(p.totalBytes, digits),
                        speed: fmtBytes(p.bytesPerSecond, digits),
                        eta: fmtDuration(p.etaSeconds, digits),
                      })}
                      {p.file ? ` · ${p.file}` : ''}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
          <button type="button" className="danger" onClick={() => void api.cancel({ requestId: phase.requestId })}>{t('models.getCancel')}</button>
        </>
      )}
    </div>
  );
}

/** Download, then convert (unquantised types) or quantise (Q4_K_M, Q8_0: one pass), then verify. */
function stagesOf(plan: GetModelPlan): GetModelProgress['stage'][] {
  return ['download', plan.quant === 'Q4_K_M' || plan.quant === 'Q8_0' ? 'quantise' : 'convert', 'verify'];
}

function PlanFacts({ plan }: { plan: GetModelPlan }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const digits = settings.digits;
  return (
    <ul className="plain" data-testid="get-model-plan">
      <li>{t('models.getSource', { repo: plan.repo, commit: plan.commit.slice(0, 12), files: fmtNumber(plan.fileCount, digits) })}</li>
      <li>
        {t('models.getDownloadSize', { size: fmtBytes(plan.downloadBytes, digits) })}
        {plan.alreadyDownloadedBytes > 0 ? ` ${t('models.getAlreadyHere', { size: fmtBytes(plan.alreadyDownloadedBytes, digits) })}` : ''}
      </li>
      <li>{t('models.getResultSize', { quant: plan.quant, size: fmtBytes(plan.outputBytes, digits) })}</li>
      <li data-testid="get-model-disk" className={plan.disk.ok ? 'result-good' : 'result-bad'}>
        {t(plan.disk.ok ? 'models.getDiskOk' : 'models.getDiskShort', { needed: fmtBytes(plan.disk.neededBytes, digits), free: fmtBytes(plan.disk.freeBytes, digits) })}
      </li>
      <li data-testid="get-model-fit" className={plan.fit === 'too-large' ? 'result-bad' : plan.fit === 'fits' ? 'result-good' : undefined}>
        {t('models.getFit', { fit: t(FIT_KEY[plan.fit]) })}
      </li>
      {plan.alreadyInstalled && <li className="result-bad">{t('models.getAlreadyInstalled', { name: plan.fileName })}</li>}
    </ul>
  );
}
