import type { Locale, RiskFlagKind } from '@haven/domain';

/**
 * The texts of monitoring mail, in the recipient's language (users.locale). Mail names cases by
 * their reference only — never a client's name: mail leaves Haven and sits in inboxes.
 */
export function mailLocale(value: string | null | undefined): Locale {
  return value === 'es' || value === 'ar' ? value : 'en';
}

/** "November 2026" for "2026-11", "week 2026-W47" for a week key, in the given language. */
export function periodLabel(locale: Locale, key: string): string {
  if (/^\d{4}-\d{2}$/.test(key)) {
    const [year, month] = key.split('-').map(Number) as [number, number];
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  }
  return { en: `week ${key}`, es: `semana ${key}`, ar: `الأسبوع ${key}` }[locale];
}

/** The stored (English) title of a contact-rule task; the web app shows it in the reader's language. */
export function contactTaskTitle(periodKey: string): string {
  return `Meaningful contact for ${periodLabel('en', periodKey)}`;
}

export function overdueTaskTitle(caseReference: string, periodKey: string): string {
  return `Contact overdue on ${caseReference}: no meaningful contact in ${periodLabel('en', periodKey)}`;
}

export function riskFlagTaskTitle(caseReference: string): string {
  return `Risk flag raised on ${caseReference}`;
}

/** A generated task's title in the recipient's language, from what made it; a person's own title as written. */
export function taskTitleIn(locale: Locale, task: { title: string; source: string; sourceKey: string | null; caseReference: string | null }): string {
  const key = task.sourceKey ?? '';
  const ref = task.caseReference ?? '';
  if (task.source === 'contact_rule' && key.startsWith('contact:')) {
    const period = periodLabel(locale, key.slice('contact:'.length));
    return { en: `Meaningful contact for ${period}`, es: `Contacto significativo de ${period}`, ar: `تواصل فعّال عن ${period}` }[locale];
  }
  if (task.source === 'contact_rule' && key.startsWith('overdue:')) {
    // overdue:<period> for the case's supervisor, overdue:<period>:<user> when every supervisor is told.
    const period = periodLabel(locale, key.split(':')[1] ?? '');
    return {
      en: `Contact overdue on ${ref}: no meaningful contact in ${period}`,
      es: `Contacto atrasado en ${ref}: sin contacto significativo en ${period}`,
      ar: `تأخر التواصل في ${ref}: لا تواصل فعّال في ${period}`,
    }[locale];
  }
  if (task.source === 'risk_flag') {
    return { en: `Risk flag raised on ${ref}`, es: `Alerta de riesgo en ${ref}`, ar: `إشارة خطر على ${ref}` }[locale];
  }
  return task.title;
}

export interface MailText {
  subject: string;
  text: string;
}

const DIGEST = {
  en: { subject: 'Your tasks', intro: 'Open tasks due within 7 days or overdue:', overdue: 'overdue', due: 'due', optOut: 'You can turn this daily email off on your account page in Haven.' },
  es: { subject: 'Sus tareas', intro: 'Tareas abiertas que vencen en los próximos 7 días o ya vencidas:', overdue: 'vencida', due: 'vence', optOut: 'Puede desactivar este correo diario en la página de su cuenta en Haven.' },
  ar: { subject: 'مهامك', intro: 'المهام المفتوحة المستحقة خلال 7 أيام أو المتأخرة:', overdue: 'متأخرة', due: 'تستحق في', optOut: 'يمكنك إيقاف هذه الرسالة اليومية من صفحة حسابك في Haven.' },
} as const;

/** The digest's subject carries the day: one digest per member per day is checked on it. */
export function digestSubject(locale: Locale, today: string): string {
  return `Haven — ${DIGEST[locale].subject} (${today})`;
}

export function digestSubjects(today: string): string[] {
  return (['en', 'es', 'ar'] as const).map((l) => digestSubject(l, today));
}

export function digestMail(
  locale: Locale,
  today: string,
  items: { title: string; dueOn: string; caseReference: string | null }[],
  publicUrl: string,
): MailText {
  const t = DIGEST[locale];
  const lines = items.map((item) => {
    const when = item.dueOn < today ? `${t.overdue} ${item.dueOn}` : `${t.due} ${item.dueOn}`;
    return `- ${item.title} — ${when}${item.caseReference ? ` — ${item.caseReference}` : ''}`;
  });
  return { subject: digestSubject(locale, today), text: [t.intro, '', ...lines, '', `${publicUrl}/tasks`, '', t.optOut].join('\n') };
}

export function overdueContactMail(locale: Locale, caseReference: string, periodKey: string, publicUrl: string, caseId: string): MailText {
  const period = periodLabel(locale, periodKey);
  const texts = {
    en: {
      subject: `Contact overdue on case ${caseReference}`,
      text: `Case ${caseReference} had no meaningful contact in ${period}, which its program's contact rule requires. A follow-up task is on your task list.`,
    },
    es: {
      subject: `Contacto atrasado en el caso ${caseReference}`,
      text: `El caso ${caseReference} no tuvo contacto significativo en ${period}, como exige la regla de contacto de su programa. Tiene una tarea de seguimiento en su lista.`,
    },
    ar: {
      subject: `تأخر التواصل في الحالة ${caseReference}`,
      text: `لم يحدث تواصل فعّال في الحالة ${caseReference} خلال ${period}، كما تشترط قاعدة التواصل في برنامجها. أضيفت مهمة متابعة إلى قائمة مهامك.`,
    },
  }[locale];
  return { subject: texts.subject, text: `${texts.text}\n\n${publicUrl}/cases/${caseId}` };
}

const KIND_NAMES: Record<Locale, Record<RiskFlagKind, string>> = {
  en: { suicidal_ideation: 'suicidal ideation', family_violence: 'family violence', child_abuse_neglect: 'child abuse or neglect' },
  es: { suicidal_ideation: 'ideación suicida', family_violence: 'violencia familiar', child_abuse_neglect: 'abuso o negligencia infantil' },
  ar: { suicidal_ideation: 'أفكار انتحارية', family_violence: 'عنف أسري', child_abuse_neglect: 'إساءة معاملة الأطفال أو إهمالهم' },
};

export function riskFlagMail(locale: Locale, caseReference: string, kind: RiskFlagKind, publicUrl: string, caseId: string): MailText {
  const name = KIND_NAMES[locale][kind];
  const texts = {
    en: {
      subject: `Risk flag raised on case ${caseReference}`,
      text: `A risk flag (${name}) was raised on case ${caseReference}. Please review it now: a safety plan must be recorded${kind === 'child_abuse_neglect' ? ', and the mandatory report' : ''}.`,
    },
    es: {
      subject: `Alerta de riesgo en el caso ${caseReference}`,
      text: `Se registró una alerta de riesgo (${name}) en el caso ${caseReference}. Revísela ahora: debe registrarse un plan de seguridad${kind === 'child_abuse_neglect' ? ' y la denuncia obligatoria' : ''}.`,
    },
    ar: {
      subject: `إشارة خطر على الحالة ${caseReference}`,
      text: `رُفعت إشارة خطر (${name}) على الحالة ${caseReference}. يرجى مراجعتها الآن: يجب تسجيل خطة سلامة${kind === 'child_abuse_neglect' ? ' والبلاغ الإلزامي' : ''}.`,
    },
  }[locale];
  return { subject: texts.subject, text: `${texts.text}\n\n${publicUrl}/cases/${caseId}` };
}

/**
 * A task as the daily digest names it. Titles a person typed (manual tasks) may name a client, so
 * an email carries only the case reference for them; generated titles come from codes and settings.
 */
export function digestTaskTitle(locale: Locale, task: { title: string; source: string; sourceKey: string | null; caseReference: string | null }): string {
  if (task.source !== 'manual') {
    return taskTitleIn(locale, task);
  }
  // The digest line shows the case reference next to the title already.
  return task.caseReference ? { en: 'A task', es: 'Una tarea', ar: 'مهمة' }[locale] : { en: 'A task of your own', es: 'Una tarea propia', ar: 'مهمة خاصة بك' }[locale];
}
