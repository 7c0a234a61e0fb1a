import { Badge } from '@mantine/core';
import type { CaseStage, CaseStatus } from '@haven/domain';
import { useTranslation } from 'react-i18next';

export function StageBadge({ stage }: { stage: CaseStage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="blue.9">
      {t(`cases.stages.${stage}`)}
    </Badge>
  );
}

/** Outline text on white at 4.5:1 or more (orange.9 measures 4.3:1). */
const STATUS_COLORS: Record<CaseStatus, string> = { open: 'teal.9', closure_pending: 'red.9', closed: 'gray.8' };

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={STATUS_COLORS[status]}>
      {t(`cases.statuses.${status}`)}
    </Badge>
  );
}
