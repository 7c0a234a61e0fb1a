import type { ReactNode } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidateItem } from '../../app/api-types';
import { countryName, formatCalendarDate } from '../../app/ui/format';
import { clientFullName } from './clients-api';
import { duplicateReasonLabel } from './client-labels';
import { ProtectedBadge } from './protected-badge';

/** Likely duplicates, each with why it looks like the same person and a way to open it. */
export function DuplicateCandidateList({
  items,
  openLabel,
  action,
}: {
  items: DuplicateCandidateItem[];
  openLabel: string;
  /** A further button per candidate (merging, on the record page). */
  action?: (client: DuplicateCandidateItem['client']) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map(({ client, reasons }) => {
        const name = clientFullName(client);
        return (
          <Paper key={client.id} withBorder p="sm" component="li">
            <Stack gap={6}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text fw={700}>
                  {name}
                  {client.nativeName ? (
                    <Text span c="dimmed" fw={400} dir="auto">
                      {' '}
                      ({client.nativeName})
                    </Text>
                  ) : null}
                </Text>
                {client.isProtected ? <ProtectedBadge /> : null}
              </Group>
              <Text size="sm">
                {t('clients.dateOfBirth')}:{' '}
                {client.dateOfBirth
                  ? `${formatCalendarDate(client.dateOfBirth)}${client.dateOfBirthEstimated ? ` (${t('clients.estimated')})` : ''}`
                  : t('clients.unknown')}
                {client.countryOfBirth ? ` · ${countryName(client.countryOfBirth)}` : ''}
              </Text>
              <Text size="sm">
                {t('clientForm.aNumber')}: {client.aNumberMasked ? <span className="ltr-value">{client.aNumberMasked}</span> : t('clients.unknown')}
              </Text>
              <Group gap={6} aria-label={t('duplicates.why')} role="group">
                {reasons.map((reason) => (
                  <Badge key={reason} variant="light" color="blue" tt="none">
                    {duplicateReasonLabel(t, reason)}
                  </Badge>
                ))}
              </Group>
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: client.id }} {...props} />}
                  aria-label={`${openLabel}: ${name}`}
                >
                  {openLabel}
                </Button>
                {action?.(client)}
              </Group>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
