import type { ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { IntakeData, IntakeStep } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { ScrollTable } from '../../app/ui/scroll-table';
import { programsOptions } from '../admin/admin-api';
import { householdOptions } from '../households/households-api';
import { OutcomeBadge } from './eligibility-panel';
import { needLabel, stepLabel, tierLabel } from './intake-labels';
import { eligibilityOf, usePeopleEligibility } from './intake-program-step';
import { clientEnrollmentsOptions, type Intake } from './intakes-api';
import type { IntakePerson } from './use-intake-people';

/** Which step holds a field the server named, so the message can offer the way back to it. */
export function stepOfField(field: string): IntakeStep {
  if (field.startsWith('data.clientIds') || field.startsWith('data.householdId')) {
    return 'people';
  }
  if (field.startsWith('data.serviceTier') || field.startsWith('data.tierReason') || field.startsWith('data.needs')) {
    return 'needs';
  }
  if (field.startsWith('data.programId') || field.startsWith('data.extraFacts')) {
    return 'program';
  }
  return 'review';
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" fw={600} component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

interface ReviewStepProps {
  data: IntakeData;
  people: IntakePerson[];
  enrolledOn: string;
  onEnrolledOnChange: (value: string) => void;
  errors: FieldErrors;
  completing: boolean;
  onComplete: () => void;
  onGoTo: (step: IntakeStep) => void;
}

export function ReviewStep({ data, people, enrolledOn, onEnrolledOnChange, errors, completing, onComplete, onGoTo }: ReviewStepProps) {
  const { t } = useTranslation();
  const programs = useQuery(programsOptions);
  const household = useQuery({ ...householdOptions(data.householdId ?? ''), enabled: Boolean(data.householdId) });
  const program = programs.data?.items.find((p) => p.id === data.programId);
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(enrolledOn) ? enrolledOn : undefined;
  const eligibility = usePeopleEligibility(people, data.programId, data.extraFacts, asOf);
  const personErrors = new Map(Object.entries(errors).flatMap(([key, message]) => {
    const match = /^data\.clientIds\.(\d+)$/.exec(key);
    return match ? [[Number(match[1]), message] as const] : [];
  }));
  const otherErrors = Object.entries(errors).filter(([key]) => !/^data\.clientIds\.\d+$/.test(key) && key !== 'enrolledOn');

  return (
    <Stack gap="md">
      {otherErrors.length > 0 ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden="true" />} title={t('intakes.review.notFinished')}>
          <Stack gap={4} align="flex-start">
            {otherErrors.map(([key, message]) => (
              <Group key={key} gap="xs">
                <Text size="sm">{message}</Text>
                <Button size="compact-xs" variant="subtle" onClick={() => onGoTo(stepOfField(key))}>
                  {t('intakes.review.goTo', { step: stepLabel(t, stepOfField(key)) })}
                </Button>
              </Group>
            ))}
          </Stack>
        </Alert>
      ) : null}
      <Paper withBorder p="sm" component="section" aria-labelledby="intake-summary-heading">
        <Title order={3} size="h5" id="intake-summary-heading" mb="xs">
          {t('intakes.review.summary')}
        </Title>
        <Stack gap="sm" component="dl" m={0}>
          <Row label={t('intakes.review.household')}>{household.data?.name ?? t('intakes.review.noHousehold')}</Row>
          <Row label={t('intakes.review.needs')}>
            {data.needs && data.needs.length > 0 ? data.needs.map((need) => needLabel(t, need)).join(' · ') : t('intakes.review.noNeeds')}
          </Row>
          <Row label={t('intakes.review.tier')}>{data.serviceTier ? tierLabel(t, data.serviceTier) : t('common.none')}</Row>
          <Row label={t('intakes.review.tierReason')}>{data.tierReason || t('common.none')}</Row>
          <Row label={t('intakes.review.program')}>{program?.name ?? t('common.none')}</Row>
        </Stack>
      </Paper>
      <Paper withBorder p="sm" component="section" aria-labelledby="intake-review-people-heading">
        <Title order={3} size="h5" id="intake-review-people-heading" mb="xs">
          {t('intakes.review.people', { count: people.length })}
        </Title>
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {people.map((person, index) => {
            const result = eligibilityOf(eligibility[index]?.data, data.programId);
            const error = personErrors.get(index);
            return (
              <li key={person.id}>
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Text fw={600}>{person.name}</Text>
                  <Group gap={4}>
                    {result ? <OutcomeBadge outcome={result.evaluation.outcome} /> : null}
                    {result && !result.evaluation.eligible && result.approvedExceptionId ? (
                      <Badge color="teal.9" variant="outline" tt="none">
                        {t('exceptions.state.approved')}
                      </Badge>
                    ) : null}
                  </Group>
                </Group>
                {error ? (
                  <Text c="red.9" size="sm" role="alert">
                    {error}{' '}
                    <Anchor component="button" type="button" size="sm" onClick={() => onGoTo('program')}>
                      {t('intakes.review.goTo', { step: stepLabel(t, 'program') })}
                    </Anchor>
                  </Text>
                ) : null}
              </li>
            );
          })}
        </Stack>
      </Paper>
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <TextInput
            type="date"
            label={t('intakes.review.enrolledOn')}
            description={t('intakes.review.enrolledOnHelp')}
            max={todayIsoDate()}
            value={enrolledOn}
            onChange={(e) => onEnrolledOnChange(e.currentTarget.value)}
            error={errors.enrolledOn}
            maw={{ sm: 240 }}
          />
          <Group justify="flex-end">
            <Button onClick={onComplete} loading={completing} leftSection={<IconCircleCheck size={18} aria-hidden="true" />}>
              {t('intakes.review.complete')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The enrollments a completed intake made, one per person. */
export function IntakeResult({ intake, people }: { intake: Intake; people: IntakePerson[] }) {
  const { t } = useTranslation();
  const lists = useQueries({ queries: people.map((person) => clientEnrollmentsOptions(person.id)) });
  const rows = people.flatMap((person, index) =>
    (lists[index]?.data?.items ?? []).filter((e) => e.intakeId === intake.id).map((enrollment) => ({ person, enrollment })),
  );
  return (
    <Stack gap="md">
      <Alert color="blue" variant="light" icon={<IconCircleCheck aria-hidden="true" />} title={t('intakes.result.title')} role="status">
        {t('intakes.result.text', { count: intake.enrollmentIds.length || rows.length })}
      </Alert>
      <ScrollTable caption={t('intakes.result.tableCaption')} minWidth={520}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('enrollments.person')}</Table.Th>
            <Table.Th scope="col">{t('enrollments.program')}</Table.Th>
            <Table.Th scope="col">{t('enrollments.tier')}</Table.Th>
            <Table.Th scope="col">{t('enrollments.status')}</Table.Th>
            <Table.Th scope="col">{t('enrollments.enrolledOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ person, enrollment }) => (
            <Table.Tr key={enrollment.id}>
              <Table.Td>
                <Anchor renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: person.id }} {...props} />}>{person.name}</Anchor>
              </Table.Td>
              <Table.Td>{enrollment.programName}</Table.Td>
              <Table.Td>{tierLabel(t, enrollment.serviceTier)}</Table.Td>
              <Table.Td>{t(`enrollments.statuses.${enrollment.status}`)}</Table.Td>
              <Table.Td>{formatCalendarDate(enrollment.enrolledOn)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}
