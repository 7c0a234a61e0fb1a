import { useState, type FormEvent, type ReactNode } from 'react';
import { Anchor, Button, Group, Modal, ScrollArea, Select, Stack, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { MATTER_TYPES, type MatterDetail, type MatterType } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors } from '../../app/forms';
import { formatCalendarDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { AcceptanceTab } from '../acceptance/acceptance-tab';
import { ClosingTab } from '../acceptance/closing-tab';
import { ProtectedBadge } from '../clients/protected-badge';
import { FeesTab } from '../fees/fees-tab';
import { CourtTab } from '../proceedings/court-tab';
import { FilingsTab } from '../proceedings/filings-tab';
import { RequirePermission } from '../session/require-permission';
import { MatterDeadlinesTab } from './matter-deadlines-tab';
import { MatterStatusBadge, matterTypeLabel } from './matter-labels';
import { MatterOverviewTab } from './matter-overview-tab';
import type { MatterTabProps } from './matter-tab';
import { matterOptions, mattersApi, representativesOptions, useRefreshMatter } from './matters-api';

const routeApi = getRouteApi('/app/matters/$matterId');

type TabKey = 'overview' | 'deadlines' | 'acceptance' | 'filings' | 'court' | 'fees' | 'closing';
const TAB_KEYS: readonly TabKey[] = ['overview', 'deadlines', 'acceptance', 'filings', 'court', 'fees', 'closing'];

export function isMatterTab(value: unknown): value is TabKey {
  return typeof value === 'string' && (TAB_KEYS as readonly string[]).includes(value);
}

/** Type, representative and supervising attorney: the gate on representation is checked again by the API. */
function ChangeMatterModal({ matter, onClose }: { matter: MatterDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const refresh = useRefreshMatter(matter.id);
  const representatives = useQuery(representativesOptions);
  const [type, setType] = useState<MatterType>(matter.type);
  const [representativeId, setRepresentativeId] = useState<string | null>(matter.representative?.id ?? null);
  const [supervisingAttorneyId, setSupervisingAttorneyId] = useState<string | null>(matter.supervisingAttorney?.id ?? null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: () => mattersApi.update(matter.id, { type, representativeId, supervisingAttorneyId, version: matter.version }),
    onSuccess: async () => {
      notifySuccess(t('matters.page.changed'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  const people = (representatives.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const supervising = (representatives.data?.items ?? []).filter((p) => p.credentials.some((c) => c.supervisingAttorney)).map((p) => ({ value: p.id, label: p.name }));
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setErrors({});
    save.mutate();
  }
  return (
    <Modal opened onClose={onClose} title={t('matters.page.changeTitle')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <Select
            label={t('matters.open.type')}
            required
            data={MATTER_TYPES.map((value) => ({ value, label: matterTypeLabel(t, value) }))}
            value={type}
            onChange={(value) => setType((value as MatterType | null) ?? matter.type)}
            allowDeselect={false}
            searchable
            error={errors.type}
          />
          <Select
            label={t('matters.open.representative')}
            description={t('matters.open.representativeHint')}
            data={people}
            value={representativeId}
            onChange={setRepresentativeId}
            clearable
            searchable
            error={errors.representativeId}
            nothingFoundMessage={t('common.noOptions')}
          />
          <Select
            label={t('matters.open.supervisingAttorney')}
            data={supervising}
            value={supervisingAttorneyId}
            onChange={setSupervisingAttorneyId}
            clearable
            searchable
            error={errors.supervisingAttorneyId}
            nothingFoundMessage={t('common.noOptions')}
          />
          {errors.version ? (
            <Text c="red.9" size="sm" role="alert">
              {errors.version}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('matters.deadlines.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('matters.deadlines.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MatterDetailView({ matterId }: { matterId: string }) {
  const { t } = useTranslation();
  const query = useQuery(matterOptions(matterId));
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const [changing, setChanging] = useState(false);
  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const matter = query.data;
  const readOnly = matter.status === 'closed' || matter.status === 'declined';
  const tabProps: MatterTabProps = {
    matterId: matter.id,
    clientId: matter.clientId,
    matterType: matter.type,
    status: matter.status,
    clientLanguage: matter.client.preferredLanguage,
    readOnly,
  };
  const tabs: { key: TabKey; label: string; panel: ReactNode }[] = [
    { key: 'overview', label: t('matters.tabs.overview'), panel: <MatterOverviewTab matter={matter} /> },
    { key: 'deadlines', label: t('matters.tabs.deadlines'), panel: <MatterDeadlinesTab matter={matter} /> },
    { key: 'acceptance', label: t('matters.tabs.acceptance'), panel: <AcceptanceTab {...tabProps} /> },
    { key: 'filings', label: t('matters.tabs.filings'), panel: <FilingsTab {...tabProps} /> },
    { key: 'court', label: t('matters.tabs.court'), panel: <CourtTab {...tabProps} /> },
    { key: 'fees', label: t('matters.tabs.fees'), panel: <FeesTab {...tabProps} /> },
    { key: 'closing', label: t('matters.tabs.closing'), panel: <ClosingTab {...tabProps} /> },
  ];
  const tab: TabKey = search.tab ?? 'overview';

  return (
    <Stack gap="md">
      <Anchor size="sm" renderRoot={(props) => <Link to="/matters" {...props} />}>
        {t('matters.page.back')}
      </Anchor>
      <PageTitle
        title={t('matters.page.title', { reference: matter.reference, name: matter.clientName })}
        description={
          <>
            <Anchor underline="always" renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: matter.clientId }} {...props} />}>
              {matter.clientName}
            </Anchor>
            {' · '}
            {matterTypeLabel(t, matter.type)}
            {' · '}
            {matter.programName}
          </>
        }
        actions={
          <Group gap="xs" wrap="wrap">
            <MatterStatusBadge status={matter.status} />
            {matter.client.isProtected ? <ProtectedBadge /> : null}
            {matter.capabilities.canManage ? (
              <Button variant="default" onClick={() => setChanging(true)}>
                {t('matters.page.change')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Group gap="xl" wrap="wrap">
        <Text size="sm">
          <Text span fw={600}>
            {t('matters.page.representative')}:
          </Text>{' '}
          {matter.representative?.name ?? t('matters.list.unassigned')}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            {t('matters.page.supervisingAttorney')}:
          </Text>{' '}
          {matter.supervisingAttorney?.name ?? t('matters.page.none')}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            {t('matters.page.opened')}:
          </Text>{' '}
          {formatCalendarDate(matter.openedOn)}
        </Text>
      </Group>
      {readOnly ? (
        <Text size="sm" c="dimmed">
          {matter.status === 'closed' ? t('matters.page.readOnlyClosed') : t('matters.page.readOnlyDeclined')}
        </Text>
      ) : null}
      <Tabs value={tab} onChange={(value) => void navigate({ search: { tab: isMatterTab(value) ? value : undefined }, replace: true })} keepMounted={false}>
        <ScrollArea type="auto" offsetScrollbars>
          <Tabs.List style={{ flexWrap: 'nowrap' }} aria-label={t('matters.tabs.label')}>
            {tabs.map((item) => (
              <Tabs.Tab key={item.key} value={item.key}>
                {item.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </ScrollArea>
        {tabs.map((item) => (
          <Tabs.Panel key={item.key} value={item.key} pt="md">
            {item.panel}
          </Tabs.Panel>
        ))}
      </Tabs>
      {changing ? <ChangeMatterModal matter={matter} onClose={() => setChanging(false)} /> : null}
    </Stack>
  );
}

export function MatterPage() {
  const { matterId } = routeApi.useParams();
  return (
    <RequirePermission anyOf={['matter.read']}>
      <MatterDetailView key={matterId} matterId={matterId} />
    </RequirePermission>
  );
}
