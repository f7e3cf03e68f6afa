/**
 * The Hugging Face access token, for gated or private checkpoints. The token goes to the main
 * process once and is never shown again: the app only says whether one is saved and how (encrypted
 * by the operating system in the desktop app; until the host stops in the browser host; HF_TOKEN).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubTokenState } from '../../shared/api.js';
import { useApp } from '../app/context.js';
import { ErrorNotice } from './ErrorNotice.js';

export function HubTokenForm() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [state, setState] = useState<HubTokenState | null>(null);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.hubToken().then(setState, setError);
  }, [api]);

  const save = async (value: string | null) => {
    setError(null);
    try {
      setState(await api.setHubToken({ token: value }));
      setToken('');
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="stack" data-testid="hub-token">
      <h3>{t('models.tokenTitle')}</h3>
      <p className="muted">{t('models.tokenHelp')}</p>
      <p role="status">{state === null ? '…' : state.saved ? t(`models.tokenSaved_${state.storage ?? 'memory'}`) : t('models.tokenNone')}</p>
      <form className="row" onSubmit={(e) => { e.preventDefault(); if (token.trim()) void save(token.trim()); }}>
        <label className="stack">
          {t('models.tokenLabel')}
          <input type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} size={40} />
        </label>
        <button type="submit" disabled={!token.trim()}>{t('models.tokenSave')}</button>
        {state?.saved && state.storage !== 'env' && <button type="button" onClick={() => void save(null)}>{t('models.tokenForget')}</button>}
      </form>
      {error !== null && <ErrorNotice error={error} testId="hub-token-error" />}
    </section>
  );
}
