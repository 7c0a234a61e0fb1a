import { useEffect, useRef } from 'react';
import { AppShell, Burger, Group, ScrollArea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { i18n, isLocale, storeLocale } from '../i18n';
import type { Session } from '../api-types';
import { LoadingState } from '../ui/states';
import { consumeExplicitSignOut, useSession } from '../../features/session/session-api';
import { MfaEnrolmentPage } from '../../features/session/mfa-enrolment-page';
import { Brand } from './brand';
import { LanguageSwitcher } from './language-switcher';
import { NavLinks } from './nav-links';
import { OrganizationSwitcher } from './organization-switcher';
import { InsideShellContext } from './shell-context';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import { UserMenu } from './user-menu';
import { NotificationBell } from '../../features/tickler/notification-bell';
import classes from './layout.module.css';

/**
 * On load and after sign-in, the profile's language wins over this device's last choice. Only
 * once per user: later changes come from the switcher itself, and a slow PATCH answer must not
 * switch the interface back to a language the user has already left.
 */
function useSessionLocale(session: Session | null | undefined): void {
  const appliedFor = useRef<string | null>(null);
  const userId = session?.user.id;
  const locale = session?.user.locale;
  useEffect(() => {
    if (!userId || appliedFor.current === userId) {
      return;
    }
    appliedFor.current = userId;
    if (isLocale(locale) && locale !== i18n.resolvedLanguage) {
      storeLocale(locale);
      void i18n.changeLanguage(locale);
    }
  }, [userId, locale]);
}

/** The signed-in frame: header, navigation by permission, and the page in <main>. */
export function AppLayout() {
  const { t } = useTranslation();
  const { data: session, isPending } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const navigate = useNavigate();
  const signedOut = !isPending && !session;
  useSessionLocale(session);

  // The session ended (expired, or revoked elsewhere): back to sign-in, then to this page again.
  // An explicit sign-out navigates by itself and must not leave this page as the next redirect.
  // (An effect, not <Navigate>: that re-navigates on every render while the location changes.)
  useEffect(() => {
    if (signedOut && !consumeExplicitSignOut()) {
      void navigate({ to: '/login', search: { redirect: `${window.location.pathname}${window.location.search}` }, replace: true });
    }
  }, [signedOut, navigate]);

  if (isPending) {
    return <LoadingState />;
  }
  if (!session) {
    return null;
  }

  if (session.mfaEnrollmentRequired) {
    return (
      <AppShell header={{ height: 60 }} padding="md">
        <SkipLink />
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
            <Brand />
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitcher />
              <UserMenu compact={!wide} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main id={MAIN_CONTENT_ID} className={classes.main} tabIndex={-1}>
          <MfaEnrolmentPage forced />
        </AppShell.Main>
      </AppShell>
    );
  }

  return (
    <InsideShellContext.Provider value>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <SkipLink />
        <AppShell.Header>
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('nav.closeNavigation') : t('nav.openNavigation')}
                aria-expanded={opened}
                aria-controls="app-navigation"
              />
              <Brand />
            </Group>
            <Group gap="xs" wrap="nowrap">
              {wide ? <OrganizationSwitcher /> : null}
              <NotificationBell />
              <LanguageSwitcher />
              <UserMenu compact={!wide} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar
          id="app-navigation"
          aria-label={t('nav.main')}
          p="xs"
          // Off-screen on a phone until the burger opens it: keep it out of the tab order too.
          inert={!wide && !opened}
        >
          <AppShell.Section grow component={ScrollArea}>
            {wide ? null : (
              <div style={{ padding: 'var(--mantine-spacing-xs) var(--mantine-spacing-sm) var(--mantine-spacing-md)' }}>
                <OrganizationSwitcher withLabel />
              </div>
            )}
            <NavLinks session={session} onNavigate={close} />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_CONTENT_ID} className={classes.main} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </InsideShellContext.Provider>
  );
}
