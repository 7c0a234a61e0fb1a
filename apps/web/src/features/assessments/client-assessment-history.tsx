import { Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { usePermissions } from '../session/session-api';
import { assessmentHistoryOptions } from './assessments-api';
import { ScoreChart } from './score-chart';

/** The client page's "Assessment scores over time": every assessment the reader's cases hold. */
export function ClientAssessmentHistory({ clientId }: { clientId: string }) {
  const { can } = usePermissions();
  if (!can('case.read')) {
    return null;
  }
  return <HistorySection clientId={clientId} />;
}

function HistorySection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const history = useQuery(assessmentHistoryOptions(clientId));
  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby="client-assessment-history-heading">
      <Title order={2} size="h4" id="client-assessment-history-heading" mb="xs">
        {t('assessments.chart.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('assessments.chart.description')}
      </Text>
      {history.isPending ? <LoadingState /> : history.isError ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : <ScoreChart history={history.data} />}
    </Paper>
  );
}
