/**
 * What every screen needs from the shell: the API, the settings (and how to change them), the
 * current profile and the model status. One React context, filled by App.tsx.
 */
import { createContext, useContext } from 'react';
import type { AppInfo, DaggerApi, ModelStatus, Profile, Settings, UpdateSettingsRequest } from '../../shared/api.js';
import type { Route } from './routes.js';

export interface AppContextValue {
  api: DaggerApi;
  info: AppInfo;
  settings: Settings;
  updateSettings(patch: UpdateSettingsRequest): Promise<void>;
  profiles: Profile[];
  profile: Profile | null;
  selectProfile(profile: Profile | null): Promise<void>;
  refreshProfiles(): Promise<Profile[]>;
  modelStatus: ModelStatus | null;
  refreshModelStatus(): Promise<void>;
  navigate(route: Route): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <App>');
  return value;
}
