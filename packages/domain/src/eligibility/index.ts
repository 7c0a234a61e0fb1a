/** The eligibility engine's public surface; helpers such as finding() and knownDate() stay internal. */
export {
  ELIGIBILITY_CITATIONS,
  ELIGIBILITY_REASON_CODES,
  ELIGIBILITY_REASONS_EN,
  type EligibilityFinding,
  type EligibilityOutcome,
  type EligibilityReasonCode,
  type EligibilityReasonParams,
  formatEligibilityReason,
} from './reasons.js';
export { EligibilityFacts, EligibilityStatusPeriod } from './facts.js';
export * from './orr-populations.js';
export * from './program-rules.js';
export * from './evaluate.js';
export * from './override.js';
