/** Translated names for the intake's fixed lists; keys are built from @haven/domain's enums. */
import type { TFunction } from 'i18next';
import type { IntakeStep, NeedIndicator, ServiceTier } from '@haven/domain';

export const stepLabel = (t: TFunction, step: IntakeStep) => t(`intakes.steps.${step}`);
export const needLabel = (t: TFunction, need: NeedIndicator) => t(`intakes.needs.${need}`);
export const tierLabel = (t: TFunction, tier: ServiceTier) => t(`intakes.tiers.${tier}`);
export const tierDescription = (t: TFunction, tier: ServiceTier) => t(`intakes.tierDescriptions.${tier}`);

/**
 * Why the screening suggests a tier, in the words of suggestedServiceTier(): a safety concern or
 * the client's own request each suffice; otherwise two or more needs add up.
 */
export function suggestionReason(t: TFunction, needs: readonly NeedIndicator[]): string {
  if (needs.includes('safety_concern')) {
    return t('intakes.suggestion.safety');
  }
  if (needs.includes('client_requests_intensive')) {
    return t('intakes.suggestion.requested');
  }
  const count = new Set(needs).size;
  return count >= 2 ? t('intakes.suggestion.several', { count }) : t('intakes.suggestion.few', { count });
}
