import type { DefaultAssessmentDomain, Locale } from '@haven/domain';

/**
 * The printed self-sufficiency plan, in the client's language whatever language the staff member
 * reads Haven in: it is a document the client signs, so its text lives here, not in the UI
 * locales. Plain language on purpose. What staff typed (goals, steps) is printed as typed.
 */
export interface PlanDocumentText {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  title: string;
  organization: string;
  program: string;
  client: string;
  caseManager: string;
  caseReference: string;
  startsOn: string;
  reviewOn: string;
  status: Record<'draft' | 'submitted' | 'approved' | 'superseded', string>;
  statusLabel: string;
  intro: string;
  goalsHeading: string;
  goal: string; // {{n}}
  what: string;
  measure: string;
  target: string;
  dueOn: string;
  domain: string;
  barrier: string;
  goalStatus: string;
  goalStatuses: Record<'open' | 'achieved' | 'dropped', string>;
  stepsHeading: string;
  step: string;
  owner: string;
  owners: Record<'client' | 'case_manager' | 'other', string>;
  doneOn: string;
  barriersHeading: string;
  strategy: string;
  strengthsHeading: string;
  strength: string;
  buildOn: string;
  budgetHeading: string;
  item: string;
  fundingSource: string;
  amount: string;
  total: string;
  none: string;
  agreement: string;
  clientSignature: string;
  caseManagerSignature: string;
  date: string;
  interpreter: string;
  domains: Record<DefaultAssessmentDomain, string>;
}

const en: PlanDocumentText = {
  locale: 'en',
  dir: 'ltr',
  title: 'My self-sufficiency plan',
  organization: 'Organization',
  program: 'Program',
  client: 'Client',
  caseManager: 'Case manager',
  caseReference: 'Case number',
  startsOn: 'Plan starts',
  reviewOn: 'We will review it on',
  status: { draft: 'Draft', submitted: 'Waiting for approval', approved: 'Approved', superseded: 'Replaced by a newer plan' },
  statusLabel: 'Status',
  intro: 'This plan lists the goals we agreed on together, the steps to reach them, and who does each step.',
  goalsHeading: 'Goals',
  goal: 'Goal {{n}}',
  what: 'What',
  measure: 'How we will measure it',
  target: 'Target',
  dueOn: 'By',
  domain: 'Area',
  barrier: 'What makes it hard',
  goalStatus: 'Status',
  goalStatuses: { open: 'In progress', achieved: 'Reached', dropped: 'Stopped' },
  stepsHeading: 'Steps',
  step: 'Step',
  owner: 'Who',
  owners: { client: 'Me (the client)', case_manager: 'My case manager', other: 'Someone else' },
  doneOn: 'Done',
  barriersHeading: 'What makes things hard, and how we will deal with it',
  strategy: 'What we will do',
  strengthsHeading: 'My strengths, and how we will use them',
  strength: 'Strength',
  buildOn: 'How we will use it',
  budgetHeading: 'Money for this plan',
  item: 'For',
  fundingSource: 'Paid by',
  amount: 'Amount',
  total: 'Total',
  none: 'None',
  agreement: 'We made this plan together. I understand it and I agree to work on it. I can ask to change it at any time.',
  clientSignature: 'Client signature',
  caseManagerSignature: 'Case manager signature',
  date: 'Date',
  interpreter: 'Interpreter (name and language), if one was used',
  domains: {
    housing: 'Housing',
    employment_income: 'Work and income',
    food: 'Food',
    physical_health: 'Physical health',
    mental_health: 'Mental health',
    legal_immigration: 'Legal and immigration',
    education: 'Education',
    english: 'English',
    transportation: 'Transportation',
    childcare: 'Childcare',
    safety: 'Safety',
    social_connection: 'Friends and community',
  },
};

const es: PlanDocumentText = {
  locale: 'es',
  dir: 'ltr',
  title: 'Mi plan de autosuficiencia',
  organization: 'Organización',
  program: 'Programa',
  client: 'Cliente',
  caseManager: 'Gestor de casos',
  caseReference: 'Número de caso',
  startsOn: 'Inicio del plan',
  reviewOn: 'Lo revisaremos el',
  status: { draft: 'Borrador', submitted: 'En espera de aprobación', approved: 'Aprobado', superseded: 'Reemplazado por un plan más reciente' },
  statusLabel: 'Estado',
  intro: 'Este plan indica las metas que acordamos juntos, los pasos para lograrlas y quién realiza cada paso.',
  goalsHeading: 'Metas',
  goal: 'Meta {{n}}',
  what: 'Qué',
  measure: 'Cómo lo mediremos',
  target: 'Objetivo',
  dueOn: 'Para el',
  domain: 'Área',
  barrier: 'Qué lo hace difícil',
  goalStatus: 'Estado',
  goalStatuses: { open: 'En curso', achieved: 'Lograda', dropped: 'Suspendida' },
  stepsHeading: 'Pasos',
  step: 'Paso',
  owner: 'Quién',
  owners: { client: 'Yo (el cliente)', case_manager: 'Mi gestor de casos', other: 'Otra persona' },
  doneOn: 'Realizado',
  barriersHeading: 'Lo que hace las cosas difíciles y cómo lo abordaremos',
  strategy: 'Lo que haremos',
  strengthsHeading: 'Mis fortalezas y cómo las aprovecharemos',
  strength: 'Fortaleza',
  buildOn: 'Cómo la aprovecharemos',
  budgetHeading: 'Dinero para este plan',
  item: 'Para',
  fundingSource: 'Lo paga',
  amount: 'Monto',
  total: 'Total',
  none: 'Ninguno',
  agreement: 'Hicimos este plan juntos. Lo entiendo y acepto trabajar en él. Puedo pedir cambiarlo en cualquier momento.',
  clientSignature: 'Firma del cliente',
  caseManagerSignature: 'Firma del gestor de casos',
  date: 'Fecha',
  interpreter: 'Intérprete (nombre e idioma), si hubo uno',
  domains: {
    housing: 'Vivienda',
    employment_income: 'Trabajo e ingresos',
    food: 'Alimentación',
    physical_health: 'Salud física',
    mental_health: 'Salud mental',
    legal_immigration: 'Asuntos legales y migratorios',
    education: 'Educación',
    english: 'Inglés',
    transportation: 'Transporte',
    childcare: 'Cuidado infantil',
    safety: 'Seguridad',
    social_connection: 'Amistades y comunidad',
  },
};

const ar: PlanDocumentText = {
  locale: 'ar',
  dir: 'rtl',
  title: 'خطتي للاعتماد على الذات',
  organization: 'المنظمة',
  program: 'البرنامج',
  client: 'العميل',
  caseManager: 'مدير الحالة',
  caseReference: 'رقم الحالة',
  startsOn: 'بداية الخطة',
  reviewOn: 'سنراجعها في',
  status: { draft: 'مسودة', submitted: 'بانتظار الموافقة', approved: 'معتمدة', superseded: 'استُبدلت بخطة أحدث' },
  statusLabel: 'الحالة',
  intro: 'تعرض هذه الخطة الأهداف التي اتفقنا عليها معًا، والخطوات اللازمة لتحقيقها، ومن يقوم بكل خطوة.',
  goalsHeading: 'الأهداف',
  goal: 'الهدف {{n}}',
  what: 'ما المطلوب',
  measure: 'كيف سنقيسه',
  target: 'الغاية',
  dueOn: 'بحلول',
  domain: 'المجال',
  barrier: 'ما الذي يجعله صعبًا',
  goalStatus: 'الحالة',
  goalStatuses: { open: 'قيد التنفيذ', achieved: 'تحقق', dropped: 'توقف' },
  stepsHeading: 'الخطوات',
  step: 'الخطوة',
  owner: 'من',
  owners: { client: 'أنا (العميل)', case_manager: 'مدير حالتي', other: 'شخص آخر' },
  doneOn: 'أُنجزت',
  barriersHeading: 'ما يجعل الأمور صعبة وكيف سنتعامل معه',
  strategy: 'ما سنفعله',
  strengthsHeading: 'نقاط قوتي وكيف سنستفيد منها',
  strength: 'نقطة القوة',
  buildOn: 'كيف سنستفيد منها',
  budgetHeading: 'المال المخصص لهذه الخطة',
  item: 'من أجل',
  fundingSource: 'الجهة الدافعة',
  amount: 'المبلغ',
  total: 'المجموع',
  none: 'لا يوجد',
  agreement: 'وضعنا هذه الخطة معًا. أنا أفهمها وأوافق على العمل بها. يمكنني أن أطلب تغييرها في أي وقت.',
  clientSignature: 'توقيع العميل',
  caseManagerSignature: 'توقيع مدير الحالة',
  date: 'التاريخ',
  interpreter: 'المترجم الفوري (الاسم واللغة)، إن وُجد',
  domains: {
    housing: 'السكن',
    employment_income: 'العمل والدخل',
    food: 'الغذاء',
    physical_health: 'الصحة الجسدية',
    mental_health: 'الصحة النفسية',
    legal_immigration: 'الشؤون القانونية والهجرة',
    education: 'التعليم',
    english: 'اللغة الإنجليزية',
    transportation: 'المواصلات',
    childcare: 'رعاية الأطفال',
    safety: 'السلامة',
    social_connection: 'الأصدقاء والمجتمع',
  },
};

export const PLAN_DOCUMENT_TEXT: Record<Locale, PlanDocumentText> = { en, es, ar };
