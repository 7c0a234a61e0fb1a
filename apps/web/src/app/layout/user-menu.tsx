import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../ui/notify';
import { SESSION_KEY } from '../query-client';
import { markExplicitSignOut, sessionApi, storeSession, useSession } from '../../features/session/session-api';

/** Signs out, forgets every cached record of the session, and returns to the sign-in page. */
export function useSignOut(redirect?: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => sessionApi.signOut(),
    onSettled: async () => {
      markExplicitSignOut();
      storeSession(queryClient, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      notifySuccess(t('header.signedOut'));
      await navigate({ to: '/login', search: redirect ? { redirect } : {} });
    },
  });
}

export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const signOut = useSignOut();
  if (!session) {
    return null;
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          aria-label={t('header.accountMenu')}
          leftSection={<IconUserCircle aria-hidden="true" size={22} />}
          rightSection={compact ? null : <IconChevronDown aria-hidden="true" size={14} />}
          px={compact ? 6 : 'sm'}
        >
          {compact ? null : (
            <Text span size="sm" maw={160} truncate="end">
              {session.user.displayName}
            </Text>
          )}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.signedInAs', { email: session.user.email })}</Menu.Label>
        <Menu.Item leftSection={<IconUserCircle aria-hidden="true" size={16} />} renderRoot={(props) => <Link to="/account" {...props} />}>
          {t('header.account')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout aria-hidden="true" size={16} />} onClick={() => signOut.mutate()}>
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
