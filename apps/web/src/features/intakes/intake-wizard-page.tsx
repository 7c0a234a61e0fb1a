import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { INTAKE_STEPS, IntakeData, type IntakeStep } from '@haven/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { type FieldErrors, describeError, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatDateTime, todayIsoDate } from '../../app/ui/format';
import { notifyError } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { stepLabel } from './intake-labels';
import { NeedsStep } from './intake-needs-step';
import { PeopleStep } from './intake-people-step';
import { ProgramStep } from './intake-program-step';
import { IntakeResult, ReviewStep } from './intake-review-step';
import { eligibilityKeys, enrollmentKeys, intakeKeys, intakeOptions, intakesApi, type Intake, type UpdateIntakeBody } from './intakes-api';
import { useIntakePeople } from './use-intake-people';

const routeApi = getRouteApi('/app/intakes/$intakeId');

/**
 * The server's messages for intake fields are English sentences; the common ones are given in
 * the reader's language, anything else is shown as written rather than hidden.
 */
function translateIntakeErrors(fields: FieldErrors, t: TFunction): FieldErrors {
  const result: FieldErrors = {};
  for (const [key, message] of Object.entries(fields)) {
    if (/ is not eligible for /.test(message)) {
      result[key] = t('intakes.errors.notEligible');
    } else if (/ is already enrolled in /.test(message)) {
      result[key] = t('intakes.errors.alreadyEnrolled');
    } else if (message === 'Choose the service tier') {
      result[key] = t('intakes.errors.chooseTier');
    } else if (message === 'Write the reason') {
      result[key] = t('intakes.errors.writeReason');
    } else if (message === 'Choose a program' || message === 'Choose an active program') {
      result[key] = t('intakes.errors.chooseProgram');
    } else if (message === 'Add at least one person') {
      result[key] = t('intakes.errors.addPerson');
    } else {
      result[key] = message;
    }
  }
  return result;
}

/** What is sent: empty answers are left out (the schema refuses an empty reason). */
function cleanData(draft: IntakeData): IntakeData {
  const data: IntakeData = { ...draft };
  if (data.tierReason !== undefined && data.tierReason.trim() === '') {
    delete data.tierReason;
  }
  return data;
}

function checkBeforeLeaving(step: IntakeStep, draft: IntakeData, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  if (step === 'people' && (draft.clientIds ?? []).length === 0) {
    errors['data.clientIds'] = t('intakes.errors.addPerson');
  }
  if (step === 'needs') {
    if (!draft.serviceTier) {
      errors['data.serviceTier'] = t('intakes.errors.chooseTier');
    }
    if (!draft.tierReason?.trim()) {
      errors['data.tierReason'] = t('intakes.errors.writeReason');
    }
  }
  if (step === 'program' && !draft.programId) {
    errors['data.programId'] = t('intakes.errors.chooseProgram');
  }
  return errors;
}

function Wizard({ initial, onReload }: { initial: Intake; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const [draft, setDraft] = useState<IntakeData>(initial.data);
  const [step, setStep] = useState<IntakeStep>(initial.step);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState(false);
  const [moving, setMoving] = useState(false);
  const [abandoning, setAbandoning] = useState(false);
  const [enrolledOn, setEnrolledOn] = useState(todayIsoDate());
  const version = useRef(initial.version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const movedOnce = useRef(false);
  const people = useIntakePeople(draft.clientIds ?? []);
  const index = INTAKE_STEPS.indexOf(step);

  useEffect(() => {
    // After a step change, keyboard and screen-reader users start at the new step's heading.
    if (movedOnce.current) {
      stepHeading.current?.focus();
      window.scrollTo({ top: 0 });
    }
  }, [step]);

  function handleError(error: unknown): void {
    if (isApiError(error) && error.code === 'conflict') {
      setConflict(true);
      return;
    }
    const fields = serverFieldErrors(error, t);
    if (Object.keys(fields).length > 0) {
      setErrors(translateIntakeErrors(isApiError(error) ? error.fields : fields, t));
    } else {
      notifyError(describeError(error, t));
    }
  }

  /**
   * Saves are queued so that each one sends the version the previous one returned: two quick
   * changes never refuse each other as "someone else changed this intake".
   */
  function save(body: Omit<UpdateIntakeBody, 'version'>): Promise<Intake> {
    const run = queue.current.then(async () => {
      const saved = await intakesApi.update(initial.id, { ...body, version: version.current });
      version.current = saved.version;
      queryClient.setQueryData(intakeKeys.detail(initial.id), saved);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.lists });
      return saved;
    });
    queue.current = run.catch(() => undefined);
    return run;
  }

  function validData(data: IntakeData): IntakeData | null {
    const parsed = IntakeData.safeParse(cleanData(data));
    if (!parsed.success) {
      const fields = zodFieldErrors(parsed.error, t);
      setErrors(Object.fromEntries(Object.entries(fields).map(([key, message]) => [`data.${key}`, message])));
      return null;
    }
    return parsed.data;
  }

  /** Changes that are saved at once: the people and the household (records were just made). */
  function changeAndSave(patch: IntakeData): void {
    const next = { ...draft, ...patch };
    setDraft(next);
    setErrors({});
    const data = validData(next);
    if (data) {
      save({ data }).catch(handleError);
    }
  }

  async function goTo(target: IntakeStep): Promise<void> {
    if (target === step) {
      return;
    }
    const forward = INTAKE_STEPS.indexOf(target) > index;
    if (forward) {
      for (const passed of INTAKE_STEPS.slice(0, INTAKE_STEPS.indexOf(target))) {
        const problems = checkBeforeLeaving(passed, draft, t);
        if (Object.keys(problems).length > 0) {
          setErrors(problems);
          if (passed !== step) {
            movedOnce.current = true;
            setStep(passed);
          }
          return;
        }
      }
    }
    const data = validData(draft);
    if (!data) {
      return;
    }
    setMoving(true);
    try {
      await save({ step: target, data });
      setErrors({});
      movedOnce.current = true;
      setStep(target);
    } catch (error) {
      handleError(error);
    } finally {
      setMoving(false);
    }
  }

  const complete = useMutation({
    mutationFn: async () => {
      const data = validData(draft);
      if (!data) {
        throw new Error('invalid');
      }
      await save({ data });
      return intakesApi.complete(initial.id, { version: version.current, ...(enrolledOn ? { enrolledOn } : {}) });
    },
    onSuccess: async (done) => {
      version.current = done.version;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: enrollmentKeys.all }),
        queryClient.invalidateQueries({ queryKey: eligibilityKeys.all }),
        queryClient.invalidateQueries({ queryKey: intakeKeys.lists }),
      ]);
      queryClient.setQueryData(intakeKeys.detail(initial.id), done);
    },
    onError: (error) => {
      if (!(error instanceof Error && error.message === 'invalid')) {
        handleError(error);
      }
    },
  });

  const abandon = useMutation({
    mutationFn: () => save({ abandon: true }),
    onError: handleError,
  });

  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  const NextIcon = i18n.dir() === 'rtl' ? IconArrowLeft : IconArrowRight;
  const next = INTAKE_STEPS[index + 1];
  const previous = index > 0 ? INTAKE_STEPS[index - 1] : undefined;

  return (
    <Stack gap="md">
      {conflict ? (
        <Alert color="orange.9" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} title={t('intakes.conflictTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('intakes.conflictText')}</Text>
            <Button size="xs" variant="default" onClick={onReload}>
              {t('clients.reload')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <nav aria-label={t('intakes.stepsLabel')}>
        <Stepper active={index} onStepClick={(i) => void goTo(INTAKE_STEPS[i] ?? step)} allowNextStepsSelect={false} size="sm" iconSize={32}>
          {INTAKE_STEPS.map((s, i) => (
            <Stepper.Step
              key={s}
              label={phone ? undefined : stepLabel(t, s)}
              aria-label={t('intakes.stepOf', { n: i + 1, total: INTAKE_STEPS.length, step: stepLabel(t, s) })}
              aria-current={s === step ? 'step' : undefined}
            />
          ))}
        </Stepper>
      </nav>
      <Title order={2} size="h3" ref={stepHeading} tabIndex={-1} style={{ outline: 'none' }}>
        {t('intakes.stepOf', { n: index + 1, total: INTAKE_STEPS.length, step: stepLabel(t, step) })}
      </Title>

      {step === 'people' ? (
        <PeopleStep
          people={people}
          householdId={draft.householdId}
          errors={errors}
          onPeopleChange={(clientIds) => changeAndSave({ clientIds })}
          onHouseholdChange={(householdId) => changeAndSave({ householdId })}
        />
      ) : null}
      {step === 'needs' ? (
        <NeedsStep
          needs={draft.needs ?? []}
          serviceTier={draft.serviceTier}
          tierReason={draft.tierReason ?? ''}
          errors={errors}
          onChange={(patch) => {
            setDraft((current) => ({ ...current, ...patch }));
            setErrors((current) => {
              const rest = { ...current };
              for (const key of Object.keys(patch)) {
                delete rest[`data.${key}`];
              }
              return rest;
            });
          }}
        />
      ) : null}
      {step === 'program' ? (
        <ProgramStep
          people={people}
          programId={draft.programId}
          extraFacts={draft.extraFacts}
          errors={errors}
          onChange={(patch) => {
            setDraft((current) => ({ ...current, ...patch }));
            setErrors({});
          }}
        />
      ) : null}
      {step === 'review' ? (
        <ReviewStep
          data={draft}
          people={people}
          enrolledOn={enrolledOn}
          onEnrolledOnChange={setEnrolledOn}
          errors={errors}
          completing={complete.isPending}
          onComplete={() => complete.mutate()}
          onGoTo={(target) => void goTo(target)}
        />
      ) : null}

      <Group justify="space-between" gap="sm" mt="sm">
        {previous ? (
          <Button variant="default" leftSection={<BackIcon size={16} aria-hidden="true" />} onClick={() => void goTo(previous)} disabled={moving}>
            {t('intakes.back')}
          </Button>
        ) : (
          <span />
        )}
        {next ? (
          <Button rightSection={<NextIcon size={16} aria-hidden="true" />} onClick={() => void goTo(next)} loading={moving}>
            {t('intakes.next', { step: stepLabel(t, next) })}
          </Button>
        ) : null}
      </Group>
      <Group justify="flex-end">
        <Button variant="subtle" color="red" size="xs" onClick={() => setAbandoning(true)}>
          {t('intakes.abandon')}
        </Button>
      </Group>
      <Modal opened={abandoning} onClose={() => setAbandoning(false)} title={t('intakes.abandonTitle')}>
        <Stack>
          <Text size="sm">{t('intakes.abandonText')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setAbandoning(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={abandon.isPending} onClick={() => abandon.mutate(undefined, { onSettled: () => setAbandoning(false) })}>
              {t('intakes.abandonConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function BackToIntakes() {
  const { t, i18n } = useTranslation();
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  return (
    <Anchor renderRoot={(props) => <Link to="/intakes" {...props} />}>
      <Group gap={4} component="span" wrap="nowrap">
        <BackIcon size={16} aria-hidden="true" />
        {t('intakes.backToList')}
      </Group>
    </Anchor>
  );
}

function IntakeView() {
  const { t } = useTranslation();
  const { intakeId } = routeApi.useParams();
  const intake = useQuery(intakeOptions(intakeId));
  const [reloads, setReloads] = useState(0);
  const people = useIntakePeople(intake.data?.status === 'completed' ? (intake.data.data.clientIds ?? []) : []);

  if (intake.isPending) {
    return <LoadingState />;
  }
  if (intake.isError) {
    const notFound = isApiError(intake.error) && intake.error.status === 404;
    return (
      <Stack>
        <BackToIntakes />
        <PageTitle title={t('intakes.wizardTitle')} />
        {notFound ? <EmptyState>{t('intakes.notFound')}</EmptyState> : <ErrorState error={intake.error} onRetry={() => void intake.refetch()} />}
      </Stack>
    );
  }
  const data = intake.data;
  return (
    <Stack maw={960}>
      <BackToIntakes />
      <PageTitle
        title={data.status === 'completed' ? t('intakes.completedTitle') : t('intakes.wizardTitle')}
        description={t('intakes.savedAt', { date: formatDateTime(data.updatedAt) })}
      />
      {data.status === 'completed' ? (
        <IntakeResult intake={data} people={people} />
      ) : data.status === 'abandoned' ? (
        <EmptyState>{t('intakes.abandoned')}</EmptyState>
      ) : (
        <Wizard
          key={reloads}
          initial={data}
          onReload={() => {
            void intake.refetch().then(() => setReloads((n) => n + 1));
          }}
        />
      )}
    </Stack>
  );
}

export function IntakeWizardPage() {
  return (
    <RequirePermission anyOf={['intake.manage']}>
      <IntakeView />
    </RequirePermission>
  );
}
