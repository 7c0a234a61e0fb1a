import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Code, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MfaConfirmRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { isApiError } from '../../app/api-client';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { FormError } from '../../app/ui/states';
import { sessionApi, storeSession, useSession } from './session-api';

interface SetupData {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

async function startSetup(): Promise<SetupData> {
  const { secret, otpauthUrl } = await sessionApi.mfaSetup();
  // Loaded only here, so the QR encoder is not part of every page's download.
  const QRCode = await import('qrcode');
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
  return { secret, otpauthUrl, qrDataUrl };
}

/** Groups a base32 secret in fours so it can be read out and typed without losing one's place. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** TOTP enrolment: start, scan (or type the key), confirm with a code. */
export function MfaEnrolment({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<SetupData | null>(null);
  const form = useFormState({ code: '' });

  const start = useMutation({ mutationFn: startSetup, onSuccess: setSetup });
  const confirm = useMutation({
    mutationFn: (code: string) => sessionApi.mfaConfirm(code),
    onSuccess: (session) => {
      storeSession(queryClient, session);
      notifySuccess(t('mfa.enabled'));
      setSetup(null);
      form.reset({ code: '' });
      onDone?.();
    },
    onError: (error) => {
      const fields = serverFieldErrors(error, t);
      if (!fields.code && isApiError(error) && (error.code === 'invalid_credentials' || error.code === 'bad_request' || error.code === 'validation_failed')) {
        fields.code = t('errors.invalid_code');
      }
      form.setErrors(fields);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = MfaConfirmRequest.safeParse({ code: form.values.code.trim() });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    confirm.mutate(parsed.data.code);
  }

  if (!setup) {
    return (
      <Stack align="flex-start">
        <FormError error={start.isError ? start.error : null} />
        <Button leftSection={<IconShieldLock aria-hidden="true" size={18} />} loading={start.isPending} onClick={() => start.mutate()}>
          {t('mfa.start')}
        </Button>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <List type="ordered" spacing="md">
          <List.Item>
            <Stack gap="sm">
              <Text>{t('mfa.step1')}</Text>
              <Box bg="white" p="xs" w={236} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}>
                <Image src={setup.qrDataUrl} alt={t('mfa.qrAlt')} w={220} h={220} />
              </Box>
              <Text size="sm">{t('mfa.manual')}</Text>
              <Code block aria-label={t('mfa.secretLabel')} className="ltr-value" style={{ fontSize: 'var(--mantine-font-size-md)', letterSpacing: 1 }}>
                {groupSecret(setup.secret)}
              </Code>
            </Stack>
          </List.Item>
          <List.Item>
            <Stack gap="sm">
              <Text>{t('mfa.step2')}</Text>
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
            </Stack>
          </List.Item>
        </List>
        <FormError error={confirm.isError && !Object.keys(form.errors).length ? confirm.error : null} />
        <Button type="submit" loading={confirm.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('mfa.confirm')}
        </Button>
      </Stack>
    </form>
  );
}

/** Full page shown instead of everything else while the organization requires MFA. */
export function MfaEnrolmentPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  return (
    <Stack maw={640}>
      <PageTitle title={t('mfa.enrolTitle')} />
      {forced ? (
        <Alert color="blue" variant="light" icon={<IconShieldLock aria-hidden="true" />}>
          {session?.activeOrganization
            ? t('mfa.requiredByOrg', { org: session.activeOrganization.name })
            : t('errors.mfa_enrollment_required')}
        </Alert>
      ) : null}
      <Text>{t('mfa.intro')}</Text>
      <MfaEnrolment />
    </Stack>
  );
}
