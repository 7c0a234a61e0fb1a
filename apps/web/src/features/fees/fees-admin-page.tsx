import { type FormEvent, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CreateFeeScheduleRequest,
  FeeSettingsRequest,
  MATTER_TYPES,
  type MatterType,
  POVERTY_REGIONS,
  povertyGuidelineFor,
  type PovertyRegion,
  SavePovertyGuidelineRequest,
  type SlidingBand,
  UpdateFeeScheduleRequest,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { formatCents, parseDollars } from '../case-services/services-api';
import { RequirePermission } from '../session/require-permission';
import { type FeeSchedule, type FeeSettings, feeKeys, feesApi, feeSchedulesOptions, feeSettingsOptions, type PovertyGuideline, povertyGuidelinesOptions } from './fees-api';

const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

/* Fee schedule */

function ServiceModal({ service, onClose }: { service: FeeSchedule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(service?.code ?? '');
  const [name, setName] = useState(service?.name ?? '');
  const [matterType, setMatterType] = useState<MatterType | ''>(service?.matterType ?? '');
  const [amount, setAmount] = useState(service ? (service.amountCents / 100).toFixed(2) : '');
  const [slidingScale, setSlidingScale] = useState(service?.slidingScale ?? true);
  const [active, setActive] = useState(service?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: { create: CreateFeeScheduleRequest } | { update: UpdateFeeScheduleRequest }) =>
      'create' in body ? feesApi.createSchedule(body.create) : feesApi.updateSchedule(service!.id, body.update),
    onSuccess: async () => {
      notifySuccess(t('fees.admin.serviceSaved'));
      await queryClient.invalidateQueries({ queryKey: feeKeys.allSchedules });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const cents = parseDollars(amount);
    if (cents === null) {
      setErrors({ amountCents: t('fees.charges.invalidAmount') });
      return;
    }
    const parsed = service
      ? UpdateFeeScheduleRequest.safeParse({ name, amountCents: cents, slidingScale, active, matterType: matterType || null, version: service.version })
      : CreateFeeScheduleRequest.safeParse({ code, name, amountCents: cents, slidingScale, matterType: matterType || null });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(service ? { update: parsed.data as UpdateFeeScheduleRequest } : { create: parsed.data as CreateFeeScheduleRequest });
  }

  return (
    <Modal opened onClose={onClose} title={service ? t('fees.admin.editService', { name: service.name }) : t('fees.admin.addService')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <TextInput
            label={t('fees.admin.code')}
            description={t('fees.admin.codeHelp')}
            required
            readOnly={service !== null}
            maxLength={40}
            dir="ltr"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code}
            data-autofocus={service === null ? true : undefined}
          />
          <TextInput label={t('fees.admin.name')} required maxLength={160} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <NativeSelect
            label={t('fees.admin.matterType')}
            value={matterType}
            onChange={(e) => setMatterType(e.currentTarget.value as MatterType | '')}
            data={[{ value: '', label: t('fees.admin.anyMatterType') }, ...MATTER_TYPES.map((type) => ({ value: type, label: t(`fees.matterTypes.${type}`) }))]}
            error={errors.matterType}
          />
          <TextInput label={t('fees.admin.fullFee')} required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amountCents} />
          <Checkbox label={t('fees.admin.slidingScale')} checked={slidingScale} onChange={(e) => setSlidingScale(e.currentTarget.checked)} />
          {service ? <Checkbox label={t('fees.admin.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> : null}
          {errors.version ? (
            <Text size="sm" c="red.9" role="alert">
              {errors.version}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ScheduleSection() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const schedules = useQuery(feeSchedulesOptions(false));
  const [editing, setEditing] = useState<FeeSchedule | 'new' | null>(null);
  const yesNo = (value: boolean) => (value ? t('fees.admin.yes') : t('fees.admin.no'));
  const matterTypeLabel = (type: MatterType | null) => (type ? t(`fees.matterTypes.${type}`) : t('fees.admin.anyMatterType'));
  let content;
  if (schedules.isPending) {
    content = <LoadingState />;
  } else if (schedules.isError) {
    content = <ErrorState error={schedules.error} onRetry={() => void schedules.refetch()} />;
  } else if (schedules.data.items.length === 0) {
    content = <EmptyState>{t('fees.admin.noServices')}</EmptyState>;
  } else if (phone) {
    content = (
      <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {schedules.data.items.map((service) => (
          <Paper component="li" withBorder p="sm" key={service.id}>
            <Stack gap={4}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <Text fw={600} dir="auto">
                  {service.name}
                </Text>
                <Text fw={700} style={tabular}>
                  {formatCents(service.amountCents)}
                </Text>
              </Group>
              <Text size="sm" c="dimmed" dir="ltr" style={{ textAlign: 'start' }}>
                {service.code}
              </Text>
              <Text size="sm">{matterTypeLabel(service.matterType)}</Text>
              <Group gap="xs">
                {service.slidingScale ? <Badge variant="light">{t('fees.charges.slidingScale')}</Badge> : null}
                <Badge color={service.active ? 'teal.9' : 'gray.7'} variant="filled">
                  {service.active ? t('fees.admin.active') : t('common.inactive')}
                </Badge>
              </Group>
              <Group>
                <Button size="xs" variant="default" aria-label={t('fees.admin.editService', { name: service.name })} onClick={() => setEditing(service)}>
                  {t('fees.admin.edit')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  } else {
    content = (
      <ScrollTable caption={t('fees.admin.scheduleHeading')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('fees.admin.name')}</Table.Th>
            <Table.Th scope="col">{t('fees.admin.code')}</Table.Th>
            <Table.Th scope="col">{t('fees.admin.matterType')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'end' }}>
              {t('fees.admin.fullFee')}
            </Table.Th>
            <Table.Th scope="col">{t('fees.admin.slidingScale')}</Table.Th>
            <Table.Th scope="col">{t('fees.admin.active')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schedules.data.items.map((service) => (
            <Table.Tr key={service.id}>
              <Table.Td dir="auto">{service.name}</Table.Td>
              <Table.Td>
                <span className="ltr-value">{service.code}</span>
              </Table.Td>
              <Table.Td>{matterTypeLabel(service.matterType)}</Table.Td>
              <Table.Td style={{ textAlign: 'end', ...tabular }}>{formatCents(service.amountCents)}</Table.Td>
              <Table.Td>{yesNo(service.slidingScale)}</Table.Td>
              <Table.Td>{yesNo(service.active)}</Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="default" aria-label={t('fees.admin.editService', { name: service.name })} onClick={() => setEditing(service)}>
                  {t('fees.admin.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  }
  return (
    <Stack component="section" aria-labelledby="fee-schedule-heading">
      <Group justify="space-between">
        <Title order={2} size="h3" id="fee-schedule-heading">
          {t('fees.admin.scheduleHeading')}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('fees.admin.addService')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('fees.admin.scheduleIntro')}
      </Text>
      {content}
      {editing ? <ServiceModal service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

/* Sliding scale */

/** Band rows as typed (text), so a half-typed number is not thrown away. */
interface BandRow {
  key: number;
  upToPercent: string;
  feePercent: string;
}

let nextBandKey = 1;
const toRows = (bands: readonly SlidingBand[]): BandRow[] => bands.map((band) => ({ key: nextBandKey++, upToPercent: String(band.upToPercent), feePercent: String(band.feePercent) }));

function ScaleEditor({ settings }: { settings: FeeSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [region, setRegion] = useState<PovertyRegion>(settings.region);
  const [rows, setRows] = useState<BandRow[]>(() => toRows(settings.bands));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: FeeSettingsRequest) => feesApi.saveSettings(body),
    onSuccess: async () => {
      notifySuccess(t('fees.admin.scaleSaved'));
      await queryClient.invalidateQueries({ queryKey: feeKeys.settings });
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  const setRow = (key: number, field: 'upToPercent' | 'feePercent', value: string) => setRows((current) => current.map((row) => (row.key === key ? { ...row, [field]: value } : row)));

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = FeeSettingsRequest.safeParse({
      region,
      version: settings.version,
      bands: rows.map((row) => ({ upToPercent: Number(row.upToPercent.trim() || Number.NaN), feePercent: Number(row.feePercent.trim() || Number.NaN) })),
    });
    if (!parsed.success) {
      // The list's own problems (order, shares) name `bands`; a bad number names its band.
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  const bandErrors = Object.entries(errors).filter(([field]) => field === 'bands' || field === 'version');
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
        <NativeSelect
          label={t('fees.admin.region')}
          value={region}
          onChange={(e) => setRegion(e.currentTarget.value as PovertyRegion)}
          data={POVERTY_REGIONS.map((code) => ({ value: code, label: t(`fees.admin.regions.${code}`) }))}
          maw={360}
        />
        <Stack component="ol" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {rows.map((row, index) => (
            <Paper component="li" withBorder p="xs" key={row.key} aria-label={t('fees.admin.bandLabel', { n: index + 1 })}>
              <Group align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  label={t('fees.admin.upToPercent')}
                  inputMode="numeric"
                  value={row.upToPercent}
                  onChange={(e) => setRow(row.key, 'upToPercent', e.currentTarget.value)}
                  error={errors[`bands.${index}.upToPercent`]}
                  w={200}
                />
                <TextInput
                  label={t('fees.admin.feePercent')}
                  inputMode="numeric"
                  value={row.feePercent}
                  onChange={(e) => setRow(row.key, 'feePercent', e.currentTarget.value)}
                  error={errors[`bands.${index}.feePercent`]}
                  w={200}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('fees.admin.removeBand', { n: index + 1 })}
                  disabled={rows.length === 1}
                  onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                >
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Stack>
        {bandErrors.map(([field, message]) => (
          <Text key={field} size="sm" c="red.9" role="alert">
            {message}
          </Text>
        ))}
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            disabled={rows.length >= 10}
            onClick={() => setRows((current) => [...current, { key: nextBandKey++, upToPercent: '', feePercent: '' }])}
          >
            {t('fees.admin.addBand')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('fees.admin.saveScale')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ScaleSection() {
  const { t } = useTranslation();
  const settings = useQuery(feeSettingsOptions);
  return (
    <Stack component="section" aria-labelledby="fee-scale-heading">
      <Title order={2} size="h3" id="fee-scale-heading">
        {t('fees.admin.scaleHeading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('fees.admin.scaleIntro')}
      </Text>
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          {settings.data.isDefault ? (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} aria-hidden="true" />}>
              {t('fees.admin.scaleDefaults')}
            </Alert>
          ) : null}
          {/* Keyed by version: after a save the editor starts again from what was stored. */}
          <ScaleEditor key={settings.data.version} settings={settings.data} />
        </>
      )}
    </Stack>
  );
}

/* Poverty guidelines */

function GuidelineModal({ initial, onClose }: { initial: PovertyGuideline | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const thisYear = Number(todayIsoDate().slice(0, 4));
  const [year, setYear] = useState(String(initial?.year ?? thisYear));
  const [region, setRegion] = useState<PovertyRegion>(initial?.region ?? 'contiguous');
  const [first, setFirst] = useState(initial ? (initial.firstPersonCents / 100).toFixed(2) : '');
  const [additional, setAdditional] = useState(initial ? (initial.additionalPersonCents / 100).toFixed(2) : '');
  const [effectiveFrom, setEffectiveFrom] = useState(initial?.effectiveFrom ?? `${thisYear}-01-15`);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: ({ y, r, body }: { y: number; r: PovertyRegion; body: SavePovertyGuidelineRequest }) => feesApi.saveGuideline(y, r, body),
    onSuccess: async () => {
      notifySuccess(t('fees.admin.guidelineSaved'));
      await queryClient.invalidateQueries({ queryKey: feeKeys.guidelines });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldErrors = {};
    const firstCents = parseDollars(first);
    const additionalCents = parseDollars(additional);
    if (!/^\d{4}$/.test(year.trim())) {
      problems.year = t('validation.invalid');
    }
    if (firstCents === null) {
      problems.firstPersonCents = t('fees.charges.invalidAmount');
    }
    if (additionalCents === null) {
      problems.additionalPersonCents = t('fees.charges.invalidAmount');
    }
    if (Object.keys(problems).length > 0 || firstCents === null || additionalCents === null) {
      setErrors(problems);
      return;
    }
    const parsed = SavePovertyGuidelineRequest.safeParse({ firstPersonCents: firstCents, additionalPersonCents: additionalCents, effectiveFrom });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate({ y: Number(year), r: region, body: parsed.data });
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={initial ? t('fees.admin.editGuideline', { year: initial.year, region: t(`fees.admin.regions.${initial.region}`) }) : t('fees.admin.enterGuideline')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('fees.admin.year')}
              required
              inputMode="numeric"
              readOnly={initial !== null}
              value={year}
              onChange={(e) => setYear(e.currentTarget.value)}
              error={errors.year}
              miw={120}
            />
            <NativeSelect
              label={t('fees.admin.region')}
              value={region}
              disabled={initial !== null}
              onChange={(e) => setRegion(e.currentTarget.value as PovertyRegion)}
              data={POVERTY_REGIONS.map((code) => ({ value: code, label: t(`fees.admin.regions.${code}`) }))}
              error={errors.region}
              miw={200}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('fees.admin.firstPerson')}
              required
              inputMode="decimal"
              value={first}
              onChange={(e) => setFirst(e.currentTarget.value)}
              error={errors.firstPersonCents}
              miw={160}
              data-autofocus
            />
            <TextInput
              label={t('fees.admin.additionalPerson')}
              required
              inputMode="decimal"
              value={additional}
              onChange={(e) => setAdditional(e.currentTarget.value)}
              error={errors.additionalPersonCents}
              miw={160}
            />
          </Group>
          <TextInput
            type="date"
            label={t('fees.admin.effectiveFrom')}
            required
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            error={errors.effectiveFrom}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('fees.admin.saveGuideline')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function GuidelinesSection() {
  const { t } = useTranslation();
  const guidelines = useQuery(povertyGuidelinesOptions);
  const [editing, setEditing] = useState<PovertyGuideline | 'new' | null>(null);
  return (
    <Stack component="section" aria-labelledby="fee-guidelines-heading">
      <Group justify="space-between">
        <Title order={2} size="h3" id="fee-guidelines-heading">
          {t('fees.admin.guidelinesHeading')}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('fees.admin.enterGuideline')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('fees.admin.guidelinesIntro')}
      </Text>
      {guidelines.isPending ? (
        <LoadingState />
      ) : guidelines.isError ? (
        <ErrorState error={guidelines.error} onRetry={() => void guidelines.refetch()} />
      ) : guidelines.data.items.length === 0 ? (
        <EmptyState>{t('fees.admin.noGuidelines')}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {guidelines.data.items.map((row) => (
            <Paper component="li" withBorder p="sm" key={row.id}>
              <Stack gap={4}>
                <Text fw={700}>
                  {row.year} · {t(`fees.admin.regions.${row.region}`)}
                </Text>
                <Text size="sm">
                  {t('fees.admin.firstPerson')}: <span style={tabular}>{formatCents(row.firstPersonCents)}</span>
                </Text>
                <Text size="sm">
                  {t('fees.admin.additionalPerson')}: <span style={tabular}>{formatCents(row.additionalPersonCents)}</span>
                </Text>
                <Text size="sm">{t('fees.admin.forHousehold', { amount: formatCents(povertyGuidelineFor(row, 4)) })}</Text>
                <Text size="sm" c="dimmed">
                  {t('fees.admin.effectiveFrom')}: {formatCalendarDate(row.effectiveFrom)}
                </Text>
                <Group>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('fees.admin.editGuideline', { year: row.year, region: t(`fees.admin.regions.${row.region}`) })}
                    onClick={() => setEditing(row)}
                  >
                    {t('fees.admin.edit')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {editing ? <GuidelineModal initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

function FeesAdmin() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <PageTitle title={t('fees.admin.title')} description={t('fees.admin.description')} />
      <ScheduleSection />
      <ScaleSection />
      <GuidelinesSection />
    </Stack>
  );
}

/** Administration → Fees: the fee schedule, the sliding scale and the poverty guidelines. */
export function FeesAdminPage() {
  return (
    <RequirePermission anyOf={['fee.configure']}>
      <FeesAdmin />
    </RequirePermission>
  );
}
