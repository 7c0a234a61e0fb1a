import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { CreateSessionRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import type { Session } from '../../app/api-types';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { PublicLayout } from '../../app/layout/public-layout';
import { SESSION_KEY } from '../../app/query-client';
import { FormError, LoadingState } from '../../app/ui/states';
import { PageTitle } from '../../app/ui/page-title';
import { takeExplicitLocaleChoice } from './locale-choice';
import { sessionApi, storeSession, useSession, type SignInBody } from './session-api';

const routeApi = getRouteApi('/login');

/** Only same-site paths: an open redirect would let a phishing link bounce through Haven. */
export function safeRedirect(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) {
    return '/';
  }
  return value;
}

async function signInAndApplyLocale(body: SignInBody): Promise<Session> {
  let session = await sessionApi.signIn(body);
  const chosen = takeExplicitLocaleChoice();
  if (chosen && chosen !== session.user.locale) {
    try {
      session = await sessionApi.updateProfile({ locale: chosen });
    } catch {
      // Saving the language is a convenience; signing in has already succeeded.
    }
  }
  return session;
}

/** Already signed in: continue to where the user was going. */
function RedirectTo({ href }: { href: string }) {
  const navigate = useNavigate();
  useEffect(() => {
    void navigate({ href, replace: true });
  }, [href, navigate]);
  return null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { redirect } = routeApi.useSearch();
  const target = safeRedirect(redirect);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session, isPending } = useSession();
  const [step, setStep] = useState<'credentials' | 'totp'>('credentials');
  const form = useFormState({ email: '', password: '', totp: '' });
  const [formError, setFormError] = useState<unknown>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const signIn = useMutation({
    mutationFn: signInAndApplyLocale,
    onSuccess: async (next) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      storeSession(queryClient, next);
      await navigate({ href: target, replace: true });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'mfa_required') {
        if (step === 'totp') {
          // The code was sent and refused: the API asks for one again.
          form.setErrors({ totp: t('errors.invalid_code') });
        } else {
          setStep('totp');
          setFormError(null);
          window.setTimeout(() => codeRef.current?.focus(), 0);
        }
        return;
      }
      const fields = serverFieldErrors(error, t);
      if (step === 'totp' && isApiError(error) && error.code === 'invalid_credentials') {
        fields.totp = t('errors.invalid_code');
      }
      form.setErrors(fields);
      // Field messages say what to fix; the banner is for failures no field explains.
      setFormError(Object.keys(fields).length ? null : error);
    },
  });

  if (isPending) {
    return (
      <PublicLayout>
        <LoadingState />
      </PublicLayout>
    );
  }
  if (session) {
    return <RedirectTo href={target} />;
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setFormError(null);
    const body = {
      email: form.values.email,
      password: form.values.password,
      ...(step === 'totp' ? { totp: form.values.totp.trim() } : {}),
    };
    const parsed = CreateSessionRequest.safeParse(body);
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    signIn.mutate(parsed.data);
  }

  function startOver(): void {
    setStep('credentials');
    form.reset({ email: form.values.email, password: '', totp: '' });
    setFormError(null);
  }

  return (
    <PublicLayout>
      <PageTitle
        title={step === 'credentials' ? t('login.title') : t('login.mfaTitle')}
        description={step === 'credentials' ? t('app.tagline') : undefined}
      />
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={formError} />
          {step === 'credentials' ? (
            <>
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={form.values.email}
                onChange={(event) => form.setField('email', event.currentTarget.value)}
                error={form.errors.email}
                data-autofocus
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                required
                value={form.values.password}
                onChange={(event) => form.setField('password', event.currentTarget.value)}
                error={form.errors.password}
              />
              <Button type="submit" loading={signIn.isPending} fullWidth>
                {t('login.submit')}
              </Button>
              <Group justify="center">
                <Anchor component={Link} to="/forgot-password">
                  {t('login.forgot')}
                </Anchor>
              </Group>
            </>
          ) : (
            <>
              <Text>{t('login.mfaIntro')}</Text>
              <TextInput
                ref={codeRef}
                label={t('login.code')}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                required
                value={form.values.totp}
                onChange={(event) => form.setField('totp', event.currentTarget.value.replace(/\D/g, ''))}
                error={form.errors.totp}
                classNames={{ input: 'ltr-value' }}
              />
              <Button type="submit" loading={signIn.isPending} fullWidth>
                {t('login.verify')}
              </Button>
              <Button variant="subtle" onClick={startOver}>
                {t('login.useDifferentAccount')}
              </Button>
            </>
          )}
        </Stack>
      </form>
    </PublicLayout>
  );
}
