import { useId, type ReactNode } from 'react';
import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconBriefcase,
  IconBuildingCommunity,
  IconCertificate,
  IconCalendarDue,
  IconCalendarEvent,
  IconChecklist,
  IconReceiptDollar,
  IconChartBar,
  IconClipboardCheck,
  IconClipboardList,
  IconGavel,
  IconHome,
  IconKey,
  IconListCheck,
  IconMail,
  IconScale,
  IconSettings,
  IconSitemap,
  IconUserCheck,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, useLocation } from '@tanstack/react-router';
import type { Action } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api-types';

type NavPath =
  | '/'
  | '/clients'
  | '/cases'
  | '/matters'
  | '/intakes'
  | '/exceptions'
  | '/tasks'
  | '/deadlines'
  | '/calendar'
  | '/supervision'
  | '/reports'
  | '/admin/users'
  | '/admin/roles'
  | '/admin/programs'
  | '/admin/settings'
  | '/admin/audit'
  | '/admin/outbox'
  | '/admin/fees'
  | '/admin/organizations'
  | '/admin/credentials'
  | '/admin/assessment-instruments';

export interface NavItem {
  to: NavPath;
  label: string;
  icon: ReactNode;
  /** Shown when the session holds any of these actions (or always, when empty). */
  anyOf: Action[];
  platformAdminOnly?: boolean;
}


export function useNavItems(session: Session) {
  const { t } = useTranslation();
  const has = (actions: Action[]) => actions.length === 0 || actions.some((action) => session.permissions.includes(action));
  const main: NavItem[] = [
    { to: '/', label: t('nav.home'), icon: <IconHome size={18} aria-hidden="true" />, anyOf: [] },
    { to: '/clients', label: t('nav.clients'), icon: <IconUsersGroup size={18} aria-hidden="true" />, anyOf: ['client.read'] },
    { to: '/cases', label: t('cases.title'), icon: <IconBriefcase size={18} aria-hidden="true" />, anyOf: ['case.read'] },
    { to: '/matters', label: t('matters.title'), icon: <IconScale size={18} aria-hidden="true" />, anyOf: ['matter.read'] },
    { to: '/intakes', label: t('nav.intakes'), icon: <IconClipboardCheck size={18} aria-hidden="true" />, anyOf: ['intake.manage'] },
    { to: '/tasks', label: t('tasks.nav'), icon: <IconChecklist size={18} aria-hidden="true" />, anyOf: ['case.manage', 'case.supervise'] },
    { to: '/deadlines', label: t('tickler.nav'), icon: <IconCalendarDue size={18} aria-hidden="true" />, anyOf: ['matter.read'] },
    { to: '/calendar', label: t('calendar.title'), icon: <IconCalendarEvent size={18} aria-hidden="true" />, anyOf: ['matter.read'] },
    { to: '/exceptions', label: t('nav.exceptions'), icon: <IconGavel size={18} aria-hidden="true" />, anyOf: ['exception.request', 'exception.decide'] },
    { to: '/supervision', label: t('supervision.title'), icon: <IconUserCheck size={18} aria-hidden="true" />, anyOf: ['case.supervise'] },
    { to: '/reports', label: t('reports.title'), icon: <IconChartBar size={18} aria-hidden="true" />, anyOf: ['report.read'] },
  ];
  const admin: NavItem[] = [
    { to: '/admin/users', label: t('nav.users'), icon: <IconUsers size={18} aria-hidden="true" />, anyOf: ['member.read', 'member.invite'] },
    { to: '/admin/roles', label: t('nav.roles'), icon: <IconKey size={18} aria-hidden="true" />, anyOf: ['member.read'] },
    { to: '/admin/programs', label: t('nav.programs'), icon: <IconSitemap size={18} aria-hidden="true" />, anyOf: ['program.read', 'office.read'] },
    { to: '/admin/assessment-instruments', label: t('assessments.instruments.title'), icon: <IconListCheck size={18} aria-hidden="true" />, anyOf: ['instrument.manage'] },
    { to: '/admin/fees', label: t('fees.admin.title'), icon: <IconReceiptDollar size={18} aria-hidden="true" />, anyOf: ['fee.configure'] },
    { to: '/admin/credentials', label: t('credentials.title'), icon: <IconCertificate size={18} aria-hidden="true" />, anyOf: ['credential.manage'] },
    { to: '/admin/settings', label: t('nav.settings'), icon: <IconSettings size={18} aria-hidden="true" />, anyOf: ['org.update'] },
    { to: '/admin/audit', label: t('nav.audit'), icon: <IconClipboardList size={18} aria-hidden="true" />, anyOf: ['audit.read'] },
    { to: '/admin/outbox', label: t('nav.outbox'), icon: <IconMail size={18} aria-hidden="true" />, anyOf: ['outbox.read'] },
  ];
  const platform: NavItem[] = session.user.isPlatformAdmin
    ? [{ to: '/admin/organizations', label: t('nav.organizations'), icon: <IconBuildingCommunity size={18} aria-hidden="true" />, anyOf: [], platformAdminOnly: true }]
    : [];
  return {
    main: main.filter((item) => has(item.anyOf)),
    admin: session.activeOrganization ? admin.filter((item) => has(item.anyOf)) : [],
    platform,
  };
}

function isActive(pathname: string, to: NavPath): boolean {
  if (to === '/') {
    return pathname === '/';
  }
  return pathname === to || pathname.startsWith(`${to}/`);
}

function NavGroup({ title, items, pathname, onNavigate }: { title?: string; items: NavItem[]; pathname: string; onNavigate: () => void }) {
  const titleId = useId();
  if (items.length === 0) {
    return null;
  }
  return (
    <Stack gap={2}>
      {title ? (
        <Text id={titleId} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mt="md" mb={4}>
          {title}
        </Text>
      ) : null}
      <ul aria-labelledby={title ? titleId : undefined} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item) => {
          const active = isActive(pathname, item.to);
          return (
            <li key={item.to}>
              <NavLink
                label={item.label}
                leftSection={item.icon}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="light"
                onClick={onNavigate}
                renderRoot={(props) => <Link to={item.to} {...props} />}
              />
            </li>
          );
        })}
      </ul>
    </Stack>
  );
}

export function NavLinks({ session, onNavigate }: { session: Session; onNavigate: () => void }) {
  const { t } = useTranslation();
  const pathname = useLocation({ select: (location) => location.pathname });
  const items = useNavItems(session);
  return (
    <Stack gap={0}>
      <NavGroup items={items.main} pathname={pathname} onNavigate={onNavigate} />
      <NavGroup title={t('nav.admin')} items={items.admin} pathname={pathname} onNavigate={onNavigate} />
      <NavGroup title={t('nav.platform')} items={items.platform} pathname={pathname} onNavigate={onNavigate} />
    </Stack>
  );
}


