import { useState, type FormEvent } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreateInstrumentRequest, isDefaultDomain, UpdateInstrumentRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { assessmentKeys, assessmentsApi, domainLabel, type Instrument, instrumentsOptions } from './assessments-api';

function InstrumentModal({ instrument, onClose }: { instrument: Instrument | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(instrument?.name ?? '');
  const [active, setActive] = useState(instrument?.active ?? true);
  const [domains, setDomains] = useState(instrument?.domains ?? [{ key: '', label: '' }]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: () =>
      instrument
        ? assessmentsApi.updateInstrument(instrument.id, UpdateInstrumentRequest.parse({ name, domains, active, version: instrument.version }))
        : assessmentsApi.createInstrument(CreateInstrumentRequest.parse({ name, domains })),
    onSuccess: async () => {
      notifySuccess(t('assessments.instruments.saved'));
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.instruments });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = (instrument ? UpdateInstrumentRequest : CreateInstrumentRequest).safeParse({ name, domains, active, version: instrument?.version ?? 1 });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate();
  }

  const setDomain = (i: number, change: Partial<{ key: string; label: string }>) => setDomains((all) => all.map((d, j) => (j === i ? { ...d, ...change } : d)));

  return (
    <Modal opened onClose={onClose} size="lg" title={instrument ? `${instrument.name} · ${t('assessments.instruments.version', { version: instrument.version })}` : t('assessments.instruments.add')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('assessments.instruments.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
          {instrument ? <Checkbox label={t('assessments.instruments.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> : null}
          {errors.domains ? (
            <Text c="red.8" size="sm" role="alert">
              {errors.domains}
            </Text>
          ) : null}
          {domains.map((domain, i) => (
            <Paper key={i} withBorder p="xs" role="group" aria-label={t('assessments.instruments.domainN', { n: i + 1 })}>
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
                  <TextInput
                    label={t('assessments.instruments.domainKey')}
                    description={isDefaultDomain(domain) ? t('assessments.instruments.defaultDomain') : t('assessments.instruments.domainKeyHelp')}
                    value={domain.key}
                    onChange={(e) => setDomain(i, { key: e.currentTarget.value })}
                    error={errors[`domains.${i}.key`]}
                    required
                  />
                  <TextInput label={t('assessments.instruments.domainLabel')} value={domain.label} onChange={(e) => setDomain(i, { label: e.currentTarget.value })} error={errors[`domains.${i}.label`]} required />
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  mt={28}
                  aria-label={t('assessments.instruments.removeDomain', { n: i + 1 })}
                  title={t('assessments.instruments.removeDomain', { n: i + 1 })}
                  onClick={() => setDomains((all) => all.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Group>
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setDomains((all) => [...all, { key: '', label: '' }])}>
              {t('assessments.instruments.addDomain')}
            </Button>
          </Group>
          {isApiError(save.error) && save.error.status === 409 ? <Text c="red.8">{t('assessments.errors.instrumentChanged')}</Text> : <FormError error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('assessments.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('assessments.instruments.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Instruments() {
  const { t } = useTranslation();
  const instruments = useQuery(instrumentsOptions());
  const [editing, setEditing] = useState<Instrument | 'new' | null>(null);
  return (
    <Stack gap="md">
      <PageTitle
        title={t('assessments.instruments.title')}
        description={t('assessments.instruments.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('assessments.instruments.add')}
          </Button>
        }
      />
      {instruments.isPending ? (
        <LoadingState />
      ) : instruments.isError ? (
        <ErrorState error={instruments.error} onRetry={() => void instruments.refetch()} />
      ) : (
        instruments.data.items.map((instrument) => (
          <Paper key={instrument.id} withBorder p="md" component="section" aria-labelledby={`instrument-${instrument.id}`}>
            <Group justify="space-between" gap="xs" mb="xs">
              <Group gap="xs">
                <Title order={2} size="h4" id={`instrument-${instrument.id}`}>
                  {instrument.name}
                </Title>
                <Badge variant="light" color="gray.8">
                  {t('assessments.instruments.version', { version: instrument.version })}
                </Badge>
                <Badge variant="filled" color={instrument.active ? 'teal.9' : 'gray.7'}>
                  {instrument.active ? t('assessments.instruments.active') : t('assessments.instruments.inactive')}
                </Badge>
              </Group>
              <Button variant="light" size="xs" leftSection={<IconPencil size={14} aria-hidden="true" />} onClick={() => setEditing(instrument)}>
                {t('assessments.instruments.edit')}
              </Button>
            </Group>
            <Group gap="xs">
              {instrument.domains.map((domain) => (
                <Badge key={domain.key} variant="outline" color="blue.9" tt="none">
                  {domainLabel(domain, t)}
                </Badge>
              ))}
            </Group>
          </Paper>
        ))
      )}
      {editing ? <InstrumentModal instrument={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

/** Admin page: the organization's assessment instruments (instrument.manage). */
export function InstrumentsPage() {
  return (
    <RequirePermission anyOf={['instrument.manage']}>
      <Instruments />
    </RequirePermission>
  );
}
