import type { en } from './locales/en';

// Typed keys: a misspelt or missing translation key fails `tsc` instead of showing raw keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
