import type { CredentialKind, Locale, RenewalStep } from '@haven/domain';
import type { MailText } from '../tasks/mail-text.js';

/**
 * Renewal reminder mail, in the recipient's language. It names staff (the holder) and dates, never
 * a client. Accreditation and recognition renewals go to EOIR's Recognition and Accreditation
 * Program and must be filed before the expiry: a request filed in time keeps them in force while
 * EOIR decides (8 CFR 1292.16); one filed late does not.
 */
export type RenewalSubject =
  | { item: 'credential'; kind: CredentialKind; holderName: string; own: boolean }
  | { item: 'recognition'; officeName: string | null };

function when(locale: Locale, step: RenewalStep, expiresOn: string): string {
  if (step === 'expired') {
    return { en: `expired on ${expiresOn}`, es: `venció el ${expiresOn}`, ar: `انتهت في ${expiresOn}` }[locale];
  }
  return { en: `expires on ${expiresOn} (in ${step} days or less)`, es: `vence el ${expiresOn} (en ${step} días o menos)`, ar: `تنتهي في ${expiresOn} (خلال ${step} يومًا أو أقل)` }[locale];
}

function what(locale: Locale, subject: RenewalSubject): string {
  if (subject.item === 'recognition') {
    const office = subject.officeName ? ` (${subject.officeName})` : '';
    return { en: `The organization's DOJ recognition${office}`, es: `El reconocimiento del DOJ de la organización${office}`, ar: `اعتراف وزارة العدل بالمنظمة${office}` }[locale];
  }
  if (subject.kind === 'attorney') {
    return subject.own
      ? { en: 'Your bar admission on record', es: 'Su colegiatura registrada', ar: 'قيدك في نقابة المحامين المسجّل' }[locale]
      : { en: `${subject.holderName}'s bar admission on record`, es: `La colegiatura registrada de ${subject.holderName}`, ar: `قيد ${subject.holderName} في نقابة المحامين المسجّل` }[locale];
  }
  return subject.own
    ? { en: 'Your DOJ accreditation', es: 'Su acreditación del DOJ', ar: 'اعتمادك لدى وزارة العدل' }[locale]
    : { en: `${subject.holderName}'s DOJ accreditation`, es: `La acreditación del DOJ de ${subject.holderName}`, ar: `اعتماد ${subject.holderName} لدى وزارة العدل` }[locale];
}

function advice(locale: Locale, subject: RenewalSubject, step: RenewalStep): string {
  if (subject.item === 'credential' && subject.kind === 'attorney') {
    return {
      en: 'Renew it with the state bar and update the record in Haven. Without an active admission the attorney cannot remain representative on matters.',
      es: 'Renuévela ante el colegio de abogados del estado y actualice el registro en Haven. Sin una colegiatura activa, el abogado no puede seguir como representante en los asuntos.',
      ar: 'جدّده لدى نقابة المحامين في الولاية وحدّث السجل في Haven. بدون قيد نشط لا يمكن للمحامي أن يبقى ممثلًا في القضايا.',
    }[locale];
  }
  if (step === 'expired') {
    return {
      en: 'Until it is renewed, the accredited representatives cannot represent clients: their open matters need another representative. If a renewal request was filed with EOIR before the expiry, record the decision in Haven as soon as it arrives.',
      es: 'Hasta que se renueve, los representantes acreditados no pueden representar a clientes: sus asuntos abiertos necesitan otro representante. Si se presentó la solicitud de renovación ante la EOIR antes del vencimiento, registre la decisión en Haven en cuanto llegue.',
      ar: 'إلى أن يُجدَّد، لا يستطيع الممثلون المعتمدون تمثيل العملاء، وتحتاج قضاياهم المفتوحة إلى ممثل آخر. إذا قُدّم طلب التجديد إلى EOIR قبل تاريخ الانتهاء، فسجّل القرار في Haven فور وصوله.',
    }[locale];
  }
  return {
    en: "The renewal request must be filed with EOIR's Recognition and Accreditation Program before the expiry date: a request filed in time keeps it in force while EOIR decides (8 CFR 1292.16); a late one does not, and representation stops on the expiry date.",
    es: 'La solicitud de renovación debe presentarse ante el Programa de Reconocimiento y Acreditación de la EOIR antes de la fecha de vencimiento: una solicitud presentada a tiempo la mantiene vigente mientras la EOIR decide (8 CFR 1292.16); una tardía no, y la representación termina en la fecha de vencimiento.',
    ar: 'يجب تقديم طلب التجديد إلى برنامج الاعتراف والاعتماد في EOIR قبل تاريخ الانتهاء: الطلب المقدَّم في موعده يُبقيه ساريًا إلى أن تبتّ EOIR فيه (8 CFR 1292.16)، أما الطلب المتأخر فلا، ويتوقف التمثيل في تاريخ الانتهاء.',
  }[locale];
}

export function renewalMail(locale: Locale, subject: RenewalSubject, step: RenewalStep, expiresOn: string, link: string): MailText {
  const line = `${what(locale, subject)} ${when(locale, step, expiresOn)}.`;
  const prefix = step === 'expired' ? { en: 'Expired', es: 'Vencido', ar: 'منتهٍ' }[locale] : { en: 'Renewal due', es: 'Renovación pendiente', ar: 'التجديد مستحق' }[locale];
  return { subject: `Haven — ${prefix}: ${what(locale, subject)} (${expiresOn})`, text: [line, '', advice(locale, subject, step), '', link].join('\n') };
}
