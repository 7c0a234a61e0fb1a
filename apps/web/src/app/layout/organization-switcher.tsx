import { NativeSelect } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SESSION_KEY } from '../query-client';
import { describeError } from '../forms';
import { notifyError, notifySuccess } from '../ui/notify';
import { sessionApi, storeSession, useSession } from '../../features/session/session-api';

/** Chooses the active organization; everything cached for the previous one is fetched again. */
export function OrganizationSwitcher({ withLabel = false }: { withLabel?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const switchOrg = useMutation({
    mutationFn: (orgId: string) => sessionApi.switchOrganization(orgId),
    onSuccess: async (updated) => {
      storeSession(queryClient, updated);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      if (updated.activeOrganization) {
        notifySuccess(t('header.switchedOrganization', { org: updated.activeOrganization.name }));
      }
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  if (!session || session.memberships.length === 0) {
    return null;
  }

  return (
    <NativeSelect
      label={withLabel ? t('header.organization') : undefined}
      aria-label={withLabel ? undefined : t('header.organization')}
      value={session.activeOrganization?.id ?? ''}
      disabled={switchOrg.isPending}
      onChange={(event) => {
        const orgId = event.currentTarget.value;
        if (orgId && orgId !== session.activeOrganization?.id) {
          switchOrg.mutate(orgId);
        }
      }}
      data={[
        ...(session.activeOrganization ? [] : [{ value: '', label: t('common.none') }]),
        ...session.memberships.map((membership) => ({ value: membership.orgId, label: membership.orgName })),
      ]}
      size={withLabel ? 'sm' : 'xs'}
      w={withLabel ? undefined : 220}
    />
  );
}
