import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { PasswordResetRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { PublicLayout } from '../../app/layout/public-layout';
import { FormError } from '../../app/ui/states';
import { PageTitle } from '../../app/ui/page-title';
import { sessionApi } from './session-api';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useFormState({ email: '' });
  const [sent, setSent] = useState(false);
  const request = useMutation({
    mutationFn: (email: string) => sessionApi.requestPasswordReset(email),
    onSuccess: () => setSent(true),
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = PasswordResetRequest.safeParse(form.values);
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    request.mutate(parsed.data.email);
  }

  // Only a refused request (bad input, too many tries, server down) is an error to show; whether
  // an account exists is never revealed.
  const visibleError = request.isError && !(isApiError(request.error) && Object.keys(request.error.fields).length) ? request.error : null;

  return (
    <PublicLayout>
      <PageTitle title={t('forgot.title')} />
      {sent ? (
        <Stack>
          <Alert color="blue" variant="light" icon={<IconMailCheck aria-hidden="true" />} role="status">
            {t('forgot.sent')}
          </Alert>
          <Anchor component={Link} to="/login">
            {t('forgot.backToLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text>{t('forgot.intro')}</Text>
            <FormError error={visibleError} />
            <TextInput
              label={t('forgot.email')}
              type="email"
              autoComplete="email"
              inputMode="email"
              required
              value={form.values.email}
              onChange={(event) => form.setField('email', event.currentTarget.value)}
              error={form.errors.email}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('forgot.submit')}
            </Button>
            <Anchor component={Link} to="/login" ta="center">
              {t('forgot.backToLogin')}
            </Anchor>
          </Stack>
        </form>
      )}
    </PublicLayout>
  );
}
