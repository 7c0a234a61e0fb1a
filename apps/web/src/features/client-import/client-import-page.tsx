import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, FileInput, Group, Progress, Select, Stack, Stepper, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { IMPORT_DATE_FORMATS, IMPORT_FIELDS, IMPORT_MAX_REPORTED_ERRORS, type ImportDateFormat, type ImportField, type ImportMapping } from '@haven/domain';
import { ApiError } from '../../app/api-client';
import { serverFieldErrors } from '../../app/forms';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { clientKeys } from '../clients/clients-api';
import { RequirePermission } from '../session/require-permission';
import { type ClientImport, dryRunImport, importFormatOf, importKeys, importOptions, runImport, saveMapping, uploadImport } from './client-import-api';

const routeApi = getRouteApi('/app/clients/import');
const NOT_IMPORTED = '';

type FieldLabelKey = ImportField | 'row' | 'mapping';

function fieldLabel(t: TFunction, field: string): string {
  const key = (field.startsWith('mapping.') ? 'mapping' : field) as FieldLabelKey;
  return [...IMPORT_FIELDS, 'row', 'mapping'].includes(key) ? t(`clientImport.fields.${key}`) : field;
}

/**
 * The dry run's messages are the API's English ones (the same the registration form gets): known
 * ones are shown in the reader's language, the import's own are translated here.
 */
function rowMessage(t: TFunction, field: string, message: string): string {
  const sameRow = /^Row (\d+) has the same /.exec(message);
  if (sameRow) {
    return t('clientImport.sameIdentifierRow', { row: Number(sameRow[1]), identifier: fieldLabel(t, field) });
  }
  switch (message) {
    case 'Write yes or no':
      return t('clientImport.writeYesOrNo');
    case 'Enter the date this status began':
      return t('clientImport.statusDateMissing');
    case 'Enter the status that began on this date':
      return t('clientImport.statusMissing');
  }
  if (message.startsWith('Invalid option')) {
    return t('validation.invalid');
  }
  return serverFieldErrors(new ApiError(400, 'validation_failed', message, { message }), t).message ?? message;
}

function UploadStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: ({ chosen, format }: { chosen: File; format: 'csv' | 'xlsx' }) => uploadImport(chosen, format),
    onSuccess: (created) => {
      queryClient.setQueryData(importKeys.detail(created.id), created);
      void navigate({ to: '/clients/import', search: { id: created.id } });
    },
  });
  const uploadError = upload.error instanceof ApiError ? (serverFieldErrors(upload.error, t).file ?? null) : null;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const format = file ? importFormatOf(file) : null;
        if (!file || !format) {
          setFileError(t('clientImport.unsupportedFile'));
          return;
        }
        setFileError(null);
        upload.mutate({ chosen: file, format });
      }}
    >
      <Stack maw={520}>
        <FileInput
          label={t('clientImport.fileLabel')}
          description={t('clientImport.fileHelp')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setFileError(null);
          }}
          error={fileError ?? uploadError}
          clearable
          required
        />
        {upload.isError && !uploadError ? <FormError error={upload.error} /> : null}
        <Group>
          <Button type="submit" loading={upload.isPending}>
            {t('clientImport.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MappingTable({ current, mapping, onChange }: { current: ClientImport; mapping: ImportMapping; onChange: (next: ImportMapping) => void }) {
  const { t } = useTranslation();
  const options = useMemo(
    () => [{ value: NOT_IMPORTED, label: t('clientImport.doNotImport') }, ...IMPORT_FIELDS.map((field) => ({ value: field, label: t(`clientImport.fields.${field}`) }))],
    [t],
  );
  return (
    <ScrollTable caption={t('clientImport.stepMap')} minWidth={320}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('clientImport.column')}</Table.Th>
          <Table.Th scope="col">{t('clientImport.field')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {current.columns.map((column) => {
          const suggested = current.suggestedMapping[column];
          return (
            <Table.Tr key={column}>
              <Table.Td>
                <Text fw={600} dir="auto">
                  {column}
                </Text>
                {suggested && mapping[column] === suggested ? (
                  <Text size="xs" c="dimmed">
                    {t('clientImport.suggested')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`${t('clientImport.field')}: ${column}`}
                  data={options}
                  value={mapping[column] ?? NOT_IMPORTED}
                  allowDeselect={false}
                  onChange={(value) => {
                    const next = { ...mapping };
                    if (value && value !== NOT_IMPORTED) {
                      next[column] = value as ImportField;
                    } else {
                      delete next[column];
                    }
                    onChange(next);
                  }}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}

function ErrorReport({ current }: { current: ClientImport }) {
  const { t } = useTranslation();
  const columnOf = new Map(Object.entries(current.mapping).map(([column, field]) => [field as string, column]));
  return (
    <Stack gap="xs">
      <ScrollTable caption={t('clientImport.reportCaption')} minWidth={340}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('clientImport.row')}</Table.Th>
            <Table.Th scope="col">{t('clientImport.column')}</Table.Th>
            <Table.Th scope="col">{t('clientImport.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {current.errors.map((error, index) => (
            <Table.Tr key={`${error.row}-${error.field}-${index}`}>
              <Table.Td>{error.row}</Table.Td>
              <Table.Td>
                <Text dir="auto" size="sm">
                  {columnOf.get(error.field) ?? fieldLabel(t, error.field)}
                </Text>
                {columnOf.has(error.field) ? (
                  <Text size="xs" c="dimmed">
                    {fieldLabel(t, error.field)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{rowMessage(t, error.field, error.message)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {current.errors.length >= IMPORT_MAX_REPORTED_ERRORS ? (
        <Text size="sm" c="dimmed">
          {t('clientImport.reportTruncated', { count: IMPORT_MAX_REPORTED_ERRORS })}
        </Text>
      ) : null}
    </Stack>
  );
}

function ImportProgressBar({ current, running }: { current: ClientImport | undefined; running: boolean }) {
  const { t } = useTranslation();
  const progress = current?.progress;
  // PGlite answers the progress poll only once the import's transaction ends: show an
  // indeterminate bar until a real figure arrives.
  const value = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : running ? 100 : 0;
  return (
    <Stack gap={4}>
      <Progress.Root size="lg">
        <Progress.Section
          value={value}
          animated={!progress}
          striped={!progress}
          aria-label={t('clientImport.progressLabel')}
          aria-valuetext={progress ? `${value}%` : t('clientImport.progressUnknown')}
        />
      </Progress.Root>
      <Text size="sm" c="dimmed" aria-live="polite">
        {progress ? `${value}%` : t('clientImport.progressUnknown')}
      </Text>
    </Stack>
  );
}

function ImportWizard({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [polling, setPolling] = useState(false);
  const query = useQuery(importOptions(id, polling));
  const current = query.data;
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [dateFormat, setDateFormat] = useState<ImportDateFormat | null>(null);
  useEffect(() => {
    if (current && mapping === null) {
      setMapping(current.mapping);
      setDateFormat(current.dateFormat);
    }
  }, [current, mapping]);

  const store = (next: ClientImport) => {
    queryClient.setQueryData(importKeys.detail(id), next);
    setMapping(next.mapping);
    setDateFormat(next.dateFormat);
  };
  const check = useMutation({
    mutationFn: async () => {
      setPolling(true);
      let latest = current!;
      if (JSON.stringify(mapping) !== JSON.stringify(latest.mapping) || (dateFormat !== null && dateFormat !== latest.dateFormat)) {
        latest = await saveMapping(latest, mapping ?? {}, dateFormat ?? latest.dateFormat);
      }
      return dryRunImport(latest.id);
    },
    onSuccess: store,
    onSettled: () => setPolling(false),
  });
  const run = useMutation({
    mutationFn: () => {
      setPolling(true);
      return runImport(id);
    },
    onSuccess: (done) => {
      store(done);
      void queryClient.invalidateQueries({ queryKey: clientKeys.all });
    },
    onSettled: () => setPolling(false),
  });

  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError || !current) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const mappingChanged =
    (mapping !== null && JSON.stringify(mapping) !== JSON.stringify(current.mapping)) || (dateFormat !== null && dateFormat !== current.dateFormat);
  const checked = (current.status === 'checked' || current.status === 'failed') && !mappingChanged;
  const passed = checked && current.status === 'checked' && current.errors.length === 0 && current.validRows === current.totalRows;
  const active = current.status === 'completed' ? 4 : run.isPending ? 3 : passed ? 3 : checked ? 2 : 1;
  const invalid = current.totalRows - (current.validRows ?? 0);

  return (
    <Stack>
      <Stepper active={active} size="sm" iconSize={28} allowNextStepsSelect={false}>
        <Stepper.Step label={t('clientImport.stepUpload')} />
        <Stepper.Step label={t('clientImport.stepMap')} />
        <Stepper.Step label={t('clientImport.stepCheck')} />
        <Stepper.Step label={t('clientImport.stepImport')} />
      </Stepper>
      <Text fw={600} dir="auto">
        {t('clientImport.fileSummary', { filename: current.filename, count: current.totalRows })}
      </Text>

      {current.status === 'completed' ? (
        <Alert color="green" icon={<IconCircleCheck aria-hidden="true" />} role="status">
          <Stack gap="xs">
            <Text>{t('clientImport.completed', { count: current.importedRows ?? 0 })}</Text>
            <Group>
              {/* Inside the green alert the link colour would fall short of AA contrast: the alert's own text colour, underlined. */}
              <Anchor c="inherit" underline="always" renderRoot={(props) => <Link to="/clients" {...props} />}>
                {t('clientImport.viewClients')}
              </Anchor>
              <Anchor c="inherit" underline="always" renderRoot={(props) => <Link to="/clients/import" search={{}} {...props} />}>
                {t('clientImport.startOver')}
              </Anchor>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('clientImport.mapIntro')}</Text>
          {mapping ? <MappingTable current={current} mapping={mapping} onChange={setMapping} /> : null}
          <Select
            label={t('clientImport.dateFormat')}
            description={t('clientImport.dateFormatHint')}
            data={IMPORT_DATE_FORMATS.map((format) => ({ value: format, label: t(`clientImport.dateFormats.${format}`) }))}
            value={dateFormat ?? current.dateFormat}
            onChange={(value) => value && setDateFormat(value as ImportDateFormat)}
            allowDeselect={false}
            maw={420}
          />
          {check.isError ? <FormError error={check.error} /> : null}
          <Group>
            <Button variant={passed ? 'default' : 'filled'} loading={check.isPending} disabled={run.isPending} onClick={() => check.mutate()}>
              {checked ? t('clientImport.checkAgain') : t('clientImport.saveMapping')}
            </Button>
          </Group>
          {check.isPending ? <ImportProgressBar current={current} running /> : null}

          {checked && current.status === 'failed' ? (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden="true" />} role="alert">
              {t('clientImport.failed')}
            </Alert>
          ) : null}
          {checked && !passed && current.status === 'checked' ? (
            <Alert color="orange" icon={<IconAlertTriangle aria-hidden="true" />} role="status">
              {t('clientImport.checkFailed', { invalid, total: current.totalRows })}
            </Alert>
          ) : null}
          {checked && current.errors.length > 0 ? <ErrorReport current={current} /> : null}

          {passed ? (
            <Stack>
              <Alert color="green" icon={<IconCircleCheck aria-hidden="true" />} role="status">
                {t('clientImport.checkPassed', { count: current.totalRows })}
              </Alert>
              {run.isError ? <FormError error={run.error} /> : null}
              <Group>
                <Button loading={run.isPending} onClick={() => run.mutate()}>
                  {t('clientImport.run', { count: current.totalRows })}
                </Button>
              </Group>
              {run.isPending ? (
                <>
                  <Text size="sm">{t('clientImport.importing')}</Text>
                  <ImportProgressBar current={current} running />
                </>
              ) : null}
            </Stack>
          ) : null}
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => void navigate({ to: '/clients/import', search: {} })}>
              {t('clientImport.startOver')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function ClientImport() {
  const { t } = useTranslation();
  const { id } = routeApi.useSearch();
  return (
    <Stack>
      <PageTitle title={t('clientImport.title')} />
      <Text maw={720}>{t('clientImport.intro')}</Text>
      {id ? <ImportWizard key={id} id={id} /> : <UploadStep />}
    </Stack>
  );
}

export function ClientImportPage() {
  return (
    <RequirePermission anyOf={['client.import']}>
      <ClientImport />
    </RequirePermission>
  );
}
