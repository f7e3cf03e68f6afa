/**
 * The shell: header (title, profile, model), main navigation and the current screen.
 * Without a chosen profile the welcome (first-run) screen is shown whatever the route says.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, DaggerApi, ModelStatus, Profile, Settings, UpdateSettingsRequest } from '../../shared/api.js';
import { setLanguage } from '../i18n/index.js';
import { AppContext, type AppContextValue } from './context.js';
import { NAV_ROUTES, parseRoute, routeHash, type Route } from './routes.js';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { Welcome } from '../screens/Welcome.js';
import { Practice } from '../screens/Practice.js';
import { Solve } from '../screens/Solve.js';
import { History } from '../screens/History.js';
import { Review } from '../screens/Review.js';
import { SettingsScreen } from '../screens/Settings.js';
import { isolateText } from '../../shared/bidi.js';

interface AppProps {
  api: DaggerApi;
  info: AppInfo;
  initialSettings: Settings;
}

function applyAppearance(settings: Settings): void {
  const root = document.documentElement;
  const dark = settings.theme === 'dark' || (settings.theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  root.dataset.textSize = settings.textSize;
  root.lang = settings.language;
}

export function App({ api, info, initialSettings }: AppProps) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(initialSettings);
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [profilesLoaded, setProfilesLoaded] = useState(false);
  const [modelStatus, setModelStatus] = useState<ModelStatus | null>(null);
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));

  useEffect(() => applyAppearance(settings), [settings]);
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const refreshProfiles = useCallback(async () => {
    const list = await api.listProfiles();
    setProfiles(list);
    setProfilesLoaded(true);
    return list;
  }, [api]);
  const refreshModelStatus = useCallback(async () => {
    setModelStatus(await api.modelStatus());
  }, [api]);
  useEffect(() => {
    void refreshProfiles();
    void refreshModelStatus().catch(() => setModelStatus(null));
  }, [refreshProfiles, refreshModelStatus]);

  const updateSettings = useCallback(
    async (patch: UpdateSettingsRequest) => {
      // Applied at once (a radio button must not wait for the disk), put back if saving fails.
      let before: Settings | null = null;
      setSettings((current) => ((before = current), { ...current, ...patch }));
      if (patch.language) void setLanguage(patch.language);
      try {
        setSettings(await api.updateSettings(patch));
      } catch (error) {
        if (before) {
          const previous: Settings = before;
          setSettings(previous);
          if (patch.language) void setLanguage(previous.language);
        }
        throw error;
      }
    },
    [api],
  );
  const selectProfile = useCallback(
    async (profile: Profile | null) => {
      setSettings(await api.selectProfile({ profileId: profile?.id ?? null }));
    },
    [api],
  );
  const navigate = useCallback((next: Route) => {
    const hash = routeHash(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(next);
  }, []);

  const profile = profiles.find((p) => p.id === settings.currentProfileId) ?? null;
  // Without a profile the welcome screen stays up (with its model step) until the user moves on.
  useEffect(() => {
    if (profilesLoaded && !profile && route.name !== 'welcome') navigate({ name: 'welcome' });
  }, [profilesLoaded, profile, route.name, navigate]);
  const value = useMemo<AppContextValue>(
    () => ({ api, info, settings, updateSettings, profiles, profile, selectProfile, refreshProfiles, modelStatus, refreshModelStatus, navigate }),
    [api, info, settings, updateSettings, profiles, profile, selectProfile, refreshProfiles, modelStatus, refreshModelStatus, navigate],
  );

  if (!profilesLoaded) return <p className="muted" role="status">{t('app.loading')}</p>;
  const screen: Route = profile ? route : { name: 'welcome' };
  // `selected` is the model's path; its file name is what people recognise.
  const modelName = modelStatus?.selected ? (modelStatus.selected.split(/[\\/]/).pop() ?? modelStatus.selected) : null;

  return (
    <AppContext.Provider value={value}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToMain')}
      </a>
      <header className="app-header">
        <p className="app-title">{t('app.title')}</p>
        {profile && (
          <nav className="app-nav" aria-label={t('app.mainNav')}>
            <ul>
              {NAV_ROUTES.map((name) => (
                <li key={name}>
                  <a href={routeHash({ name })} aria-current={screen.name === name ? 'page' : undefined}>
                    {t(`nav.${name}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <span className="spacer" />
        <span className="badge" data-testid="model-badge">
          {modelName ? t('app.modelBadge', { name: modelName }) : t('app.noModelBadge')}
        </span>
        {profile && (
          <>
            <button type="button" className="badge" onClick={() => navigate({ name: 'welcome' })} title={t('app.switchProfile')}>
              {t('app.profile', { name: isolateText(profile.name) })}
              <span className="sr-only"> — {t('app.switchProfile')}</span>
            </button>
          </>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={screen.name} message={t('errors.crash')} detailsLabel={t('errors.details')}>
          {screen.name === 'welcome' && <Welcome />}
          {screen.name === 'practice' && <Practice itemId={screen.itemId} />}
          {screen.name === 'solve' && <Solve />}
          {screen.name === 'history' && <History />}
          {screen.name === 'review' && <Review attemptId={screen.attemptId} />}
          {screen.name === 'settings' && <SettingsScreen />}
        </ErrorBoundary>
      </main>
    </AppContext.Provider>
  );
}
