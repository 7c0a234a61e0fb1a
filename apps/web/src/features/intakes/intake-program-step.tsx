import { Alert, Checkbox, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../app/forms';
import { todayIsoDate } from '../../app/ui/format';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { programsOptions } from '../admin/admin-api';
import { EligibilityPanel } from './eligibility-panel';
import { eligibilityOptions, type ExtraFacts, type ProgramEligibility } from './intakes-api';
import type { IntakePerson } from './use-intake-people';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Only complete dates reach the API: a half-typed one would be refused (400) on every keystroke. */
export function usableFacts(facts: ExtraFacts | undefined): ExtraFacts {
  const result: ExtraFacts = {};
  if (facts?.communityEntryDate && ISO_DATE.test(facts.communityEntryDate)) {
    result.communityEntryDate = facts.communityEntryDate;
  }
  if (facts?.traffickingCertificationDate && ISO_DATE.test(facts.traffickingCertificationDate)) {
    result.traffickingCertificationDate = facts.traffickingCertificationDate;
  }
  if (facts?.sivAdjustedInUs !== undefined) {
    result.sivAdjustedInUs = facts.sivAdjustedInUs;
  }
  return result;
}

/** Each person's eligibility for the program on a day (today unless given). */
export function usePeopleEligibility(people: IntakePerson[], programId: string | undefined, facts: ExtraFacts | undefined, asOf?: string) {
  const usable = usableFacts(facts);
  return useQueries({
    queries: people.map((person) => ({
      ...eligibilityOptions(person.id, programId ?? '', usable, asOf),
      enabled: Boolean(programId),
    })),
  });
}

export function eligibilityOf(data: { items: ProgramEligibility[] } | undefined, programId: string | undefined): ProgramEligibility | undefined {
  return data?.items.find((item) => item.programId === programId);
}

interface ProgramStepProps {
  people: IntakePerson[];
  programId: string | undefined;
  extraFacts: ExtraFacts | undefined;
  errors: FieldErrors;
  onChange: (patch: { programId?: string; extraFacts?: ExtraFacts }) => void;
}

export function ProgramStep({ people, programId, extraFacts, errors, onChange }: ProgramStepProps) {
  const { t } = useTranslation();
  const programs = useQuery(programsOptions);
  const eligibility = usePeopleEligibility(people, programId, extraFacts);
  const statuses = new Set(people.flatMap((p) => p.client?.statuses.map((s) => s.status) ?? []));
  const facts = extraFacts ?? {};
  const today = todayIsoDate();

  function setFact<K extends keyof ExtraFacts>(key: K, value: ExtraFacts[K]): void {
    const next: ExtraFacts = { ...facts };
    if (value === undefined || value === '') {
      delete next[key];
    } else {
      next[key] = value;
    }
    onChange({ extraFacts: next });
  }

  const active = programs.data?.items.filter((p) => p.active) ?? [];
  const results = eligibility.map((query) => eligibilityOf(query.data, programId));
  const eligibleCount = results.filter((r) => r?.evaluation.eligible || r?.approvedExceptionId).length;
  const needFacts = statuses.has('parolee_afghan') || statuses.has('t_nonimmigrant') || statuses.has('siv');

  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        {programs.isPending ? (
          <LoadingState />
        ) : programs.isError ? (
          <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />
        ) : (
          <Radio.Group
            label={t('intakes.programStep.program')}
            description={t('intakes.programStep.programHelp')}
            required
            value={programId ?? null}
            onChange={(value) => onChange({ programId: value })}
            error={errors['data.programId']}
          >
            <Stack gap="xs" mt="xs">
              {active.map((program) => (
                <Radio key={program.id} value={program.id} label={program.name} description={program.description ?? undefined} />
              ))}
            </Stack>
          </Radio.Group>
        )}
      </Paper>

      {needFacts ? (
        <Paper withBorder p="sm" component="section" aria-labelledby="intake-facts-heading">
          <Title order={3} size="h5" id="intake-facts-heading" mb={4}>
            {t('intakes.programStep.factsTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('intakes.programStep.factsIntro')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {statuses.has('parolee_afghan') ? (
              <TextInput
                type="date"
                label={t('intakes.programStep.communityEntryDate')}
                description={t('intakes.programStep.communityEntryDateHelp')}
                max={today}
                value={facts.communityEntryDate ?? ''}
                onChange={(e) => setFact('communityEntryDate', e.currentTarget.value)}
                error={errors['data.extraFacts.communityEntryDate']}
              />
            ) : null}
            {statuses.has('t_nonimmigrant') ? (
              <TextInput
                type="date"
                label={t('intakes.programStep.traffickingCertificationDate')}
                description={t('intakes.programStep.traffickingCertificationDateHelp')}
                max={today}
                value={facts.traffickingCertificationDate ?? ''}
                onChange={(e) => setFact('traffickingCertificationDate', e.currentTarget.value)}
                error={errors['data.extraFacts.traffickingCertificationDate']}
              />
            ) : null}
            {statuses.has('siv') ? (
              <Checkbox
                label={t('intakes.programStep.sivAdjustedInUs')}
                checked={facts.sivAdjustedInUs ?? false}
                onChange={(e) => setFact('sivAdjustedInUs', e.currentTarget.checked)}
              />
            ) : null}
          </SimpleGrid>
        </Paper>
      ) : null}

      {programId ? (
        <section aria-labelledby="intake-eligibility-heading">
          <Stack gap="sm">
            <Title order={3} size="h4" id="intake-eligibility-heading">
              {t('intakes.programStep.eligibilityTitle')}
            </Title>
            {people.length > 0 && results.every(Boolean) ? (
              <Alert color={eligibleCount === people.length ? 'teal' : 'orange'} variant="light" icon={<IconInfoCircle aria-hidden="true" />} role="status">
                {t('intakes.programStep.eligibleCount', { count: eligibleCount, total: people.length })}
              </Alert>
            ) : null}
            {people.map((person, index) => (
              <EligibilityPanel
                key={person.id}
                clientId={person.id}
                clientName={person.name}
                headingId={`eligibility-${person.id}`}
                result={results[index]}
                isPending={eligibility[index]?.isPending === true && eligibility[index]?.fetchStatus !== 'idle'}
                error={eligibility[index]?.error ?? null}
                onRetry={() => void eligibility[index]?.refetch()}
                serverError={errors[`data.clientIds.${index}`]}
              />
            ))}
          </Stack>
        </section>
      ) : null}
    </Stack>
  );
}
