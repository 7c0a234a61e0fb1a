import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { CreateMatterRequest, isProtectedMatterType, MATTER_TYPES, type MatterRepresentative, type MatterType } from '@haven/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { programsOptions } from '../admin/admin-api';
import { usePermissions, useSession } from '../session/session-api';
import { MatterStatusBadge, matterTypeLabel } from './matter-labels';
import { clientMattersOptions, matterKeys, mattersApi, representativesOptions } from './matters-api';
import { ruleDeadlineTitle } from './deadline-labels';

/** "Amira Haddad — attorney (NY)" / "— accredited representative (partial accreditation)". */
function representativeLabel(t: TFunction, person: MatterRepresentative): string {
  const parts = person.credentials.map((c) => {
    if (c.kind === 'attorney') {
      return `${t('matters.open.attorney')}${c.barState ? ` (${c.barState})` : ''}${c.supervisingAttorney ? `, ${t('matters.open.supervising')}` : ''}`;
    }
    return `${t('matters.open.accredited')}${c.accreditationLevel === 'partial' ? ` (${t('matters.open.partial')})` : ''}`;
  });
  return `${person.name} — ${parts.join('; ')}`;
}

/** Opening a legal matter: type, program, representative, and the arrival the one-year deadline counts from. */
function OpenMatterModal({ clientId, clientArrival, onClose }: { clientId: string; clientArrival: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const { data: session } = useSession();
  const programs = useQuery(programsOptions);
  const representatives = useQuery(representativesOptions);
  const [type, setType] = useState<MatterType | null>('affirmative_asylum');
  const [programId, setProgramId] = useState<string | null>(null);
  const [representativeId, setRepresentativeId] = useState<string | null>(null);
  const [supervisingAttorneyId, setSupervisingAttorneyId] = useState<string | null>(null);
  const [arrival, setArrival] = useState(clientArrival ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const people = representatives.data?.items ?? [];
  const activePrograms = (programs.data?.items ?? []).filter((p) => p.active);
  // Defaults once the lists arrive: the only program, and me when I may represent.
  const chosenProgram = programId ?? (activePrograms.length === 1 ? activePrograms[0]!.id : null);
  const chosenRepresentative = representativeId ?? (people.some((p) => p.id === session?.user.id) ? (session?.user.id ?? null) : null);

  const open = useMutation({
    mutationFn: mattersApi.open,
    onSuccess: async (matter) => {
      notifySuccess(t('matters.open.opened', { reference: matter.reference }));
      await queryClient.invalidateQueries({ queryKey: matterKeys.all });
      onClose();
      void navigate({ to: '/matters/$matterId', params: { matterId: matter.id }, search: { tab: 'deadlines' } });
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    // The client's own arrival is read from the record; only a different one is stored on the matter.
    const facts = arrival && arrival !== clientArrival ? { lastArrivalDate: arrival } : undefined;
    const parsed = CreateMatterRequest.safeParse({
      clientId,
      programId: chosenProgram ?? '',
      type: type ?? '',
      ...(chosenRepresentative ? { representativeId: chosenRepresentative } : {}),
      ...(supervisingAttorneyId ? { supervisingAttorneyId } : {}),
      ...(facts ? { facts } : {}),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    open.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('matters.open.title')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={open.isError && Object.keys(errors).length === 0 ? open.error : null} />
          <Select
            label={t('matters.open.type')}
            required
            data={MATTER_TYPES.map((value) => ({ value, label: matterTypeLabel(t, value) }))}
            value={type}
            onChange={(value) => setType(value as MatterType | null)}
            error={errors.type}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.noOptions')}
          />
          {type && isProtectedMatterType(type) ? (
            <Alert color="orange.9" variant="light">
              {t('matters.open.protectedHint')}
            </Alert>
          ) : null}
          <Select
            label={t('matters.open.program')}
            required
            data={activePrograms.map((p) => ({ value: p.id, label: p.name }))}
            value={chosenProgram}
            onChange={setProgramId}
            error={errors.programId}
            allowDeselect={false}
          />
          <Select
            label={t('matters.open.representative')}
            description={t('matters.open.representativeHint')}
            data={people.map((p) => ({ value: p.id, label: representativeLabel(t, p) }))}
            value={chosenRepresentative}
            onChange={setRepresentativeId}
            error={errors.representativeId}
            clearable
            searchable
            nothingFoundMessage={t('common.noOptions')}
          />
          <Select
            label={t('matters.open.supervisingAttorney')}
            data={people.filter((p) => p.credentials.some((c) => c.supervisingAttorney)).map((p) => ({ value: p.id, label: p.name }))}
            value={supervisingAttorneyId}
            onChange={setSupervisingAttorneyId}
            error={errors.supervisingAttorneyId}
            clearable
            searchable
            nothingFoundMessage={t('common.noOptions')}
          />
          <TextInput
            type="date"
            label={t('matters.open.arrival')}
            description={t('matters.open.arrivalHint')}
            value={arrival}
            onChange={(e) => setArrival(e.currentTarget.value)}
            error={errors['facts.lastArrivalDate']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('matters.deadlines.cancel')}
            </Button>
            <Button type="submit" loading={open.isPending}>
              {t('matters.open.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The client page's "Legal matters" section: the client's matters, and opening one. */
export function ClientMattersCard({ clientId, lastArrivalDate }: { clientId: string; lastArrivalDate: string | null }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [opening, setOpening] = useState(false);
  const matters = useQuery({ ...clientMattersOptions(clientId), enabled: can('matter.read') });
  if (!can('matter.read')) {
    return null;
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-matters-heading">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="client-matters-heading">
          {t('matters.clientCard.title')}
        </Title>
        {can('matter.manage') ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setOpening(true)}>
            {t('matters.clientCard.open')}
          </Button>
        ) : null}
      </Group>
      {matters.isPending ? (
        <LoadingState />
      ) : matters.isError ? (
        <ErrorState error={matters.error} onRetry={() => void matters.refetch()} />
      ) : matters.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('matters.clientCard.none')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {matters.data.items.map((item) => (
            <li key={item.id}>
              <Anchor fw={600} renderRoot={(props) => <Link to="/matters/$matterId" params={{ matterId: item.id }} {...props} />}>
                {item.reference} · {matterTypeLabel(t, item.type)}
              </Anchor>
              <Group gap={4} mt={2} wrap="wrap">
                <MatterStatusBadge status={item.status} />
              </Group>
              {item.nextDeadline ? (
                <Text size="sm">
                  {ruleDeadlineTitle(t, item.nextDeadline.ruleId, item.nextDeadline.title)} · {formatCalendarDate(item.nextDeadline.dueOn)}
                </Text>
              ) : null}
              <Text size="sm" c="dimmed">
                {t('matters.clientCard.representative', { name: item.representative?.name ?? t('matters.list.unassigned') })}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {opening ? <OpenMatterModal clientId={clientId} clientArrival={lastArrivalDate} onClose={() => setOpening(false)} /> : null}
    </Paper>
  );
}
