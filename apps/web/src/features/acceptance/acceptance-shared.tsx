import { Badge, Group, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { SELECTION_CRITERIA_DEFAULT } from '@haven/domain';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { matterKeys } from '../matters/matters-api';

export type StepState = 'done' | 'todo' | 'attention' | 'waiting';

const STEP_COLORS: Record<StepState, string> = { done: 'teal.9', todo: 'blue.9', attention: 'red.9', waiting: 'gray.8' };

/** One step of acceptance or closing: a titled card with its state, stacked on every screen size. */
export function StepCard({ title, state, label, children }: { title: string; state?: StepState; label?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h4">
            {title}
          </Title>
          {state && label ? (
            <Badge variant="light" color={STEP_COLORS[state]}>
              {label}
            </Badge>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** A program's criterion in the reader's language when it is one of the defaults, else as the program wrote it. */
export function criterionLabel(code: string, t: TFunction): string {
  return (SELECTION_CRITERIA_DEFAULT as readonly string[]).includes(code) ? t(`acceptance.criteria.${code as (typeof SELECTION_CRITERIA_DEFAULT)[number]}`) : code;
}

export function formatMoney(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/**
 * After a change: everything held about the matter (this tab's record, the matter page with its
 * status and version, the other tabs) and the lists that show its status.
 */
export function useRefreshMatter(matterId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: matterKeys.ofMatter(matterId) }), queryClient.invalidateQueries({ queryKey: ['matters', 'list'] })]);
}
