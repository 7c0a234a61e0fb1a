import { Stack, Switch } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/forms';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { ErrorState } from '../../app/ui/states';
import { digestOptions, taskKeys, tasksApi } from './tasks-api';

/** The account page's switch for the daily email of due and overdue tasks. */
export function TaskDigestSwitch() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const digest = useQuery(digestOptions());
  const save = useMutation({
    mutationFn: (enabled: boolean) => tasksApi.setDigest({ enabled }),
    onSuccess: (saved) => {
      queryClient.setQueryData(taskKeys.digest, saved);
      notifySuccess(t(saved.enabled ? 'tasks.digest.on' : 'tasks.digest.off'));
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  if (digest.isError) {
    return <ErrorState error={digest.error} onRetry={() => void digest.refetch()} />;
  }
  return (
    <Stack gap="xs">
      <Switch
        label={t('tasks.digest.label')}
        description={t('tasks.digest.description')}
        checked={save.isPending ? save.variables : (digest.data?.enabled ?? false)}
        disabled={digest.isPending || save.isPending}
        onChange={(event) => save.mutate(event.currentTarget.checked)}
      />
    </Stack>
  );
}
