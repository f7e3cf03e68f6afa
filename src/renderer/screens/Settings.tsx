/**
 * Models and settings: what runs the model (GPU name or CPU), the loaded model and memory use,
 * the model catalog; language, digits, theme and text size (saved by the app, applied at once).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateSettingsRequest } from '../../shared/api.js';
import { useApp } from '../app/context.js';
import { ModelPanel } from '../components/ModelPanel.js';
import { fmtBytes } from '../lib/format.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

type Choice<K extends keyof UpdateSettingsRequest> = { value: NonNullable<UpdateSettingsRequest[K]>; label: string };

export function SettingsScreen() {
  const { t } = useTranslation();
  const { api, settings, updateSettings, modelStatus, refreshModelStatus } = useApp();
  const digits = settings.digits;
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const change = (patch: UpdateSettingsRequest) => {
    setError(null);
    updateSettings(patch).catch((e: unknown) => setError(e));
  };
  const radios = <K extends keyof UpdateSettingsRequest>(key: K, legend: string, choices: Array<Choice<K>>) => (
    <fieldset className="row" key={key}>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={String(c.value)}>
          <input type="radio" name={key} value={String(c.value)} checked={settings[key] === c.value} onChange={() => change({ [key]: c.value })} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );

  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      await api.loadModel();
    } catch (e) {
      setError(e);
    } finally {
      await refreshModelStatus().catch(() => undefined);
      setLoading(false);
    }
  };

  const s = modelStatus;
  return (
    <div>
      <h1>{t('settings.title')}</h1>
      {error !== null && <ErrorNotice error={error} />}
      <section className="card" aria-labelledby="appearance-title">
        <h2 id="appearance-title">{t('settings.appearance')}</h2>
        {radios('language', t('settings.language'), [
          { value: 'bn', label: 'বাংলা' },
          { value: 'en', label: 'English' },
        ])}
        {radios('digits', t('settings.digits'), [
          { value: 'bn', label: t('settings.digitsBn') },
          { value: 'latin', label: t('settings.digitsLatin') },
        ])}
        {radios('theme', t('settings.theme'), [
          { value: 'light', label: t('settings.themeLight') },
          { value: 'dark', label: t('settings.themeDark') },
          { value: 'system', label: t('settings.themeSystem') },
        ])}
        {radios('textSize', t('settings.textSize'), [
          { value: 'small', label: t('settings.textSmall') },
          { value: 'medium', label: t('settings.textMedium') },
          { value: 'large', label: t('settings.textLarge') },
          { value: 'x-large', label: t('settings.textXLarge') },
        ])}
      </section>

      <section className="card" aria-labelledby="runtime-title" data-testid="runtime">
        <h2 id="runtime-title">{t('settings.runtime')}</h2>
        {s && (
          <dl>
            <dt>{t('settings.backend')}</dt>
            <dd>{s.gpuNames.length > 0 ? t('settings.gpu', { names: s.gpuNames.join(', ') }) : s.backend && s.backend !== 'cpu' ? s.backend : t('settings.backendCpu')}</dd>
            <dt>{t('settings.loadedModel')}</dt>
            <dd>
              {s.loaded ? s.loaded.fileName : t('settings.noModelLoaded')}{' '}
              {s.selected && !s.loaded && (
                <button type="button" onClick={() => void load()} disabled={loading}>{loading ? t('app.loading') : t('settings.loadNow')}</button>
              )}
            </dd>
            <dt>{t('settings.memory')}</dt>
            <dd>
              {t('settings.memoryUse', { used: fmtBytes(s.memory.totalRamBytes - s.memory.freeRamBytes, digits), total: fmtBytes(s.memory.totalRamBytes, digits) })}
              {s.memory.vramTotalBytes !== null && (
                <> · VRAM {t('settings.memoryUse', { used: fmtBytes(s.memory.vramTotalBytes - (s.memory.vramFreeBytes ?? 0), digits), total: fmtBytes(s.memory.vramTotalBytes, digits) })}</>
              )}
            </dd>
            {s.lastError && (
              <>
                <dt>{t('common.error', { message: '' })}</dt>
                <dd><ErrorNotice error={s.lastError} /></dd>
              </>
            )}
          </dl>
        )}
        <ModelPanel />
      </section>
    </div>
  );
}
