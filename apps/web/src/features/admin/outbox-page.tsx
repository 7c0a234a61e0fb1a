import { useState } from 'react';
import { Badge, Button, Stack, Table } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Outbox } from '../../app/api-types';
import { formatDateTime } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { outboxOptions } from './admin-api';
import classes from '../../app/layout/layout.module.css';

const STATUS_COLORS: Record<Outbox['status'], string> = { queued: 'blue', sent: 'gray', failed: 'red', stored: 'indigo' };

function OutboxRow({ message }: { message: Outbox }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const bodyId = `outbox-body-${message.id}`;
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <span className="ltr-value">{message.to}</span>
        </Table.Td>
        <Table.Td>{message.subject}</Table.Td>
        <Table.Td>
          <Badge color={STATUS_COLORS[message.status]} variant="light">
            {t(`outbox.statuses.${message.status}`)}
          </Badge>
        </Table.Td>
        <Table.Td>{formatDateTime(message.createdAt)}</Table.Td>
        <Table.Td>
          <Button
            size="compact-sm"
            variant="default"
            aria-expanded={open}
            aria-controls={bodyId}
            rightSection={open ? <IconChevronUp size={14} aria-hidden="true" /> : <IconChevronDown size={14} aria-hidden="true" />}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? t('outbox.hideBody') : t('outbox.showBody')}
          </Button>
        </Table.Td>
      </Table.Tr>
      <Table.Tr id={bodyId} hidden={!open}>
        <Table.Td colSpan={5}>
          {open ? (
            <pre className={classes.json} style={{ fontSize: 'var(--mantine-font-size-sm)', margin: 0 }}>
              {message.body}
            </pre>
          ) : null}
        </Table.Td>
      </Table.Tr>
    </>
  );
}

function OutboxList() {
  const { t } = useTranslation();
  const outbox = useQuery(outboxOptions);
  let content;
  if (outbox.isPending) {
    content = <LoadingState />;
  } else if (outbox.isError) {
    content = <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />;
  } else if (outbox.data.items.length === 0) {
    content = <EmptyState>{t('outbox.empty')}</EmptyState>;
  } else {
    content = (
      <ScrollTable caption={t('outbox.tableCaption')} minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outbox.to')}</Table.Th>
            <Table.Th scope="col">{t('outbox.subject')}</Table.Th>
            <Table.Th scope="col">{t('outbox.status')}</Table.Th>
            <Table.Th scope="col">{t('outbox.time')}</Table.Th>
            <Table.Th scope="col">{t('outbox.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outbox.data.items.map((message) => (
            <OutboxRow key={message.id} message={message} />
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  }
  return (
    <Stack>
      <PageTitle
        title={t('outbox.title')}
        description={t('outbox.intro')}
        actions={
          <Button variant="default" loading={outbox.isFetching && !outbox.isPending} onClick={() => void outbox.refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
      {content}
    </Stack>
  );
}

export function OutboxPage() {
  return (
    <RequirePermission anyOf={['outbox.read']}>
      <OutboxList />
    </RequirePermission>
  );
}
