/**
 * How ready the model is, on the Solve screen. Opening the screen starts loading the selected model,
 * so the instruction prefix every prompt shares is prepared while the student reads and types;
 * while that runs the line says "preparing the model…" with its progress. Once a problem has been
 * solved it says how long a solve takes on this computer (speeds measured here).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.js';
import { fmtNumber, fmtPercent } from '../lib/format.js';

/** How often the status is read again while the model loads or its prefix is prepared. */
const POLL_MS = 700;

export function ModelReadiness() {
  const { t } = useTranslation();
  const { api, settings, modelStatus, refreshModelStatus } = useApp();
  const digits = settings.digits;
  /** The model this screen has asked to load, so it asks once per model. */
  const loadRequested = useRef<string | null>(null);

  useEffect(() => {
    const selected = modelStatus?.selected ?? null;
    const needsLoad = selected !== null && modelStatus?.state !== 'loading' && modelStatus?.loaded?.path !== selected && !modelStatus?.lastError;
    if (!needsLoad || loadRequested.current === selected) return;
    loadRequested.current = selected;
    // A failure is shown by the solve that needs the model; the status line just stops showing progress.
    void api.loadModel().catch(() => undefined).finally(() => void refreshModelStatus().catch(() => undefined));
  }, [api, modelStatus, refreshModelStatus]);

  const preparing = modelStatus?.state === 'loading' || modelStatus?.prefix?.state === 'preparing';
  useEffect(() => {
    if (!preparing) return;
    const timer = setTimeout(() => void refreshModelStatus().catch(() => undefined), POLL_MS);
    return () => clearTimeout(timer);
  }, [preparing, modelStatus, refreshModelStatus]);

  const prefix = modelStatus?.prefix;
  if (modelStatus?.state === 'loading' || prefix?.state === 'preparing') {
    const ratio = prefix?.state === 'preparing' && prefix.totalTokens > 0 ? prefix.evaluatedTokens / prefix.totalTokens : null;
    const text = ratio === null ? t('solve.preparing') : t('solve.preparingPercent', { percent: fmtPercent(ratio, digits) });
    return (
      <div className="muted" role="status" aria-live="polite" data-testid="model-readiness" data-state="preparing">
        <p>{text}</p>
        <progress className="progress" aria-label={text} {...(ratio === null ? {} : { value: ratio, max: 1 })} />
      </div>
    );
  }
  const estimate = modelStatus?.estimate;
  if (modelStatus?.state === 'ready' && estimate) {
    return (
      <p className="muted" data-testid="model-readiness" data-state="estimate">
        {t('solve.estimate', {
          seconds: fmtNumber(Math.max(1, Math.round(estimate.solveMs / 1000)), digits),
          prompt: fmtNumber(Math.round(estimate.promptTokensPerSecond), digits),
          tps: fmtNumber(Math.round(estimate.generationTokensPerSecond * 10) / 10, digits),
          tokens: fmtNumber(estimate.graphTokens, digits),
        })}
      </p>
    );
  }
  return null;
}
