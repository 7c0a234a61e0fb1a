import { type FormEvent } from 'react';
import { Badge, Button, Card, Group, NativeSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreateInvitationRequest, ROLES, isRole, type Role } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Invitation, Member } from '../../app/api-types';
import { describeError, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { formatDate, formatDateTime } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { adminApi, adminKeys, invitationsOptions, membersOptions } from './admin-api';

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

const INVITATION_COLORS: Record<Invitation['status'], string> = {
  pending: 'blue',
  accepted: 'gray',
  revoked: 'red',
  expired: 'gray',
};

function MembersSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { can, session } = usePermissions();
  const members = useQuery(membersOptions);
  const roleOptions = useRoleOptions();
  const canUpdate = can('member.update');

  const update = useMutation({
    mutationFn: ({ member, body }: { member: Member; body: { role?: Role; status?: 'active' | 'suspended' } }) =>
      adminApi.updateMember(member.userId, body),
    onSuccess: async (updated) => {
      notifySuccess(t('users.updated', { name: updated.displayName }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.members });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  let content;
  if (members.isPending) {
    content = <LoadingState />;
  } else if (members.isError) {
    content = <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  } else if (members.data.items.length === 0) {
    content = <EmptyState>{t('users.noMembers')}</EmptyState>;
  } else {
    content = (
      <ScrollTable caption={t('users.members')} minWidth={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.name')}</Table.Th>
            <Table.Th scope="col">{t('users.email')}</Table.Th>
            <Table.Th scope="col">{t('users.role')}</Table.Th>
            <Table.Th scope="col">{t('users.status')}</Table.Th>
            <Table.Th scope="col">{t('users.mfa')}</Table.Th>
            <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.data.items.map((member) => {
            const isSelf = member.userId === session?.user.id;
            const busy = update.isPending && update.variables.member.userId === member.userId;
            return (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {member.displayName}
                    {isSelf ? ` (${t('users.you')})` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <span className="ltr-value">{member.email}</span>
                </Table.Td>
                <Table.Td>
                  {canUpdate && !isSelf ? (
                    <NativeSelect
                      aria-label={t('users.roleFor', { name: member.displayName })}
                      size="xs"
                      value={member.role}
                      disabled={busy}
                      data={roleOptions}
                      onChange={(event) => {
                        const role = event.currentTarget.value;
                        if (isRole(role) && role !== member.role) {
                          update.mutate({ member, body: { role } });
                        }
                      }}
                    />
                  ) : (
                    t(`roles.${member.role}`)
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge color={member.status === 'active' ? 'blue' : 'red'} variant="light">
                      {t(`users.memberStatus.${member.status}`)}
                    </Badge>
                    {canUpdate && !isSelf ? (
                      <Button
                        size="compact-xs"
                        variant="default"
                        loading={busy}
                        aria-label={
                          member.status === 'active'
                            ? t('users.suspendLabel', { name: member.displayName })
                            : t('users.reactivateLabel', { name: member.displayName })
                        }
                        onClick={() => update.mutate({ member, body: { status: member.status === 'active' ? 'suspended' : 'active' } })}
                      >
                        {member.status === 'active' ? t('users.suspend') : t('users.reactivate')}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{member.mfaEnabled ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>{member.lastLoginAt ? formatDateTime(member.lastLoginAt) : t('users.never')}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
    );
  }

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('users.members')}
      </Title>
      {content}
    </Stack>
  );
}

const EMPTY_INVITE: { email: string; role: string } = { email: '', role: 'case_manager' };

function InviteForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const form = useFormState(EMPTY_INVITE);
  const invite = useMutation({
    mutationFn: adminApi.invite,
    onSuccess: async (invitation) => {
      notifySuccess(t('users.invited', { email: invitation.email }));
      form.reset(EMPTY_INVITE);
      await queryClient.invalidateQueries({ queryKey: adminKeys.invitations });
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateInvitationRequest.safeParse(form.values);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, t);
      if (errors.role) {
        errors.role = t('validation.role');
      }
      form.setErrors(errors);
      return;
    }
    invite.mutate(parsed.data);
  }

  return (
    <Card withBorder padding="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('users.invite')}
          </Title>
          <Text size="sm">{t('users.inviteIntro')}</Text>
          <FormError error={invite.isError && !Object.keys(form.errors).length ? invite.error : null} />
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              label={t('users.email')}
              type="email"
              autoComplete="off"
              required
              value={form.values.email}
              onChange={(event) => form.setField('email', event.currentTarget.value)}
              error={form.errors.email}
              style={{ flex: '1 1 16rem' }}
            />
            <Select
              label={t('users.role')}
              required
              data={roleOptions}
              value={form.values.role || null}
              onChange={(value) => form.setField('role', value ?? '')}
              error={form.errors.role}
              allowDeselect={false}
              style={{ flex: '1 1 12rem' }}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          <Button type="submit" loading={invite.isPending} leftSection={<IconSend size={16} aria-hidden="true" />} style={{ alignSelf: 'flex-start' }}>
            {t('users.inviteSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function InvitationsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsOptions);
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => adminApi.revokeInvitation(invitation.id),
    onSuccess: async (_result, invitation) => {
      notifySuccess(t('users.revoked', { email: invitation.email }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.invitations });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  let content;
  if (invitations.isPending) {
    content = <LoadingState />;
  } else if (invitations.isError) {
    content = <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  } else if (invitations.data.items.length === 0) {
    content = <EmptyState>{t('users.noInvitations')}</EmptyState>;
  } else {
    content = (
      <ScrollTable caption={t('users.invitations')} minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.email')}</Table.Th>
            <Table.Th scope="col">{t('users.role')}</Table.Th>
            <Table.Th scope="col">{t('users.status')}</Table.Th>
            <Table.Th scope="col">{t('users.invitedBy')}</Table.Th>
            <Table.Th scope="col">{t('users.sentOn')}</Table.Th>
            <Table.Th scope="col">{t('users.expires')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.data.items.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>
                <span className="ltr-value">{invitation.email}</span>
              </Table.Td>
              <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
              <Table.Td>
                <Badge color={INVITATION_COLORS[invitation.status]} variant="light">
                  {t(`users.invitationStatus.${invitation.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{invitation.invitedBy ?? t('common.none')}</Table.Td>
              <Table.Td>{formatDate(invitation.createdAt)}</Table.Td>
              <Table.Td>{formatDate(invitation.expiresAt)}</Table.Td>
              <Table.Td>
                {invitation.status === 'pending' ? (
                  <Button
                    size="compact-xs"
                    variant="default"
                    color="red"
                    aria-label={t('users.revokeLabel', { email: invitation.email })}
                    loading={revoke.isPending && revoke.variables.id === invitation.id}
                    onClick={() => revoke.mutate(invitation)}
                  >
                    {t('users.revoke')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  }

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('users.invitations')}
      </Title>
      {content}
    </Stack>
  );
}

function UsersAdmin() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <Stack gap="xl">
      <PageTitle title={t('users.title')} />
      {can('member.invite') ? <InviteForm /> : null}
      {can('member.read') ? <MembersSection /> : null}
      {can('member.invite') ? <InvitationsSection /> : null}
    </Stack>
  );
}

export function UsersPage() {
  return (
    <RequirePermission anyOf={['member.read', 'member.invite']}>
      <UsersAdmin />
    </RequirePermission>
  );
}
