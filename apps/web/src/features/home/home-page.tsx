import type { ReactNode } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconClipboardList,
  IconKey,
  IconMail,
  IconSettings,
  IconSitemap,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/ui/page-title';
import { usePermissions } from '../session/session-api';
import { WorkCards } from './work-cards';

type CardPath =
  | '/clients'
  | '/account'
  | '/admin/users'
  | '/admin/roles'
  | '/admin/programs'
  | '/admin/settings'
  | '/admin/audit'
  | '/admin/outbox'
  | '/admin/organizations';

interface HomeCard {
  to: CardPath;
  title: string;
  text: string;
  icon: ReactNode;
  visible: boolean;
}

export function HomePage() {
  const { t } = useTranslation();
  const { can, session } = usePermissions();
  if (!session) {
    return null;
  }
  const org = session.activeOrganization;
  const icon = (Icon: typeof IconUsers) => <Icon size={28} aria-hidden="true" color="var(--mantine-color-blue-8)" />;
  const cards: HomeCard[] = [
    { to: '/clients', title: t('nav.clients'), text: t('home.cards.clients'), icon: icon(IconUsersGroup), visible: can('client.read') },
    { to: '/admin/users', title: t('nav.users'), text: t('home.cards.users'), icon: icon(IconUsers), visible: can('member.read') || can('member.invite') },
    { to: '/admin/programs', title: t('nav.programs'), text: t('home.cards.programs'), icon: icon(IconSitemap), visible: can('program.read') || can('office.read') },
    { to: '/admin/settings', title: t('nav.settings'), text: t('home.cards.settings'), icon: icon(IconSettings), visible: can('org.update') },
    { to: '/admin/roles', title: t('nav.roles'), text: t('home.cards.roles'), icon: icon(IconKey), visible: can('member.read') },
    { to: '/admin/audit', title: t('nav.audit'), text: t('home.cards.audit'), icon: icon(IconClipboardList), visible: can('audit.read') },
    { to: '/admin/outbox', title: t('nav.outbox'), text: t('home.cards.outbox'), icon: icon(IconMail), visible: can('outbox.read') },
    { to: '/admin/organizations', title: t('nav.organizations'), text: t('home.cards.organizations'), icon: icon(IconBuildingCommunity), visible: session.user.isPlatformAdmin },
    { to: '/account', title: t('header.account'), text: t('home.cards.account'), icon: icon(IconUserCircle), visible: true },
  ];

  return (
    <Stack>
      <PageTitle
        title={t('home.title', { name: session.user.displayName })}
        description={org ? t('home.summary', { org: org.name, role: t(`roles.${org.role}`) }) : t('home.noOrganization')}
      />
      {org ? (
        <Group gap="xs">
          <Badge variant="light" color="blue" size="lg" tt="none">
            {org.name}
          </Badge>
          <Badge variant="light" color="gray" size="lg" tt="none">
            {t(`roles.${org.role}`)}
          </Badge>
        </Group>
      ) : null}
      {org ? <WorkCards /> : null}
      <Title order={2} size="h3" mt="md">
        {t('home.whatYouCanDo')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {cards
          .filter((card) => card.visible)
          .map((card) => (
            <Card key={card.to} withBorder padding="lg" radius="md">
              <Stack gap="sm" h="100%">
                <Group gap="sm" wrap="nowrap">
                  {card.icon}
                  <Title order={3} size="h4">
                    {card.title}
                  </Title>
                </Group>
                <Text style={{ flex: 1 }}>{card.text}</Text>
                <Button
                  variant="light"
                  aria-label={`${t('home.open')}: ${card.title}`}
                  renderRoot={(props) => <Link to={card.to} {...props} />}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('home.open')}
                </Button>
              </Stack>
            </Card>
          ))}
      </SimpleGrid>
    </Stack>
  );
}
