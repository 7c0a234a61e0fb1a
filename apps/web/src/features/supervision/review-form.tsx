import { useEffect, useId, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Fieldset, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CreateCaseReviewRequest, REVIEW_CHECKLIST_DEFAULT, type ReviewResult } from '@haven/domain';
import { isApiError } from '../../app/api-client';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { checklistOptions, reviewsApi, type ReviewChecklist } from './supervision-api';

interface ItemDraft {
  result: ReviewResult | '';
  finding: string;
  dueOn: string;
}

/** A checklist item as the reader says it: the default keys are translated, a program's own items read as written. */
export function useItemLabel() {
  const { t } = useTranslation();
  const isDefault = (item: string): item is (typeof REVIEW_CHECKLIST_DEFAULT)[number] => (REVIEW_CHECKLIST_DEFAULT as readonly string[]).includes(item);
  return (item: string): string => (isDefault(item) ? t(`supervision.items.${item}`) : item);
}

function ChecklistForm({ checklist, onDone, onCancel }: { checklist: ReviewChecklist; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const label = useItemLabel();
  const queryClient = useQueryClient();
  const [reviewedOn, setReviewedOn] = useState(todayIsoDate());
  const [summary, setSummary] = useState('');
  const [drafts, setDrafts] = useState<ItemDraft[]>(() => checklist.items.map(() => ({ result: '', finding: '', dueOn: '' })));
  const [errors, setErrors] = useState<FieldErrors>({});

  const update = (index: number, patch: Partial<ItemDraft>) => {
    setDrafts((current) => current.map((draft, i) => (i === index ? { ...draft, ...patch } : draft)));
  };

  const save = useMutation({
    mutationFn: reviewsApi.record,
    onSuccess: async (review) => {
      notifySuccess(t('supervision.review.saved', { count: review.findings }));
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['reviews'] }), queryClient.invalidateQueries({ queryKey: ['supervision'] })]);
      onDone();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      caseId: checklist.caseId,
      reviewedOn,
      summary: summary.trim() || undefined,
      items: checklist.items.map((item, index) => {
        const draft = drafts[index]!;
        const notMet = draft.result === 'not_met';
        return {
          item,
          result: draft.result || undefined,
          finding: notMet ? draft.finding.trim() || undefined : undefined,
          dueOn: notMet ? draft.dueOn || undefined : undefined,
        };
      }),
    };
    const parsed = CreateCaseReviewRequest.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  const formError = errors.items ?? errors.caseId ?? (save.error && Object.keys(errors).length === 0 && isApiError(save.error) ? save.error.message : undefined);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={3} size="h5">
            {t('supervision.review.reviewing', { reference: checklist.caseReference })}
          </Title>
          <Button variant="subtle" size="xs" onClick={onCancel}>
            {t('supervision.review.change')}
          </Button>
        </Group>
        <TextInput
          type="date"
          label={t('supervision.review.reviewedOn')}
          value={reviewedOn}
          max={todayIsoDate()}
          required
          onChange={(event) => setReviewedOn(event.currentTarget.value)}
          error={errors.reviewedOn}
          maw={220}
        />
        {checklist.items.map((item, index) => {
          const draft = drafts[index]!;
          const prefix = `items.${index}`;
          return (
            <Fieldset key={item} legend={label(item)} radius="sm" p="sm">
              <Stack gap="xs">
                {errors[`${prefix}.item`] ? (
                  <Text size="sm" c="red.8" role="alert">
                    {errors[`${prefix}.item`]}
                  </Text>
                ) : null}
                <Radio.Group
                  label={t('supervision.review.result')}
                  value={draft.result}
                  onChange={(value) => update(index, { result: value as ReviewResult })}
                  error={errors[`${prefix}.result`]}
                  required
                >
                  <Group gap="md" mt={4}>
                    <Radio value="met" label={t('supervision.review.met')} />
                    <Radio value="not_met" label={t('supervision.review.notMet')} />
                    <Radio value="not_applicable" label={t('supervision.review.notApplicable')} />
                  </Group>
                </Radio.Group>
                {draft.result === 'not_met' ? (
                  <>
                    <Textarea
                      label={t('supervision.review.finding')}
                      value={draft.finding}
                      autosize
                      minRows={2}
                      required
                      onChange={(event) => update(index, { finding: event.currentTarget.value })}
                      error={errors[`${prefix}.finding`]}
                    />
                    <TextInput
                      type="date"
                      label={t('supervision.review.dueOn')}
                      value={draft.dueOn}
                      min={reviewedOn}
                      onChange={(event) => update(index, { dueOn: event.currentTarget.value })}
                      error={errors[`${prefix}.dueOn`]}
                      maw={260}
                    />
                  </>
                ) : null}
              </Stack>
            </Fieldset>
          );
        })}
        <Textarea label={t('supervision.review.summary')} value={summary} autosize minRows={2} onChange={(event) => setSummary(event.currentTarget.value)} error={errors.summary} />
        {formError ? (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('supervision.review.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * "Review a case file": pick the case (from a dashboard list, the case page's link, or by typing
 * its reference), then give every checklist item a result.
 */
export function ReviewCaseCard({ caseId, onCaseChange }: { caseId: string | undefined; onCaseChange: (caseId: string | undefined) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [reference, setReference] = useState('');
  const [lookup, setLookup] = useState<{ caseId?: string; reference?: string } | null>(caseId ? { caseId } : null);
  const [referenceError, setReferenceError] = useState<string | undefined>();

  useEffect(() => {
    setLookup(caseId ? { caseId } : null);
  }, [caseId]);

  const checklist = useQuery({ ...checklistOptions(lookup ?? {}), enabled: lookup !== null });

  const find = (event: FormEvent) => {
    event.preventDefault();
    const typed = reference.trim();
    if (!typed) {
      setReferenceError(t('supervision.errors.referenceRequired'));
      return;
    }
    setReferenceError(undefined);
    setLookup({ reference: typed });
  };

  const clear = () => {
    setLookup(null);
    setReference('');
    onCaseChange(undefined);
  };

  const notFound = checklist.isError && isApiError(checklist.error) && checklist.error.status === 404;

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {t('supervision.review.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('supervision.review.help')}
      </Text>
      {lookup && checklist.data ? (
        <ChecklistForm key={checklist.data.caseId} checklist={checklist.data} onDone={clear} onCancel={clear} />
      ) : (
        <Stack gap="sm">
          <form onSubmit={find} noValidate>
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t('supervision.review.reference')}
                placeholder={t('supervision.review.referencePlaceholder')}
                value={reference}
                onChange={(event) => setReference(event.currentTarget.value)}
                error={referenceError ?? (notFound ? t('supervision.review.notFound') : undefined)}
                style={{ flex: '1 1 14rem' }}
                dir="ltr"
              />
              <Button type="submit" variant="default" loading={checklist.isFetching}>
                {t('supervision.review.find')}
              </Button>
            </Group>
          </form>
          {lookup && checklist.isLoading ? <LoadingState /> : null}
          {checklist.isError && !notFound ? <ErrorState error={checklist.error} onRetry={() => void checklist.refetch()} /> : null}
        </Stack>
      )}
    </Card>
  );
}
