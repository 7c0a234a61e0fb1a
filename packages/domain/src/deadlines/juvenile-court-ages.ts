/**
 * The age until which a state's juvenile court can make the findings a SIJS petition needs
 * (8 CFR 204.11(c)): the state-order age-out is the day before that birthday. This is state law,
 * it changes, and it often depends on the kind of proceeding (custody, guardianship, dependency),
 * so it is data an admin maintains and passes to `computeDeadlines`, not code.
 *
 * The default lists only states whose limit Haven's authors could tie to a source: Iowa 18
 * (RULES.md) and states known to let their courts act until 21, the limit of SIJS itself. Every
 * other state is left out on purpose: the engine then assumes 18, the earliest age any juvenile
 * court's jurisdiction ends, and flags the date for an attorney instead of guessing the state's law.
 * An attorney should verify each entry before relying on it.
 */

export interface JuvenileCourtAge {
  /** The birthday on which the court can no longer act. */
  ageLimit: number;
  source: string;
}

/** Keyed by two-letter state code. A table passed in replaces this one; spread it to extend it. */
export type JuvenileCourtAgeTable = Readonly<Partial<Record<string, JuvenileCourtAge>>>;

export const DEFAULT_JUVENILE_COURT_AGES: JuvenileCourtAgeTable = {
  IA: { ageLimit: 18, source: 'Iowa Code ch. 232D' },
  CA: { ageLimit: 21, source: 'Cal. Prob. Code § 1510.1 (guardianship to 21)' },
  MA: { ageLimit: 21, source: 'Recinos v. Escobar, 473 Mass. 734 (2016) (Probate and Family Court, to 21)' },
  MD: { ageLimit: 21, source: 'Md. Code, Fam. Law § 1-201 (custody to 21)' },
  NY: { ageLimit: 21, source: 'N.Y. Fam. Ct. Act § 661(a) (guardianship to 21)' },
  WA: { ageLimit: 21, source: 'RCW 13.90 (vulnerable youth guardianship, 18 to 21)' },
};
