import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { tierLabel } from './intake-labels';
import { clientEnrollmentsOptions } from './intakes-api';

/** A client's program enrollments: program, service tier, status and the day they started. */
export function ClientEnrollmentsCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const enrollments = useQuery(clientEnrollmentsOptions(clientId));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-enrollments-heading">
      <Title order={2} size="h4" id="client-enrollments-heading" mb="sm">
        {t('enrollments.title')}
      </Title>
      {enrollments.isPending ? (
        <LoadingState />
      ) : enrollments.isError ? (
        <ErrorState error={enrollments.error} onRetry={() => void enrollments.refetch()} />
      ) : enrollments.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('enrollments.none')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {enrollments.data.items.map((enrollment) => (
            <li key={enrollment.id}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text fw={600}>{enrollment.programName}</Text>
                <Badge variant="light" color={enrollment.status === 'active' ? 'blue' : 'gray'} tt="none">
                  {t(`enrollments.statuses.${enrollment.status}`)}
                </Badge>
              </Group>
              <Text size="sm">{tierLabel(t, enrollment.serviceTier)}</Text>
              <Text size="sm" c="dimmed">
                {enrollment.exitedOn
                  ? t('enrollments.enrolledAndExited', { from: formatCalendarDate(enrollment.enrolledOn), to: formatCalendarDate(enrollment.exitedOn) })
                  : t('enrollments.enrolledSince', { date: formatCalendarDate(enrollment.enrolledOn) })}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
