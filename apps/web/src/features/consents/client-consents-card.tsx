import { useRef, useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, FileButton, Group, Modal, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDownload, IconPlus, IconPrinter, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CONSENT_DOCUMENT_MAX_BYTES, CONSENT_DOCUMENT_TYPES, type ConsentStatus, type Locale, RevokeConsentRequest, SUPPORTED_LOCALES } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../app/api-types';
import { describeError, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { NATIVE_LANGUAGE_NAMES } from '../../app/i18n';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { usePermissions } from '../session/session-api';
import { clientLocale, ConsentFormModal } from './consent-form-modal';
import { type Consent, clientConsentsOptions, consentDocumentUrl, consentKeys, consentsApi } from './consents-api';

/** Shades whose white text measures at least 4.5:1 (green 9 is only 4.4:1, so teal 9). */
const STATUS_COLORS: Record<ConsentStatus, string> = { active: 'teal.9', expired: 'gray.7', revoked: 'red.9' };

function StatusBadge({ status }: { status: ConsentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled">
      {t(`consents.status.${status}`)}
    </Badge>
  );
}

function RevokeModal({ clientId, consent, onClose }: { clientId: string; consent: Consent; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [revokedOn, setRevokedOn] = useState(todayIsoDate());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const revoke = useMutation({
    mutationFn: (body: RevokeConsentRequest) => consentsApi.revoke(clientId, consent.id, body),
    onSuccess: async () => {
      notifySuccess(t('consents.revoked', { recipient: consent.recipientName }));
      await queryClient.invalidateQueries({ queryKey: consentKeys.ofClient(clientId) });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = RevokeConsentRequest.safeParse({ revokedOn, reason });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    revoke.mutate(parsed.data);
  }

  return (
    <Modal opened onClose={onClose} title={t('consents.revokeFor', { recipient: consent.recipientName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('consents.revokeIntro', { recipient: consent.recipientName })}</Text>
          <FormError error={revoke.isError && Object.keys(errors).length === 0 ? revoke.error : null} />
          <TextInput
            type="date"
            label={t('consents.revokedOnLabel')}
            required
            min={consent.signedOn}
            max={todayIsoDate()}
            value={revokedOn}
            onChange={(e) => setRevokedOn(e.currentTarget.value)}
            error={errors.revokedOn}
          />
          <Textarea
            label={t('consents.reason')}
            description={t('consents.reasonHelp')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={revoke.isPending}>
              {t('consents.confirmRevoke')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UploadButton({ clientId, consent }: { clientId: string; consent: Consent }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const resetRef = useRef<() => void>(null);
  const upload = useMutation({
    mutationFn: (file: File) => consentsApi.upload(clientId, consent.id, file),
    onSuccess: async () => {
      notifySuccess(t('consents.uploaded'));
      await queryClient.invalidateQueries({ queryKey: consentKeys.ofClient(clientId) });
    },
    onError: (error) => notifyError(describeError(error, t)),
    onSettled: () => resetRef.current?.(),
  });

  function choose(file: File | null): void {
    if (!file) {
      return;
    }
    // Checked here for a quick answer; the API checks the type (by the file's bytes) and size again.
    if (!(CONSENT_DOCUMENT_TYPES as readonly string[]).includes(file.type)) {
      notifyError(t('consents.wrongType'));
      resetRef.current?.();
      return;
    }
    if (file.size > CONSENT_DOCUMENT_MAX_BYTES) {
      notifyError(t('consents.tooLarge'));
      resetRef.current?.();
      return;
    }
    upload.mutate(file);
  }

  return (
    <FileButton resetRef={resetRef} onChange={choose} accept={CONSENT_DOCUMENT_TYPES.join(',')}>
      {(props) => (
        <Button
          {...props}
          size="xs"
          variant="light"
          loading={upload.isPending}
          leftSection={<IconUpload size={14} aria-hidden="true" />}
          aria-label={t(consent.document ? 'consents.replaceFor' : 'consents.uploadFor', { recipient: consent.recipientName })}
        >
          {consent.document ? t('consents.replace') : t('consents.upload')}
        </Button>
      )}
    </FileButton>
  );
}

function ConsentItem({ client, consent, printLanguage, onRevoke }: { client: Client; consent: Consent; printLanguage: Locale; onRevoke: () => void }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const categories = consent.dataCategories.map((c) => t(`consents.category.${c}`)).join(', ');
  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
            {consent.recipientName}
          </Text>
          <StatusBadge status={consent.status} />
        </Group>
        <Text size="sm">{consent.purpose}</Text>
        <Text size="sm" c="dimmed">
          {categories}
        </Text>
        <Text size="sm" c="dimmed">
          {t('consents.period', { signed: formatCalendarDate(consent.signedOn), expires: formatCalendarDate(consent.expiresOn) })}
        </Text>
        {consent.revokedOn ? (
          <Text size="sm" c="red.9">
            {t('consents.revokedOn', { date: formatCalendarDate(consent.revokedOn), reason: consent.revocationReason ?? '' })}
          </Text>
        ) : null}
        <Text size="sm">
          {t('consents.signedForm')}:{' '}
          {consent.document ? (
            <Anchor
              href={consentDocumentUrl(client.id, consent.id)}
              download
              aria-label={t('consents.downloadFor', { recipient: consent.recipientName, name: consent.document.filename })}
            >
              <IconDownload size={14} aria-hidden="true" /> {t('consents.download')}
            </Anchor>
          ) : (
            <Text span c="dimmed" size="sm">
              {t('consents.noSignedForm')}
            </Text>
          )}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPrinter size={14} aria-hidden="true" />}
            aria-label={t('consents.printFormFor', { recipient: consent.recipientName })}
            renderRoot={(props) => (
              <Link to="/clients/$clientId/consents/$consentId/print" params={{ clientId: client.id, consentId: consent.id }} search={{ lang: printLanguage }} {...props} />
            )}
          >
            {t('consents.printForm')}
          </Button>
          {can('client.update') ? <UploadButton clientId={client.id} consent={consent} /> : null}
          {can('client.update') && consent.status !== 'revoked' ? (
            <Button size="xs" variant="outline" color="red.9" onClick={onRevoke} aria-label={t('consents.revokeButtonFor', { recipient: consent.recipientName })}>
              {t('consents.revoke')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * A client's consents on the record page: what may be shared with whom and until when, the signed
 * forms, and the printed form and rights statement in the client's language.
 */
export function ClientConsentsCard({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<Consent | null>(null);
  const [printLanguage, setPrintLanguage] = useState<Locale>(clientLocale(client));
  const consents = useQuery(clientConsentsOptions(client.id));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-consents-heading">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="client-consents-heading">
          {t('consents.title')}
        </Title>
        {can('client.update') ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setRecording(true)}>
            {t('consents.record')}
          </Button>
        ) : null}
      </Group>
      <Stack gap="sm">
        <NativeSelect
          size="sm"
          label={t('consents.printLanguage')}
          description={t('consents.printLanguageHelp')}
          value={printLanguage}
          onChange={(e) => setPrintLanguage(e.currentTarget.value as Locale)}
          data={SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: NATIVE_LANGUAGE_NAMES[locale] }))}
        />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPrinter size={14} aria-hidden="true" />}
          renderRoot={(props) => <Link to="/clients/$clientId/rights/print" params={{ clientId: client.id }} search={{ lang: printLanguage }} {...props} />}
        >
          {t('consents.printRights')}
        </Button>
        {consents.isPending ? (
          <LoadingState />
        ) : consents.isError ? (
          <ErrorState error={consents.error} onRetry={() => void consents.refetch()} />
        ) : consents.data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('consents.none')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {consents.data.items.map((consent) => (
              <ConsentItem key={consent.id} client={client} consent={consent} printLanguage={printLanguage} onRevoke={() => setRevoking(consent)} />
            ))}
          </Stack>
        )}
      </Stack>
      {recording ? <ConsentFormModal client={client} opened={recording} onClose={() => setRecording(false)} /> : null}
      {revoking ? <RevokeModal clientId={client.id} consent={revoking} onClose={() => setRevoking(null)} /> : null}
    </Paper>
  );
}
