import { Badge, List, Stack } from '@mantine/core';
import type { EligibilityRule, OrrPopulation } from '@haven/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../app/api-types';

/** "refugee, SIV and asylee" in the reader's language (Arabic joins with its own comma). */
export function listOfPopulations(populations: readonly OrrPopulation[], t: TFunction, language: string): string {
  const names = populations.map((population) => t(`programRules.populationNames.${population}`));
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
}

/** One rule in plain words, as a case manager would say it. */
export function describeRule(rule: EligibilityRule, t: TFunction, language: string): string {
  switch (rule.kind) {
    case 'orr_population':
      return rule.populations ? t('programRules.summary.orrSome', { populations: listOfPopulations(rule.populations, t, language) }) : t('programRules.summary.orrAny');
    case 'window':
      if (rule.window === 'rca_rma') {
        return rule.countingMode === 'calendar-month' ? t('programRules.summary.rcaRmaCalendar') : t('programRules.summary.rcaRmaExact');
      }
      return t(`programRules.summary.${rule.window}`);
    case 'age':
      if (rule.min !== undefined && rule.max !== undefined) {
        return t('programRules.summary.ageRange', { min: rule.min, max: rule.max });
      }
      // The schema refuses an age rule without either limit.
      return rule.min !== undefined ? t('programRules.summary.ageMin', { min: rule.min }) : t('programRules.summary.ageMax', { max: rule.max ?? '' });
    case 'everyone':
      return t('programRules.summary.everyone');
  }
}

/** Read-only: whether the program has its own rules, and each rule in a sentence. */
export function ProgramRulesSummary({ program }: { program: Program }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={4} align="flex-start">
      <Badge variant="light" color={program.eligibilityRulesCustomized ? 'blue' : 'gray'} tt="none">
        {program.eligibilityRulesCustomized ? t('programRules.customBadge') : t('programRules.defaultBadge')}
      </Badge>
      <List size="sm" spacing={2} aria-label={t('programRules.summaryLabel', { name: program.name })}>
        {program.eligibilityRules.rules.map((rule, index) => (
          <List.Item key={index}>{describeRule(rule, t, i18n.language)}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
