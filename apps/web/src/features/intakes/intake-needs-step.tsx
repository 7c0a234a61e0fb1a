import { Alert, Checkbox, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { NEED_INDICATORS, SERVICE_TIERS, suggestedServiceTier, type NeedIndicator, type ServiceTier } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../app/forms';
import { needLabel, suggestionReason, tierDescription, tierLabel } from './intake-labels';

interface NeedsStepProps {
  needs: NeedIndicator[];
  serviceTier: ServiceTier | undefined;
  tierReason: string;
  errors: FieldErrors;
  onChange: (patch: { needs?: NeedIndicator[]; serviceTier?: ServiceTier; tierReason?: string }) => void;
}

/**
 * Seed 001's two tiers: community orientation and referrals for everyone, comprehensive case
 * management for those who need it. Haven suggests one from the needs and says why; the worker
 * chooses and writes the reason, which is kept with each enrollment.
 */
export function NeedsStep({ needs, serviceTier, tierReason, errors, onChange }: NeedsStepProps) {
  const { t } = useTranslation();
  const suggested = suggestedServiceTier(needs);

  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Checkbox.Group
          label={t('intakes.needsStep.checklist')}
          description={t('intakes.needsStep.checklistHelp')}
          value={needs}
          onChange={(value) => onChange({ needs: NEED_INDICATORS.filter((need) => value.includes(need)) })}
        >
          <Stack gap="xs" mt="xs">
            {NEED_INDICATORS.map((need) => (
              <Checkbox key={need} value={need} label={needLabel(t, need)} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Paper>

      <Alert color="blue" variant="light" icon={<IconBulb aria-hidden="true" />} title={t('intakes.needsStep.suggested', { tier: tierLabel(t, suggested) })}>
        {suggestionReason(t, needs)}
      </Alert>

      <Paper withBorder p="sm" component="section" aria-labelledby="intake-tier-heading">
        <Title order={3} size="h5" id="intake-tier-heading" mb="xs">
          {t('intakes.needsStep.tierTitle')}
        </Title>
        <Stack gap="sm">
          <Radio.Group
            label={t('intakes.needsStep.tier')}
            required
            value={serviceTier ?? null}
            onChange={(value) => onChange({ serviceTier: value as ServiceTier })}
            error={errors['data.serviceTier']}
          >
            <Stack gap="xs" mt="xs">
              {SERVICE_TIERS.map((tier) => (
                <Radio
                  key={tier}
                  value={tier}
                  label={`${tierLabel(t, tier)}${tier === suggested ? ` (${t('intakes.needsStep.suggestedShort')})` : ''}`}
                  description={tierDescription(t, tier)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('intakes.needsStep.reason')}
            description={t('intakes.needsStep.reasonHelp')}
            required
            autosize
            minRows={3}
            value={tierReason}
            onChange={(e) => onChange({ tierReason: e.currentTarget.value })}
            error={errors['data.tierReason']}
          />
          <Text size="xs" c="dimmed">
            {t('intakes.needsStep.keptWithEnrollment')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
