import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/forms';
import { formatDateTime } from '../../app/ui/format';
import { notifyError } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { stepLabel } from './intake-labels';
import { intakeKeys, intakeListOptions, intakesApi, type IntakeStatus, type IntakeSummary } from './intakes-api';

function peopleNames(intake: IntakeSummary, fallback: string): string {
  return intake.people.length > 0 ? intake.people.map((p) => `${p.givenName} ${p.familyName}`).join(', ') : fallback;
}

function IntakeList({ id, title, status, mine, empty, openLabel }: { id: string; title: string; status: IntakeStatus; mine: boolean; empty: string; openLabel: string }) {
  const { t } = useTranslation();
  const list = useQuery(intakeListOptions(status, { mine, limit: status === 'completed' ? 10 : 50 }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {list.data.items.map((intake) => {
            const names = peopleNames(intake, t('intakes.list.noPeople'));
            return (
              <Paper key={intake.id} withBorder p="sm" component="li">
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Stack gap={2} style={{ minWidth: 0, flex: '1 1 12rem' }}>
                    <Anchor fw={700} renderRoot={(props) => <Link to="/intakes/$intakeId" params={{ intakeId: intake.id }} {...props} />}>
                      {names}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {status === 'in_progress' ? `${t('intakes.list.atStep', { step: stepLabel(t, intake.step) })} · ` : ''}
                      {t('intakes.list.updated', { date: formatDateTime(intake.updatedAt) })}
                    </Text>
                  </Stack>
                  <Button
                    size="xs"
                    variant="light"
                    renderRoot={(props) => <Link to="/intakes/$intakeId" params={{ intakeId: intake.id }} {...props} />}
                    aria-label={`${openLabel}: ${names}`}
                  >
                    {openLabel}
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}

function Intakes() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () => intakesApi.create({}),
    onSuccess: (intake) => {
      queryClient.setQueryData(intakeKeys.detail(intake.id), intake);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.lists });
      void navigate({ to: '/intakes/$intakeId', params: { intakeId: intake.id } });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  return (
    <Stack maw={960}>
      <PageTitle
        title={t('intakes.title')}
        description={t('intakes.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} loading={start.isPending} onClick={() => start.mutate()}>
            {t('intakes.start')}
          </Button>
        }
      />
      <IntakeList
        id="intakes-in-progress"
        title={t('intakes.list.inProgress')}
        status="in_progress"
        mine
        empty={t('intakes.list.noneInProgress')}
        openLabel={t('intakes.list.resume')}
      />
      <IntakeList
        id="intakes-completed"
        title={t('intakes.list.completed')}
        status="completed"
        mine={false}
        empty={t('intakes.list.noneCompleted')}
        openLabel={t('intakes.list.open')}
      />
    </Stack>
  );
}

export function IntakesPage() {
  return (
    <RequirePermission anyOf={['intake.manage']}>
      <Intakes />
    </RequirePermission>
  );
}
