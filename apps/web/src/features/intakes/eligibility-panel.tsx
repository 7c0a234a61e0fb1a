import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconGavel } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';
import { ErrorState, LoadingState } from '../../app/ui/states';
import { ExceptionRequestDialog } from '../exceptions/exception-request-dialog';
import { usePermissions } from '../session/session-api';
import { eligibilityReasonText, type FindingLike, outcomeColor, outcomeLabel } from './eligibility-text';
import type { ProgramEligibility } from './intakes-api';

/** A legal citation: English as written, read left to right even on an Arabic page. */
function Citation({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {t('eligibility.citation')}:{' '}
      <span lang="en" dir="ltr" className="ltr-value">
        {text}
      </span>
    </Text>
  );
}

function Note({ note }: { note: FindingLike & { citation: string } }) {
  return (
    <List.Item>
      <Text size="sm">{eligibilityReasonText(note)}</Text>
      <Citation text={note.citation} />
    </List.Item>
  );
}

export function OutcomeBadge({ outcome }: { outcome: 'eligible' | 'ineligible' | 'unknown' }) {
  const { t } = useTranslation();
  return (
    <Badge color={outcomeColor(outcome)} variant="filled" tt="none">
      {outcomeLabel(t, outcome)}
    </Badge>
  );
}

interface EligibilityPanelProps {
  clientId: string;
  clientName: string;
  /** Index in the intake: the server names a refused person as data.clientIds.N. */
  headingId: string;
  result: ProgramEligibility | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  /** A message the server gave for this person when completing the intake. */
  serverError?: string;
}

/**
 * One person's eligibility for the chosen program, as the engine found it: the outcome, each
 * rule's reason in the reader's language with its citation, the window's last day, notes and
 * review flags, and — when not eligible — the exception request and its state.
 */
export function EligibilityPanel({ clientId, clientName, headingId, result, isPending, error, onRetry, serverError }: EligibilityPanelProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [asking, setAsking] = useState(false);
  // Window rules repeat the ORR rule's notes (they count from the same date): show each once.
  const shown = new Set<string>();
  const notesOf = (notes: NonNullable<typeof result>['evaluation']['results'][number]['notes']) =>
    notes.filter((note) => {
      const key = `${note.code}:${JSON.stringify(note.params)}`;
      if (shown.has(key)) {
        return false;
      }
      shown.add(key);
      return true;
    });

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h5" id={headingId}>
            {clientName}
          </Title>
          {result ? <OutcomeBadge outcome={result.evaluation.outcome} /> : null}
        </Group>
        {serverError ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} p="xs">
            {serverError}
          </Alert>
        ) : null}
        {isPending ? <LoadingState /> : null}
        {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
        {result ? (
          <>
            <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {result.evaluation.results.map((rule, index) => {
                const notes = notesOf(rule.notes);
                return (
                  <li key={`${rule.code}-${index}`}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge size="sm" variant="outline" color={rule.passed ? 'teal.9' : rule.outcome === 'ineligible' ? 'red.9' : 'gray.8'} tt="none" style={{ flexShrink: 0 }}>
                        {outcomeLabel(t, rule.outcome)}
                      </Badge>
                      <Stack gap={2} style={{ minWidth: 0 }}>
                        <Text size="sm">{eligibilityReasonText(rule)}</Text>
                        {rule.windowEnd ? (
                          <Text size="xs" fw={600}>
                            {t('eligibility.windowEnd', { date: formatCalendarDate(rule.windowEnd) })}
                          </Text>
                        ) : null}
                        <Citation text={rule.citation} />
                        {rule.needsReview ? (
                          <Group gap={4}>
                            <IconAlertTriangle size={14} aria-hidden="true" />
                            <Text size="xs" fw={600}>
                              {t('eligibility.needsReview')}
                            </Text>
                          </Group>
                        ) : null}
                        {notes.length > 0 ? (
                          <List size="sm" spacing={2} aria-label={t('eligibility.notes')}>
                            {notes.map((note, noteIndex) => (
                              <Note key={`${note.code}-${noteIndex}`} note={note} />
                            ))}
                          </List>
                        ) : null}
                      </Stack>
                    </Group>
                  </li>
                );
              })}
            </Stack>
            {!result.evaluation.eligible ? (
              result.approvedExceptionId ? (
                <Badge color="teal.9" variant="filled" tt="none" leftSection={<IconGavel size={12} aria-hidden="true" />}>
                  {t('exceptions.state.approved')}
                </Badge>
              ) : result.pendingExceptionId ? (
                <Text size="sm" fw={600}>
                  {t('exceptions.state.requested')}
                </Text>
              ) : can('exception.request') ? (
                <Group>
                  <Button size="xs" variant="light" onClick={() => setAsking(true)} aria-label={t('exceptions.requestFor', { name: clientName })}>
                    {t('exceptions.request')}
                  </Button>
                </Group>
              ) : null
            ) : null}
          </>
        ) : null}
      </Stack>
      {asking && result ? (
        <ExceptionRequestDialog
          clientId={clientId}
          clientName={clientName}
          programId={result.programId}
          programName={result.programName}
          opened={asking}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </Paper>
  );
}
