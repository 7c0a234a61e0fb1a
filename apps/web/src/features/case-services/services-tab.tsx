import { type FormEvent, useState } from 'react';
import { Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateCaseServiceRequest, SERVICE_TYPES, type ServiceType, UNIT_KINDS, type UnitKind } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { emptyToUndefined, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import type { CaseTabProps } from '../cases/case-tab';
import { caseKeys } from '../cases/cases-api';
import { usePermissions } from '../session/session-api';
import { MoneySection } from './money-section';
import { type CaseService, caseServicesOptions, serviceKeys, servicesApi } from './services-api';

interface ServiceFormValues {
  serviceType: ServiceType;
  providedOn: string;
  units: string;
  unitKind: UnitKind;
  fundingSource: string;
  provider: string;
  note: string;
}

function ServiceFormModal({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [values, setValues] = useState<ServiceFormValues>({
    serviceType: 'housing_search',
    providedOn: todayIsoDate(),
    units: '1',
    unitKind: 'session',
    fundingSource: '',
    provider: '',
    note: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof ServiceFormValues>(key: K, value: ServiceFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const record = useMutation({
    mutationFn: (body: CreateCaseServiceRequest) => servicesApi.record(caseId, body),
    onSuccess: async () => {
      notifySuccess(t('services.serviceRecorded'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: serviceKeys.services(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) }),
      ]);
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateCaseServiceRequest.safeParse({
      serviceType: values.serviceType,
      providedOn: values.providedOn,
      units: values.units.trim() === '' ? undefined : Number(values.units),
      unitKind: values.unitKind,
      fundingSource: emptyToUndefined(values.fundingSource),
      provider: emptyToUndefined(values.provider),
      note: emptyToUndefined(values.note),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    record.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('services.recordService')} size="lg" fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={record.isError && Object.keys(errors).length === 0 ? record.error : null} />
          <NativeSelect
            label={t('services.serviceType')}
            required
            value={values.serviceType}
            onChange={(e) => set('serviceType', e.currentTarget.value as ServiceType)}
            data={SERVICE_TYPES.map((type) => ({ value: type, label: t(`services.serviceTypes.${type}`) }))}
            error={errors.serviceType}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              type="date"
              label={t('services.providedOn')}
              required
              max={todayIsoDate()}
              value={values.providedOn}
              onChange={(e) => set('providedOn', e.currentTarget.value)}
              error={errors.providedOn}
              miw={160}
            />
            <TextInput
              type="number"
              inputMode="numeric"
              label={t('services.units')}
              required
              min={1}
              max={1000}
              value={values.units}
              onChange={(e) => set('units', e.currentTarget.value)}
              error={errors.units}
              miw={100}
            />
            <NativeSelect
              label={t('services.unitKind')}
              value={values.unitKind}
              onChange={(e) => set('unitKind', e.currentTarget.value as UnitKind)}
              data={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`services.unitKinds.${kind}`) }))}
              error={errors.unitKind}
              miw={140}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('services.fundingSource')}
              maxLength={120}
              value={values.fundingSource}
              onChange={(e) => set('fundingSource', e.currentTarget.value)}
              error={errors.fundingSource}
              miw={180}
            />
            <TextInput
              label={t('services.provider')}
              maxLength={200}
              value={values.provider}
              onChange={(e) => set('provider', e.currentTarget.value)}
              error={errors.provider}
              miw={180}
            />
          </Group>
          <Textarea label={t('services.note')} autosize minRows={2} maxLength={2000} value={values.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.note} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ServiceItem({ service }: { service: CaseService }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t(`services.serviceTypes.${service.serviceType}`)}</Text>
          <Text size="sm">{formatCalendarDate(service.providedOn)}</Text>
        </Group>
        <Group gap="xs">
          <Badge variant="light" color="blue.9">
            {t('services.unitsLine', { units: service.units, unit: t(`services.unitKinds.${service.unitKind}`) })}
          </Badge>
          {service.fundingSource ? (
            <Text size="sm" c="dimmed">
              {t('services.fundingSource')}: {service.fundingSource}
            </Text>
          ) : null}
        </Group>
        {service.provider ? (
          <Text size="sm">
            {t('services.provider')}: {service.provider}
          </Text>
        ) : null}
        {service.note ? (
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {service.note}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('services.recordedBy', { name: service.recordedBy.name })}
        </Text>
      </Stack>
    </Paper>
  );
}

function ServicesSection({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const services = useInfiniteQuery(caseServicesOptions(caseId));
  const [adding, setAdding] = useState(false);
  return (
    <Stack component="section" aria-labelledby="case-services-heading">
      <Group justify="space-between">
        <Title order={3} size="h4" id="case-services-heading">
          {t('services.servicesHeading')}
        </Title>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            {t('services.recordService')}
          </Button>
        ) : null}
      </Group>
      {services.isPending ? (
        <LoadingState />
      ) : services.isError ? (
        <ErrorState error={services.error} onRetry={() => void services.refetch()} />
      ) : services.data.pages[0]?.items.length ? (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {services.data.pages
            .flatMap((page) => page.items)
            .map((service) => (
              <ServiceItem key={service.id} service={service} />
            ))}
        </Stack>
      ) : (
        <EmptyState>{t('services.noServices')}</EmptyState>
      )}
      {services.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={services.isFetchingNextPage} onClick={() => void services.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
      {adding ? <ServiceFormModal caseId={caseId} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

/** Services given, the case's budget vs. actual, and payments with their approvals. */
export function ServicesTab({ caseId, readOnly }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const canWrite = can('case.manage') && !readOnly;
  return (
    <Stack gap="xl">
      <Title order={2} size="h3">
        {t('services.title')}
      </Title>
      <ServicesSection caseId={caseId} canWrite={canWrite} />
      <MoneySection caseId={caseId} readOnly={readOnly} />
    </Stack>
  );
}
