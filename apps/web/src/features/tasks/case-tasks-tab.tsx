import { useState } from 'react';
import { Button, Group, Stack, Switch, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import type { CaseTabProps } from '../cases/case-tab';
import { usePermissions } from '../session/session-api';
import { NewTaskModal, TaskCards } from './task-list';
import { taskListOptions } from './tasks-api';

/** The case's tasks by due date, with a new task on this case (not on a closed case). */
export function CaseTasksTab({ caseId, readOnly }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [showClosed, setShowClosed] = useState(false);
  const [creating, setCreating] = useState(false);
  const tasks = useInfiniteQuery(taskListOptions({ caseId, ...(showClosed ? {} : { status: 'open' }) }));
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const mayWork = !readOnly && (can('case.manage') || can('case.supervise'));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2} size="h3">
          {t('tasks.title')}
        </Title>
        {mayWork ? <Button onClick={() => setCreating(true)}>{t('tasks.newTask')}</Button> : null}
      </Group>
      <Switch label={t('tasks.showClosed')} checked={showClosed} onChange={(event) => setShowClosed(event.currentTarget.checked)} />
      {tasks.isPending ? (
        <LoadingState />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{t('tasks.caseEmpty')}</EmptyState>
      ) : (
        <TaskCards tasks={items} showCase={false} readOnly={!mayWork} />
      )}
      {tasks.hasNextPage ? (
        <Button variant="default" onClick={() => void tasks.fetchNextPage()} loading={tasks.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
          {t('tasks.loadMore')}
        </Button>
      ) : null}
      {mayWork ? <NewTaskModal opened={creating} onClose={() => setCreating(false)} caseId={caseId} /> : null}
    </Stack>
  );
}
