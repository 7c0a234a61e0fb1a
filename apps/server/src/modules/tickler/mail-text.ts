import { DEFAULT_DEADLINE_RULES, deadlineRuleTitle, isDeadlineRuleId, type Locale, type MatterType, type TicklerEscalationReason, type TicklerViewKind } from '@haven/domain';

/**
 * The texts of tickler mail, in the recipient's language (users.locale; English otherwise). Mail
 * leaves Haven and sits in inboxes, so it names the client by initials and the matter by its type
 * and reference only — never a full name, never a narrative, never a title someone typed (a
 * manual deadline's title may name a person: the mail says "a deadline" and links to the matter).
 * A protected client's matter is not even typed: "confidential matter" (a VAWA, T or U label
 * would disclose the protected basis).
 */

export interface MailText {
  subject: string;
  text: string;
}

/** What a mail says about one item: codes and dates only. */
export interface TicklerMailItem {
  kind: TicklerViewKind;
  matterId: string;
  matterReference: string;
  matterType: MatterType;
  /**
   * The client is protected (8 USC 1367: VAWA, T, U): the matter's type would disclose the basis,
   * so mail and notifications name it "Confidential matter" instead.
   */
  confidential: boolean;
  initials: string;
  date: string;
  /** "09:30" for hearings and check-ins. */
  time: string | null;
  daysLeft: number;
  /** The engine's title of a rule deadline (its own words, no personal data); null for a manual one. */
  ruleTitle: string | null;
  /** The engine rule behind it (the app shows the rule's title in the reader's language); null for a manual one. */
  ruleId: string | null;
  citation: string | null;
  hearingType: 'master' | 'individual' | null;
  agency: 'ice_ero' | 'isap' | null;
}

const MATTER_TYPE_NAMES: Record<Locale, Record<MatterType, string>> = {
  en: {
    affirmative_asylum: 'affirmative asylum',
    defensive_asylum: 'defensive asylum',
    withholding_cat: 'withholding/CAT',
    sijs: 'SIJS',
    t_visa: 'T visa',
    u_visa: 'U visa',
    vawa: 'VAWA',
    work_permit: 'work permit',
    adjustment: 'adjustment of status',
    naturalization: 'naturalization',
    tps: 'TPS',
    i730_follow_to_join: 'I-730 follow-to-join',
    family_petition: 'family petition',
    foia: 'FOIA',
    removal_defense: 'removal defense',
    appeal: 'appeal',
    other: 'other matter',
  },
  es: {
    affirmative_asylum: 'asilo afirmativo',
    defensive_asylum: 'asilo defensivo',
    withholding_cat: 'suspensión de remoción/CAT',
    sijs: 'SIJS',
    t_visa: 'visa T',
    u_visa: 'visa U',
    vawa: 'VAWA',
    work_permit: 'permiso de trabajo',
    adjustment: 'ajuste de estatus',
    naturalization: 'naturalización',
    tps: 'TPS',
    i730_follow_to_join: 'I-730 reunificación',
    family_petition: 'petición familiar',
    foia: 'FOIA',
    removal_defense: 'defensa contra la deportación',
    appeal: 'apelación',
    other: 'otro asunto',
  },
  ar: {
    affirmative_asylum: 'لجوء إيجابي',
    defensive_asylum: 'لجوء دفاعي',
    withholding_cat: 'وقف الترحيل/اتفاقية مناهضة التعذيب',
    sijs: 'SIJS',
    t_visa: 'تأشيرة T',
    u_visa: 'تأشيرة U',
    vawa: 'VAWA',
    work_permit: 'تصريح عمل',
    adjustment: 'تعديل الوضع',
    naturalization: 'التجنس',
    tps: 'TPS',
    i730_follow_to_join: 'I-730 لمّ الشمل',
    family_petition: 'التماس عائلي',
    foia: 'FOIA',
    removal_defense: 'الدفاع ضد الترحيل',
    appeal: 'استئناف',
    other: 'قضية أخرى',
  },
};

export function matterTypeName(locale: Locale, type: MatterType): string {
  return MATTER_TYPE_NAMES[locale][type];
}

/** "the master hearing", "the ISAP check-in", "the deadline "One-year asylum filing"", in the language. */
function itemLabel(locale: Locale, item: TicklerMailItem): string {
  if (item.kind === 'hearing') {
    const individual = item.hearingType === 'individual';
    return {
      en: individual ? 'Individual hearing (immigration court)' : 'Master calendar hearing (immigration court)',
      es: individual ? 'Audiencia individual (tribunal de inmigración)' : 'Audiencia de calendario maestro (tribunal de inmigración)',
      ar: individual ? 'جلسة فردية (محكمة الهجرة)' : 'جلسة الجدول الرئيسي (محكمة الهجرة)',
    }[locale];
  }
  if (item.kind === 'checkin') {
    const isap = item.agency === 'isap';
    return {
      en: isap ? 'ISAP check-in' : 'ICE check-in',
      es: isap ? 'Presentación ante ISAP' : 'Presentación ante ICE',
      ar: isap ? 'مراجعة ISAP' : 'مراجعة ICE',
    }[locale];
  }
  if (item.ruleTitle) {
    // The rule's own title in the reader's language; a variant the engine worded for the facts
    // (an exempt child, an unknown state) keeps the engine's English words.
    const title =
      item.ruleId && isDeadlineRuleId(item.ruleId) && item.ruleTitle === DEFAULT_DEADLINE_RULES[item.ruleId].title ? deadlineRuleTitle(locale, item.ruleId) : item.ruleTitle;
    return { en: `Deadline: ${title}`, es: `Plazo: ${title}`, ar: `موعد نهائي: ${title}` }[locale];
  }
  return { en: 'A deadline added by staff', es: 'Un plazo agregado por el personal', ar: 'موعد نهائي أضافه الفريق' }[locale];
}

function whenText(locale: Locale, item: TicklerMailItem): string {
  const at = item.time ? ` ${item.time}` : '';
  const days = item.daysLeft;
  if (days < 0) {
    const n = -days;
    return {
      en: `was due ${item.date}${at} (${n} day${n === 1 ? '' : 's'} ago)`,
      es: `vencía el ${item.date}${at} (hace ${n} día${n === 1 ? '' : 's'})`,
      ar: `كان مستحقاً في ${item.date}${at} (قبل ${n} يوم)`,
    }[locale];
  }
  if (days === 0) {
    return { en: `is today, ${item.date}${at}`, es: `es hoy, ${item.date}${at}`, ar: `اليوم، ${item.date}${at}` }[locale];
  }
  return {
    en: `is on ${item.date}${at} (in ${days} day${days === 1 ? '' : 's'})`,
    es: `es el ${item.date}${at} (en ${days} día${days === 1 ? '' : 's'})`,
    ar: `في ${item.date}${at} (بعد ${days} يوم)`,
  }[locale];
}

const CONFIDENTIAL_MATTER: Record<Locale, string> = { en: 'confidential matter', es: 'asunto confidencial', ar: 'قضية سرية' };

/** "M-2026-0042 (affirmative asylum, A. B.)"; a protected client's "M-2026-0042 (confidential matter, A. B.)". */
function matterLine(locale: Locale, item: TicklerMailItem): string {
  const type = item.confidential ? CONFIDENTIAL_MATTER[locale] : matterTypeName(locale, item.matterType);
  return `${item.matterReference} (${type}, ${item.initials})`;
}

function link(publicUrl: string, item: TicklerMailItem): string {
  return `${publicUrl}/matters/${item.matterId}`;
}

/** The reminder to the responsible person, `daysLeft` before the date. */
export function reminderMail(locale: Locale, item: TicklerMailItem, publicUrl: string): MailText {
  const label = itemLabel(locale, item);
  const when = whenText(locale, item);
  const citation = item.citation ? `\n${{ en: 'Authority', es: 'Fundamento', ar: 'السند' }[locale]}: ${item.citation}` : '';
  const texts = {
    en: {
      subject: `Reminder: ${item.matterReference} — ${item.daysLeft === 0 ? 'today' : `${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'} left`}`,
      intro: `You are responsible for this item on matter ${matterLine(locale, item)}:`,
      ack: 'Please acknowledge it in Haven (Deadlines) so your supervisor knows it is in hand.',
    },
    es: {
      subject: `Recordatorio: ${item.matterReference} — ${item.daysLeft === 0 ? 'hoy' : `quedan ${item.daysLeft} día${item.daysLeft === 1 ? '' : 's'}`}`,
      intro: `Usted es responsable de este punto del asunto ${matterLine(locale, item)}:`,
      ack: 'Confirme que lo recibió en Haven (Plazos) para que su supervisor sepa que está atendido.',
    },
    ar: {
      subject: `تذكير: ${item.matterReference} — ${item.daysLeft === 0 ? 'اليوم' : `متبقٍ ${item.daysLeft} يوم`}`,
      intro: `أنت مسؤول عن هذا البند في القضية ${matterLine(locale, item)}:`,
      ack: 'يرجى تأكيد الاستلام في Haven (المواعيد النهائية) ليعلم مشرفك أنه قيد المتابعة.',
    },
  }[locale];
  return { subject: texts.subject, text: `${texts.intro}\n\n${label} ${when}.${citation}\n\n${texts.ack}\n\n${link(publicUrl, item)}` };
}

/** The escalation to the supervisor(s): not acknowledged in time, or overdue. */
export function escalationMail(locale: Locale, item: TicklerMailItem, reason: TicklerEscalationReason, responsibleName: string, publicUrl: string): MailText {
  const label = itemLabel(locale, item);
  const when = whenText(locale, item);
  const texts = {
    en: {
      subject:
        reason === 'overdue' ? `Overdue: ${item.matterReference} — escalated to you` : `Not acknowledged: ${item.matterReference} — escalated to you`,
      why:
        reason === 'overdue'
          ? `This item on matter ${matterLine(locale, item)} is past its date and still open.`
          : `This item on matter ${matterLine(locale, item)} is close and its responsible person has not acknowledged it.`,
      who: `Responsible: ${responsibleName}.`,
      act: 'Please check with them and make sure it is handled.',
    },
    es: {
      subject:
        reason === 'overdue' ? `Vencido: ${item.matterReference} — escalado a usted` : `Sin confirmar: ${item.matterReference} — escalado a usted`,
      why:
        reason === 'overdue'
          ? `Este punto del asunto ${matterLine(locale, item)} pasó su fecha y sigue abierto.`
          : `Este punto del asunto ${matterLine(locale, item)} se acerca y la persona responsable no ha confirmado que lo recibió.`,
      who: `Responsable: ${responsibleName}.`,
      act: 'Consulte con esa persona y asegúrese de que se atienda.',
    },
    ar: {
      subject: reason === 'overdue' ? `متأخر: ${item.matterReference} — أُحيل إليك` : `لم يُؤكَّد: ${item.matterReference} — أُحيل إليك`,
      why:
        reason === 'overdue'
          ? `هذا البند في القضية ${matterLine(locale, item)} تجاوز موعده وما زال مفتوحاً.`
          : `هذا البند في القضية ${matterLine(locale, item)} اقترب موعده ولم يؤكد المسؤول عنه استلامه.`,
      who: `المسؤول: ${responsibleName}.`,
      act: 'يرجى التواصل معه والتأكد من معالجته.',
    },
  }[locale];
  return { subject: texts.subject, text: `${texts.why}\n\n${label} ${when}.\n${texts.who}\n\n${texts.act}\n\n${link(publicUrl, item)}` };
}

/** Given "Amina", family "Qasimova" → "A. Q."; letters of any script; "?" when there is nothing to take. */
export function initialsOf(givenName: string | null | undefined, familyName: string | null | undefined): string {
  const letters = [givenName, familyName]
    .map((name) => (name ?? '').trim())
    .filter((name) => name.length > 0)
    .map((name) => `${Array.from(name)[0]!.toLocaleUpperCase()}.`);
  return letters.length > 0 ? letters.join(' ') : '?';
}
