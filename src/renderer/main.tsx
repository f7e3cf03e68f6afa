/**
 * Renderer entry: picks the transport (Electron bridge or the browser host's HTTP client),
 * loads the settings, starts i18n in the saved language and renders the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from '../shared/transport/index.js';
import { initI18n } from './i18n/index.js';
import { App } from './app/App.js';
import './styles/app.css';

async function start(root: HTMLElement): Promise<void> {
  const api = getApi();
  const [info, settings] = await Promise.all([api.getAppInfo(), api.getSettings()]);
  await initI18n(settings.language);
  createRoot(root).render(
    <StrictMode>
      <App api={api} info={info} initialSettings={settings} />
    </StrictMode>,
  );
}

const root = document.getElementById('root')!;
start(root).catch((error: unknown) => {
  // Before i18n is up: say it in both languages, as text only.
  const message = error instanceof Error ? error.message : String(error);
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = `অ্যাপ চালু করা গেল না / The app could not start: ${message}`;
  root.replaceChildren(p);
});
