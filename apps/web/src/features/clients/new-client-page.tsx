import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/ui/page-title';
import { FormError } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { ClientForm } from './client-form';
import { DuplicateCandidateList } from './duplicate-candidates';
import { useClientRegistration } from './use-client-registration';

export function BackToClients() {
  const { t, i18n } = useTranslation();
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  return (
    <Anchor renderRoot={(props) => <Link to="/clients" search={{}} {...props} />}>
      <Group gap={4} component="span" wrap="nowrap">
        <BackIcon size={16} aria-hidden="true" />
        {t('clients.backToList')}
      </Group>
    </Anchor>
  );
}

function NewClient() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 36em)');
  const registration = useClientRegistration({
    onCreated: (client) => void navigate({ to: '/clients/$clientId', params: { clientId: client.id } }),
  });
  const { values, setValues, errors, setErrors, candidates, setCandidates, requestError } = registration;
  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <Stack maw={960}>
      <BackToClients />
      <PageTitle title={t('clientForm.newTitle')} description={t('clientForm.newIntro')} />
      <ClientForm
        form={{ values, setValues, errors, setErrors }}
        mode="create"
        submitLabel={t('clientForm.register')}
        submitting={registration.pending}
        onSubmit={registration.submit}
        onCancel={() => void navigate({ to: '/clients', search: {} })}
        notice={<FormError error={requestError && !hasFieldErrors ? requestError : null} />}
      />
      <Modal
        opened={candidates !== null}
        onClose={() => setCandidates(null)}
        title={t('duplicates.title')}
        size="lg"
        fullScreen={phone}
      >
        <Stack>
          <Text>{t('duplicates.intro')}</Text>
          <DuplicateCandidateList items={candidates?.items ?? []} openLabel={t('duplicates.openExisting')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" onClick={() => setCandidates(null)}>
              {t('duplicates.backToForm')}
            </Button>
            <Button variant="default" loading={registration.registering} onClick={registration.registerAnyway}>
              {t('duplicates.registerAnyway')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function NewClientPage() {
  return (
    <RequirePermission anyOf={['client.create']}>
      <NewClient />
    </RequirePermission>
  );
}
