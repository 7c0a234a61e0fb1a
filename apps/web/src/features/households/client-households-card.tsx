import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { CreateHouseholdRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { usePermissions } from '../session/session-api';
import { clientHouseholdsOptions, householdKeys, householdsApi } from './households-api';

/** A new household with this client as its head: the usual start of a family's record. */
function NewHouseholdModal({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState<string>(t('households.defaultName', { family: client.familyName }));
  const [joinedOn, setJoinedOn] = useState(todayIsoDate());
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: householdsApi.create,
    onSuccess: async (household) => {
      notifySuccess(t('households.created', { name: household.name }));
      await queryClient.invalidateQueries({ queryKey: householdKeys.all });
      onClose();
      void navigate({ to: '/households/$householdId', params: { householdId: household.id } });
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateHouseholdRequest.safeParse({ name, members: [{ clientId: client.id, relationship: 'head', joinedOn }] });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('households.new')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('households.newIntro', { name: `${client.givenName} ${client.familyName}` })}</Text>
          <FormError error={create.isError && Object.keys(errors).length === 0 ? create.error : null} />
          {errors['members.0.clientId'] ?? errors.members ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden="true" />}>
              {errors['members.0.clientId'] ?? errors.members}
            </Alert>
          ) : null}
          <TextInput
            label={t('households.name')}
            required
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            type="date"
            label={t('households.headSince')}
            required
            max={todayIsoDate()}
            value={joinedOn}
            onChange={(e) => setJoinedOn(e.currentTarget.value)}
            error={errors['members.0.joinedOn']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('households.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ClientHouseholdsCard({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [opened, setOpened] = useState(false);
  const households = useQuery(clientHouseholdsOptions(client.id));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-households-heading">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="client-households-heading">
          {t('households.title')}
        </Title>
        {can('client.update') ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setOpened(true)}>
            {t('households.new')}
          </Button>
        ) : null}
      </Group>
      {households.isPending ? (
        <LoadingState />
      ) : households.isError ? (
        <ErrorState error={households.error} onRetry={() => void households.refetch()} />
      ) : households.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('households.noneForClient')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {households.data.items.map((household) => (
            <li key={household.id}>
              <Anchor fw={600} renderRoot={(props) => <Link to="/households/$householdId" params={{ householdId: household.id }} {...props} />}>
                {household.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t('households.currentCount', { count: household.currentMembers })}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {opened ? <NewHouseholdModal client={client} opened={opened} onClose={() => setOpened(false)} /> : null}
    </Paper>
  );
}
