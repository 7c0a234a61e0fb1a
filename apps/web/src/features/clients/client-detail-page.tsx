import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import type { Client, DuplicateCandidateItem } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors } from '../../app/forms';
import { countryName, formatCalendarDate, formatDateTime, languageName } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { ClientAssessmentHistory } from '../assessments/client-assessment-history';
import { ClientCasesCard } from '../cases/client-cases-card';
import { ClientMattersCard } from '../matters/client-matters-card';
import { ClientConsentsCard } from '../consents/client-consents-card';
import { ClientHouseholdsCard } from '../households/client-households-card';
import { ClientEnrollmentsCard } from '../intakes/client-enrollments-card';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { ClientForm, focusFirstError } from './client-form';
import { buildUpdateRequest, clientToForm, type ClientFormValues } from './client-form-values';
import { phoneKindLabel, proficiencyLabel, protectionBasisLabel, sexLabel, statusLabel } from './client-labels';
import { clientDuplicatesOptions, clientFullName, clientKeys, clientOptions, isReasonRequired, updateClient } from './clients-api';
import { DuplicateCandidateList } from './duplicate-candidates';
import { MergeDialog } from './merge-dialog';
import { BackToClients } from './new-client-page';
import { ProtectedBadge } from './protected-badge';

const routeApi = getRouteApi('/app/clients/$clientId');

function Field({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {empty ? t('common.none') : children}
      </Text>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Fields({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm" m={0}>
      {children}
    </SimpleGrid>
  );
}

function dateRange(from: string | undefined | null, to: string | undefined | null, t: TFunction): string {
  if (from && to) {
    return t('clients.dateRange', { from: formatCalendarDate(from), to: formatCalendarDate(to) });
  }
  if (from) {
    return t('clients.sinceDate', { date: formatCalendarDate(from) });
  }
  if (to) {
    return t('clients.untilDate', { date: formatCalendarDate(to) });
  }
  return '';
}

function ClientRecord({ client }: { client: Client }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <Stack gap="md">
      <Section id="client-names" title={t('clientForm.sections.names')}>
        <Fields>
          <Field label={t('clients.givenName')}>{client.givenName}</Field>
          <Field label={t('clientForm.middleName')}>{client.middleName}</Field>
          <Field label={t('clients.familyName')}>{client.familyName}</Field>
          <Field label={t('clientForm.preferredName')}>{client.preferredName}</Field>
          <Field label={t('clientForm.nativeName')}>{client.nativeName ? <span dir="auto">{client.nativeName}</span> : null}</Field>
          <Field label={t('clientForm.aliases')}>{client.aliases.join(', ')}</Field>
        </Fields>
      </Section>

      <Section id="client-birth" title={t('clientForm.sections.birth')}>
        <Fields>
          <Field label={t('clients.dateOfBirth')}>
            {client.dateOfBirth
              ? `${formatCalendarDate(client.dateOfBirth)}${client.dateOfBirthEstimated ? ` (${t('clients.estimated')})` : ''}`
              : null}
          </Field>
          <Field label={t('clientForm.sex')}>{client.sex ? sexLabel(t, client.sex) : null}</Field>
          <Field label={t('clientForm.gender')}>{client.gender}</Field>
          <Field label={t('clients.countryOfBirth')}>{countryName(client.countryOfBirth)}</Field>
          <Field label={t('clientForm.nationalities')}>{client.nationalities.map((code) => countryName(code)).join(', ')}</Field>
        </Fields>
      </Section>

      <Section id="client-languages" title={t('clientForm.sections.languages')}>
        <Fields>
          <Field label={t('clientForm.spokenLanguages')}>
            {client.languages.length > 0 ? (
              <Stack gap={2} component="span">
                {client.languages.map((l) => (
                  <span key={l.language}>
                    {languageName(l.language)} · {proficiencyLabel(t, l.proficiency)}
                  </span>
                ))}
              </Stack>
            ) : null}
          </Field>
          <Field label={t('clients.preferredLanguage')}>{languageName(client.preferredLanguage)}</Field>
          <Field label={t('clientForm.interpreterNeeded')}>{yesNo(client.interpreterNeeded)}</Field>
        </Fields>
      </Section>

      <Section id="client-contact" title={t('clientForm.sections.contact')}>
        <Fields>
          <Field label={t('clientForm.phones')}>
            {client.phones.length > 0 ? (
              <Stack gap={2} component="span">
                {client.phones.map((p) => (
                  <span key={p.number}>
                    <span className="ltr-value">{p.number}</span> · {phoneKindLabel(t, p.kind)}
                    {p.whatsapp ? ` · ${t('clientForm.whatsapp')}` : ''}
                    {p.sms ? ` · ${t('clientForm.sms')}` : ''}
                  </span>
                ))}
              </Stack>
            ) : null}
          </Field>
          <Field label={t('common.email')}>{client.email ? <span className="ltr-value">{client.email}</span> : null}</Field>
        </Fields>
        <Title order={3} size="h5" mt="md" mb="xs">
          {t('clientForm.addresses')}
        </Title>
        {client.addresses.length === 0 ? (
          <Text c="dimmed">{t('common.none')}</Text>
        ) : (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {client.addresses.map((a, index) => (
              <li key={index}>
                <Text fw={500}>
                  {[a.line1, a.line2].filter(Boolean).join(', ')}
                </Text>
                <Text size="sm">{[a.city, a.region, a.postalCode, countryName(a.country)].filter(Boolean).join(', ')}</Text>
                <Text size="sm" c="dimmed">
                  {dateRange(a.movedIn, a.movedOut, t)}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      <Section id="client-identifiers" title={t('clientForm.sections.identifiers')}>
        <Fields>
          <Field label={t('clientForm.aNumber')}>{client.aNumber ? <span className="ltr-value">{client.aNumber}</span> : null}</Field>
          <Field label={t('clientForm.receiptNumbers')}>
            {client.receiptNumbers.length > 0 ? <span className="ltr-value">{client.receiptNumbers.join(', ')}</span> : null}
          </Field>
          <Field label={t('clientForm.i94Number')}>{client.i94Number ? <span className="ltr-value">{client.i94Number}</span> : null}</Field>
          <Field label={t('clientForm.ssn')}>{client.ssnMasked ? <span className="ltr-value">{client.ssnMasked}</span> : null}</Field>
        </Fields>
      </Section>

      <Section id="client-arrival" title={t('clientForm.sections.arrival')}>
        <Fields>
          <Field label={t('clientForm.firstArrivalDate')}>{formatCalendarDate(client.firstArrivalDate)}</Field>
          <Field label={t('clientForm.lastArrivalDate')}>{formatCalendarDate(client.lastArrivalDate)}</Field>
        </Fields>
      </Section>

      <Section id="client-statuses" title={t('clientForm.sections.statuses')}>
        {client.statuses.length === 0 ? (
          <Text c="dimmed">{t('clients.noStatuses')}</Text>
        ) : (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {client.statuses.map((s, index) => (
              <Paper key={index} component="li" bg="var(--mantine-color-gray-0)" p="sm">
                <Text fw={600}>{statusLabel(t, s.status)}</Text>
                <Text size="sm">{dateRange(s.effectiveFrom, s.effectiveTo, t)}</Text>
                {s.evidence ? (
                  <Text size="sm" c="dimmed">
                    {t('clientForm.evidence')}: {s.evidence}
                  </Text>
                ) : null}
              </Paper>
            ))}
          </Stack>
        )}
      </Section>

      <Section id="client-protection" title={t('clientForm.sections.protection')}>
        <Fields>
          <Field label={t('clientForm.isProtected')}>{yesNo(client.isProtected)}</Field>
          <Field label={t('clientForm.protectionBasis')}>{client.protectionBasis ? protectionBasisLabel(t, client.protectionBasis) : null}</Field>
          <Field label={t('clientForm.suspectedAbuser')}>{yesNo(client.suspectedAbuser)}</Field>
          <Field label={t('clients.lastChanged')}>{formatDateTime(client.updatedAt)}</Field>
        </Fields>
      </Section>
    </Stack>
  );
}

function DuplicatesCard({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const duplicates = useQuery(clientDuplicatesOptions(client.id));
  const [merging, setMerging] = useState<DuplicateCandidateItem['client'] | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-duplicates-heading">
      <Title order={2} size="h4" id="client-duplicates-heading" mb="sm">
        {t('duplicates.possible')}
      </Title>
      {duplicates.isPending ? (
        <LoadingState />
      ) : duplicates.isError ? (
        <ErrorState error={duplicates.error} onRetry={() => void duplicates.refetch()} />
      ) : duplicates.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('duplicates.none')}
        </Text>
      ) : (
        <DuplicateCandidateList
          items={duplicates.data.items}
          openLabel={t('duplicates.open')}
          action={
            can('client.merge')
              ? (candidate) => (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setMerging(candidate)} aria-label={t('merge.buttonFor', { name: clientFullName(candidate) })}>
                    {t('merge.button')}
                  </Button>
                )
              : undefined
          }
        />
      )}
      <MergeDialog survivor={client} duplicate={merging} onClose={() => setMerging(null)} />
    </Paper>
  );
}

/** Edits the record read with `version`; a save after someone else's is refused (409), never merged silently. */
function EditClient({ client, onDone, onReload }: { client: Client; onDone: (saved: Client | null) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const [initial] = useState<ClientFormValues>(() => clientToForm(client));
  const [values, setValues] = useState<ClientFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState(false);

  const save = useMutation({
    mutationFn: (body: Parameters<typeof updateClient>[1]) => updateClient(client.id, body),
    onSuccess: (saved) => {
      notifySuccess(t('clients.saved', { name: clientFullName(saved) }));
      onDone(saved);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'conflict') {
        setConflict(true);
        return;
      }
      setErrors(serverFieldErrors(error, t));
      focusFirstError();
    },
  });

  function submit(): void {
    const checked = buildUpdateRequest(values, initial, client.version, t);
    if (checked.ok === 'unchanged') {
      onDone(null);
      return;
    }
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError();
      return;
    }
    setErrors({});
    save.mutate(checked.body);
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <ClientForm
      form={{ values, setValues, errors, setErrors }}
      mode="edit"
      ssnMasked={client.ssnMasked}
      submitLabel={t('common.save')}
      submitting={save.isPending}
      onSubmit={submit}
      onCancel={() => onDone(null)}
      notice={
        conflict ? (
          <Alert color="orange.9" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} role="alert" title={t('clients.conflictTitle')}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('clients.conflictText')}</Text>
              <Button size="xs" variant="default" onClick={onReload}>
                {t('clients.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <FormError error={save.isError && !hasFieldErrors ? save.error : null} />
        )
      }
    />
  );
}

/** 8 USC 1367: a protected record opens only with a stated reason, which the API writes to the audit log. */
function ReasonPrompt({ onReason }: { onReason: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < 3) {
      setError(t('clients.reasonTooShort'));
      return;
    }
    onReason(trimmed);
  }

  return (
    <Stack maw={640}>
      <BackToClients />
      <PageTitle title={t('clients.protectedTitle')} actions={<ProtectedBadge />} />
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IconLock size={20} aria-hidden="true" style={{ flexShrink: 0, marginBlockStart: 2 }} />
              <Text>{t('clients.protectedIntro')}</Text>
            </Group>
            <Textarea
              label={t('clients.reasonLabel')}
              description={t('clients.reasonHelp')}
              required
              autosize
              minRows={2}
              maxLength={300}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setError(undefined);
              }}
              error={error}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button type="submit">{t('clients.openRecord')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

function ClientDetail() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const { clientId } = routeApi.useParams();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  const options = clientOptions(clientId, reason);
  const client = useQuery(options);

  if (client.isPending) {
    return <LoadingState />;
  }
  if (client.isError) {
    if (isReasonRequired(client.error) && !reason) {
      return <ReasonPrompt onReason={setReason} />;
    }
    const notFound = isApiError(client.error) && client.error.status === 404;
    return (
      <Stack>
        <BackToClients />
        <PageTitle title={t('clients.title')} />
        {notFound ? <EmptyState>{t('clients.notFound')}</EmptyState> : <ErrorState error={client.error} onRetry={() => void client.refetch()} />}
      </Stack>
    );
  }

  const data = client.data;
  const badges = (
    <>
      {data.isProtected ? <ProtectedBadge /> : null}
      {data.suspectedAbuser ? (
        <Badge color="red.9" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
          {t('clients.suspectedAbuserBadge')}
        </Badge>
      ) : null}
    </>
  );

  if (editing) {
    return (
      <Stack maw={960}>
        <PageTitle title={t('clients.editTitle', { name: clientFullName(data) })} actions={badges} />
        <EditClient
          key={data.version}
          client={data}
          onDone={(saved) => {
            if (saved) {
              queryClient.setQueryData(options.queryKey, saved);
              void queryClient.invalidateQueries({ queryKey: clientKeys.lists });
              void queryClient.invalidateQueries({ queryKey: clientKeys.duplicates(clientId) });
            }
            setEditing(false);
          }}
          onReload={() => {
            void client.refetch();
          }}
        />
      </Stack>
    );
  }

  return (
    <Stack>
      <BackToClients />
      <PageTitle
        title={clientFullName(data)}
        description={data.nativeName ? <span dir="auto">{data.nativeName}</span> : undefined}
        actions={
          <>
            {badges}
            {can('client.update') ? (
              <Button leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <ClientRecord client={data} />
          <ClientAssessmentHistory clientId={data.id} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ClientHouseholdsCard client={data} />
            <ClientEnrollmentsCard clientId={data.id} />
            <ClientCasesCard clientId={data.id} />
            <ClientMattersCard clientId={data.id} lastArrivalDate={data.lastArrivalDate} />
            <ClientConsentsCard client={data} />
            <DuplicatesCard client={data} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function ClientDetailPage() {
  const { clientId } = routeApi.useParams();
  return (
    <RequirePermission anyOf={['client.read']}>
      {/* A reason given for one record must never open another: state starts fresh per client. */}
      <ClientDetail key={clientId} />
    </RequirePermission>
  );
}
