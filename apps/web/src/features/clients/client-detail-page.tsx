import { Anchor, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { countryName, formatDate, languageName } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { clientFullName, clientOptions } from './clients-api';
import { ProtectedBadge } from './protected-badge';

const routeApi = getRouteApi('/app/clients/$clientId');

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

function ClientDetail() {
  const { t, i18n } = useTranslation();
  const { clientId } = routeApi.useParams();
  const client = useQuery(clientOptions(clientId));
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;

  const back = (
    <Anchor renderRoot={(props) => <Link to="/clients" search={{}} {...props} />}>
      <Group gap={4} component="span" wrap="nowrap">
        <BackIcon size={16} aria-hidden="true" />
        {t('clients.backToList')}
      </Group>
    </Anchor>
  );

  if (client.isPending) {
    return <LoadingState />;
  }
  if (client.isError) {
    const notFound = isApiError(client.error) && (client.error.status === 404 || client.error.status === 400);
    return (
      <Stack>
        {back}
        <PageTitle title={t('clients.title')} />
        {notFound ? <Text>{t('clients.notFound')}</Text> : <ErrorState error={client.error} onRetry={() => void client.refetch()} />}
      </Stack>
    );
  }

  const data = client.data;
  return (
    <Stack>
      {back}
      <PageTitle title={clientFullName(data)} actions={data.isProtected ? <ProtectedBadge /> : null} />
      <Card withBorder padding="lg">
        <Text component="h2" fw={700} size="lg" mb="md">
          {t('clients.details')}
        </Text>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" m={0}>
          <Field label={t('clients.givenName')}>{data.givenName}</Field>
          <Field label={t('clients.familyName')}>{data.familyName}</Field>
          <Field label={t('clients.preferredLanguage')}>{languageName(data.preferredLanguage) || t('common.none')}</Field>
          <Field label={t('clients.countryOfBirth')}>{countryName(data.countryOfBirth) || t('common.none')}</Field>
          <Field label={t('clients.addedOn')}>{formatDate(data.createdAt)}</Field>
          <Field label={t('clients.recordId')}>
            <span className="ltr-value">{data.id}</span>
          </Field>
        </SimpleGrid>
      </Card>
    </Stack>
  );
}

export function ClientDetailPage() {
  return (
    <RequirePermission anyOf={['client.read']}>
      <ClientDetail />
    </RequirePermission>
  );
}
