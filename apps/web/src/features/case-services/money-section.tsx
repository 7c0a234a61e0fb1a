import { type FormEvent, useRef, useState } from 'react';
import { Anchor, Badge, Button, Checkbox, FileButton, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CaseBudgetLine,
  CreateDisbursementRequest,
  DISBURSEMENT_KINDS,
  DisbursementDecisionRequest,
  type DisbursementKind,
  type DisbursementStatus,
  SetCaseBudgetRequest,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError, emptyToUndefined, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, formatDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { caseDocumentKeys, caseDocumentsApi, caseDocumentUrl } from '../case-documents/documents-api';
import { fileProblem } from '../case-documents/documents-tab';
import { caseKeys } from '../cases/cases-api';
import { usePermissions } from '../session/session-api';
import { type BudgetSummary, caseBudgetsOptions, caseDisbursementsOptions, type Disbursement, formatCents, parseDollars, serviceKeys, servicesApi } from './services-api';

/** Shades whose white text measures at least 4.5:1. */
const STATUS_COLORS: Record<DisbursementStatus, string> = { pending_approval: 'grape.9', approved: 'teal.9', denied: 'red.9' };

/** Payments and decisions are events of the case's timeline too. */
function useRefreshMoney(caseId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: serviceKeys.budgets(caseId) }),
      queryClient.invalidateQueries({ queryKey: serviceKeys.disbursements(caseId) }),
      queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) }),
    ]);
  };
}

function Figure({ label, cents, strong }: { label: string; cents: number; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">{label}</Text>
      <Text size="sm" fw={strong ? 700 : 500} c={cents < 0 ? 'red.9' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatCents(cents)}
      </Text>
    </Group>
  );
}

function BudgetModal({ caseId, line, onClose }: { caseId: string; line: CaseBudgetLine | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshMoney(caseId);
  const [fundingSource, setFundingSource] = useState(line?.fundingSource ?? '');
  const [amount, setAmount] = useState(line ? (line.amountCents / 100).toFixed(2) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: SetCaseBudgetRequest) => servicesApi.setBudget(caseId, body),
    onSuccess: async () => {
      notifySuccess(t('services.budgetSaved'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const cents = parseDollars(amount);
    if (cents === null) {
      setErrors({ amountCents: t('services.invalidAmount') });
      return;
    }
    const parsed = SetCaseBudgetRequest.safeParse({ fundingSource, amountCents: cents, version: line?.version });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={line ? t('services.changeBudgetFor', { source: line.fundingSource }) : t('services.addBudget')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <TextInput
            label={t('services.fundingSource')}
            required
            readOnly={line !== null}
            maxLength={120}
            value={fundingSource}
            onChange={(e) => setFundingSource(e.currentTarget.value)}
            error={errors.fundingSource}
          />
          <TextInput
            label={t('services.amount')}
            required
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amountCents ?? errors.version}
            data-autofocus
          />
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

function BudgetSection({ caseId, budgets, canWrite, canSupervise }: { caseId: string; budgets: BudgetSummary; canWrite: boolean; canSupervise: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<CaseBudgetLine | 'new' | null>(null);
  return (
    <Stack component="section" aria-labelledby="case-budget-heading">
      <Group justify="space-between">
        <Title order={3} size="h4" id="case-budget-heading">
          {t('services.budgetHeading')}
        </Title>
        {canWrite && canSupervise ? (
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('services.addBudget')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t('services.budgetIntro', { threshold: formatCents(budgets.approvalThresholdCents) })}
      </Text>
      {budgets.items.length === 0 ? (
        <EmptyState>{t('services.noBudget')}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {budgets.items.map((line) => (
            <Paper component="li" withBorder p="sm" key={line.id}>
              <Stack gap={4}>
                <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
                  {line.fundingSource}
                </Text>
                <Figure label={t('services.budget')} cents={line.amountCents} />
                <Figure label={t('services.approved')} cents={line.approvedCents} />
                <Figure label={t('services.pending')} cents={line.pendingCents} />
                <Figure label={t('services.remaining')} cents={line.remainingCents} strong />
                {canWrite && canSupervise ? (
                  <Group>
                    <Button size="xs" variant="default" aria-label={t('services.changeBudgetFor', { source: line.fundingSource })} onClick={() => setEditing(line)}>
                      {t('services.changeBudget')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Paper>
          ))}
          {budgets.items.length > 1 ? (
            <Paper component="li" withBorder p="sm" bg="var(--mantine-color-gray-0)">
              <Stack gap={4}>
                <Text fw={600}>{t('services.total')}</Text>
                <Figure label={t('services.budget')} cents={budgets.totals.amountCents} />
                <Figure label={t('services.approved')} cents={budgets.totals.approvedCents} />
                <Figure label={t('services.pending')} cents={budgets.totals.pendingCents} />
                <Figure label={t('services.remaining')} cents={budgets.totals.remainingCents} strong />
              </Stack>
            </Paper>
          ) : null}
        </SimpleGrid>
      )}
      {editing ? <BudgetModal caseId={caseId} line={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

interface PaymentValues {
  budgetId: string;
  kind: DisbursementKind;
  amount: string;
  payee: string;
  paidOn: string;
  purpose: string;
  requestApproval: boolean;
}

function PaymentModal({ caseId, budgets, onClose }: { caseId: string; budgets: CaseBudgetLine[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshMoney(caseId);
  const phone = useMediaQuery('(max-width: 48em)');
  const resetRef = useRef<() => void>(null);
  const [values, setValues] = useState<PaymentValues>({
    budgetId: budgets[0]?.id ?? '',
    kind: 'rent',
    amount: '',
    payee: '',
    paidOn: todayIsoDate(),
    purpose: '',
    requestApproval: false,
  });
  const [receipt, setReceipt] = useState<File | null>(null);
  // A receipt uploaded on an earlier try is reused, so a refused payment does not store it twice.
  const [uploadedReceipt, setUploadedReceipt] = useState<{ file: File; id: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof PaymentValues>(key: K, value: PaymentValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  const pay = useMutation({
    mutationFn: async (body: CreateDisbursementRequest): Promise<Disbursement> => {
      let receiptDocumentId: string | undefined;
      if (receipt) {
        if (uploadedReceipt?.file === receipt) {
          receiptDocumentId = uploadedReceipt.id;
        } else {
          const document = await caseDocumentsApi.upload(caseId, 'receipt', receipt);
          setUploadedReceipt({ file: receipt, id: document.id });
          await queryClient.invalidateQueries({ queryKey: caseDocumentKeys.ofCase(caseId) });
          receiptDocumentId = document.id;
        }
      }
      return servicesApi.pay(caseId, { ...body, receiptDocumentId });
    },
    onSuccess: async (payment) => {
      notifySuccess(payment.status === 'pending_approval' ? t('services.paymentPending') : t('services.paymentRecorded'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function chooseReceipt(file: File | null): void {
    if (!file) {
      return;
    }
    const problem = fileProblem(file);
    if (problem) {
      notifyError(t(`caseDocuments.${problem}`));
      resetRef.current?.();
      return;
    }
    setReceipt(file);
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const cents = parseDollars(values.amount);
    if (cents === null) {
      setErrors({ amountCents: t('services.invalidAmount') });
      return;
    }
    const parsed = CreateDisbursementRequest.safeParse({
      budgetId: values.budgetId,
      kind: values.kind,
      amountCents: cents,
      payee: values.payee,
      paidOn: values.paidOn,
      purpose: emptyToUndefined(values.purpose),
      requestApproval: values.requestApproval || undefined,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    pay.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('services.recordPayment')} size="lg" fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={pay.isError && Object.keys(errors).length === 0 ? pay.error : null} />
          <NativeSelect
            label={t('services.budgetLine')}
            required
            value={values.budgetId}
            onChange={(e) => set('budgetId', e.currentTarget.value)}
            data={budgets.map((line) => ({ value: line.id, label: `${line.fundingSource} · ${t('services.remaining')}: ${formatCents(line.remainingCents)}` }))}
            error={errors.budgetId}
          />
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('services.kind')}
              value={values.kind}
              onChange={(e) => set('kind', e.currentTarget.value as DisbursementKind)}
              data={DISBURSEMENT_KINDS.map((kind) => ({ value: kind, label: t(`services.kinds.${kind}`) }))}
              error={errors.kind}
              miw={160}
            />
            <TextInput
              label={t('services.amount')}
              required
              inputMode="decimal"
              value={values.amount}
              onChange={(e) => set('amount', e.currentTarget.value)}
              error={errors.amountCents}
              miw={160}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('services.payee')} required maxLength={200} value={values.payee} onChange={(e) => set('payee', e.currentTarget.value)} error={errors.payee} miw={180} />
            <TextInput
              type="date"
              label={t('services.paidOn')}
              required
              max={todayIsoDate()}
              value={values.paidOn}
              onChange={(e) => set('paidOn', e.currentTarget.value)}
              error={errors.paidOn}
              miw={160}
            />
          </Group>
          <Textarea label={t('services.purpose')} autosize minRows={2} maxLength={500} value={values.purpose} onChange={(e) => set('purpose', e.currentTarget.value)} error={errors.purpose} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('services.receipt')}
            </Text>
            <Group gap="sm">
              <FileButton resetRef={resetRef} onChange={chooseReceipt} accept="application/pdf,image/jpeg,image/png">
                {(props) => (
                  <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} aria-hidden="true" />}>
                    {t('services.chooseReceipt')}
                  </Button>
                )}
              </FileButton>
              {receipt ? (
                <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                  {t('services.receiptChosen', { name: receipt.name })}
                </Text>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed">
              {t('services.receiptHelp')}
            </Text>
            {errors.receiptDocumentId ? (
              <Text size="sm" c="red.9" role="alert">
                {errors.receiptDocumentId}
              </Text>
            ) : null}
          </Stack>
          <Checkbox
            label={t('services.requestApproval')}
            description={t('services.requestApprovalHelp')}
            checked={values.requestApproval}
            onChange={(e) => set('requestApproval', e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pay.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DenyModal({ caseId, payment, onClose }: { caseId: string; payment: Disbursement; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshMoney(caseId);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const deny = useMutation({
    mutationFn: (body: DisbursementDecisionRequest) => servicesApi.decide(caseId, payment.id, body),
    onSuccess: async () => {
      notifySuccess(t('services.decided'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = DisbursementDecisionRequest.safeParse({ decision: 'deny', note: emptyToUndefined(note) });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    deny.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('services.denyTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('services.denyFor', { amount: formatCents(payment.amountCents), payee: payment.payee })}</Text>
          <FormError error={deny.isError && Object.keys(errors).length === 0 ? deny.error : null} />
          <Textarea label={t('services.decisionNote')} required autosize minRows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={deny.isPending}>
              {t('services.deny')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PaymentItem({ caseId, payment, canDecide, onDeny }: { caseId: string; payment: Disbursement; canDecide: boolean; onDeny: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshMoney(caseId);
  const approve = useMutation({
    mutationFn: () => servicesApi.decide(caseId, payment.id, { decision: 'approve' }),
    onSuccess: async () => {
      notifySuccess(t('services.decided'));
      await refresh();
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  const amount = formatCents(payment.amountCents);
  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {amount}
          </Text>
          <Badge color={STATUS_COLORS[payment.status]} variant="filled">
            {t(`services.status.${payment.status}`)}
          </Badge>
        </Group>
        <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {t(`services.kinds.${payment.kind}`)} · {payment.payee}
        </Text>
        <Text size="sm" c="dimmed">
          {formatCalendarDate(payment.paidOn)} · {payment.fundingSource}
        </Text>
        {payment.purpose ? (
          <Text size="sm" dir="auto">
            {payment.purpose}
          </Text>
        ) : null}
        {payment.receipt ? (
          <Anchor size="sm" href={caseDocumentUrl(caseId, payment.receipt.id)} download aria-label={t('services.receiptLinkFor', { name: payment.receipt.filename })}>
            <IconDownload size={14} aria-hidden="true" /> {t('services.receiptLink')}
          </Anchor>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('services.requestedBy', { name: payment.requestedBy.name })}
        </Text>
        {payment.decidedBy && payment.decidedAt ? (
          <Text size="xs" c="dimmed">
            {t('services.decidedBy', { name: payment.decidedBy.name, date: formatDate(payment.decidedAt) })}
            {payment.decisionNote ? ` — ${payment.decisionNote}` : ''}
          </Text>
        ) : null}
        {canDecide ? (
          <Group gap="xs">
            <Button size="xs" color="teal.9" aria-label={t('services.approveFor', { amount, payee: payment.payee })} loading={approve.isPending} onClick={() => approve.mutate()}>
              {t('services.approve')}
            </Button>
            <Button size="xs" variant="default" aria-label={t('services.denyFor', { amount, payee: payment.payee })} onClick={onDeny}>
              {t('services.deny')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

function PaymentsSection({ caseId, budgets, canWrite, canSupervise }: { caseId: string; budgets: CaseBudgetLine[]; canWrite: boolean; canSupervise: boolean }) {
  const { t } = useTranslation();
  const { session } = usePermissions();
  const payments = useInfiniteQuery(caseDisbursementsOptions(caseId));
  const [recording, setRecording] = useState(false);
  const [denying, setDenying] = useState<Disbursement | null>(null);
  const items = payments.data?.pages.flatMap((page) => page.items) ?? [];
  const waitingOnOthers = canSupervise && items.some((p) => p.status === 'pending_approval' && p.requestedBy.id === session?.user.id);
  return (
    <Stack component="section" aria-labelledby="case-payments-heading">
      <Group justify="space-between">
        <Title order={3} size="h4" id="case-payments-heading">
          {t('services.paymentsHeading')}
        </Title>
        {canWrite && budgets.length > 0 ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setRecording(true)}>
            {t('services.recordPayment')}
          </Button>
        ) : null}
      </Group>
      {waitingOnOthers ? (
        <Text size="sm" c="dimmed">
          {t('services.ownRequestHint')}
        </Text>
      ) : null}
      {payments.isPending ? (
        <LoadingState />
      ) : payments.isError ? (
        <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{t('services.noPayments')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((payment) => (
            <PaymentItem
              key={payment.id}
              caseId={caseId}
              payment={payment}
              canDecide={canSupervise && payment.status === 'pending_approval' && payment.requestedBy.id !== session?.user.id}
              onDeny={() => setDenying(payment)}
            />
          ))}
        </Stack>
      )}
      {payments.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={payments.isFetchingNextPage} onClick={() => void payments.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
      {recording ? <PaymentModal caseId={caseId} budgets={budgets} onClose={() => setRecording(false)} /> : null}
      {denying ? <DenyModal caseId={caseId} payment={denying} onClose={() => setDenying(null)} /> : null}
    </Stack>
  );
}

/** Budget vs. actual by funding source, and the payments against it with their approvals. */
export function MoneySection({ caseId, readOnly }: { caseId: string; readOnly: boolean }) {
  const { can } = usePermissions();
  const budgets = useQuery(caseBudgetsOptions(caseId));
  const canWrite = can('case.manage') && !readOnly;
  // Deciding changes the case: a closed case is read-only for supervisors too.
  const canSupervise = can('case.supervise') && !readOnly;
  if (budgets.isPending) {
    return <LoadingState />;
  }
  if (budgets.isError) {
    return <ErrorState error={budgets.error} onRetry={() => void budgets.refetch()} />;
  }
  return (
    <>
      <BudgetSection caseId={caseId} budgets={budgets.data} canWrite={canWrite} canSupervise={canSupervise} />
      <PaymentsSection caseId={caseId} budgets={budgets.data.items} canWrite={canWrite} canSupervise={canSupervise} />
    </>
  );
}
