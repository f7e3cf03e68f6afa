/**
 * One i18next instance for the whole renderer, Bangla first. Components use react-i18next's
 * useTranslation(); pure helpers receive the `t` function so they stay testable.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { bn } from './bn.js';
import { en } from './en.js';

export type Language = 'bn' | 'en';
export const LANGUAGES: readonly Language[] = ['bn', 'en'];

export const resources = { bn: { translation: bn }, en: { translation: en } } as const;

export async function initI18n(language: Language = 'bn'): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'bn',
    // React escapes text nodes itself; i18next must not HTML-escape a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
