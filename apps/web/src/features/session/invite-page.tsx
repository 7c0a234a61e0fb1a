import { type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { AcceptInvitationRequest, isRole } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import type { InvitationPreviewData, Session } from '../../app/api-types';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { PublicLayout } from '../../app/layout/public-layout';
import { useSignOut } from '../../app/layout/user-menu';
import { SESSION_KEY } from '../../app/query-client';
import { isolate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { FormError, LoadingState } from '../../app/ui/states';
import { storeSession, useSession } from './session-api';

const routeApi = getRouteApi('/invite');

interface AcceptBody {
  token: string;
  displayName?: string;
  password?: string;
}

export function InvitePage() {
  const { t } = useTranslation();
  const { token } = routeApi.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session, isPending: sessionPending } = useSession();
  const signOut = useSignOut(token ? `/invite?token=${encodeURIComponent(token)}` : undefined);
  const form = useFormState({ displayName: '', password: '', confirm: '' });

  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => api<InvitationPreviewData>(`/api/invitations/preview/${encodeURIComponent(token ?? '')}`),
    enabled: Boolean(token),
    retry: false,
  });

  const accept = useMutation({
    mutationFn: (body: AcceptBody) => api<Session>('/api/invitations/accept', { method: 'POST', body }),
    onSuccess: async (next) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      storeSession(queryClient, next);
      notifySuccess(t('invite.accepted', { org: preview.data?.orgName ?? '' }));
      await navigate({ to: '/' });
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  if (!token || preview.isError) {
    return (
      <PublicLayout>
        <PageTitle title={t('invite.title')} />
        <Alert color="red" variant="light" role="alert">
          {t('invite.invalid')}
        </Alert>
      </PublicLayout>
    );
  }
  if (preview.isPending || sessionPending) {
    return (
      <PublicLayout>
        <LoadingState />
      </PublicLayout>
    );
  }

  const invitation = preview.data;
  const roleName = isRole(invitation.role) ? t(`roles.${invitation.role}`) : invitation.role;
  const sameAccount = session?.user.email.toLowerCase() === invitation.email.toLowerCase();

  function submitNewAccount(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (form.values.password !== form.values.confirm) {
      form.setErrors({ confirm: t('validation.passwordMismatch') });
      return;
    }
    const parsed = AcceptInvitationRequest.safeParse({ token, displayName: form.values.displayName, password: form.values.password });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error, t);
    if (!form.values.displayName.trim()) {
      errors.displayName = t('validation.required');
    }
    if (!parsed.success || Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    accept.mutate(parsed.data);
  }

  let body;
  if (!invitation.accountExists) {
    body = (
      <form onSubmit={submitNewAccount} noValidate>
        <Stack>
          <Title order={2} size="h4">
            {t('invite.createAccount')}
          </Title>
          <FormError error={accept.isError && !Object.keys(form.errors).length ? accept.error : null} />
          <TextInput label={t('common.email')} value={invitation.email} readOnly classNames={{ input: 'ltr-value' }} autoComplete="username" />
          <TextInput
            label={t('invite.displayName')}
            autoComplete="name"
            required
            value={form.values.displayName}
            onChange={(event) => form.setField('displayName', event.currentTarget.value)}
            error={form.errors.displayName}
          />
          <PasswordInput
            label={t('invite.password')}
            description={t('reset.hint')}
            autoComplete="new-password"
            required
            value={form.values.password}
            onChange={(event) => form.setField('password', event.currentTarget.value)}
            error={form.errors.password}
          />
          <PasswordInput
            label={t('invite.confirmPassword')}
            autoComplete="new-password"
            required
            value={form.values.confirm}
            onChange={(event) => form.setField('confirm', event.currentTarget.value)}
            error={form.errors.confirm}
          />
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('invite.submitNew')}
          </Button>
        </Stack>
      </form>
    );
  } else if (!session) {
    body = (
      <Stack>
        <Text>{t('invite.signInFirst', { email: isolate(invitation.email) })}</Text>
        <Button renderRoot={(props) => <Link to="/login" search={{ redirect: `/invite?token=${encodeURIComponent(token)}` }} {...props} />}>
          {t('invite.signIn')}
        </Button>
      </Stack>
    );
  } else if (!sameAccount) {
    body = (
      <Stack>
        <Alert color="red" variant="light" role="alert">
          {t('invite.wrongAccount', { current: isolate(session.user.email), email: isolate(invitation.email) })}
        </Alert>
        <Button variant="default" loading={signOut.isPending} onClick={() => signOut.mutate()}>
          {t('invite.signOutAndSwitch')}
        </Button>
      </Stack>
    );
  } else {
    body = (
      <Stack>
        <FormError error={accept.isError ? accept.error : null} />
        <Button loading={accept.isPending} onClick={() => accept.mutate({ token })} fullWidth>
          {t('invite.accept')}
        </Button>
      </Stack>
    );
  }

  return (
    <PublicLayout>
      <PageTitle title={t('invite.titleWithOrg', { org: invitation.orgName })} />
      <Stack>
        <Text>{t('invite.summary', { org: invitation.orgName, role: roleName })}</Text>
        <Text size="sm" c="dimmed">
          {t('invite.invitedEmail', { email: isolate(invitation.email) })}
        </Text>
        {body}
      </Stack>
    </PublicLayout>
  );
}
