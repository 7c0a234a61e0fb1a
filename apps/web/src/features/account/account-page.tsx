import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Card, NativeSelect, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ChangePasswordRequest,
  MfaDisableRequest,
  SUPPORTED_LOCALES,
  UpdateProfileRequest,
  type Locale,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { NATIVE_LANGUAGE_NAMES, i18n, isLocale, storeLocale } from '../../app/i18n';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { FormError } from '../../app/ui/states';
import { MfaEnrolment } from '../session/mfa-enrolment-page';
import { TaskDigestSwitch } from '../tasks/digest-switch';
import { MyCredentialsCard } from '../credentials/my-credentials-card';
import { sessionApi, storeSession, useSession } from '../session/session-api';
import type { Session } from '../../app/api-types';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h3" mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function ProfileForm({ session }: { session: Session }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState({ displayName: session.user.displayName, locale: session.user.locale as string });
  const { reset } = form;
  useEffect(() => {
    reset({ displayName: session.user.displayName, locale: session.user.locale });
  }, [session.user.displayName, session.user.locale, reset]);

  const save = useMutation({
    mutationFn: (body: { displayName?: string; locale?: Locale }) => sessionApi.updateProfile(body),
    onSuccess: (updated) => {
      storeSession(queryClient, updated);
      if (isLocale(updated.user.locale)) {
        storeLocale(updated.user.locale);
        void i18n.changeLanguage(updated.user.locale);
      }
      notifySuccess(i18n.t('account.profileSaved'));
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = UpdateProfileRequest.safeParse({ displayName: form.values.displayName, locale: form.values.locale });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
        <TextInput label={t('common.email')} value={session.user.email} readOnly classNames={{ input: 'ltr-value' }} />
        <TextInput
          label={t('account.displayName')}
          required
          autoComplete="name"
          value={form.values.displayName}
          onChange={(event) => form.setField('displayName', event.currentTarget.value)}
          error={form.errors.displayName}
        />
        <NativeSelect
          label={t('account.language')}
          value={form.values.locale}
          onChange={(event) => form.setField('locale', event.currentTarget.value)}
          data={SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: NATIVE_LANGUAGE_NAMES[locale] }))}
          error={form.errors.locale}
        />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('account.saveProfile')}
        </Button>
      </Stack>
    </form>
  );
}

const EMPTY_PASSWORDS = { currentPassword: '', newPassword: '', confirm: '' };

function PasswordForm() {
  const { t } = useTranslation();
  const form = useFormState(EMPTY_PASSWORDS);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => sessionApi.changePassword(body),
    onSuccess: () => {
      form.reset(EMPTY_PASSWORDS);
      notifySuccess(t('account.passwordChanged'));
    },
    onError: (error) => {
      const fields = serverFieldErrors(error, t);
      if (isApiError(error) && error.code === 'invalid_credentials' && !fields.currentPassword) {
        fields.currentPassword = t('errors.invalid_credentials');
      }
      form.setErrors(fields);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = ChangePasswordRequest.safeParse({ currentPassword: form.values.currentPassword, newPassword: form.values.newPassword });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error, t);
    if (!errors.newPassword && form.values.newPassword !== form.values.confirm) {
      errors.confirm = t('validation.passwordMismatch');
    }
    if (!parsed.success || Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    change.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <FormError error={change.isError && !Object.keys(form.errors).length ? change.error : null} />
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          required
          value={form.values.currentPassword}
          onChange={(event) => form.setField('currentPassword', event.currentTarget.value)}
          error={form.errors.currentPassword}
        />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('reset.hint')}
          autoComplete="new-password"
          required
          value={form.values.newPassword}
          onChange={(event) => form.setField('newPassword', event.currentTarget.value)}
          error={form.errors.newPassword}
        />
        <PasswordInput
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          required
          value={form.values.confirm}
          onChange={(event) => form.setField('confirm', event.currentTarget.value)}
          error={form.errors.confirm}
        />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('account.changePassword')}
        </Button>
      </Stack>
    </form>
  );
}

function MfaSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState({ password: '', code: '' });
  const [blocked, setBlocked] = useState(false);
  const disable = useMutation({
    mutationFn: (body: { password: string; code: string }) => sessionApi.mfaDisable(body),
    onSuccess: (updated) => {
      storeSession(queryClient, updated);
      form.reset({ password: '', code: '' });
      notifySuccess(t('mfa.disabledNotice'));
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'conflict') {
        setBlocked(true);
        return;
      }
      const fields = serverFieldErrors(error, t);
      if (isApiError(error) && error.code === 'invalid_credentials' && !fields.password && !fields.code) {
        fields.code = t('errors.invalid_code');
      }
      form.setErrors(fields);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = MfaDisableRequest.safeParse({ password: form.values.password, code: form.values.code.trim() });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    disable.mutate(parsed.data);
  }

  const state = session.user.mfaEnabled ? t('common.on') : t('common.off');
  return (
    <Stack>
      <Text fw={600}>{t('mfa.status', { state })}</Text>
      {session.user.mfaEnabled ? (
        <form onSubmit={submit} noValidate>
          <Stack maw={480}>
            <Title order={3} size="h4">
              {t('mfa.disableTitle')}
            </Title>
            <Text size="sm">{t('mfa.disableIntro')}</Text>
            {blocked || session.activeOrganization?.mfaRequired ? (
              <Alert color="blue" variant="light" role="status">
                {t('mfa.blockedByOrg')}
              </Alert>
            ) : null}
            <FormError error={disable.isError && !blocked && !Object.keys(form.errors).length ? disable.error : null} />
            <PasswordInput
              label={t('mfa.password')}
              autoComplete="current-password"
              required
              value={form.values.password}
              onChange={(event) => form.setField('password', event.currentTarget.value)}
              error={form.errors.password}
            />
            <TextInput
              label={t('mfa.code')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              required
              value={form.values.code}
              onChange={(event) => form.setField('code', event.currentTarget.value.replace(/\D/g, ''))}
              error={form.errors.code}
              classNames={{ input: 'ltr-value' }}
              maw={220}
            />
            <Button type="submit" color="red" variant="outline" loading={disable.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('mfa.disable')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Stack>
          <Text>{t('mfa.intro')}</Text>
          <MfaEnrolment />
        </Stack>
      )}
    </Stack>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  if (!session) {
    return null;
  }
  return (
    <Stack>
      <PageTitle title={t('account.title')} />
      <Section title={t('account.profile')}>
        <ProfileForm session={session} />
      </Section>
      <Section title={t('account.passwordTitle')}>
        <PasswordForm />
      </Section>
      <Section title={t('account.mfaTitle')}>
        <MfaSection session={session} />
      </Section>
      {session.activeOrganization ? (
        <Section title={t('tasks.digest.title')}>
          <TaskDigestSwitch />
        </Section>
      ) : null}
      {session.activeOrganization ? <MyCredentialsCard /> : null}
    </Stack>
  );
}
