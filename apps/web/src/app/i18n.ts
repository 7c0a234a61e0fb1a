import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RTL_LOCALES, SUPPORTED_LOCALES, type Locale } from '@haven/domain';
import { ar } from './locales/ar';
import { en } from './locales/en';
import { es } from './locales/es';

export const LOCALE_STORAGE_KEY = 'haven.locale';

/** Each language is named in itself, so a reader can find theirs whatever the page language. */
export const NATIVE_LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  ar: 'العربية',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
}

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) {
      return base;
    }
  }
  return 'en';
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

function applyDocumentLanguage(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this page only.
  }
}

export function initI18n(): Locale {
  const initial = readStoredLocale() ?? browserLocale();
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es }, ar: { translation: ar } },
    lng: initial,
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LOCALES],
    interpolation: { escapeValue: false },
  });
  applyDocumentLanguage(initial);
  i18n.on('languageChanged', (lng) => {
    if (isLocale(lng)) {
      applyDocumentLanguage(lng);
    }
  });
  return initial;
}

export { i18n };
