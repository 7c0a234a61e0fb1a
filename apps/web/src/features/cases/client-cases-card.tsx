import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Modal, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { CreateCaseRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { clientEnrollmentsOptions } from '../intakes/intakes-api';
import { usePermissions, useSession } from '../session/session-api';
import { StageBadge, StatusBadge } from './case-labels';
import { caseKeys, caseloadOptions, casesApi, caseStaffOptions } from './cases-api';

interface OpenableEnrollment {
  id: string;
  programName: string;
}

/** Opening a case from one of the client's active enrollments: who works it and who supervises. */
function OpenCaseModal({ enrollments, onClose }: { enrollments: OpenableEnrollment[]; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const { data: session } = useSession();
  const staff = useQuery(caseStaffOptions);
  const [enrollmentId, setEnrollmentId] = useState<string | null>(enrollments[0]?.id ?? null);
  const [caseManagerId, setCaseManagerId] = useState<string | null>(session?.user.id ?? null);
  const [supervisorId, setSupervisorId] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const open = useMutation({
    mutationFn: casesApi.open,
    onSuccess: async (kase) => {
      notifySuccess(t('cases.open.opened', { reference: kase.reference }));
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      onClose();
      void navigate({ to: '/cases/$caseId', params: { caseId: kase.id } });
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateCaseRequest.safeParse({
      enrollmentId: enrollmentId ?? '',
      ...(caseManagerId ? { primaryCaseManagerId: caseManagerId } : {}),
      ...(supervisorId ? { supervisorId } : {}),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    open.mutate(parsed.data);
  }

  const managers = (staff.data?.caseManagers ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (session && !managers.some((m) => m.value === session.user.id)) {
    managers.unshift({ value: session.user.id, label: session.user.displayName });
  }

  return (
    <Modal opened onClose={onClose} title={t('cases.open.title')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={open.isError && Object.keys(errors).length === 0 ? open.error : null} />
          <Select
            label={t('cases.open.enrollment')}
            required
            data={enrollments.map((e) => ({ value: e.id, label: e.programName }))}
            value={enrollmentId}
            onChange={setEnrollmentId}
            error={errors.enrollmentId}
            allowDeselect={false}
          />
          <Select
            label={t('cases.open.caseManager')}
            required
            data={managers}
            value={caseManagerId}
            onChange={setCaseManagerId}
            error={errors.primaryCaseManagerId}
            searchable
            nothingFoundMessage={t('common.noOptions')}
          />
          <Select
            label={t('cases.open.supervisor')}
            data={(staff.data?.supervisors ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={supervisorId}
            onChange={setSupervisorId}
            error={errors.supervisorId}
            clearable
            searchable
            nothingFoundMessage={t('common.noOptions')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={open.isPending}>
              {t('cases.open.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The client page's "Cases" section: the client's cases, and opening one for an enrollment without. */
export function ClientCasesCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [opening, setOpening] = useState(false);
  const cases = useQuery({ ...caseloadOptions({ clientId, status: 'all' }), enabled: can('case.read') });
  const enrollments = useQuery({ ...clientEnrollmentsOptions(clientId), enabled: can('case.manage') });
  if (!can('case.read')) {
    return null;
  }
  const withCase = new Set((cases.data?.items ?? []).filter((c) => c.status !== 'closed').map((c) => c.program.id));
  // An enrollment with a case the caller cannot see is refused by the API (409) with a message.
  const openable: OpenableEnrollment[] = (enrollments.data?.items ?? [])
    .filter((e) => e.status === 'active' && !withCase.has(e.programId))
    .map((e) => ({ id: e.id, programName: e.programName }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-cases-heading">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="client-cases-heading">
          {t('cases.title')}
        </Title>
        {can('case.manage') && openable.length > 0 ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setOpening(true)}>
            {t('cases.open.button')}
          </Button>
        ) : null}
      </Group>
      {cases.isPending ? (
        <LoadingState />
      ) : cases.isError ? (
        <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('cases.noneForClient')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {cases.data.items.map((item) => (
            <li key={item.id}>
              <Anchor fw={600} renderRoot={(props) => <Link to="/cases/$caseId" params={{ caseId: item.id }} {...props} />}>
                {item.reference} · {item.program.name}
              </Anchor>
              <Group gap={4} mt={2} wrap="wrap">
                <StageBadge stage={item.stage} />
                <StatusBadge status={item.status} />
              </Group>
              <Text size="sm" c="dimmed">
                {t('cases.caseload.caseManager')}: {item.primaryCaseManager.name}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {opening ? <OpenCaseModal enrollments={openable} onClose={() => setOpening(false)} /> : null}
    </Paper>
  );
}
