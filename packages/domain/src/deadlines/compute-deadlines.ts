import { addDays, addYears, ageOn, daysBetween, type IsoDate, isIsoDate, maxDate, todayIn } from '../calendar/dates.js';
import { isBusinessDay, nonBusinessDayReason, rollBack, rollForward, weekdayName } from '../calendar/holidays.js';
import { employmentCheckpoint, matchingGrantEnrollBy, preferredCommunitiesLastDay, rcaRmaLastDay, rcaRmaMonths } from '../rules/orr-windows.js';
import { assertDeadlineFacts, type DeadlineFactName, type DeadlineFacts } from './facts.js';
import { DEFAULT_JUVENILE_COURT_AGES, type JuvenileCourtAgeTable } from './juvenile-court-ages.js';
import {
  type DateRoll,
  DEADLINE_RULE_IDS,
  type DeadlineKind,
  type DeadlineRuleId,
  type DeadlineRuleParams,
  type DeadlineRuleTable,
  type DeadlineRuleVersion,
  DEFAULT_DEADLINE_RULES,
  isDeadlineRuleId,
  UnknownDeadlineRuleError,
  versionsCovering,
} from './rule-table.js';

/**
 * The deadline engine: pure, no I/O, never throws on a partial fact set — each rule produces a
 * result only when the facts it reads are there. It throws only for facts that are malformed,
 * impossible or contradictory (InvalidDeadlineFactsError, naming the fact) and for an unknown rule
 * id in `options.ruleIds` (UnknownDeadlineRuleError).
 *
 * Status (RULES.md): met when the fact that satisfies the deadline exists on or before the due
 * date; missed when `asOf` is past the due date without it (or the fact came late); open
 * otherwise. Only ASYLUM_ONE_YEAR_FILING has a satisfying fact among the RULES.md facts
 * (`i589ReceiptDate`); the other rules are open or missed by `asOf` alone. Earliest dates are
 * never missed: reaching one opens a possibility, it does not close one.
 */

export const DEADLINE_STATUSES = ['open', 'met', 'missed'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * attorney-review: a judgment Haven does not make (an exception, a state's law); other-version: an
 * enjoined or proposed version of the rule and the date it would give; information: context.
 */
export type DeadlineNoteType = 'attorney-review' | 'other-version' | 'information';

export interface DeadlineNote {
  type: DeadlineNoteType;
  message: string;
}

export interface DeadlineResult {
  ruleId: DeadlineRuleId;
  version: number;
  title: string;
  kind: DeadlineKind;
  dueDate: IsoDate;
  /** The date the formula gives, before any business-day roll. */
  computedDate: IsoDate;
  status: DeadlineStatus;
  citation: string;
  /** Which facts, which formula, any roll, and why the status. */
  explanation: string;
  notes: DeadlineNote[];
  /** True when a note asks for an attorney's judgment. */
  attorneyReview: boolean;
}

export interface ComputeDeadlinesOptions {
  /** `asOf` when the facts have none. Without either, today's date in UTC is used. */
  today?: IsoDate;
  /** An admin-edited rule table in place of DEFAULT_DEADLINE_RULES. */
  rules?: DeadlineRuleTable;
  /** The SIJS juvenile-court age table in place of DEFAULT_JUVENILE_COURT_AGES (replaced, not merged). */
  juvenileCourtAges?: JuvenileCourtAgeTable;
  /** A program's own employment-status checkpoint, in days from ORR eligibility (default 240). */
  employmentCheckpointDays?: number;
  /** Compute only these rules. An unknown id throws UnknownDeadlineRuleError naming it. */
  ruleIds?: readonly string[];
}

interface EngineContext {
  facts: DeadlineFacts;
  asOf: IsoDate;
  rules: DeadlineRuleTable;
  juvenileCourtAges: JuvenileCourtAgeTable;
  employmentCheckpointDays: number | undefined;
  results: DeadlineResult[];
}

interface Formula {
  date: IsoDate;
  /** The computation in words, naming the facts: "lastArrivalDate 2025-03-10 + 1 year = 2026-03-10". */
  text: string;
}

interface Draft<P> {
  /** The date of the triggering event, which picks the version. */
  trigger: IsoDate;
  formula: (params: P) => Formula;
  /** The fact that satisfies the deadline, when the rule has one: named even when absent. */
  satisfiedBy?: { fact: DeadlineFactName; date: IsoDate | undefined };
  notes?: DeadlineNote[];
  title?: string;
  kind?: DeadlineKind;
  roll?: DateRoll;
}

/**
 * Wraps a rule's formula. Passing the arrow through a call keeps it anonymous: tsx (esbuild with
 * keepNames) would otherwise define a `name` on each closure built per computation, which cost
 * about a tenth of the engine's time in the benchmark.
 */
function formula<P>(compute: (params: P) => Formula): (params: P) => Formula {
  return compute;
}

const review = (message: string): DeadlineNote => ({ type: 'attorney-review', message });
const info = (message: string): DeadlineNote => ({ type: 'information', message });

function applyRoll(date: IsoDate, roll: DateRoll): IsoDate {
  if (roll === 'forward') {
    return rollForward(date);
  }
  return roll === 'back' ? rollBack(date) : date;
}

function describeRoll(computed: IsoDate, due: IsoDate, roll: DateRoll): string {
  if (roll !== 'none' && computed === due) {
    return '';
  }
  if (roll === 'none') {
    const reason = isBusinessDay(computed) ? undefined : nonBusinessDayReason(computed);
    return reason === undefined ? '' : ` ${computed} is not a business day (${reason}); this rule does not move the date.`;
  }
  const skipped: string[] = [];
  const step = roll === 'forward' ? 1 : -1;
  for (let day = computed; day !== due; day = addDays(day, step)) {
    skipped.push(`${day} ${nonBusinessDayReason(day) ?? ''}`.trim());
  }
  const direction = roll === 'forward' ? 'forward to the next' : 'back to the previous';
  return ` That is not a business day (${skipped.join('; ')}), so it rolls ${direction} business day, ${weekdayName(due)} ${due}.`;
}

function describeStatus(kind: DeadlineKind, status: DeadlineStatus, due: IsoDate, asOf: IsoDate, satisfiedBy: Draft<unknown>['satisfiedBy']): string {
  if (satisfiedBy?.date !== undefined) {
    return satisfiedBy.date <= due
      ? `Met: ${satisfiedBy.fact} ${satisfiedBy.date} is on or before ${due}.`
      : `Missed: ${satisfiedBy.fact} ${satisfiedBy.date} is after ${due}.`;
  }
  if (kind === 'earliest-date') {
    return due > asOf ? `Open: not yet reached as of ${asOf}.` : `Open: reached on ${due}, as of ${asOf}.`;
  }
  const without = satisfiedBy ? ` and there is no ${satisfiedBy.fact}` : '';
  if (status === 'missed') {
    return `Missed: ${asOf} (as of) is past ${due}${without}.`;
  }
  const left = daysBetween(asOf, due);
  return `Open as of ${asOf}: ${left === 0 ? 'due today' : `${left} day${left === 1 ? '' : 's'} left`}.`;
}

function statusOf(kind: DeadlineKind, due: IsoDate, asOf: IsoDate, satisfiedBy: Draft<unknown>['satisfiedBy']): DeadlineStatus {
  if (satisfiedBy?.date !== undefined) {
    return satisfiedBy.date <= due ? 'met' : 'missed';
  }
  if (kind === 'earliest-date') {
    return 'open';
  }
  return asOf > due ? 'missed' : 'open';
}

function describeOtherVersion<P>(version: DeadlineRuleVersion<P>, draft: Draft<P>): DeadlineNote {
  const formula = draft.formula(version.params);
  const due = applyRoll(formula.date, draft.roll ?? version.roll);
  const status = version.status === 'enjoined' ? 'enjoined' : 'proposed';
  const reason = version.statusReason ? ` (${version.statusReason})` : '';
  return {
    type: 'other-version',
    message: `Version ${version.version} of this rule is ${status}${reason} and is not applied: ${version.citation}. It would give ${due} (${formula.text}).`,
  };
}

/** Picks the version, computes, rolls and judges status; adds the result, or nothing if no version is in force. */
function emit<R extends DeadlineRuleId>(ctx: EngineContext, ruleId: R, draft: Draft<DeadlineRuleParams[R]>): DeadlineResult | undefined {
  const rule = ctx.rules[ruleId];
  const covering = versionsCovering(rule, draft.trigger);
  const inForce = covering.filter((version) => version.status === 'in_force').sort((a, b) => b.version - a.version)[0];
  if (!inForce) {
    return undefined;
  }
  const roll = draft.roll ?? inForce.roll;
  const formula = draft.formula(inForce.params);
  const dueDate = applyRoll(formula.date, roll);
  const kind = draft.kind ?? rule.kind;
  const status = statusOf(kind, dueDate, ctx.asOf, draft.satisfiedBy);
  const notes = [...covering.filter((version) => version.status !== 'in_force').map((version) => describeOtherVersion(version, draft)), ...(draft.notes ?? [])];
  const result: DeadlineResult = {
    ruleId,
    version: inForce.version,
    title: draft.title ?? rule.title,
    kind,
    dueDate,
    computedDate: formula.date,
    status,
    citation: inForce.citation,
    explanation: `${formula.text}.${describeRoll(formula.date, dueDate, roll)} ${describeStatus(kind, status, dueDate, ctx.asOf, draft.satisfiedBy)}`,
    notes,
    attorneyReview: false,
  };
  ctx.results.push(result);
  return result;
}

function leapDayNote(dateOfBirthOrStart: IsoDate, fact: DeadlineFactName): DeadlineNote[] {
  return dateOfBirthOrStart.endsWith('-02-29')
    ? [info(`${fact} is 29 February: in a year without one, the anniversary is taken as 28 February, the earlier and safer day.`)]
    : [];
}

/** Under the Illegal Immigration Reform and Immigrant Responsibility Act § 604 the one-year rule began on 1 April 1997. */
const ONE_YEAR_RULE_START: IsoDate = '1997-04-01';

function asylumOneYearFiling(ctx: EngineContext): void {
  const { lastArrivalDate, unaccompaniedChild, dateOfBirth, i589ReceiptDate } = ctx.facts;
  if (!lastArrivalDate) {
    return;
  }
  const notes: DeadlineNote[] = [];
  if (unaccompaniedChild) {
    if (!dateOfBirth) {
      notes.push(review('Marked as an unaccompanied child but dateOfBirth is missing: a child under 18 is exempt from the one-year deadline (INA 208(a)(2)(E)). Add the date of birth; until then the deadline is shown.'));
    } else {
      // RULES.md judges the exemption on asOf. Once an I-589 is received, its receipt date is what
      // counts: INA 208(a)(2)(E) exempts an application made by an unaccompanied child, so a child
      // who filed before 18 stays exempt after turning 18 (an interpretation for attorney review).
      const judgedOn = i589ReceiptDate !== undefined && i589ReceiptDate <= ctx.asOf ? i589ReceiptDate : ctx.asOf;
      const judgedBy = judgedOn === i589ReceiptDate ? 'i589ReceiptDate' : 'as of';
      if (ageOn(dateOfBirth, judgedOn) < 18) {
        emit(ctx, 'ASYLUM_ONE_YEAR_FILING', {
          trigger: maxDate(lastArrivalDate, ONE_YEAR_RULE_START),
          title: 'Asylum one-year deadline does not apply: unaccompanied child (last day as a child)',
          kind: 'checkpoint',
          roll: 'none',
          formula: formula(() => {
            const lastDay = addDays(addYears(dateOfBirth, 18), -1);
            return { date: lastDay, text: `Under 18 on ${judgedOn} (${judgedBy}), so no one-year deadline is computed; dateOfBirth ${dateOfBirth} + 18 years − 1 day = ${lastDay}, the last day as a child` };
          }),
          satisfiedBy: { fact: 'i589ReceiptDate', date: i589ReceiptDate },
          notes: [
            info('An unaccompanied child is exempt from the one-year filing deadline (INA 208(a)(2)(E)); this is a note, not a deadline.'),
            review('Confirm the unaccompanied-child determination (6 USC 279(g)(2)) and consider filing before the 18th birthday.'),
            ...leapDayNote(dateOfBirth, 'dateOfBirth'),
          ],
        });
        return;
      }
      notes.push(
        review(`Marked as an unaccompanied child but 18 or older on ${judgedOn} (${judgedBy}), so the deadline is computed. An attorney should review whether time as an unaccompanied minor is a legal disability excusing late filing (8 CFR 208.4(a)(5)(ii)).`),
      );
    }
  }
  if (lastArrivalDate < ONE_YEAR_RULE_START) {
    notes.push(info(`Last arrival before ${ONE_YEAR_RULE_START}: the year is counted from ${ONE_YEAR_RULE_START}, when the one-year rule took effect (8 CFR 208.4(a)(2)(ii)).`));
  }
  if (i589ReceiptDate !== undefined && i589ReceiptDate < lastArrivalDate) {
    notes.push(review(`i589ReceiptDate ${i589ReceiptDate} is before lastArrivalDate ${lastArrivalDate}: confirm that application counts for the last arrival.`));
  }
  notes.push(...leapDayNote(lastArrivalDate, 'lastArrivalDate'));
  const result = emit(ctx, 'ASYLUM_ONE_YEAR_FILING', {
    trigger: maxDate(lastArrivalDate, ONE_YEAR_RULE_START),
    formula: formula(({ years, countFromNoEarlierThan }) => {
      const start = maxDate(lastArrivalDate, countFromNoEarlierThan);
      const date = addYears(start, years);
      const from = start === lastArrivalDate ? `lastArrivalDate ${lastArrivalDate}` : `${start} (the rule's start; lastArrivalDate ${lastArrivalDate} is earlier)`;
      return { date, text: `${from} + ${years} year${years === 1 ? '' : 's'} = ${date}` };
    }),
    satisfiedBy: { fact: 'i589ReceiptDate', date: i589ReceiptDate },
    notes,
  });
  if (result?.status === 'missed') {
    result.notes.push(
      review(
        'The one-year deadline is missed. An attorney must review whether changed circumstances (8 CFR 208.4(a)(4)) or extraordinary circumstances (8 CFR 208.4(a)(5)) excuse it, with filing within a reasonable period; Haven does not decide this. Withholding of removal and CAT protection have no one-year deadline.',
      ),
    );
  }
}

function eadC8(ctx: EngineContext): void {
  const { i589ReceiptDate, asylumGrantDate, eadClockStops = [] } = ctx.facts;
  if (!i589ReceiptDate || asylumGrantDate) {
    return;
  }
  let stoppedDays = 0;
  const running = eadClockStops.filter((stop) => stop.to === undefined);
  for (const stop of eadClockStops) {
    const end = stop.to ?? maxDate(ctx.asOf, stop.from);
    stoppedDays += daysBetween(stop.from, end);
  }
  const notes = running.map((stop) =>
    info(`The clock has been stopped since ${stop.from} (eadClockStops, no end yet), counted up to ${ctx.asOf}: this date moves one day later for each further day it stays stopped.`),
  );
  const stoppedText = eadClockStops.length > 0 ? ` + ${stoppedDays} stopped day${stoppedDays === 1 ? '' : 's'} (eadClockStops)` : '';
  const receiptPlusDays = formula(({ days }: { days: number }) => {
    const date = addDays(i589ReceiptDate, days + stoppedDays);
    return { date, text: `i589ReceiptDate ${i589ReceiptDate} + ${days} days${stoppedText} = ${date}` };
  });
  emit(ctx, 'EAD_C8_EARLIEST_FILING', { trigger: i589ReceiptDate, formula: receiptPlusDays, notes });
  emit(ctx, 'EAD_C8_EARLIEST_GRANT', { trigger: i589ReceiptDate, formula: receiptPlusDays, notes: [...notes] });
}

function eadRenewalWindow(ctx: EngineContext): void {
  const { eadExpiryDate } = ctx.facts;
  if (!eadExpiryDate) {
    return;
  }
  const notes = [
    info('No automatic extension for renewals filed on or after 2025-10-30 (90 FR 48799): the card ends on its expiry date even while a renewal is pending, so file as soon as the window opens.'),
  ];
  if (ctx.asOf > eadExpiryDate) {
    notes.push(info(`The card expired on ${eadExpiryDate} (eadExpiryDate).`));
  }
  emit(ctx, 'EAD_RENEWAL_WINDOW_OPENS', {
    trigger: eadExpiryDate,
    formula: formula(({ daysBeforeExpiry }) => {
      const date = addDays(eadExpiryDate, -daysBeforeExpiry);
      return { date, text: `eadExpiryDate ${eadExpiryDate} − ${daysBeforeExpiry} days = ${date}` };
    }),
    notes,
  });
}

function ordinal(n: number): string {
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function birthdayEve(dateOfBirth: IsoDate, age: number): Formula {
  const birthday = addYears(dateOfBirth, age);
  const date = addDays(birthday, -1);
  return { date, text: `dateOfBirth ${dateOfBirth} + ${age} years = ${birthday} (${ordinal(age)} birthday) − 1 day = ${date}` };
}

function sijs(ctx: EngineContext): void {
  const { sijsCandidate, dateOfBirth, juvenileCourtState } = ctx.facts;
  if (!sijsCandidate || !dateOfBirth) {
    return;
  }
  emit(ctx, 'SIJS_I360_AGE_OUT', {
    trigger: dateOfBirth,
    formula: formula(({ ageLimit }) => birthdayEve(dateOfBirth, ageLimit)),
    notes: [info('USCIS counts age on the day it receives the petition (8 CFR 204.11(b)): the petition must be received by this date.'), ...leapDayNote(dateOfBirth, 'dateOfBirth')],
  });
  if (!juvenileCourtState) {
    return;
  }
  const entry = ctx.juvenileCourtAges[juvenileCourtState];
  emit(ctx, 'SIJS_STATE_ORDER_AGE_OUT', {
    trigger: dateOfBirth,
    title: entry ? undefined : `Last day for the state juvenile-court order (SIJS) — ${juvenileCourtState} age limit unknown, 18 assumed`,
    formula: formula(({ assumedAgeLimitWhenUnknown }) => {
      const eve = birthdayEve(dateOfBirth, entry?.ageLimit ?? assumedAgeLimitWhenUnknown);
      const basis = entry ? `${juvenileCourtState} juvenile courts can act until ${entry.ageLimit}` : `${juvenileCourtState} is not in the juvenile-court age table, so 18 is assumed`;
      return { date: eve.date, text: `${basis}: ${eve.text}` };
    }),
    notes: [
      entry
        ? info(`Age limit from the juvenile-court age table: ${entry.source}. Confirm it for the kind of proceeding (custody, guardianship, dependency).`)
        : review(`No juvenile-court age limit is recorded for ${juvenileCourtState}: 18 is assumed, the earliest any juvenile court's jurisdiction ends. An attorney must confirm the state's limit and add it to the table.`),
      ...leapDayNote(dateOfBirth, 'dateOfBirth'),
    ],
  });
}

function orrWindows(ctx: EngineContext): void {
  const { orrEligibilityDate } = ctx.facts;
  if (!orrEligibilityDate) {
    return;
  }
  const counting = ctx.facts.rcaCounting ?? 'exact-date';
  emit(ctx, 'RCA_RMA_LAST_DAY', {
    trigger: orrEligibilityDate,
    formula: formula(() => {
      // The months by eligibility date are decided in orr-windows.ts, shared with intake eligibility.
      const months = rcaRmaMonths(orrEligibilityDate);
      const date = rcaRmaLastDay(orrEligibilityDate, counting);
      const text =
        counting === 'calendar-month'
          ? `${months} months for eligibility on ${orrEligibilityDate} (orrEligibilityDate), counted by calendar month with that month as month 1: the last day of month ${months} = ${date}`
          : `${months} months for eligibility on ${orrEligibilityDate} (orrEligibilityDate), counted by exact date: + ${months} months − 1 day = ${date}`;
      return { date, text };
    }),
  });
  emit(ctx, 'PREFERRED_COMMUNITIES_LAST_DAY', {
    trigger: orrEligibilityDate,
    formula: formula(() => {
      const date = preferredCommunitiesLastDay(orrEligibilityDate);
      return { date, text: `orrEligibilityDate ${orrEligibilityDate} + 5 years − 1 day = ${date}` };
    }),
    notes: leapDayNote(orrEligibilityDate, 'orrEligibilityDate'),
  });
  emit(ctx, 'MATCHING_GRANT_ENROLL_BY', {
    trigger: orrEligibilityDate,
    formula: formula(() => {
      const date = matchingGrantEnrollBy(orrEligibilityDate);
      return { date, text: `orrEligibilityDate ${orrEligibilityDate} + 31 days = ${date}` };
    }),
  });
  emit(ctx, 'EMPLOYMENT_STATUS_240_DAY', {
    trigger: orrEligibilityDate,
    formula: formula(({ days }) => {
      const checkpointDays = ctx.employmentCheckpointDays ?? days;
      const date = employmentCheckpoint(orrEligibilityDate, checkpointDays);
      const configured = checkpointDays === days ? '' : ' (the program’s configured checkpoint)';
      return { date, text: `orrEligibilityDate ${orrEligibilityDate} + ${checkpointDays} days${configured} = ${date}` };
    }),
  });
}

function plusDays(fact: DeadlineFactName, start: IsoDate): (params: { days: number }) => Formula {
  return ({ days }) => {
    const date = addDays(start, days);
    return { date, text: `${fact} ${start} + ${days} days = ${date}` };
  };
}

function plusYears(fact: DeadlineFactName, start: IsoDate): (params: { years: number }) => Formula {
  return ({ years }) => {
    const date = addYears(start, years);
    return { date, text: `${fact} ${start} + ${years} year${years === 1 ? '' : 's'} = ${date}` };
  };
}

function addressChange(ctx: EngineContext): void {
  const { addressChangeDate, inRemovalProceedings } = ctx.facts;
  if (!addressChangeDate) {
    return;
  }
  emit(ctx, 'AR11_DUE', { trigger: addressChangeDate, formula: plusDays('addressChangeDate', addressChangeDate) });
  if (inRemovalProceedings) {
    emit(ctx, 'EOIR33_DUE', { trigger: addressChangeDate, formula: plusDays('addressChangeDate', addressChangeDate) });
  }
}

function naturalization(ctx: EngineContext): void {
  const { lprDate, marriedToUsCitizen } = ctx.facts;
  if (!lprDate) {
    return;
  }
  const notes = [info('Continuous residence, physical presence and the other requirements (INA 316(a)) are not checked here.'), ...leapDayNote(lprDate, 'lprDate')];
  if (marriedToUsCitizen) {
    notes.unshift(
      review('The 3-year path needs 3 years married to and living with the same spouse, a US citizen throughout (INA 319(a)): confirm, or the 5-year date applies.'),
    );
  }
  emit(ctx, 'N400_EARLIEST_FILING', {
    trigger: lprDate,
    formula: formula(({ years, yearsMarriedToCitizen, daysEarly }) => {
      const period = marriedToUsCitizen ? yearsMarriedToCitizen : years;
      const anniversary = addYears(lprDate, period);
      const date = addDays(anniversary, -daysEarly);
      const why = marriedToUsCitizen ? ' (married to a US citizen)' : '';
      return { date, text: `lprDate ${lprDate} + ${period} years${why} = ${anniversary} − ${daysEarly} days = ${date}` };
    }),
    notes,
  });
}

function adjustmentAndFamily(ctx: EngineContext): void {
  const { refugeeAdmissionDate, asylumGrantDate, lprDate } = ctx.facts;
  if (refugeeAdmissionDate && !lprDate) {
    emit(ctx, 'REFUGEE_I485_DUE', {
      trigger: refugeeAdmissionDate,
      formula: plusYears('refugeeAdmissionDate', refugeeAdmissionDate),
      notes: leapDayNote(refugeeAdmissionDate, 'refugeeAdmissionDate'),
    });
  }
  if (asylumGrantDate && !lprDate) {
    emit(ctx, 'ASYLEE_I485_ELIGIBLE', {
      trigger: asylumGrantDate,
      formula: plusYears('asylumGrantDate', asylumGrantDate),
      notes: [info('Needs one year of physical presence in the US after the grant (INA 209(b)(2)); time abroad is not subtracted here.'), ...leapDayNote(asylumGrantDate, 'asylumGrantDate')],
    });
  }
  const followToJoinFact: DeadlineFactName | undefined = asylumGrantDate ? 'asylumGrantDate' : refugeeAdmissionDate ? 'refugeeAdmissionDate' : undefined;
  const followToJoinStart = asylumGrantDate ?? refugeeAdmissionDate;
  if (followToJoinFact && followToJoinStart) {
    const result = emit(ctx, 'I730_DUE', {
      trigger: followToJoinStart,
      formula: plusYears(followToJoinFact, followToJoinStart),
      notes: leapDayNote(followToJoinStart, followToJoinFact),
    });
    if (result?.status === 'missed') {
      result.notes.push(review('Past the two years: USCIS may extend the filing period for humanitarian reasons (8 CFR 208.21(d), 207.7(d)). An attorney should review.'));
    }
  }
}

function removalProceedings(ctx: EngineContext): void {
  const { ijDecisionDate, finalOrderDate } = ctx.facts;
  if (ijDecisionDate) {
    emit(ctx, 'BIA_APPEAL_DUE', {
      trigger: ijDecisionDate,
      formula: plusDays('ijDecisionDate', ijDecisionDate),
      notes: [
        info('The Board must receive the notice of appeal by this date; mailing it by then is not enough (8 CFR 1003.38(c)).'),
        info('For a written decision served by mail or electronically, enter the service date as ijDecisionDate: the time runs from it (8 CFR 1003.38(b)).'),
      ],
    });
  }
  if (finalOrderDate) {
    emit(ctx, 'MOTION_TO_RECONSIDER_DUE', { trigger: finalOrderDate, formula: plusDays('finalOrderDate', finalOrderDate) });
    emit(ctx, 'MOTION_TO_REOPEN_DUE', {
      trigger: finalOrderDate,
      formula: plusDays('finalOrderDate', finalOrderDate),
      notes: [
        review(
          'Exceptions to the 90 days are not computed: changed country conditions for asylum or withholding (INA 240(c)(7)(C)(ii)), in-absentia orders (180 days for exceptional circumstances, any time for lack of notice, INA 240(b)(5)(C)), and others such as VAWA (INA 240(c)(7)(C)(iv)). An attorney must review whether one applies.',
        ),
      ],
    });
  }
}

/** 12 weeks from issue (8 CFR 103.2(b)(8)(iv)), plus 3 days when served by mail (8 CFR 103.8(b)). */
function rfeFromIssueDate(rfeIssueDate: IsoDate, rfeMailed: boolean | undefined, days: number, mailingDays: number): Formula {
  const date = addDays(rfeIssueDate, days + (rfeMailed ? mailingDays : 0));
  const mailing = rfeMailed ? ` + ${mailingDays} days for mailing (rfeMailed)` : '';
  return { date, text: `rfeIssueDate ${rfeIssueDate} + ${days} days${mailing} = ${date}` };
}

function requestForEvidence(ctx: EngineContext): void {
  const { rfeIssueDate, rfeMailed, rfeDueDateOnNotice } = ctx.facts;
  const trigger = rfeIssueDate ?? rfeDueDateOnNotice;
  if (!trigger) {
    return;
  }
  const notes = [info('USCIS must receive the response by this date, and gives no extensions (8 CFR 103.2(b)(8)(iv)).')];
  if (!rfeDueDateOnNotice && rfeMailed === undefined) {
    notes.push(info('rfeMailed is not given: the 3 days added for mailing (8 CFR 103.8(b)) are not counted, the earlier and safer date.'));
  }
  emit(ctx, 'RFE_RESPONSE_DUE', {
    trigger,
    formula: formula(({ days, mailingDays }) => {
      const computed = rfeIssueDate ? rfeFromIssueDate(rfeIssueDate, rfeMailed, days, mailingDays) : undefined;
      if (rfeDueDateOnNotice) {
        const other = computed && computed.date !== rfeDueDateOnNotice ? ` (counting from the issue date would give ${computed.date}; the notice governs)` : '';
        return { date: rfeDueDateOnNotice, text: `The due date printed on the notice, rfeDueDateOnNotice ${rfeDueDateOnNotice}${other}` };
      }
      // rfeIssueDate is present here: the trigger is one of the two.
      return computed ?? { date: trigger, text: `rfeIssueDate ${trigger}` };
    }),
    notes,
  });
}

const RULE_GROUPS: readonly { ruleIds: readonly DeadlineRuleId[]; compute: (ctx: EngineContext) => void }[] = [
  { ruleIds: ['ASYLUM_ONE_YEAR_FILING'], compute: asylumOneYearFiling },
  { ruleIds: ['EAD_C8_EARLIEST_FILING', 'EAD_C8_EARLIEST_GRANT'], compute: eadC8 },
  { ruleIds: ['EAD_RENEWAL_WINDOW_OPENS'], compute: eadRenewalWindow },
  { ruleIds: ['SIJS_I360_AGE_OUT', 'SIJS_STATE_ORDER_AGE_OUT'], compute: sijs },
  { ruleIds: ['RCA_RMA_LAST_DAY', 'PREFERRED_COMMUNITIES_LAST_DAY', 'MATCHING_GRANT_ENROLL_BY', 'EMPLOYMENT_STATUS_240_DAY'], compute: orrWindows },
  { ruleIds: ['AR11_DUE', 'EOIR33_DUE'], compute: addressChange },
  { ruleIds: ['N400_EARLIEST_FILING'], compute: naturalization },
  { ruleIds: ['REFUGEE_I485_DUE', 'ASYLEE_I485_ELIGIBLE', 'I730_DUE'], compute: adjustmentAndFamily },
  { ruleIds: ['BIA_APPEAL_DUE', 'MOTION_TO_RECONSIDER_DUE', 'MOTION_TO_REOPEN_DUE'], compute: removalProceedings },
  { ruleIds: ['RFE_RESPONSE_DUE'], compute: requestForEvidence },
];

const RULE_ORDER = new Map<DeadlineRuleId, number>(DEADLINE_RULE_IDS.map((id, index) => [id, index]));

/**
 * Every deadline, earliest date, last day and checkpoint the facts allow, sorted by date.
 * `asOf` is the facts' own, else `options.today`, else today's date in UTC.
 */
export function computeDeadlines(facts: unknown, options: ComputeDeadlinesOptions = {}): DeadlineResult[] {
  const valid = assertDeadlineFacts(facts);
  const wanted = options.ruleIds ? new Set<DeadlineRuleId>() : undefined;
  for (const ruleId of options.ruleIds ?? []) {
    if (!isDeadlineRuleId(ruleId)) {
      throw new UnknownDeadlineRuleError(ruleId);
    }
    wanted?.add(ruleId);
  }
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw new RangeError(`options.today is not a calendar date: ${options.today}`);
  }
  if (options.employmentCheckpointDays !== undefined && !(Number.isInteger(options.employmentCheckpointDays) && options.employmentCheckpointDays > 0)) {
    throw new RangeError(`options.employmentCheckpointDays must be a positive whole number of days: ${options.employmentCheckpointDays}`);
  }
  const ctx: EngineContext = {
    facts: valid,
    asOf: valid.asOf ?? options.today ?? todayIn('UTC'),
    rules: options.rules ?? DEFAULT_DEADLINE_RULES,
    juvenileCourtAges: options.juvenileCourtAges ?? DEFAULT_JUVENILE_COURT_AGES,
    employmentCheckpointDays: options.employmentCheckpointDays,
    results: [],
  };
  for (const group of RULE_GROUPS) {
    group.compute(ctx);
  }
  const results = wanted ? ctx.results.filter((result) => wanted.has(result.ruleId)) : ctx.results;
  for (const result of results) {
    result.attorneyReview = result.notes.some((note) => note.type === 'attorney-review');
  }
  return results.sort((a, b) => (a.dueDate === b.dueDate ? RULE_ORDER.get(a.ruleId)! - RULE_ORDER.get(b.ruleId)! : a.dueDate < b.dueDate ? -1 : 1));
}
