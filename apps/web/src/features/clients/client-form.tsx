import { useId, useMemo, type Dispatch, type FormEvent, type ReactNode, type SetStateAction } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../app/forms';
import { COMMON_CLIENT_LANGUAGES, allCountryCodes, countryName, languageName, todayIsoDate } from '../../app/ui/format';
import {
  EMPTY_ADDRESS,
  EMPTY_LANGUAGE,
  EMPTY_PHONE,
  EMPTY_STATUS,
  type AddressRow,
  type ClientFormValues,
  type LanguageRow,
  type PhoneRow,
  type StatusRow,
} from './client-form-values';
import { phoneKindOptions, proficiencyOptions, protectionBasisOptions, sexOptions, statusOptions } from './client-labels';

export interface ClientFormState {
  values: ClientFormValues;
  setValues: Dispatch<SetStateAction<ClientFormValues>>;
  errors: FieldErrors;
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
}

interface ClientFormProps {
  form: ClientFormState;
  mode: 'create' | 'edit';
  /** The SSN on file (masked), shown on edit; the number itself never reaches the browser. */
  ssnMasked?: string | null;
  submitLabel: string;
  submitting: boolean;
  onSubmit: () => void;
  onCancel?: () => void;
  /** Shown above the buttons: a request-level error or the duplicate warning. */
  notice?: ReactNode;
}

type ListKey = 'languages' | 'phones' | 'addresses' | 'statuses';
type RowOf<K extends ListKey> = ClientFormValues[K][number];

/** Drops the errors of a field and of everything under it (`phones.0` clears `phones.0.number`). */
function withoutErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const keys = Object.keys(errors).filter((key) => key === prefix || key.startsWith(`${prefix}.`));
  if (keys.length === 0) {
    return errors;
  }
  const next = { ...errors };
  for (const key of keys) {
    delete next[key];
  }
  return next;
}

/** The first message for a field or any item in it (a TagsInput shows one message for the list). */
function errorUnder(errors: FieldErrors, prefix: string): string | undefined {
  return errors[prefix] ?? Object.entries(errors).find(([key]) => key.startsWith(`${prefix}.`))?.[1];
}

const TOP_LEVEL_FIELDS = new Set<string>([
  'givenName', 'middleName', 'familyName', 'preferredName', 'nativeName', 'aliases', 'dateOfBirth', 'dateOfBirthEstimated',
  'sex', 'gender', 'countryOfBirth', 'nationalities', 'languages', 'preferredLanguage', 'interpreterNeeded', 'phones', 'email',
  'addresses', 'aNumber', 'receiptNumbers', 'i94Number', 'ssn', 'firstArrivalDate', 'lastArrivalDate', 'statuses',
  'isProtected', 'protectionBasis', 'suspectedAbuser',
]);

export const CLIENT_FORM_ID = 'client-form';

/** Moves focus to the first field with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(): void {
  window.requestAnimationFrame(() => {
    const form = document.getElementById(CLIENT_FORM_ID);
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[data-error-summary]');
    invalid?.focus();
    invalid?.scrollIntoView({ block: 'center' });
  });
}

function Section({ title, children, description }: { title: string; description?: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={description ? 4 : 'sm'}>
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      ) : null}
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function Row({ legend, removeLabel, onRemove, children }: { legend: string; removeLabel: string; onRemove: () => void; children: ReactNode }) {
  return (
    <Fieldset
      legend={legend}
      variant="filled"
      p="sm"
      styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' } }}
    >
      <Stack gap="xs">
        {children}
        <Group justify="flex-end">
          <Button variant="subtle" color="red" size="compact-sm" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={onRemove}>
            {removeLabel}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function AddRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Group>
      <Button variant="light" size="sm" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={onClick}>
        {label}
      </Button>
    </Group>
  );
}

export function ClientForm({ form, mode, ssnMasked, submitLabel, submitting, onSubmit, onCancel, notice }: ClientFormProps) {
  const { t, i18n } = useTranslation();
  const { values, errors } = form;
  const language = i18n.resolvedLanguage;
  const today = todayIsoDate();

  const countryOptions = useMemo(
    () =>
      allCountryCodes()
        .map((code) => ({ value: code, label: countryName(code) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [language],
  );
  const languageOptions = useMemo(() => {
    const codes = new Set([...COMMON_CLIENT_LANGUAGES, ...values.languages.map((l) => l.language), values.preferredLanguage].filter(Boolean));
    return [...codes].map((code) => ({ value: code, label: languageName(code) })).sort((a, b) => a.label.localeCompare(b.label, language));
  }, [language, values.languages, values.preferredLanguage]);
  const none = { value: '', label: t('common.none') };

  function set<K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]): void {
    form.setValues((current) => ({ ...current, [key]: value }));
    form.setErrors((current) => withoutErrors(current, key));
  }

  function setRow<K extends ListKey>(key: K, index: number, patch: Partial<RowOf<K>>): void {
    form.setValues((current) => {
      const rows = [...current[key]] as RowOf<K>[];
      rows[index] = { ...rows[index], ...patch } as RowOf<K>;
      return { ...current, [key]: rows };
    });
    form.setErrors((current) => Object.keys(patch).reduce((acc, field) => withoutErrors(acc, `${key}.${index}.${field}`), withoutErrors(current, `${key}.${index}._`)));
  }

  function addRow<K extends ListKey>(key: K, row: RowOf<K>): void {
    form.setValues((current) => ({ ...current, [key]: [...current[key], { ...row }] }));
  }

  function removeRow(key: ListKey, index: number): void {
    form.setValues((current) => ({ ...current, [key]: current[key].filter((_, i) => i !== index) }));
    // Row errors are positional: after a removal they no longer point at the right rows.
    form.setErrors((current) => withoutErrors(current, key));
  }

  const rowError = (key: ListKey, index: number, field: string) => errors[`${key}.${index}.${field}`];
  const strayErrors = Object.entries(errors).filter(([key]) => !TOP_LEVEL_FIELDS.has(key.split('.')[0] ?? ''));

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    onSubmit();
  }

  return (
    <form id={CLIENT_FORM_ID} onSubmit={submit} noValidate>
      <Stack gap="md">
        {Object.keys(errors).length > 0 ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} role="alert" tabIndex={-1} data-error-summary>
            <Text fw={600}>{t('errors.validation_failed')}</Text>
            {strayErrors.map(([key, message]) => (
              <Text key={key} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        ) : null}

        <Section title={t('clientForm.sections.names')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('clients.givenName')}
              required
              autoComplete="off"
              value={values.givenName}
              onChange={(e) => set('givenName', e.currentTarget.value)}
              error={errors.givenName}
            />
            <TextInput
              label={t('clientForm.middleName')}
              autoComplete="off"
              value={values.middleName}
              onChange={(e) => set('middleName', e.currentTarget.value)}
              error={errors.middleName}
            />
            <TextInput
              label={t('clients.familyName')}
              required
              autoComplete="off"
              value={values.familyName}
              onChange={(e) => set('familyName', e.currentTarget.value)}
              error={errors.familyName}
            />
            <TextInput
              label={t('clientForm.preferredName')}
              description={t('clientForm.preferredNameHelp')}
              autoComplete="off"
              value={values.preferredName}
              onChange={(e) => set('preferredName', e.currentTarget.value)}
              error={errors.preferredName}
            />
          </SimpleGrid>
          <TextInput
            label={t('clientForm.nativeName')}
            description={t('clientForm.nativeNameHelp')}
            dir="auto"
            autoComplete="off"
            value={values.nativeName}
            onChange={(e) => set('nativeName', e.currentTarget.value)}
            error={errors.nativeName}
          />
          <TagsInput
            label={t('clientForm.aliases')}
            description={t('clientForm.aliasesHelp')}
            value={values.aliases}
            onChange={(value) => set('aliases', value)}
            acceptValueOnBlur
            error={errorUnder(errors, 'aliases')}
            maxTags={20}
          />
        </Section>

        <Section title={t('clientForm.sections.birth')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Stack gap={6}>
              <TextInput
                type="date"
                label={t('clientForm.dateOfBirth')}
                max={today}
                value={values.dateOfBirth}
                onChange={(e) => set('dateOfBirth', e.currentTarget.value)}
                error={errors.dateOfBirth}
              />
              <Checkbox
                label={t('clientForm.dateOfBirthEstimated')}
                checked={values.dateOfBirthEstimated}
                onChange={(e) => set('dateOfBirthEstimated', e.currentTarget.checked)}
              />
            </Stack>
            <NativeSelect
              label={t('clientForm.sex')}
              data={[none, ...sexOptions(t)]}
              value={values.sex}
              onChange={(e) => set('sex', e.currentTarget.value)}
              error={errors.sex}
            />
            <TextInput
              label={t('clientForm.gender')}
              description={t('clientForm.genderHelp')}
              autoComplete="off"
              value={values.gender}
              onChange={(e) => set('gender', e.currentTarget.value)}
              error={errors.gender}
            />
            <Select
              label={t('clients.countryOfBirth')}
              data={countryOptions}
              searchable
              clearable
              nothingFoundMessage={t('common.noOptions')}
              value={values.countryOfBirth || null}
              onChange={(value) => set('countryOfBirth', value ?? '')}
              error={errors.countryOfBirth}
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('clientForm.nationalities')}
            data={countryOptions}
            searchable
            nothingFoundMessage={t('common.noOptions')}
            value={values.nationalities}
            onChange={(value) => set('nationalities', value)}
            error={errorUnder(errors, 'nationalities')}
            maxValues={5}
          />
        </Section>

        <Section title={t('clientForm.sections.languages')}>
          {values.languages.map((row: LanguageRow, index) => (
            <Row
              key={index}
              legend={t('clientForm.languageN', { n: index + 1 })}
              removeLabel={t('clientForm.removeRow', { row: t('clientForm.languageN', { n: index + 1 }) })}
              onRemove={() => removeRow('languages', index)}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Select
                  label={t('common.language')}
                  data={languageOptions}
                  searchable
                  nothingFoundMessage={t('common.noOptions')}
                  value={row.language || null}
                  onChange={(value) => setRow('languages', index, { language: value ?? '' })}
                  error={rowError('languages', index, 'language')}
                />
                <NativeSelect
                  label={t('clientForm.proficiency')}
                  data={proficiencyOptions(t)}
                  value={row.proficiency}
                  onChange={(e) => setRow('languages', index, { proficiency: e.currentTarget.value })}
                  error={rowError('languages', index, 'proficiency')}
                />
              </SimpleGrid>
            </Row>
          ))}
          <AddRowButton label={t('clientForm.addLanguage')} onClick={() => addRow('languages', EMPTY_LANGUAGE)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('clients.preferredLanguage')}
              data={languageOptions}
              searchable
              clearable
              nothingFoundMessage={t('common.noOptions')}
              value={values.preferredLanguage || null}
              onChange={(value) => set('preferredLanguage', value ?? '')}
              error={errors.preferredLanguage}
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
            <Checkbox
              mt={{ base: 0, sm: 'xl' }}
              label={t('clientForm.interpreterNeeded')}
              checked={values.interpreterNeeded}
              onChange={(e) => set('interpreterNeeded', e.currentTarget.checked)}
            />
          </SimpleGrid>
        </Section>

        <Section title={t('clientForm.sections.contact')}>
          {values.phones.map((row: PhoneRow, index) => (
            <Row
              key={index}
              legend={t('clientForm.phoneN', { n: index + 1 })}
              removeLabel={t('clientForm.removeRow', { row: t('clientForm.phoneN', { n: index + 1 }) })}
              onRemove={() => removeRow('phones', index)}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  type="tel"
                  label={t('clientForm.phoneNumber')}
                  dir="ltr"
                  autoComplete="off"
                  value={row.number}
                  onChange={(e) => setRow('phones', index, { number: e.currentTarget.value })}
                  error={rowError('phones', index, 'number')}
                />
                <NativeSelect
                  label={t('clientForm.phoneKind')}
                  data={phoneKindOptions(t)}
                  value={row.kind}
                  onChange={(e) => setRow('phones', index, { kind: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Group gap="lg">
                <Checkbox
                  label={t('clientForm.whatsapp')}
                  checked={row.whatsapp}
                  onChange={(e) => setRow('phones', index, { whatsapp: e.currentTarget.checked })}
                />
                <Checkbox label={t('clientForm.sms')} checked={row.sms} onChange={(e) => setRow('phones', index, { sms: e.currentTarget.checked })} />
              </Group>
            </Row>
          ))}
          <AddRowButton label={t('clientForm.addPhone')} onClick={() => addRow('phones', EMPTY_PHONE)} />
          <TextInput
            type="email"
            label={t('common.email')}
            dir="ltr"
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
          />
          <Title order={3} size="h5" mt="xs">
            {t('clientForm.addresses')}
          </Title>
          {values.addresses.map((row: AddressRow, index) => (
            <Row
              key={index}
              legend={t('clientForm.addressN', { n: index + 1 })}
              removeLabel={t('clientForm.removeRow', { row: t('clientForm.addressN', { n: index + 1 }) })}
              onRemove={() => removeRow('addresses', index)}
            >
              <TextInput
                label={t('clientForm.line1')}
                required
                autoComplete="off"
                value={row.line1}
                onChange={(e) => setRow('addresses', index, { line1: e.currentTarget.value })}
                error={rowError('addresses', index, 'line1')}
              />
              <TextInput
                label={t('clientForm.line2')}
                autoComplete="off"
                value={row.line2}
                onChange={(e) => setRow('addresses', index, { line2: e.currentTarget.value })}
                error={rowError('addresses', index, 'line2')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t('clientForm.city')}
                  required
                  autoComplete="off"
                  value={row.city}
                  onChange={(e) => setRow('addresses', index, { city: e.currentTarget.value })}
                  error={rowError('addresses', index, 'city')}
                />
                <TextInput
                  label={t('clientForm.region')}
                  autoComplete="off"
                  value={row.region}
                  onChange={(e) => setRow('addresses', index, { region: e.currentTarget.value })}
                  error={rowError('addresses', index, 'region')}
                />
                <TextInput
                  label={t('clientForm.postalCode')}
                  autoComplete="off"
                  value={row.postalCode}
                  onChange={(e) => setRow('addresses', index, { postalCode: e.currentTarget.value })}
                  error={rowError('addresses', index, 'postalCode')}
                />
                <Select
                  label={t('clientForm.country')}
                  data={countryOptions}
                  searchable
                  nothingFoundMessage={t('common.noOptions')}
                  value={row.country || null}
                  onChange={(value) => setRow('addresses', index, { country: value ?? 'US' })}
                  error={rowError('addresses', index, 'country')}
                />
                <TextInput
                  type="date"
                  label={t('clientForm.movedIn')}
                  max={today}
                  value={row.movedIn}
                  onChange={(e) => setRow('addresses', index, { movedIn: e.currentTarget.value })}
                  error={rowError('addresses', index, 'movedIn')}
                />
                <TextInput
                  type="date"
                  label={t('clientForm.movedOut')}
                  max={today}
                  value={row.movedOut}
                  onChange={(e) => setRow('addresses', index, { movedOut: e.currentTarget.value })}
                  error={rowError('addresses', index, 'movedOut')}
                />
              </SimpleGrid>
            </Row>
          ))}
          <AddRowButton label={t('clientForm.addAddress')} onClick={() => addRow('addresses', EMPTY_ADDRESS)} />
        </Section>

        <Section title={t('clientForm.sections.identifiers')} description={t('clientForm.identifiersHelp')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('clientForm.aNumber')}
              description={t('clientForm.aNumberHelp')}
              dir="ltr"
              inputMode="numeric"
              autoComplete="off"
              value={values.aNumber}
              onChange={(e) => set('aNumber', e.currentTarget.value)}
              error={errors.aNumber}
            />
            <TextInput
              label={t('clientForm.i94Number')}
              description={t('clientForm.i94Help')}
              dir="ltr"
              autoComplete="off"
              value={values.i94Number}
              onChange={(e) => set('i94Number', e.currentTarget.value)}
              error={errors.i94Number}
            />
          </SimpleGrid>
          <TagsInput
            label={t('clientForm.receiptNumbers')}
            description={t('clientForm.receiptHelp')}
            dir="ltr"
            value={values.receiptNumbers}
            onChange={(value) => set('receiptNumbers', value)}
            splitChars={[',', ' ']}
            acceptValueOnBlur
            error={errorUnder(errors, 'receiptNumbers')}
            maxTags={30}
          />
          <PasswordInput
            label={t('clientForm.ssn')}
            description={
              mode === 'edit' && ssnMasked
                ? t('clientForm.ssnOnFile', { masked: ssnMasked })
                : mode === 'edit'
                  ? t('clientForm.ssnNoneOnFile')
                  : t('clientForm.ssnHelp')
            }
            dir="ltr"
            autoComplete="off"
            inputMode="numeric"
            value={values.ssn}
            onChange={(e) => set('ssn', e.currentTarget.value)}
            error={errors.ssn}
            maw={{ sm: '50%' }}
          />
        </Section>

        <Section title={t('clientForm.sections.arrival')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              type="date"
              label={t('clientForm.firstArrivalDate')}
              max={today}
              value={values.firstArrivalDate}
              onChange={(e) => set('firstArrivalDate', e.currentTarget.value)}
              error={errors.firstArrivalDate}
            />
            <TextInput
              type="date"
              label={t('clientForm.lastArrivalDate')}
              max={today}
              value={values.lastArrivalDate}
              onChange={(e) => set('lastArrivalDate', e.currentTarget.value)}
              error={errors.lastArrivalDate}
            />
          </SimpleGrid>
        </Section>

        <Section title={t('clientForm.sections.statuses')} description={t('clientForm.statusesHelp')}>
          {values.statuses.map((row: StatusRow, index) => (
            <Row
              key={index}
              legend={t('clientForm.statusN', { n: index + 1 })}
              removeLabel={t('clientForm.removeRow', { row: t('clientForm.statusN', { n: index + 1 }) })}
              onRemove={() => removeRow('statuses', index)}
            >
              <NativeSelect
                label={t('clientForm.status')}
                required
                data={[{ value: '', label: t('clientForm.chooseStatus') }, ...statusOptions(t)]}
                value={row.status}
                onChange={(e) => setRow('statuses', index, { status: e.currentTarget.value })}
                error={rowError('statuses', index, 'status')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  type="date"
                  label={t('clientForm.effectiveFrom')}
                  required
                  value={row.effectiveFrom}
                  onChange={(e) => setRow('statuses', index, { effectiveFrom: e.currentTarget.value })}
                  error={rowError('statuses', index, 'effectiveFrom')}
                />
                <TextInput
                  type="date"
                  label={t('clientForm.effectiveTo')}
                  value={row.effectiveTo}
                  onChange={(e) => setRow('statuses', index, { effectiveTo: e.currentTarget.value })}
                  error={rowError('statuses', index, 'effectiveTo')}
                />
              </SimpleGrid>
              <Textarea
                label={t('clientForm.evidence')}
                description={t('clientForm.evidenceHelp')}
                autosize
                minRows={1}
                value={row.evidence}
                onChange={(e) => setRow('statuses', index, { evidence: e.currentTarget.value })}
                error={rowError('statuses', index, 'evidence')}
              />
            </Row>
          ))}
          <AddRowButton label={t('clientForm.addStatus')} onClick={() => addRow('statuses', EMPTY_STATUS)} />
        </Section>

        <Section title={t('clientForm.sections.protection')} description={t('clientForm.protectionHelp')}>
          <Checkbox
            label={t('clientForm.isProtected')}
            description={t('clientForm.isProtectedHelp')}
            checked={values.isProtected}
            onChange={(e) => set('isProtected', e.currentTarget.checked)}
            error={errors.isProtected}
          />
          {values.isProtected ? (
            <NativeSelect
              label={t('clientForm.protectionBasis')}
              data={[none, ...protectionBasisOptions(t)]}
              value={values.protectionBasis}
              onChange={(e) => set('protectionBasis', e.currentTarget.value)}
              error={errors.protectionBasis}
              maw={{ sm: '50%' }}
            />
          ) : null}
          <Checkbox
            label={t('clientForm.suspectedAbuser')}
            description={t('clientForm.suspectedAbuserHelp')}
            checked={values.suspectedAbuser}
            onChange={(e) => set('suspectedAbuser', e.currentTarget.checked)}
            error={errors.suspectedAbuser}
          />
        </Section>

        {notice}

        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

