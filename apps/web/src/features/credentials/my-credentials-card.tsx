import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../session/session-api';
import { CredentialStatusBadge, ExpiryText } from './credential-status';
import { myCredentialsOptions } from './credentials-api';

/**
 * On the account page: the member's own bar admission or accreditation, its expiry, and whether
 * they may represent clients today (renewal reminders link here). Shown to those who work legal
 * matters, or to anyone holding a credential.
 */
export function MyCredentialsCard() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const mine = useQuery(myCredentialsOptions);
  if (!mine.data || (mine.data.items.length === 0 && !can('matter.manage'))) {
    return null;
  }
  const { items, mayRepresent } = mine.data;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="my-credentials-heading">
      <Title order={2} size="h3" mb="md" id="my-credentials-heading">
        {t('credentials.mine.title')}
      </Title>
      <Stack gap="sm">
        {items.map((credential) => (
          <Stack key={credential.id} gap={2}>
            <Group gap="xs">
              <Text fw={600}>{t(`credentials.kinds.${credential.kind}`)}</Text>
              <CredentialStatusBadge status={credential.status} />
            </Group>
            <Text size="sm">
              {credential.kind === 'attorney'
                ? `${credential.barState ?? ''} · ${credential.barStatus ? t(`credentials.barStatuses.${credential.barStatus}`) : ''}`
                : credential.accreditationLevel
                  ? t(`credentials.levels.${credential.accreditationLevel}`)
                  : ''}
            </Text>
            <Text size="sm">
              {t('credentials.expiresOn')}: <ExpiryText expiresOn={credential.expiresOn} daysToExpiry={credential.daysToExpiry} renewalFiledOn={credential.renewalFiledOn} />
            </Text>
          </Stack>
        ))}
        <Alert color={mayRepresent ? 'teal' : 'red'} variant="light">
          {items.length === 0 ? t('credentials.mine.none') : mayRepresent ? t('credentials.mine.mayRepresent') : t('credentials.mine.mayNotRepresent')}
        </Alert>
      </Stack>
    </Card>
  );
}
