import type { ReactNode } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from './layout/public-layout';
import { useInsideShell } from './layout/shell-context';
import { PageTitle } from './ui/page-title';

function Frame({ children }: { children: ReactNode }) {
  const insideShell = useInsideShell();
  return insideShell ? <>{children}</> : <PublicLayout wide>{children}</PublicLayout>;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Frame>
      <Stack>
        <PageTitle title={t('pages.notFoundTitle')} />
        <Text>{t('pages.notFoundText')}</Text>
        <Group>
          <Button renderRoot={(props) => <Link to="/" {...props} />}>{t('pages.goHome')}</Button>
        </Group>
      </Stack>
    </Frame>
  );
}

export function ErrorPage(_props: Partial<ErrorComponentProps>) {
  const { t } = useTranslation();
  return (
    <Frame>
      <Stack>
        <PageTitle title={t('pages.errorTitle')} />
        <Text>{t('pages.errorText')}</Text>
        <Group>
          <Button onClick={() => window.location.reload()}>{t('pages.reload')}</Button>
          <Button variant="default" renderRoot={(props) => <a href="/" {...props} />}>
            {t('pages.goHome')}
          </Button>
        </Group>
      </Stack>
    </Frame>
  );
}

/** Shown in place of a page the role does not include (the API would answer 403 anyway). */
export function NoAccessPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle title={t('pages.noAccessTitle')} />
      <Text>{t('pages.noAccessText')}</Text>
      <Group>
        <Button renderRoot={(props) => <Link to="/" {...props} />}>{t('pages.goHome')}</Button>
      </Group>
    </Stack>
  );
}
