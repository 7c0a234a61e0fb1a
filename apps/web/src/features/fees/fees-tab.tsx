import { type FormEvent, useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  CreateChargeRequest,
  CreatePaymentRequest,
  CreateWaiverRequest,
  PAYMENT_METHODS,
  type PaymentMethod,
  slidingScaleFee,
  todayIn,
  VoidPaymentRequest,
  type WaiverStatus,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError, emptyToUndefined, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { isLocale } from '../../app/i18n';
import { formatCalendarDate, formatDate, isolate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { formatCents, parseDollars } from '../case-services/services-api';
import type { MatterTabProps } from '../matters/matter-tab';
import { usePermissions } from '../session/session-api';
import { type Charge, feeKeys, feesApi, feeSchedulesOptions, type MatterFees, matterFeesOptions, type Payment, type Waiver } from './fees-api';

/** Shades whose white text measures at least 4.5:1. */
const WAIVER_COLORS: Record<WaiverStatus, string> = { requested: 'grape.9', approved: 'teal.9', denied: 'red.9' };
const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

function useRefreshFees(matterId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: feeKeys.matter(matterId) });
}

/** "Household of 4, income $31,200.00 = 97% of the 2026 guideline → 0% band" */
export function SlidingScaleWorkingText({ charge }: { charge: Charge }) {
  const { t } = useTranslation();
  const working = charge.slidingScale;
  if (!working) {
    return null;
  }
  const values = {
    size: working.householdSize,
    income: formatCents(working.annualIncomeCents),
    percent: working.povertyPercent,
    year: working.guidelineYear,
    fee: working.feePercent,
  };
  // A fee of 100% past the last band reads differently from a 100% band; the stored working
  // keeps only the percent, and either way the client pays the full fee.
  return (
    <Text size="sm" c="dimmed">
      {working.feePercent === 100 ? t('fees.charges.workingAbove', values) : t('fees.charges.working', values)}
    </Text>
  );
}

function Figure({ label, cents, strong }: { label: string; cents: number; strong?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={strong ? 700 : 500} size={strong ? 'lg' : 'md'} style={tabular}>
        {formatCents(cents)}
      </Text>
    </Stack>
  );
}

function TotalsCard({ totals }: { totals: MatterFees['totals'] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fees-totals-heading">
      <Title order={3} size="h4" id="fees-totals-heading" mb="sm">
        {t('fees.totals.heading')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('fees.totals.charged')} cents={totals.chargedCents} />
        <Figure label={t('fees.totals.waived')} cents={totals.waivedCents} />
        <Figure label={t('fees.totals.paid')} cents={totals.paidCents} />
        <Figure label={t('fees.totals.balance')} cents={totals.balanceCents} strong />
      </SimpleGrid>
      {totals.pendingWaiverCents > 0 ? (
        <Stack gap={2} mt="sm">
          <Text size="sm">
            {t('fees.totals.pendingWaivers')}: <span style={tabular}>{formatCents(totals.pendingWaiverCents)}</span>
          </Text>
          <Text size="sm" fw={600}>
            {t('fees.totals.dueNow')}: <span style={tabular}>{formatCents(totals.dueNowCents)}</span>
          </Text>
          <Text size="xs" c="dimmed">
            {t('fees.totals.dueNowHelp')}
          </Text>
        </Stack>
      ) : null}
    </Paper>
  );
}

const MANUAL = '__manual__';

function ChargeModal({ matterId, fees, onClose }: { matterId: string; fees: MatterFees; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshFees(matterId);
  const phone = useMediaQuery('(max-width: 48em)');
  const schedules = useQuery(feeSchedulesOptions(true));
  const services = schedules.data?.items ?? [];
  const [serviceId, setServiceId] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [householdSize, setHouseholdSize] = useState('');
  const [income, setIncome] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const chosen = serviceId && serviceId !== MANUAL ? services.find((s) => s.id === serviceId) : undefined;
  const chosenId = serviceId || services[0]?.id || MANUAL;
  const service = chosen ?? (serviceId === '' ? services[0] : undefined);
  const manual = chosenId === MANUAL;
  const sliding = Boolean(service?.slidingScale) && !manual;
  const size = /^\d{1,2}$/.test(householdSize.trim()) ? Number(householdSize) : null;
  const incomeCents = parseDollars(income);

  // The same pure function the server applies, so the preview is the amount that will be charged.
  const preview = useMemo(() => {
    const guideline = fees.slidingScale.guideline;
    if (!sliding || !service || !guideline || size === null || size < 1 || incomeCents === null) {
      return null;
    }
    return slidingScaleFee({ fullCents: service.amountCents, householdSize: size, annualIncomeCents: incomeCents, guideline, bands: fees.slidingScale.bands });
  }, [sliding, service, fees.slidingScale, size, incomeCents]);

  const save = useMutation({
    mutationFn: (body: CreateChargeRequest) => feesApi.charge(matterId, body),
    onSuccess: async () => {
      notifySuccess(t('fees.charges.saved'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldErrors = {};
    let amountCents: number | undefined;
    if (manual) {
      const cents = parseDollars(amount);
      if (cents === null) {
        problems.amountCents = t('fees.charges.invalidAmount');
      } else {
        amountCents = cents;
      }
    }
    let annualIncomeCents: number | undefined;
    if (sliding && income.trim() !== '') {
      if (incomeCents === null) {
        problems.annualIncomeCents = t('fees.charges.invalidAmount');
      } else {
        annualIncomeCents = incomeCents;
      }
    }
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return;
    }
    const parsed = CreateChargeRequest.safeParse({
      feeScheduleId: manual ? undefined : service?.id,
      description: emptyToUndefined(description),
      amountCents,
      householdSize: sliding && householdSize.trim() !== '' ? Number(householdSize) : undefined,
      annualIncomeCents,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('fees.charges.add')} size="lg" fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <NativeSelect
            label={t('fees.charges.service')}
            value={chosenId}
            onChange={(e) => setServiceId(e.currentTarget.value)}
            data={[
              ...services.map((s) => ({ value: s.id, label: `${s.name} · ${formatCents(s.amountCents)}${s.slidingScale ? ` · ${t('fees.charges.slidingScale')}` : ''}` })),
              { value: MANUAL, label: t('fees.charges.manual') },
            ]}
            error={errors.feeScheduleId}
            data-autofocus
          />
          <TextInput
            label={t('fees.charges.description')}
            description={manual ? undefined : t('fees.charges.descriptionHelp')}
            required={manual}
            maxLength={200}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          {manual ? (
            <TextInput label={t('fees.charges.amount')} required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amountCents} />
          ) : null}
          {sliding ? (
            <>
              {fees.slidingScale.guideline ? null : (
                <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} aria-hidden="true" />}>
                  {t('fees.charges.noGuideline')}
                </Alert>
              )}
              <Group grow align="flex-start" wrap="wrap">
                <TextInput
                  label={t('fees.charges.householdSize')}
                  required
                  inputMode="numeric"
                  value={householdSize}
                  onChange={(e) => setHouseholdSize(e.currentTarget.value)}
                  error={errors.householdSize}
                  miw={140}
                />
                <TextInput
                  label={t('fees.charges.income')}
                  required
                  inputMode="decimal"
                  value={income}
                  onChange={(e) => setIncome(e.currentTarget.value)}
                  error={errors.annualIncomeCents}
                  miw={180}
                />
              </Group>
              <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" aria-live="polite">
                {preview && service && size !== null && incomeCents !== null && fees.slidingScale.guideline ? (
                  <Stack gap={2}>
                    <Text size="sm">
                      {t(preview.band ? 'fees.charges.working' : 'fees.charges.workingAbove', {
                        size,
                        income: formatCents(incomeCents),
                        percent: preview.povertyPercent,
                        year: fees.slidingScale.guideline.year,
                        fee: preview.feePercent,
                      })}
                    </Text>
                    <Text fw={700}>{t('fees.charges.preview', { amount: formatCents(preview.amountCents) })}</Text>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('fees.charges.previewNeedsFigures')}
                  </Text>
                )}
              </Paper>
            </>
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

/**
 * What may still be asked to be waived on a charge: its part not yet waived or asked for, and no
 * more than the matter still has unpaid (payments are not tied to one charge).
 */
function waivableCents(charge: Charge, totals: MatterFees['totals']): number {
  return Math.max(0, Math.min(charge.amountCents - charge.waivedCents - charge.pendingWaiverCents, totals.dueNowCents));
}

function WaiverModal({ matterId, charge, totals, onClose }: { matterId: string; charge: Charge; totals: MatterFees['totals']; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshFees(matterId);
  const remaining = waivableCents(charge, totals);
  const [amount, setAmount] = useState((remaining / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: CreateWaiverRequest) => feesApi.requestWaiver(matterId, body),
    onSuccess: async () => {
      notifySuccess(t('fees.waivers.requested'));
      await refresh();
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
    const parsed = CreateWaiverRequest.safeParse({ chargeId: charge.id, amountCents: cents, reason });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('fees.waivers.requestFor', { description: charge.description })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('fees.waivers.remaining', { amount: formatCents(remaining) })}</Text>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <TextInput
            label={t('fees.waivers.amount')}
            required
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amountCents ?? errors.chargeId}
            data-autofocus
          />
          <Textarea
            label={t('fees.waivers.reason')}
            description={t('fees.waivers.reasonHelp')}
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('fees.waivers.request')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ChargesSection({ matterId, fees, canManage }: { matterId: string; fees: MatterFees; canManage: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [waiving, setWaiving] = useState<Charge | null>(null);
  return (
    <Stack component="section" aria-labelledby="fees-charges-heading">
      <Group justify="space-between">
        <Title order={3} size="h4" id="fees-charges-heading">
          {t('fees.charges.heading')}
        </Title>
        {canManage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            {t('fees.charges.add')}
          </Button>
        ) : null}
      </Group>
      {fees.charges.length === 0 ? (
        <EmptyState>{t('fees.charges.none')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {fees.charges.map((charge) => {
            const remaining = waivableCents(charge, fees.totals);
            return (
              <Paper component="li" withBorder p="sm" key={charge.id}>
                <Stack gap={4}>
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
                      {charge.description}
                    </Text>
                    <Text fw={700} style={tabular}>
                      {formatCents(charge.amountCents)}
                    </Text>
                  </Group>
                  {charge.fullCents !== charge.amountCents ? <Text size="sm">{t('fees.charges.fullFee', { amount: formatCents(charge.fullCents) })}</Text> : null}
                  <SlidingScaleWorkingText charge={charge} />
                  {charge.waivedCents > 0 ? <Text size="sm">{t('fees.charges.waived', { amount: formatCents(charge.waivedCents) })}</Text> : null}
                  {charge.pendingWaiverCents > 0 ? <Text size="sm">{t('fees.charges.pendingWaiver', { amount: formatCents(charge.pendingWaiverCents) })}</Text> : null}
                  <Text size="xs" c="dimmed">
                    {t('fees.charges.recordedBy', { name: charge.recordedBy.name, date: formatDate(charge.createdAt) })}
                  </Text>
                  {canManage && remaining > 0 ? (
                    <Group>
                      <Button size="xs" variant="default" aria-label={t('fees.waivers.requestFor', { description: charge.description })} onClick={() => setWaiving(charge)}>
                        {t('fees.waivers.request')}
                      </Button>
                    </Group>
                  ) : null}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
      {adding ? <ChargeModal matterId={matterId} fees={fees} onClose={() => setAdding(false)} /> : null}
      {waiving ? <WaiverModal matterId={matterId} charge={waiving} totals={fees.totals} onClose={() => setWaiving(null)} /> : null}
    </Stack>
  );
}

function DenyWaiverModal({ matterId, waiver, onClose }: { matterId: string; waiver: Waiver; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshFees(matterId);
  const [note, setNote] = useState('');
  const deny = useMutation({
    mutationFn: () => feesApi.decideWaiver(waiver.id, { decision: 'deny', note: emptyToUndefined(note) }),
    onSuccess: async () => {
      notifySuccess(t('fees.waivers.decided'));
      await refresh();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('fees.waivers.denyTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          deny.mutate();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">{t('fees.waivers.denyFor', { amount: formatCents(waiver.amountCents) })}</Text>
          <FormError error={deny.isError ? deny.error : null} />
          <Textarea label={t('fees.waivers.note')} autosize minRows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={deny.isPending}>
              {t('fees.waivers.deny')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function WaiverItem({ matterId, waiver, charge, canDecide, onDeny }: { matterId: string; waiver: Waiver; charge: Charge | undefined; canDecide: boolean; onDeny: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshFees(matterId);
  const approve = useMutation({
    mutationFn: () => feesApi.decideWaiver(waiver.id, { decision: 'approve' }),
    onSuccess: async () => {
      notifySuccess(t('fees.waivers.decided'));
      await refresh();
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  const amount = formatCents(waiver.amountCents);
  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={700} style={tabular}>
            {amount}
          </Text>
          <Badge color={WAIVER_COLORS[waiver.status]} variant="filled">
            {t(`fees.waivers.status.${waiver.status}`)}
          </Badge>
        </Group>
        {charge ? (
          <Text size="sm" dir="auto">
            {t('fees.waivers.charge')}: {charge.description}
          </Text>
        ) : null}
        <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {t('fees.waivers.reason')}: {waiver.reason}
        </Text>
        <Text size="xs" c="dimmed">
          {t('fees.waivers.requestedBy', { name: waiver.requestedBy.name, date: formatDate(waiver.createdAt) })}
        </Text>
        {waiver.decidedBy && waiver.decidedAt ? (
          <Text size="xs" c="dimmed">
            {t('fees.waivers.decidedBy', { name: waiver.decidedBy.name, date: formatDate(waiver.decidedAt) })}
            {waiver.decisionNote ? ` — ${waiver.decisionNote}` : ''}
          </Text>
        ) : null}
        {canDecide ? (
          <Group gap="xs">
            <Button size="xs" color="teal.9" aria-label={t('fees.waivers.approveFor', { amount })} loading={approve.isPending} onClick={() => approve.mutate()}>
              {t('fees.waivers.approve')}
            </Button>
            <Button size="xs" variant="default" aria-label={t('fees.waivers.denyFor', { amount })} onClick={onDeny}>
              {t('fees.waivers.deny')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

function WaiversSection({ matterId, fees, canDecide }: { matterId: string; fees: MatterFees; canDecide: boolean }) {
  const { t } = useTranslation();
  const { session } = usePermissions();
  const [denying, setDenying] = useState<Waiver | null>(null);
  const me = session?.user.id;
  const ownWaiting = canDecide && fees.waivers.some((w) => w.status === 'requested' && w.requestedBy.id === me);
  return (
    <Stack component="section" aria-labelledby="fees-waivers-heading">
      <Title order={3} size="h4" id="fees-waivers-heading">
        {t('fees.waivers.heading')}
      </Title>
      {ownWaiting ? (
        <Text size="sm" c="dimmed">
          {t('fees.waivers.ownHint')}
        </Text>
      ) : null}
      {fees.waivers.length === 0 ? (
        <EmptyState>{t('fees.waivers.none')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {fees.waivers.map((waiver) => (
            <WaiverItem
              key={waiver.id}
              matterId={matterId}
              waiver={waiver}
              charge={fees.charges.find((c) => c.id === waiver.chargeId)}
              canDecide={canDecide && waiver.status === 'requested' && waiver.requestedBy.id !== me}
              onDeny={() => setDenying(waiver)}
            />
          ))}
        </Stack>
      )}
      {denying ? <DenyWaiverModal matterId={matterId} waiver={denying} onClose={() => setDenying(null)} /> : null}
    </Stack>
  );
}

function PaymentModal({ matterId, totals, onClose }: { matterId: string; totals: MatterFees['totals']; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshFees(matterId);
  const [amount, setAmount] = useState(totals.dueNowCents > 0 ? (totals.dueNowCents / 100).toFixed(2) : '');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [receivedOn, setReceivedOn] = useState(todayIsoDate());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: CreatePaymentRequest) => feesApi.pay(matterId, body),
    onSuccess: async (payment) => {
      notifySuccess(t('fees.payments.saved', { number: payment.receiptNumber }));
      await refresh();
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
    const parsed = CreatePaymentRequest.safeParse({ amountCents: cents, method, receivedOn, note: emptyToUndefined(note) });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('fees.payments.record')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {totals.pendingWaiverCents > 0
              ? t('fees.payments.dueNowHint', {
                  amount: formatCents(totals.dueNowCents),
                  balance: formatCents(totals.balanceCents),
                  pending: formatCents(totals.pendingWaiverCents),
                })
              : t('fees.payments.balanceHint', { amount: formatCents(totals.balanceCents) })}
          </Text>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('fees.payments.amount')}
              required
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={errors.amountCents}
              miw={150}
              data-autofocus
            />
            <NativeSelect
              label={t('fees.payments.method')}
              value={method}
              onChange={(e) => setMethod(e.currentTarget.value as PaymentMethod)}
              data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`fees.payments.methods.${m}`) }))}
              error={errors.method}
              miw={150}
            />
          </Group>
          <TextInput
            type="date"
            label={t('fees.payments.receivedOn')}
            required
            max={todayIsoDate()}
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.currentTarget.value)}
            error={errors.receivedOn}
          />
          <Textarea label={t('fees.payments.note')} autosize minRows={1} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
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

function VoidModal({ matterId, payment, onClose }: { matterId: string; payment: Payment; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshFees(matterId);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: VoidPaymentRequest) => feesApi.voidPayment(payment.id, body),
    onSuccess: async () => {
      notifySuccess(t('fees.payments.voidedNotice'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = VoidPaymentRequest.safeParse({ reason });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('fees.payments.voidTitle', { number: payment.receiptNumber })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('fees.payments.voidIntro')}</Text>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <Textarea
            label={t('fees.payments.voidReason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={save.isPending}>
              {t('fees.payments.void')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PaymentsSection({
  matterId,
  fees,
  canManage,
  canDecide,
  clientLanguage,
}: {
  matterId: string;
  fees: MatterFees;
  canManage: boolean;
  canDecide: boolean;
  clientLanguage: string | null;
}) {
  const { t } = useTranslation();
  const { session } = usePermissions();
  const [recording, setRecording] = useState(false);
  const [voiding, setVoiding] = useState<Payment | null>(null);
  const lang = isLocale(clientLanguage) ? clientLanguage : undefined;
  const today = todayIsoDate();
  const timeZone = session?.activeOrganization?.timeZone;
  const recordedToday = (payment: Payment) => (timeZone ? todayIn(timeZone, new Date(payment.createdAt)) : payment.createdAt.slice(0, 10)) === today;
  return (
    <Stack component="section" aria-labelledby="fees-payments-heading">
      <Group justify="space-between">
        <Title order={3} size="h4" id="fees-payments-heading">
          {t('fees.payments.heading')}
        </Title>
        {canManage && fees.totals.dueNowCents > 0 ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setRecording(true)}>
            {t('fees.payments.record')}
          </Button>
        ) : null}
      </Group>
      {canManage && fees.totals.balanceCents > 0 && fees.totals.dueNowCents === 0 ? (
        <Text size="sm" c="dimmed">
          {t('fees.payments.allPending')}
        </Text>
      ) : null}
      {fees.payments.length === 0 ? (
        <EmptyState>{t('fees.payments.none')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {fees.payments.map((payment) => {
            const mayVoid = !payment.voided && (canDecide || (canManage && payment.receivedBy.id === session?.user.id && recordedToday(payment)));
            return (
              <Paper component="li" withBorder p="sm" key={payment.id} opacity={payment.voided ? 0.85 : 1}>
                <Stack gap={4}>
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Text fw={700} style={tabular} td={payment.voided ? 'line-through' : undefined}>
                      {formatCents(payment.amountCents)}
                    </Text>
                    <Group gap="xs">
                      <Text size="sm" style={tabular} dir="ltr">
                        {payment.receiptNumber}
                      </Text>
                      {payment.voided ? (
                        <Badge color="red.9" variant="filled">
                          {t('fees.payments.voided')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Group>
                  <Text size="sm">
                    {t(`fees.payments.methods.${payment.method}`)} · {formatCalendarDate(payment.receivedOn)}
                  </Text>
                  {payment.note ? (
                    <Text size="sm" dir="auto">
                      {payment.note}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {t('fees.payments.receivedBy', { name: payment.receivedBy.name })}
                  </Text>
                  {payment.voided ? (
                    <Text size="xs" c="dimmed" dir="auto">
                      {t('fees.payments.voidedBy', { name: payment.voided.by.name, date: formatDate(payment.voided.at), reason: isolate(payment.voided.reason) })}
                    </Text>
                  ) : null}
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPrinter size={14} aria-hidden="true" />}
                      aria-label={t('fees.payments.printReceiptFor', { number: payment.receiptNumber })}
                      renderRoot={(props) => <Link to="/matters/$matterId/receipts/$paymentId" params={{ matterId, paymentId: payment.id }} search={{ lang }} {...props} />}
                    >
                      {t('fees.payments.printReceipt')}
                    </Button>
                    {mayVoid ? (
                      <Button size="xs" variant="default" aria-label={t('fees.payments.voidFor', { number: payment.receiptNumber })} onClick={() => setVoiding(payment)}>
                        {t('fees.payments.void')}
                      </Button>
                    ) : null}
                  </Group>
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
      {recording ? <PaymentModal matterId={matterId} totals={fees.totals} onClose={() => setRecording(false)} /> : null}
      {voiding ? <VoidModal matterId={matterId} payment={voiding} onClose={() => setVoiding(null)} /> : null}
    </Stack>
  );
}

/** The matter's fees tab: what was charged (with the sliding scale's working), waived and paid. */
export function FeesTab({ matterId, clientLanguage, readOnly }: MatterTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const fees = useQuery(matterFeesOptions(matterId));
  const canManage = can('matter.manage') && !readOnly;
  // Deciding changes the matter: a closed matter is read-only for deciders too.
  const canDecide = can('matter.decide') && !readOnly;
  if (fees.isPending) {
    return <LoadingState />;
  }
  if (fees.isError) {
    return <ErrorState error={fees.error} onRetry={() => void fees.refetch()} />;
  }
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('fees.intro')}
      </Text>
      <TotalsCard totals={fees.data.totals} />
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} aria-hidden="true" />}>
        {t('fees.filingFeesNote')}
      </Alert>
      <ChargesSection matterId={matterId} fees={fees.data} canManage={canManage} />
      <WaiversSection matterId={matterId} fees={fees.data} canDecide={canDecide} />
      <PaymentsSection matterId={matterId} fees={fees.data} canManage={canManage} canDecide={canDecide} clientLanguage={clientLanguage} />
    </Stack>
  );
}
