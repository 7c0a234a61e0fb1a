import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { DecideExceptionRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatDateTime } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { membersOptions } from '../admin/admin-api';
import { eligibilityKeys } from '../intakes/intakes-api';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { exceptionKeys, exceptionListOptions, exceptionsApi, type ExceptionRequest, type ExceptionStatus } from './exceptions-api';

type Decision = 'approved' | 'denied';

const STATUS_COLORS: Record<ExceptionStatus, string> = { requested: 'gray.8', approved: 'teal.9', denied: 'red.9' };

export function ExceptionStatusBadge({ status }: { status: ExceptionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" tt="none">
      {t(`exceptions.statuses.${status}`)}
    </Badge>
  );
}

function DecideDialog({ request, decision, onClose }: { request: ExceptionRequest; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const decide = useMutation({
    mutationFn: (body: { decision: Decision; note: string }) => exceptionsApi.decide(request.id, body),
    onSuccess: async (saved) => {
      notifySuccess(t(saved.status === 'approved' ? 'exceptions.approvedFor' : 'exceptions.deniedFor', { name: saved.clientName }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: exceptionKeys.all }),
        queryClient.invalidateQueries({ queryKey: eligibilityKeys.ofClient(saved.clientId) }),
      ]);
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = DecideExceptionRequest.safeParse({ decision, note });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    decide.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t(decision === 'approved' ? 'exceptions.approveTitle' : 'exceptions.denyTitle', { name: request.clientName })} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {request.programName ?? ''} · {request.reason}
          </Text>
          <FormError error={decide.isError && !errors.note ? decide.error : null} />
          <Textarea
            label={t('exceptions.note')}
            description={t('exceptions.noteHelp')}
            required
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={decision === 'approved' ? 'teal.9' : 'red.9'} loading={decide.isPending}>
              {t(decision === 'approved' ? 'exceptions.approve' : 'exceptions.deny')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RequestCard({ request, requester, canDecide, own }: { request: ExceptionRequest; requester: string; canDecide: boolean; own: boolean }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor fw={700} renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: request.clientId }} {...props} />}>
            {request.clientName}
          </Anchor>
          <ExceptionStatusBadge status={request.status} />
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            {t('exceptions.program')}:
          </Text>{' '}
          {request.programName ?? t('common.none')}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            {t('exceptions.reason')}:
          </Text>{' '}
          {request.reason}
        </Text>
        <Text size="sm" c="dimmed">
          {t('exceptions.requestedBy', { name: requester, date: formatDateTime(request.createdAt) })}
        </Text>
        {request.status !== 'requested' ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('exceptions.decisionNote')}:
            </Text>{' '}
            {request.decisionNote ?? ''} {request.decidedAt ? `(${formatDateTime(request.decidedAt)})` : ''}
          </Text>
        ) : canDecide && own ? (
          <Text size="sm" c="dimmed">
            {t('exceptions.notYourOwn')}
          </Text>
        ) : canDecide ? (
          <Group gap="sm">
            <Button size="xs" color="teal.9" onClick={() => setDeciding('approved')} aria-label={t('exceptions.approveFor', { name: request.clientName })}>
              {t('exceptions.approve')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setDeciding('denied')} aria-label={t('exceptions.denyFor', { name: request.clientName })}>
              {t('exceptions.deny')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {deciding ? <DecideDialog request={request} decision={deciding} onClose={() => setDeciding(null)} /> : null}
    </Paper>
  );
}

function Exceptions() {
  const { t } = useTranslation();
  const { can, session } = usePermissions();
  const canDecide = can('exception.decide');
  const [view, setView] = useState<'requested' | 'all'>('requested');
  const list = useQuery(exceptionListOptions(view));
  const members = useQuery({ ...membersOptions, enabled: can('member.read') });
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName]));
  const me = session?.user.id;

  function requesterName(userId: string): string {
    return userId === me ? t('exceptions.you') : (names.get(userId) ?? t('exceptions.colleague'));
  }

  return (
    <Stack maw={960}>
      <PageTitle title={t('exceptions.title')} description={canDecide ? t('exceptions.introDecide') : t('exceptions.introRequest')} />
      <SegmentedControl
        value={view}
        onChange={(value) => setView(value as 'requested' | 'all')}
        data={[
          { value: 'requested', label: t('exceptions.viewWaiting') },
          { value: 'all', label: t('exceptions.viewAll') },
        ]}
        aria-label={t('exceptions.viewLabel')}
        style={{ alignSelf: 'flex-start' }}
      />
      <section aria-labelledby="exceptions-list-heading">
        <Title order={2} size="h4" id="exceptions-list-heading" mb="sm">
          {view === 'requested' ? t('exceptions.viewWaiting') : canDecide ? t('exceptions.viewAll') : t('exceptions.yours')}
        </Title>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState>{view === 'requested' ? t('exceptions.noneWaiting') : t('exceptions.none')}</EmptyState>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.data.items.map((request) => (
              <RequestCard key={request.id} request={request} requester={requesterName(request.requestedBy)} canDecide={canDecide} own={request.requestedBy === me} />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

export function ExceptionsPage() {
  return (
    <RequirePermission anyOf={['exception.decide', 'exception.request']}>
      <Exceptions />
    </RequirePermission>
  );
}
