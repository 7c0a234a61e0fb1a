import { useState, type FormEvent } from 'react';
import { Alert, Button, Fieldset, Group, MultiSelect, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ELIGIBILITY_WINDOWS,
  type EligibilityRule,
  type EligibilityRuleKind,
  type EligibilityWindow,
  ORR_POPULATIONS,
  type OrrPopulation,
  type ProgramEligibilityRules,
  UpdateProgramRequest,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { adminApi, adminKeys } from './admin-api';

const RULE_KINDS = ['orr_population', 'window', 'age', 'everyone'] as const satisfies readonly EligibilityRuleKind[];
type CountingMode = 'exact-date' | 'calendar-month';

/**
 * One row of the editor. Every kind's fields are kept while the kind changes, so switching the
 * kind back and forth loses nothing; only the chosen kind's fields are sent.
 */
interface RuleDraft {
  id: number;
  kind: EligibilityRuleKind;
  populations: OrrPopulation[];
  window: EligibilityWindow;
  /** null: not set, which the rules read as exact-date. */
  countingMode: CountingMode | null;
  min: number | '';
  max: number | '';
  citation: string;
}

let nextDraftId = 0;

function emptyDraft(kind: EligibilityRuleKind): RuleDraft {
  nextDraftId += 1;
  return { id: nextDraftId, kind, populations: [], window: 'reception_and_placement', countingMode: null, min: '', max: '', citation: '' };
}

function toDraft(rule: EligibilityRule): RuleDraft {
  const draft = emptyDraft(rule.kind);
  switch (rule.kind) {
    case 'orr_population':
      return { ...draft, populations: [...(rule.populations ?? [])] };
    case 'window':
      return { ...draft, window: rule.window, countingMode: rule.countingMode ?? null };
    case 'age':
      return { ...draft, min: rule.min ?? '', max: rule.max ?? '', citation: rule.citation ?? '' };
    case 'everyone':
      return draft;
  }
}

/** The rule as the API takes it; the shared schema then decides whether it is valid. */
function fromDraft(draft: RuleDraft): Record<string, unknown> {
  switch (draft.kind) {
    case 'orr_population':
      return draft.populations.length > 0 ? { kind: draft.kind, populations: draft.populations } : { kind: draft.kind };
    case 'window':
      // The counting mode belongs to the RCA/RMA window only; the select is hidden for the others.
      return draft.window === 'rca_rma' && draft.countingMode ? { kind: draft.kind, window: draft.window, countingMode: draft.countingMode } : { kind: draft.kind, window: draft.window };
    case 'age': {
      const citation = draft.citation.trim();
      return {
        kind: draft.kind,
        ...(draft.min === '' ? {} : { min: draft.min }),
        ...(draft.max === '' ? {} : { max: draft.max }),
        ...(citation ? { citation } : {}),
      };
    }
    case 'everyone':
      return { kind: draft.kind };
  }
}

const RULES_FIELD = 'eligibilityRules.rules';
const rowField = (index: number, field?: string) => (field ? `${RULES_FIELD}.${index}.${field}` : `${RULES_FIELD}.${index}`);
/** The fields a row shows its own error under; any other error of the row is shown for the whole row. */
const ROW_FIELDS = ['kind', 'populations', 'window', 'countingMode', 'min', 'max', 'citation'];

function rowLevelErrors(errors: FieldErrors, index: number): string[] {
  const prefix = rowField(index);
  return Object.entries(errors)
    .filter(([key]) => key === prefix || (key.startsWith(`${prefix}.`) && !ROW_FIELDS.some((field) => key === rowField(index, field) || key.startsWith(`${rowField(index, field)}.`))))
    .map(([, message]) => message);
}

/** Errors that name no row (the list itself, or a row that is no longer there). */
function listLevelErrors(errors: FieldErrors, rowCount: number): string[] {
  return Object.entries(errors)
    .filter(([key]) => {
      const row = new RegExp(`^${RULES_FIELD.replaceAll('.', '\\.')}\\.(\\d+)(\\.|$)`).exec(key);
      return !row || Number(row[1]) >= rowCount;
    })
    .map(([, message]) => message);
}

function fieldError(errors: FieldErrors, index: number, field: string): string | undefined {
  const exact = errors[rowField(index, field)];
  if (exact) {
    return exact;
  }
  const nested = Object.entries(errors).find(([key]) => key.startsWith(`${rowField(index, field)}.`));
  return nested?.[1];
}

function RuleRow({
  draft,
  index,
  errors,
  onChange,
  onRemove,
  canRemove,
}: {
  draft: RuleDraft;
  index: number;
  errors: FieldErrors;
  onChange: (next: RuleDraft) => void;
  onRemove: () => void;
  canRemove: boolean;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => onChange({ ...draft, [key]: value });
  const rowErrors = rowLevelErrors(errors, index);
  return (
    <Fieldset legend={t('programRules.ruleLegend', { n })} p="sm">
      <Stack gap="sm">
        {rowErrors.length > 0 ? (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {rowErrors.join(' ')}
          </Text>
        ) : null}
        <NativeSelect
          label={t('programRules.kind')}
          value={draft.kind}
          onChange={(event) => set('kind', event.currentTarget.value as EligibilityRuleKind)}
          data={RULE_KINDS.map((kind) => ({ value: kind, label: t(`programRules.kinds.${kind}`) }))}
          error={fieldError(errors, index, 'kind')}
        />
        {draft.kind === 'orr_population' ? (
          <MultiSelect
            label={t('programRules.populations')}
            description={t('programRules.populationsHelp')}
            placeholder={draft.populations.length === 0 ? t('programRules.populationsPlaceholder') : undefined}
            data={ORR_POPULATIONS.map((population) => ({ value: population, label: t(`programRules.populationNames.${population}`) }))}
            value={draft.populations}
            onChange={(values) => set('populations', values as OrrPopulation[])}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            nothingFoundMessage={t('common.noOptions')}
            error={fieldError(errors, index, 'populations')}
          />
        ) : null}
        {draft.kind === 'window' ? (
          <>
            <NativeSelect
              label={t('programRules.window')}
              description={t('programRules.windowHelp')}
              value={draft.window}
              onChange={(event) => set('window', event.currentTarget.value as EligibilityWindow)}
              data={ELIGIBILITY_WINDOWS.map((window) => ({ value: window, label: t(`programRules.windows.${window}`) }))}
              error={fieldError(errors, index, 'window')}
            />
            {draft.window === 'rca_rma' ? (
              <NativeSelect
                label={t('programRules.countingMode')}
                description={t('programRules.countingModeHelp')}
                value={draft.countingMode ?? 'exact-date'}
                onChange={(event) => set('countingMode', event.currentTarget.value as CountingMode)}
                data={[
                  { value: 'exact-date', label: t('programRules.countingExactDate') },
                  { value: 'calendar-month', label: t('programRules.countingCalendarMonth') },
                ]}
                error={fieldError(errors, index, 'countingMode')}
              />
            ) : null}
          </>
        ) : null}
        {draft.kind === 'age' ? (
          <>
            <Group grow align="flex-start" gap="sm">
              <NumberInput
                label={t('programRules.minAge')}
                min={0}
                max={130}
                allowDecimal={false}
                allowNegative={false}
                value={draft.min}
                onChange={(value) => set('min', typeof value === 'number' ? value : '')}
                error={fieldError(errors, index, 'min')}
              />
              <NumberInput
                label={t('programRules.maxAge')}
                min={0}
                max={130}
                allowDecimal={false}
                allowNegative={false}
                value={draft.max}
                onChange={(value) => set('max', typeof value === 'number' ? value : '')}
                error={fieldError(errors, index, 'max')}
              />
            </Group>
            <Text size="sm" c="dimmed">
              {t('programRules.ageHelp')}
            </Text>
            <TextInput
              label={t('programRules.citation')}
              description={t('programRules.citationHelp')}
              value={draft.citation}
              onChange={(event) => set('citation', event.currentTarget.value)}
              error={fieldError(errors, index, 'citation')}
            />
          </>
        ) : null}
        {draft.kind === 'everyone' ? (
          <Text size="sm" c="dimmed">
            {t('programRules.everyoneHelp')}
          </Text>
        ) : null}
        {canRemove ? (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconTrash size={14} aria-hidden="true" />}
            onClick={onRemove}
            aria-label={t('programRules.remove', { n })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('programRules.removeShort')}
          </Button>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

/**
 * The eligibility rules of one program, row by row (no JSON). Saving checks the rows with the
 * shared UpdateProgramRequest schema first, so the messages and field paths are the API's own;
 * "Use the default rules" sends null, which hands the program back to the default for its code.
 */
export function ProgramRulesEditor({ program, onClose }: { program: Program; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => program.eligibilityRules.rules.map(toDraft));
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: (eligibilityRules: ProgramEligibilityRules | null) => adminApi.updateProgram(program.id, { eligibilityRules }),
    onSuccess: async (saved, eligibilityRules) => {
      notifySuccess(eligibilityRules === null ? t('programRules.resetDone', { name: saved.name }) : t('programRules.saved', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.programs });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function change(index: number, next: RuleDraft): void {
    setDrafts((current) => current.map((draft, i) => (i === index ? next : draft)));
    // The row's own errors and the list's go; the other rows keep theirs until the next save.
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => key.startsWith(`${RULES_FIELD}.`) && !key.startsWith(`${rowField(index)}.`) && key !== rowField(index))),
    );
  }

  function add(): void {
    setDrafts((current) => [...current, emptyDraft('orr_population')]);
    setErrors({});
  }

  function remove(index: number): void {
    setDrafts((current) => current.filter((_, i) => i !== index));
    setErrors({});
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = UpdateProgramRequest.safeParse({ eligibilityRules: { rules: drafts.map(fromDraft) } });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data.eligibilityRules ?? null);
  }

  const listErrors = listLevelErrors(errors, drafts.length);
  const requestError = save.isError && Object.keys(errors).length === 0 ? save.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('programRules.intro')}</Text>
        <Text size="sm" c="dimmed">
          {program.eligibilityRulesCustomized ? t('programRules.customized') : t('programRules.usingDefault')}
        </Text>
        <FormError error={requestError} />
        {listErrors.length > 0 ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} role="alert">
            {listErrors.join(' ')}
          </Alert>
        ) : null}
        {drafts.map((draft, index) => (
          <RuleRow
            key={draft.id}
            draft={draft}
            index={index}
            errors={errors}
            onChange={(next) => change(index, next)}
            onRemove={() => remove(index)}
            canRemove={drafts.length > 1}
          />
        ))}
        <Button variant="light" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={add} style={{ alignSelf: 'flex-start' }}>
          {t('programRules.add')}
        </Button>
        <Group justify="space-between" gap="sm">
          {program.eligibilityRulesCustomized ? (
            <Button variant="default" onClick={() => save.mutate(null)} loading={save.isPending && save.variables === null}>
              {t('programRules.useDefault')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending && save.variables !== null}>
              {t('programRules.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
