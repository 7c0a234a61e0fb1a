import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { PasswordResetConfirmRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { PublicLayout } from '../../app/layout/public-layout';
import { FormError } from '../../app/ui/states';
import { PageTitle } from '../../app/ui/page-title';
import { sessionApi } from './session-api';

const routeApi = getRouteApi('/reset-password');

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = routeApi.useSearch();
  const form = useFormState({ password: '', confirm: '' });
  const [done, setDone] = useState(false);
  const [tokenRejected, setTokenRejected] = useState(false);
  const confirm = useMutation({
    mutationFn: (body: { token: string; password: string }) => sessionApi.confirmPasswordReset(body),
    onSuccess: () => setDone(true),
    onError: (error) => {
      const fields = serverFieldErrors(error, t);
      if (fields.token || (isApiError(error) && (error.code === 'not_found' || (error.code === 'bad_request' && !fields.password)))) {
        setTokenRejected(true);
        return;
      }
      form.setErrors(fields);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (form.values.password !== form.values.confirm) {
      form.setErrors({ confirm: t('validation.passwordMismatch') });
      return;
    }
    const parsed = PasswordResetConfirmRequest.safeParse({ token, password: form.values.password });
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, t);
      if (errors.token) {
        setTokenRejected(true);
        return;
      }
      form.setErrors(errors);
      return;
    }
    confirm.mutate(parsed.data);
  }

  const requestNew = (
    <Anchor component={Link} to="/forgot-password">
      {t('reset.requestNew')}
    </Anchor>
  );

  let content;
  if (!token) {
    content = (
      <Stack>
        <Alert color="red" variant="light" role="alert">
          {t('reset.missingToken')}
        </Alert>
        {requestNew}
      </Stack>
    );
  } else if (tokenRejected) {
    content = (
      <Stack>
        <Alert color="red" variant="light" role="alert">
          {t('reset.invalidToken')}
        </Alert>
        {requestNew}
      </Stack>
    );
  } else if (done) {
    content = (
      <Stack>
        <Alert color="blue" variant="light" icon={<IconCircleCheck aria-hidden="true" />} role="status">
          {t('reset.done')}
        </Alert>
        <Button renderRoot={(props) => <Link to="/login" search={{}} {...props} />}>{t('reset.signIn')}</Button>
      </Stack>
    );
  } else {
    content = (
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('reset.hint')}</Text>
          <FormError error={confirm.isError && !Object.keys(form.errors).length ? confirm.error : null} />
          <PasswordInput
            label={t('reset.newPassword')}
            autoComplete="new-password"
            required
            value={form.values.password}
            onChange={(event) => form.setField('password', event.currentTarget.value)}
            error={form.errors.password}
          />
          <PasswordInput
            label={t('reset.confirmPassword')}
            autoComplete="new-password"
            required
            value={form.values.confirm}
            onChange={(event) => form.setField('confirm', event.currentTarget.value)}
            error={form.errors.confirm}
          />
          <Button type="submit" loading={confirm.isPending} fullWidth>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <PublicLayout>
      <PageTitle title={t('reset.title')} />
      {content}
    </PublicLayout>
  );
}
