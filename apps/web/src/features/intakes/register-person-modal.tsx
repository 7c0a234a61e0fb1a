import { Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';
import { FormError } from '../../app/ui/states';
import { ClientForm } from '../clients/client-form';
import { duplicateReasonLabel } from '../clients/client-labels';
import { clientFullName } from '../clients/clients-api';
import { useClientRegistration } from '../clients/use-client-registration';

interface RegisterPersonModalProps {
  opened: boolean;
  onClose: () => void;
  /** A person was registered, or an existing record was chosen instead of a duplicate. */
  onAdded: (clientId: string, name: string) => void;
  /** Pre-filled family name: family members usually share it. */
  familyName?: string;
}

/**
 * The client registry's form (the same component and checks as "New client"), inside the intake:
 * the likely duplicates are offered first, and choosing one adds that record instead.
 */
export function RegisterPersonModal({ opened, onClose, onAdded, familyName }: RegisterPersonModalProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const registration = useClientRegistration({
    initial: { familyName: familyName ?? '' },
    onCreated: (client) => onAdded(client.id, clientFullName(client)),
  });
  const { values, setValues, errors, setErrors, candidates, setCandidates, requestError } = registration;

  return (
    <Modal opened={opened} onClose={onClose} title={candidates ? t('duplicates.title') : t('intakes.people.registerTitle')} size="xl" fullScreen={phone}>
      {candidates ? (
        <Stack>
          <Text>{t('intakes.people.duplicatesIntro')}</Text>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {candidates.items.map(({ client, reasons }) => {
              const name = clientFullName(client);
              return (
                <Paper key={client.id} withBorder p="sm" component="li">
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Stack gap={0}>
                      <Text fw={700}>{name}</Text>
                      <Text size="sm">
                        {t('clients.dateOfBirth')}: {client.dateOfBirth ? formatCalendarDate(client.dateOfBirth) : t('clients.unknown')}
                      </Text>
                      <Group gap={6} mt={4} role="group" aria-label={t('duplicates.why')}>
                        {reasons.map((reason) => (
                          <Badge key={reason} variant="light" color="blue" tt="none">
                            {duplicateReasonLabel(t, reason)}
                          </Badge>
                        ))}
                      </Group>
                    </Stack>
                    <Button size="xs" variant="light" onClick={() => onAdded(client.id, name)} aria-label={t('intakes.people.useExistingFor', { name })}>
                      {t('intakes.people.useExisting')}
                    </Button>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" onClick={() => setCandidates(null)}>
              {t('duplicates.backToForm')}
            </Button>
            <Button variant="default" loading={registration.registering} onClick={registration.registerAnyway}>
              {t('duplicates.registerAnyway')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <ClientForm
          form={{ values, setValues, errors, setErrors }}
          mode="create"
          submitLabel={t('clientForm.register')}
          submitting={registration.pending}
          onSubmit={registration.submit}
          onCancel={onClose}
          notice={<FormError error={requestError && Object.keys(errors).length === 0 ? requestError : null} />}
        />
      )}
    </Modal>
  );
}
