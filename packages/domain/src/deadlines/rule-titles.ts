import type { DeadlineRuleId } from './rule-table.js';

/**
 * Each rule's title in the languages Haven speaks, for people: the app's deadline lists, letters,
 * reminder emails and calendar feeds. The rule table's own `title` stays the English reference.
 */
export const DEADLINE_RULE_TITLE_LANGUAGES = ['en', 'es', 'ar'] as const;
export type DeadlineRuleTitleLanguage = (typeof DEADLINE_RULE_TITLE_LANGUAGES)[number];

export const DEADLINE_RULE_TITLES: { readonly [L in DeadlineRuleTitleLanguage]: { readonly [R in DeadlineRuleId]: string } } = {
  en: {
    ASYLUM_ONE_YEAR_FILING: 'Asylum one-year filing deadline',
    EAD_C8_EARLIEST_FILING: 'Earliest filing of the asylum work permit (c)(8)',
    EAD_C8_EARLIEST_GRANT: 'Earliest grant of the asylum work permit (c)(8)',
    EAD_RENEWAL_WINDOW_OPENS: 'Work permit renewal window opens',
    SIJS_I360_AGE_OUT: 'Last day to file the SIJS petition (I-360) before age 21',
    SIJS_STATE_ORDER_AGE_OUT: 'Last day for the state juvenile-court order (SIJS)',
    RCA_RMA_LAST_DAY: 'Last day of Refugee Cash and Medical Assistance',
    PREFERRED_COMMUNITIES_LAST_DAY: 'Last day of Preferred Communities eligibility',
    MATCHING_GRANT_ENROLL_BY: 'Matching Grant enrollment deadline',
    EMPLOYMENT_STATUS_240_DAY: 'Employment / self-sufficiency status checkpoint',
    AR11_DUE: 'Change of address to USCIS (AR-11)',
    EOIR33_DUE: 'Change of address to the immigration court (EOIR-33)',
    N400_EARLIEST_FILING: 'Earliest naturalization filing (N-400)',
    REFUGEE_I485_DUE: 'Refugee adjustment of status (I-485) due',
    ASYLEE_I485_ELIGIBLE: 'Asylee may apply for a green card (I-485)',
    I730_DUE: 'Follow-to-join petition for family (I-730) due',
    BIA_APPEAL_DUE: 'Appeal to the Board of Immigration Appeals (EOIR-26) due',
    MOTION_TO_RECONSIDER_DUE: 'Motion to reconsider due',
    MOTION_TO_REOPEN_DUE: 'Motion to reopen due',
    RFE_RESPONSE_DUE: 'Response to the request for evidence due',
  },
  es: {
    ASYLUM_ONE_YEAR_FILING: 'Plazo de un año para solicitar asilo',
    EAD_C8_EARLIEST_FILING: 'Primer día para solicitar el permiso de trabajo por asilo (c)(8)',
    EAD_C8_EARLIEST_GRANT: 'Primer día en que se puede otorgar el permiso de trabajo por asilo (c)(8)',
    EAD_RENEWAL_WINDOW_OPENS: 'Se abre el plazo para renovar el permiso de trabajo',
    SIJS_I360_AGE_OUT: 'Último día para presentar la petición SIJS (I-360) antes de los 21 años',
    SIJS_STATE_ORDER_AGE_OUT: 'Último día para la orden del tribunal juvenil estatal (SIJS)',
    RCA_RMA_LAST_DAY: 'Último día de la Asistencia Monetaria y Médica para Refugiados',
    PREFERRED_COMMUNITIES_LAST_DAY: 'Último día de elegibilidad para Preferred Communities',
    MATCHING_GRANT_ENROLL_BY: 'Fecha límite de inscripción en Matching Grant',
    EMPLOYMENT_STATUS_240_DAY: 'Revisión del empleo y la autosuficiencia',
    AR11_DUE: 'Cambio de dirección ante USCIS (AR-11)',
    EOIR33_DUE: 'Cambio de dirección ante el tribunal de inmigración (EOIR-33)',
    N400_EARLIEST_FILING: 'Primer día para solicitar la naturalización (N-400)',
    REFUGEE_I485_DUE: 'Vence el ajuste de estatus del refugiado (I-485)',
    ASYLEE_I485_ELIGIBLE: 'La persona asilada puede solicitar la residencia permanente (I-485)',
    I730_DUE: 'Vence la petición de reunificación familiar (I-730)',
    BIA_APPEAL_DUE: 'Vence la apelación ante la Junta de Apelaciones de Inmigración (EOIR-26)',
    MOTION_TO_RECONSIDER_DUE: 'Vence la moción de reconsideración',
    MOTION_TO_REOPEN_DUE: 'Vence la moción de reapertura',
    RFE_RESPONSE_DUE: 'Vence la respuesta a la solicitud de evidencia',
  },
  ar: {
    ASYLUM_ONE_YEAR_FILING: 'الموعد النهائي لتقديم طلب اللجوء خلال سنة واحدة',
    EAD_C8_EARLIEST_FILING: 'أقرب موعد لتقديم طلب تصريح العمل لطالبي اللجوء (c)(8)',
    EAD_C8_EARLIEST_GRANT: 'أقرب موعد لمنح تصريح العمل لطالبي اللجوء (c)(8)',
    EAD_RENEWAL_WINDOW_OPENS: 'بدء فترة تجديد تصريح العمل',
    SIJS_I360_AGE_OUT: 'آخر يوم لتقديم التماس SIJS (I-360) قبل سن 21',
    SIJS_STATE_ORDER_AGE_OUT: 'آخر يوم لصدور أمر محكمة الأحداث في الولاية (SIJS)',
    RCA_RMA_LAST_DAY: 'آخر يوم للمساعدة النقدية والطبية للاجئين',
    PREFERRED_COMMUNITIES_LAST_DAY: 'آخر يوم للأهلية في برنامج Preferred Communities',
    MATCHING_GRANT_ENROLL_BY: 'آخر موعد للتسجيل في برنامج Matching Grant',
    EMPLOYMENT_STATUS_240_DAY: 'مراجعة وضع العمل والاكتفاء الذاتي',
    AR11_DUE: 'إبلاغ USCIS بتغيير العنوان (AR-11)',
    EOIR33_DUE: 'إبلاغ محكمة الهجرة بتغيير العنوان (EOIR-33)',
    N400_EARLIEST_FILING: 'أقرب موعد لتقديم طلب التجنس (N-400)',
    REFUGEE_I485_DUE: 'موعد تقديم طلب تعديل وضع اللاجئ (I-485)',
    ASYLEE_I485_ELIGIBLE: 'يحق للحاصل على اللجوء التقدم بطلب الإقامة الدائمة (I-485)',
    I730_DUE: 'موعد تقديم التماس لمّ شمل الأسرة (I-730)',
    BIA_APPEAL_DUE: 'موعد الطعن أمام مجلس طعون الهجرة (EOIR-26)',
    MOTION_TO_RECONSIDER_DUE: 'موعد تقديم طلب إعادة النظر',
    MOTION_TO_REOPEN_DUE: 'موعد تقديم طلب إعادة فتح القضية',
    RFE_RESPONSE_DUE: 'موعد الرد على طلب الأدلة',
  },
};

/** A rule's title in `language` (English when Haven does not speak it). */
export function deadlineRuleTitle(language: string, ruleId: DeadlineRuleId): string {
  const titles = (DEADLINE_RULE_TITLES as Record<string, Record<DeadlineRuleId, string>>)[language] ?? DEADLINE_RULE_TITLES.en;
  return titles[ruleId];
}
