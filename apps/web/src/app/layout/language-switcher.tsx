import { NativeSelect } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SUPPORTED_LOCALES, type Locale } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { NATIVE_LANGUAGE_NAMES, currentLocale, isLocale, storeLocale } from '../i18n';
import { sessionApi, storeSession, useSession } from '../../features/session/session-api';
import { markExplicitLocaleChoice } from '../../features/session/locale-choice';

interface LanguageSwitcherProps {
  /** Show a visible label (forms) instead of only an accessible name (header). */
  withLabel?: boolean;
}

/**
 * Switches the interface language at once (and the page direction with it), remembers the choice
 * on this device and, when someone is signed in, in their profile.
 */
export function LanguageSwitcher({ withLabel = false }: LanguageSwitcherProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const saveLocale = useMutation({
    mutationFn: (locale: Locale) => sessionApi.updateProfile({ locale }),
    onSuccess: (updated) => storeSession(queryClient, updated),
  });

  const value = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLocale();

  function change(next: string): void {
    if (!isLocale(next) || next === value) {
      return;
    }
    storeLocale(next);
    void i18n.changeLanguage(next);
    if (session) {
      saveLocale.mutate(next);
    } else {
      markExplicitLocaleChoice(next);
    }
  }

  return (
    <NativeSelect
      label={withLabel ? t('header.language') : undefined}
      aria-label={withLabel ? undefined : t('header.language')}
      value={value}
      onChange={(event) => change(event.currentTarget.value)}
      data={SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: NATIVE_LANGUAGE_NAMES[locale] }))}
      size={withLabel ? 'sm' : 'xs'}
      w={withLabel ? undefined : 112}
    />
  );
}
