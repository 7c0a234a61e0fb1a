import { Stack, Table, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { ACTIONS, isRole, type Action } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { rolesOptions } from './admin-api';

/** `client.read` → `client_read`: typed, so an action without a label in the locales fails `tsc`. */
type ActionLabelKey<A extends string> = A extends `${infer Context}.${infer Verb}` ? `${Context}_${Verb}` : A;

function actionKey(action: Action) {
  return `actionLabels.${action.replace('.', '_')}` as `actionLabels.${ActionLabelKey<Action>}`;
}

/** Read-only matrix of what each role may do, as the API reports it. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useQuery(rolesOptions);

  let content;
  if (roles.isPending) {
    content = <LoadingState />;
  } else if (roles.isError) {
    content = <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />;
  } else {
    const list = roles.data.roles;
    const known = new Set<string>(ACTIONS);
    const actions = [...ACTIONS, ...new Set(list.flatMap((role) => role.actions).filter((action) => !known.has(action)))];
    content = (
      <ScrollTable caption={t('rolesPage.caption')} minWidth={980}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rolesPage.permission')}</Table.Th>
            {list.map((role) => (
              <Table.Th scope="col" key={role.role} ta="center" style={{ verticalAlign: 'bottom' }}>
                {isRole(role.role) ? t(`roles.${role.role}`) : role.role}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((action) => (
            <Table.Tr key={action}>
              <Table.Th scope="row" fw={500}>
                {known.has(action) ? t(actionKey(action as Action)) : action}
                <Text span size="xs" c="dimmed" display="block" className="ltr-value">
                  {action}
                </Text>
              </Table.Th>
              {list.map((role) => {
                const allowed = role.actions.includes(action);
                return (
                  <Table.Td key={role.role} ta="center">
                    {allowed ? (
                      <ThemeIcon size="sm" variant="light" color="blue" radius="xl" aria-hidden="true">
                        <IconCheck size={14} />
                      </ThemeIcon>
                    ) : (
                      <IconMinus size={14} aria-hidden="true" color="var(--mantine-color-gray-7)" />
                    )}
                    <VisuallyHidden>{allowed ? t('common.allowed') : t('common.notAllowed')}</VisuallyHidden>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  }

  return (
    <Stack>
      <PageTitle title={t('rolesPage.title')} description={t('rolesPage.intro')} />
      {content}
    </Stack>
  );
}
