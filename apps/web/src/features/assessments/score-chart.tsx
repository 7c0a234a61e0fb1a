import { useMemo, useState } from 'react';
import { Box, Button, Chip, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { AssessmentHistoryResponse } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';
import { ScrollTable } from '../../app/ui/scroll-table';
import { domainLabel } from './assessments-api';

/** Line colours with at least 3:1 contrast on white (WCAG 1.4.11 non-text contrast). */
const PALETTE = ['#1864ab', '#c92a2a', '#2b8a3e', '#862e9c', '#d9480f', '#0b7285', '#5c940d', '#a61e4d', '#364fc7', '#495057', '#9c36b5', '#e67700'];
/** Dash patterns so lines differ by more than colour alone (WCAG 1.4.1). */
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, right: 16, bottom: 40, left: 36 };

type Domain = AssessmentHistoryResponse['domains'][number];

/**
 * Scores over time as an SVG line chart (no chart library: a few lines of geometry), one line per
 * chosen domain, with the same numbers as a table for screen readers and anyone who prefers one.
 * The time axis runs left to right in every language, as charts do in Arabic print too.
 */
export function ScoreChart({ history }: { history: AssessmentHistoryResponse }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string[]>(() => history.domains.map((d) => d.key));
  const [table, setTable] = useState(false);
  const dates = useMemo(() => [...new Set(history.assessedOn)], [history.assessedOn]);
  const labelOf = (domain: Domain) => domainLabel(domain, t);

  if (history.domains.length === 0 || dates.length === 0) {
    return <Text c="dimmed">{t('assessments.chart.empty')}</Text>;
  }

  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (date: string) => PAD.left + (dates.length === 1 ? innerWidth / 2 : (dates.indexOf(date) / (dates.length - 1)) * innerWidth);
  const y = (score: number) => PAD.top + ((5 - score) / 4) * innerHeight;
  const visible = history.domains.filter((d) => shown.includes(d.key));
  const styleOf = (key: string) => {
    const index = history.domains.findIndex((d) => d.key === key);
    return { color: PALETTE[index % PALETTE.length]!, dash: DASHES[index % DASHES.length]! };
  };
  // Label at most about six dates so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(dates.length / 6));

  return (
    <Stack gap="sm">
      <Chip.Group multiple value={shown} onChange={setShown}>
        <Group gap="xs" role="group" aria-label={t('assessments.chart.chooseDomains')}>
          {history.domains.map((domain) => (
            <Chip key={domain.key} value={domain.key} size="xs" color={styleOf(domain.key).color} variant="outline">
              {labelOf(domain)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Box style={{ width: '100%', maxWidth: WIDTH }}>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          role="img"
          aria-label={t('assessments.chart.imageLabel', {
            count: visible.length,
            from: formatCalendarDate(dates[0]),
            to: formatCalendarDate(dates.at(-1)),
          })}
          style={{ display: 'block', overflow: 'visible', direction: 'ltr' }}
        >
          {[1, 2, 3, 4, 5].map((score) => (
            <g key={score}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(score)} y2={y(score)} stroke="#ced4da" strokeWidth={1} />
              <text x={PAD.left - 8} y={y(score) + 4} textAnchor="end" fontSize={12} fill="#495057">
                {score}
              </text>
            </g>
          ))}
          {dates.map((date, i) =>
            i % labelEvery === 0 || i === dates.length - 1 ? (
              <text key={date} x={x(date)} y={HEIGHT - PAD.bottom + 20} textAnchor="middle" fontSize={11} fill="#495057">
                {formatCalendarDate(date)}
              </text>
            ) : null,
          )}
          {visible.map((domain) => {
            const { color, dash } = styleOf(domain.key);
            const points = domain.points.map((p) => `${x(p.assessedOn)},${y(p.score)}`).join(' ');
            return (
              <g key={domain.key}>
                <polyline points={points} fill="none" stroke={color} strokeWidth={2.5} strokeDasharray={dash || undefined} />
                {domain.points.map((p, i) => (
                  <circle key={`${p.assessedOn}-${i}`} cx={x(p.assessedOn)} cy={y(p.score)} r={4} fill={color}>
                    <title>{`${labelOf(domain)} · ${formatCalendarDate(p.assessedOn)}: ${p.score}`}</title>
                  </circle>
                ))}
              </g>
            );
          })}
        </svg>
      </Box>
      <Group>
        <Button variant="subtle" size="compact-sm" onClick={() => setTable((v) => !v)} aria-expanded={table}>
          {table ? t('assessments.chart.hideTable') : t('assessments.chart.showTable')}
        </Button>
      </Group>
      {table ? <ScoreTable history={history} dates={dates} labelOf={labelOf} /> : null}
    </Stack>
  );
}

function ScoreTable({ history, dates, labelOf }: { history: AssessmentHistoryResponse; dates: string[]; labelOf: (d: Domain) => string }) {
  const { t } = useTranslation();
  const scoreOn = (domain: Domain, date: string) =>
    domain.points
      .filter((p) => p.assessedOn === date)
      .map((p) => p.score)
      .join(', ');
  return (
    <>
      {/* Phones: one card per domain. */}
      <Stack gap="xs" hiddenFrom="sm">
        {history.domains.map((domain) => (
          <Paper key={domain.key} withBorder p="sm">
            <Text fw={600}>{labelOf(domain)}</Text>
            <Box component="dl" m={0}>
              {domain.points.map((p, i) => (
                <Group key={`${p.assessedOn}-${i}`} gap="xs" wrap="nowrap">
                  <Text component="dt" size="sm" c="dimmed">
                    {formatCalendarDate(p.assessedOn)}
                  </Text>
                  <Text component="dd" size="sm" m={0}>
                    {p.score}
                  </Text>
                </Group>
              ))}
            </Box>
          </Paper>
        ))}
      </Stack>
      <Box visibleFrom="sm">
        <ScrollTable caption={t('assessments.chart.tableCaption')} minWidth={Math.min(900, 200 + dates.length * 110)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('assessments.domain')}</Table.Th>
              {dates.map((date) => (
                <Table.Th key={date} scope="col">
                  {formatCalendarDate(date)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.domains.map((domain) => (
              <Table.Tr key={domain.key}>
                <Table.Th scope="row">{labelOf(domain)}</Table.Th>
                {dates.map((date) => (
                  <Table.Td key={date}>{scoreOn(domain, date)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Box>
    </>
  );
}
