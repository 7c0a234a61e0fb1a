import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Anchor, Box, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addMonthsToMonth, MonthlyContactRateQuery, ReportMonth } from '@haven/domain';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { membersOptions, programsOptions } from '../admin/admin-api';
import { RequirePermission } from '../session/require-permission';
import { CaseAnchor } from '../supervision/case-anchor';
import { usePermissions } from '../session/session-api';
import {
  activeClientsServedFileUrl,
  activeClientsServedOptions,
  monthlyContactRateFileUrl,
  monthlyContactRateOptions,
  type RateFilters,
  type ServedFilters,
} from './reports-api';

/** Rows shown on screen; the downloads have them all. */
const SCREEN_ROWS = 200;

const lastMonth = () => addMonthsToMonth(todayIsoDate().slice(0, 7), -1);

function monthLabel(month: string, language: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Every case of the client, each its own link. */
function CaseLinks({ cases }: { cases: { id: string; reference: string }[] }) {
  return (
    <>
      {cases.map((kase, index) => (
        <span key={kase.id}>
          {index > 0 ? ', ' : null}
          <CaseAnchor caseId={kase.id}>
            <bdi>{kase.reference}</bdi>
          </CaseAnchor>
        </span>
      ))}
    </>
  );
}

function Downloads({ csv, xlsx }: { csv: string; xlsx: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" leftSection={<IconDownload size={16} aria-hidden="true" />} renderRoot={(props) => <Anchor href={csv} download {...props} />}>
        {t('reports.downloadCsv')}
      </Button>
      <Button variant="default" size="xs" leftSection={<IconDownload size={16} aria-hidden="true" />} renderRoot={(props) => <Anchor href={xlsx} download {...props} />}>
        {t('reports.downloadXlsx')}
      </Button>
    </Group>
  );
}

/** The program and case manager pickers both reports share. */
function useFilterOptions() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const programs = useQuery({ ...programsOptions, enabled: can('program.read') });
  const members = useQuery({ ...membersOptions, enabled: can('member.read') });
  return {
    programs: (programs.data?.items ?? []).map((program) => ({ value: program.id, label: program.name })),
    caseManagers: (members.data?.items ?? [])
      .filter((member) => ['case_manager', 'legal_representative', 'supervisor'].includes(member.role))
      .map((member) => ({ value: member.userId, label: member.displayName })),
    placeholders: { program: t('reports.allPrograms'), caseManager: t('reports.allCaseManagers') },
  };
}

function CommonFilters({ programId, caseManagerId, onChange }: { programId?: string; caseManagerId?: string; onChange: (patch: { programId?: string; caseManagerId?: string }) => void }) {
  const { t } = useTranslation();
  const options = useFilterOptions();
  return (
    <>
      <Select label={t('reports.program')} placeholder={options.placeholders.program} clearable data={options.programs} value={programId ?? null} onChange={(value) => onChange({ programId: value ?? undefined })} />
      <Select
        label={t('reports.caseManager')}
        placeholder={options.placeholders.caseManager}
        clearable
        searchable
        data={options.caseManagers}
        value={caseManagerId ?? null}
        onChange={(value) => onChange({ caseManagerId: value ?? undefined })}
      />
    </>
  );
}

function Section({ title, help, children }: { title: string; help: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {help}
      </Text>
      {children}
    </Card>
  );
}

function ActiveClientsServed() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<ServedFilters>({ month: lastMonth() });
  const [applied, setApplied] = useState<ServedFilters>(draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const report = useQuery(activeClientsServedOptions(applied));
  const language = i18n.resolvedLanguage ?? 'en';

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const month = ReportMonth.safeParse(draft.month);
    if (!month.success) {
      setErrors({ month: zodFieldErrors(month.error, t)._form ?? t('reports.errors.month') });
      return;
    }
    setErrors({});
    setApplied({ ...draft });
  };

  const serverErrors = report.isError ? serverFieldErrors(report.error, t) : {};
  const rows = report.data?.rows ?? [];
  const shown = rows.slice(0, SCREEN_ROWS);
  const monthName = monthLabel(applied.month, language);

  return (
    <Section title={t('reports.served.title')} help={t('reports.served.help')}>
      <form onSubmit={apply} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mb="md">
          <TextInput type="month" label={t('reports.month')} placeholder="YYYY-MM" value={draft.month} onChange={(event) => setDraft({ ...draft, month: event.currentTarget.value })} error={errors.month ?? serverErrors.month} required />
          <CommonFilters programId={draft.programId} caseManagerId={draft.caseManagerId} onChange={(patch) => setDraft({ ...draft, ...patch })} />
          <Box style={{ alignSelf: 'end' }}>
            <Button type="submit">{t('reports.apply')}</Button>
          </Box>
        </SimpleGrid>
      </form>
      {report.isLoading ? <LoadingState /> : null}
      {report.isError && Object.keys(serverErrors).length === 0 ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? (
        <Stack gap="sm">
          <Group justify="space-between" gap="sm">
            <Text fw={600} aria-live="polite">
              {t('reports.served.total', { count: rows.length, month: monthName })}
            </Text>
            <Downloads csv={activeClientsServedFileUrl(applied, 'csv')} xlsx={activeClientsServedFileUrl(applied, 'xlsx')} />
          </Group>
          {report.data.truncated ? <Text c="orange.9">{t('reports.served.truncated')}</Text> : null}
          {rows.length > SCREEN_ROWS ? (
            <Text size="sm" c="dimmed">
              {t('reports.served.showingFirst', { shown: SCREEN_ROWS, count: rows.length })}
            </Text>
          ) : null}
          {rows.length === 0 ? (
            <EmptyState>{t('reports.served.empty')}</EmptyState>
          ) : (
            <>
              <Box visibleFrom="md">
                <ScrollTable caption={t('reports.served.caption', { month: monthName })} minWidth={820}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('reports.served.reference')}</Table.Th>
                      <Table.Th>{t('reports.served.client')}</Table.Th>
                      <Table.Th>{t('reports.served.program')}</Table.Th>
                      <Table.Th>{t('reports.served.caseManager')}</Table.Th>
                      <Table.Th ta="end">{t('reports.served.contacts')}</Table.Th>
                      <Table.Th ta="end">{t('reports.served.services')}</Table.Th>
                      <Table.Th>{t('reports.served.lastContact')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((row) => (
                      <Table.Tr key={row.clientId}>
                        <Table.Td>
<CaseLinks cases={row.cases} />
                        </Table.Td>
                        <Table.Td>
                          <bdi>{row.clientName}</bdi>
                        </Table.Td>
                        <Table.Td>{row.programName}</Table.Td>
                        <Table.Td>
                          <bdi>{row.caseManagerName}</bdi>
                        </Table.Td>
                        <Table.Td ta="end">{row.contacts}</Table.Td>
                        <Table.Td ta="end">{row.services}</Table.Td>
                        <Table.Td>{row.lastContactOn ? formatCalendarDate(row.lastContactOn) : t('reports.served.none')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ScrollTable>
              </Box>
              <Stack component="ul" gap="xs" hiddenFrom="md" aria-label={t('reports.served.caption', { month: monthName })} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {shown.map((row) => (
                  <Paper component="li" key={row.clientId} withBorder p="sm" radius="sm">
                    <Text fw={600}>
<CaseLinks cases={row.cases} />{' '}
                      · <bdi>{row.clientName}</bdi>
                    </Text>
                    <Text size="sm" c="dimmed">
                      {row.programName} · <bdi>{row.caseManagerName}</bdi>
                    </Text>
                    <Text size="sm">
                      {t('reports.served.contacts')}: <strong>{row.contacts}</strong> · {t('reports.served.services')}: <strong>{row.services}</strong>
                    </Text>
                    <Text size="sm">
                      {t('reports.served.lastContact')}: {row.lastContactOn ? formatCalendarDate(row.lastContactOn) : t('reports.served.none')}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            </>
          )}
        </Stack>
      ) : null}
    </Section>
  );
}

function MonthlyContactRate() {
  const { t, i18n } = useTranslation();
  const initialTo = lastMonth();
  const [draft, setDraft] = useState<RateFilters>({ from: addMonthsToMonth(initialTo, -5), to: initialTo });
  const [applied, setApplied] = useState<RateFilters>(draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const report = useQuery(monthlyContactRateOptions(applied));
  const language = i18n.resolvedLanguage ?? 'en';
  const percent = new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const parsed = MonthlyContactRateQuery.safeParse(draft);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    setApplied({ ...draft });
  };

  const serverErrors = report.isError ? serverFieldErrors(report.error, t) : {};
  const rows = report.data?.rows ?? [];
  const caption = t('reports.rate.caption', { from: monthLabel(applied.from, language), to: monthLabel(applied.to, language) });
  const rate = (value: number | null) => (value === null ? t('reports.rate.noActive') : percent.format(value / 100));

  return (
    <Section title={t('reports.rate.title')} help={t('reports.rate.help')}>
      <form onSubmit={apply} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" mb="md">
          <TextInput type="month" label={t('reports.from')} placeholder="YYYY-MM" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })} error={errors.from ?? serverErrors.from} required />
          <TextInput type="month" label={t('reports.to')} placeholder="YYYY-MM" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })} error={errors.to ?? serverErrors.to} required />
          <CommonFilters programId={draft.programId} caseManagerId={draft.caseManagerId} onChange={(patch) => setDraft({ ...draft, ...patch })} />
          <Box style={{ alignSelf: 'end' }}>
            <Button type="submit">{t('reports.apply')}</Button>
          </Box>
        </SimpleGrid>
      </form>
      {report.isLoading ? <LoadingState /> : null}
      {report.isError && Object.keys(serverErrors).length === 0 ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? (
        <Stack gap="sm">
          <Group justify="flex-end">
            <Downloads csv={monthlyContactRateFileUrl(applied, 'csv')} xlsx={monthlyContactRateFileUrl(applied, 'xlsx')} />
          </Group>
          <Box visibleFrom="sm">
            <ScrollTable caption={caption} minWidth={520}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.rate.month')}</Table.Th>
                  <Table.Th ta="end">{t('reports.rate.active')}</Table.Th>
                  <Table.Th ta="end">{t('reports.rate.served')}</Table.Th>
                  <Table.Th ta="end">{t('reports.rate.percentage')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.month}>
                    <Table.Td>{monthLabel(row.month, language)}</Table.Td>
                    <Table.Td ta="end">{row.activeClients}</Table.Td>
                    <Table.Td ta="end">{row.servedClients}</Table.Td>
                    <Table.Td ta="end">{rate(row.percentage)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </Box>
          <Stack component="ul" gap="xs" hiddenFrom="sm" aria-label={caption} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {rows.map((row) => (
              <Paper component="li" key={row.month} withBorder p="sm" radius="sm">
                <Group justify="space-between" gap="xs">
                  <Text fw={600}>{monthLabel(row.month, language)}</Text>
                  <Text fw={600}>{rate(row.percentage)}</Text>
                </Group>
                <Text size="sm">
                  {t('reports.rate.served')}: {row.servedClients} · {t('reports.rate.active')}: {row.activeClients}
                </Text>
              </Paper>
            ))}
          </Stack>
        </Stack>
      ) : null}
    </Section>
  );
}

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission anyOf={['report.read']}>
      <PageTitle title={t('reports.title')} description={t('reports.description')} />
      <Stack gap="lg">
        <ActiveClientsServed />
        <MonthlyContactRate />
      </Stack>
    </RequirePermission>
  );
}
