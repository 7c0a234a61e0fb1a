import { useState } from 'react';
import { Button, SegmentedControl, Stack, Switch, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addDays } from '@haven/domain';
import { todayIsoDate } from '../../app/ui/format';
import { PageTitle } from '../../app/ui/page-title';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { NewTaskModal, TaskCards } from './task-list';
import { type Task, type TaskQuery, taskListOptions } from './tasks-api';

type View = NonNullable<TaskQuery['view']>;

/** Overdue, due within the week (today and the next 6 days), later: the order a worker acts in. */
function groupTasks(tasks: Task[], today: string) {
  const weekEnd = addDays(today, 6);
  return {
    overdue: tasks.filter((task) => task.status === 'open' && task.dueOn < today),
    week: tasks.filter((task) => task.dueOn >= today && task.dueOn <= weekEnd),
    later: tasks.filter((task) => task.dueOn > weekEnd || (task.status !== 'open' && task.dueOn < today)),
  };
}

function TasksPageBody() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('mine');
  const [showClosed, setShowClosed] = useState(false);
  const [creating, setCreating] = useState(false);
  const tasks = useInfiniteQuery(taskListOptions({ view, ...(showClosed ? {} : { status: 'open' }) }));
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const groups = groupTasks(items, todayIsoDate());

  return (
    <>
      <PageTitle
        title={t('tasks.pageTitle')}
        description={t('tasks.pageDescription')}
        actions={<Button onClick={() => setCreating(true)}>{t('tasks.newTask')}</Button>}
      />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('tasks.viewLabel')}
          value={view}
          onChange={(value) => setView(value as View)}
          data={[
            { value: 'mine', label: t('tasks.views.mine') },
            { value: 'assigned_by_me', label: t('tasks.views.assigned_by_me') },
          ]}
          style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
        />
        <Switch label={t('tasks.showClosed')} checked={showClosed} onChange={(event) => setShowClosed(event.currentTarget.checked)} />
        {tasks.isPending ? (
          <LoadingState />
        ) : tasks.isError ? (
          <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState>{t('tasks.empty')}</EmptyState>
        ) : (
          (['overdue', 'week', 'later'] as const).map((group) =>
            groups[group].length > 0 ? (
              <section key={group} aria-labelledby={`tasks-${group}`}>
                <Title order={2} size="h4" mb="xs" id={`tasks-${group}`} c={group === 'overdue' ? 'red.9' : undefined}>
                  {t(`tasks.groups.${group}`)} ({groups[group].length})
                </Title>
                <TaskCards tasks={groups[group]} />
              </section>
            ) : null,
          )
        )}
        {tasks.hasNextPage ? (
          <Button variant="default" onClick={() => void tasks.fetchNextPage()} loading={tasks.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
            {t('tasks.loadMore')}
          </Button>
        ) : null}
      </Stack>
      <NewTaskModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

export function TasksPage() {
  return (
    <RequirePermission anyOf={['case.manage', 'case.supervise']}>
      <TasksPageBody />
    </RequirePermission>
  );
}
