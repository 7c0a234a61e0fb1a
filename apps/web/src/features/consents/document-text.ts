import type { ConsentDataCategory, Locale } from '@haven/domain';

/**
 * The printed consent form and rights statement, in the client's language. They are documents
 * handed to a client, not screen text: the language is the one chosen for the client, whatever
 * language the staff member reads Haven in, so they live here rather than in the UI locales.
 * Plain language on purpose (about a 6th-grade reading level in each language).
 */
export interface DocumentText {
  /** For the page's `lang` and `dir` and for dates. */
  locale: Locale;
  dir: 'ltr' | 'rtl';
  common: {
    clientName: string;
    organization: string;
    signature: string;
    date: string;
    printedName: string;
    staffSignature: string;
    interpreter: string;
    interpreterLanguage: string;
    checked: string;
    notChecked: string;
  };
  consent: {
    title: string;
    intro: string; // {{client}}, {{organization}}
    recipientHeading: string;
    recipientOrganization: string; // {{recipient}}
    recipientProgram: string; // {{recipient}}, {{organization}}
    purposeHeading: string;
    categoriesHeading: string;
    categoriesHelp: string;
    categories: Record<ConsentDataCategory, string>;
    periodHeading: string;
    period: string; // {{from}}, {{to}}
    understandHeading: string;
    understand: string[]; // {{organization}}
    signedByHeading: string;
    signedByClient: string;
    signedByGuardian: string;
    guardianRelationship: string;
    revokedNotice: string; // {{date}}, {{reason}}
    copyNotice: string;
  };
  rights: {
    title: string;
    intro: string; // {{organization}}
    rightsHeading: string;
    rights: { title: string; text: string }[];
    responsibilitiesHeading: string;
    responsibilities: { title: string; text: string }[];
    acknowledgement: string; // {{organization}}
  };
}

const en: DocumentText = {
  locale: 'en',
  dir: 'ltr',
  common: {
    clientName: 'Client name',
    organization: 'Organization',
    signature: 'Signature',
    date: 'Date',
    printedName: 'Printed name',
    staffSignature: 'Staff member (name and signature)',
    interpreter: 'Interpreter, if one helped (name and signature)',
    interpreterLanguage: 'Language interpreted',
    checked: 'Yes',
    notChecked: 'No',
  },
  consent: {
    title: 'Consent to share information',
    intro: 'I, {{client}}, allow {{organization}} to share information about me as written below.',
    recipientHeading: 'Who will receive the information',
    recipientOrganization: '{{recipient}}',
    recipientProgram: 'The {{recipient}} program of {{organization}}',
    purposeHeading: 'Why it will be shared',
    categoriesHeading: 'What information may be shared',
    categoriesHelp: 'Only the kinds of information marked “Yes” may be shared.',
    categories: {
      contact: 'Contact details (phone, address, email)',
      identity: 'Identity (name, date of birth, identity documents)',
      immigration: 'Immigration status and documents',
      health: 'Health and medical information',
      case_notes: 'Case notes and service plan',
      financial: 'Income, benefits and financial information',
      legal: 'Legal matters and court information',
      education: 'School and education',
      employment: 'Work and employment',
    },
    periodHeading: 'How long this consent lasts',
    period: 'This consent starts on {{from}} and ends on {{to}}, unless I revoke it earlier.',
    understandHeading: 'I understand that',
    understand: [
      'Signing this form is my choice. {{organization}} will not refuse, stop or reduce my services if I do not sign (34 U.S.C. 12291(b)(2)).',
      'I can revoke (take back) this consent at any time, by telling {{organization}} in person, by phone or in writing. Revoking stops future sharing. It cannot undo sharing that already happened.',
      'Only the information marked above may be shared, only with the recipient named above, and only for the purpose written above.',
      'After the information is shared, the recipient’s own rules protect it, and they may be different from ours.',
      'I can ask for a copy of this form.',
    ],
    signedByHeading: 'Signed by',
    signedByClient: 'The client',
    signedByGuardian: 'Parent or legal guardian',
    guardianRelationship: 'If a guardian signs: relationship to the client',
    revokedNotice: 'This consent was revoked on {{date}}. Reason: {{reason}}',
    copyNotice: 'Keep a copy of this form for your records.',
  },
  rights: {
    title: 'Your rights and responsibilities',
    intro: '{{organization}} gives you this statement so you know what you can expect from us and what we ask of you. Please ask us about anything that is not clear.',
    rightsHeading: 'Your rights',
    rights: [
      {
        title: 'Services without discrimination',
        text: 'You will receive our services whatever your race, color, national origin, religion, sex, gender identity, sexual orientation, disability, age or political opinion. You will be treated with respect.',
      },
      {
        title: 'Privacy and its limits',
        text: 'We keep your information private. We share it only with your written consent, or when the law requires it: for example, to report suspected abuse or neglect of a child, when someone is in immediate danger of serious harm, or when a court orders it. When we can, we will tell you first.',
      },
      {
        title: 'Consent is your choice',
        text: 'Agreeing to share your information is always voluntary. Saying no will never stop you from getting our services (34 U.S.C. 12291(b)(2)). Any consent you give is in writing and ends on a date.',
      },
      {
        title: 'You can change your mind',
        text: 'You can revoke (take back) a consent at any time, in person, by phone or in writing. We then stop sharing from that day on.',
      },
      {
        title: 'Seeing your file',
        text: 'You can ask to see your file and to get a copy. You can ask us to correct information that is wrong.',
      },
      {
        title: 'Making a complaint',
        text: 'If you are unhappy with our services or with how you were treated, you can make a complaint to your case manager, to their supervisor or in writing to the director. We will look into it and give you an answer. Complaining will never reduce your services.',
      },
      {
        title: 'A free interpreter',
        text: 'You have the right to an interpreter in your language, free of charge, for meetings and for papers you need to understand. You do not need to bring your own, and children should not interpret for you.',
      },
    ],
    responsibilitiesHeading: 'Your responsibilities',
    responsibilities: [
      {
        title: 'Keep your appointments',
        text: 'Come to your appointments on time, or call us before to cancel or change them.',
      },
      {
        title: 'Tell us about changes',
        text: 'Tell your case manager when your address, phone number or household changes. If you are not a U.S. citizen, the law also asks you to report a new address to USCIS within 10 days of moving (Form AR-11, INA § 265). We can help you do it.',
      },
      {
        title: 'Give honest information',
        text: 'Give us true and complete information. We need it to help you, and some benefits depend on it.',
      },
      {
        title: 'Respect others',
        text: 'Treat staff, volunteers and other clients with respect.',
      },
      {
        title: 'Work on your plan',
        text: 'Take part in the plan you make with your case manager, and tell us if something gets in the way.',
      },
    ],
    acknowledgement: 'I received a copy of this statement. {{organization}} explained it to me in a language I understand.',
  },
};

const es: DocumentText = {
  locale: 'es',
  dir: 'ltr',
  common: {
    clientName: 'Nombre del cliente',
    organization: 'Organización',
    signature: 'Firma',
    date: 'Fecha',
    printedName: 'Nombre en letra de molde',
    staffSignature: 'Miembro del personal (nombre y firma)',
    interpreter: 'Intérprete, si ayudó alguno (nombre y firma)',
    interpreterLanguage: 'Idioma interpretado',
    checked: 'Sí',
    notChecked: 'No',
  },
  consent: {
    title: 'Consentimiento para compartir información',
    intro: 'Yo, {{client}}, autorizo a {{organization}} a compartir información sobre mí como se indica a continuación.',
    recipientHeading: 'Quién recibirá la información',
    recipientOrganization: '{{recipient}}',
    recipientProgram: 'El programa {{recipient}} de {{organization}}',
    purposeHeading: 'Para qué se compartirá',
    categoriesHeading: 'Qué información se puede compartir',
    categoriesHelp: 'Solo se puede compartir la información marcada con «Sí».',
    categories: {
      contact: 'Datos de contacto (teléfono, dirección, correo electrónico)',
      identity: 'Identidad (nombre, fecha de nacimiento, documentos de identidad)',
      immigration: 'Situación y documentos migratorios',
      health: 'Información de salud y médica',
      case_notes: 'Notas del caso y plan de servicios',
      financial: 'Ingresos, beneficios e información financiera',
      legal: 'Asuntos legales e información judicial',
      education: 'Escuela y educación',
      employment: 'Trabajo y empleo',
    },
    periodHeading: 'Cuánto dura este consentimiento',
    period: 'Este consentimiento empieza el {{from}} y termina el {{to}}, salvo que yo lo revoque antes.',
    understandHeading: 'Entiendo que',
    understand: [
      'Firmar este formulario es mi decisión. {{organization}} no me negará, suspenderá ni reducirá los servicios si no lo firmo (34 U.S.C. 12291(b)(2)).',
      'Puedo revocar (retirar) este consentimiento en cualquier momento, avisando a {{organization}} en persona, por teléfono o por escrito. La revocación detiene lo que se comparta en adelante. No deshace lo que ya se compartió.',
      'Solo se puede compartir la información marcada arriba, solo con quien se nombra arriba y solo para el fin escrito arriba.',
      'Una vez compartida, la información queda protegida por las reglas de quien la recibe, que pueden ser distintas de las nuestras.',
      'Puedo pedir una copia de este formulario.',
    ],
    signedByHeading: 'Firmado por',
    signedByClient: 'El cliente',
    signedByGuardian: 'Madre, padre o tutor legal',
    guardianRelationship: 'Si firma un tutor: relación con el cliente',
    revokedNotice: 'Este consentimiento fue revocado el {{date}}. Motivo: {{reason}}',
    copyNotice: 'Guarde una copia de este formulario.',
  },
  rights: {
    title: 'Sus derechos y responsabilidades',
    intro: '{{organization}} le entrega esta declaración para que sepa qué puede esperar de nosotros y qué le pedimos a usted. Pregúntenos todo lo que no esté claro.',
    rightsHeading: 'Sus derechos',
    rights: [
      {
        title: 'Servicios sin discriminación',
        text: 'Recibirá nuestros servicios sin importar su raza, color, origen nacional, religión, sexo, identidad de género, orientación sexual, discapacidad, edad u opinión política. Se le tratará con respeto.',
      },
      {
        title: 'Privacidad y sus límites',
        text: 'Mantenemos su información en privado. Solo la compartimos con su consentimiento por escrito, o cuando la ley lo exige: por ejemplo, para denunciar sospechas de abuso o abandono de un niño, cuando alguien corre peligro inmediato de sufrir un daño grave, o cuando lo ordena un tribunal. Cuando sea posible, se lo diremos antes.',
      },
      {
        title: 'El consentimiento es su decisión',
        text: 'Aceptar que se comparta su información es siempre voluntario. Decir que no nunca le impedirá recibir nuestros servicios (34 U.S.C. 12291(b)(2)). Todo consentimiento que dé es por escrito y termina en una fecha.',
      },
      {
        title: 'Puede cambiar de opinión',
        text: 'Puede revocar (retirar) un consentimiento en cualquier momento, en persona, por teléfono o por escrito. Desde ese día dejamos de compartir.',
      },
      {
        title: 'Ver su expediente',
        text: 'Puede pedir ver su expediente y recibir una copia. Puede pedirnos que corrijamos la información que esté equivocada.',
      },
      {
        title: 'Presentar una queja',
        text: 'Si no está conforme con nuestros servicios o con el trato que recibió, puede presentar una queja ante su administrador de caso, ante su supervisor o por escrito ante la dirección. La revisaremos y le daremos una respuesta. Quejarse nunca reducirá sus servicios.',
      },
      {
        title: 'Un intérprete gratuito',
        text: 'Tiene derecho a un intérprete en su idioma, sin costo, para las reuniones y para los papeles que necesite entender. No tiene que traer su propio intérprete, y los niños no deben interpretar por usted.',
      },
    ],
    responsibilitiesHeading: 'Sus responsabilidades',
    responsibilities: [
      {
        title: 'Asistir a sus citas',
        text: 'Llegue a tiempo a sus citas, o llámenos antes para cancelarlas o cambiarlas.',
      },
      {
        title: 'Avisarnos de los cambios',
        text: 'Avise a su administrador de caso cuando cambien su dirección, su teléfono o las personas de su hogar. Si no es ciudadano de EE. UU., la ley también le pide informar su nueva dirección a USCIS dentro de los 10 días después de mudarse (Formulario AR-11, INA § 265). Podemos ayudarle a hacerlo.',
      },
      {
        title: 'Dar información verdadera',
        text: 'Denos información verdadera y completa. La necesitamos para ayudarle, y algunos beneficios dependen de ella.',
      },
      {
        title: 'Respetar a los demás',
        text: 'Trate con respeto al personal, a los voluntarios y a los demás clientes.',
      },
      {
        title: 'Trabajar en su plan',
        text: 'Participe en el plan que haga con su administrador de caso, y avísenos si algo se lo impide.',
      },
    ],
    acknowledgement: 'Recibí una copia de esta declaración. {{organization}} me la explicó en un idioma que entiendo.',
  },
};

// Latin citations are isolated left-to-right (U+2066 … U+2069) so their brackets stay in place.
const ar: DocumentText = {
  locale: 'ar',
  dir: 'rtl',
  common: {
    clientName: 'اسم العميل',
    organization: 'المنظمة',
    signature: 'التوقيع',
    date: 'التاريخ',
    printedName: 'الاسم بخط واضح',
    staffSignature: 'الموظف المسؤول (الاسم والتوقيع)',
    interpreter: 'المترجم الشفهي، إن وُجد (الاسم والتوقيع)',
    interpreterLanguage: 'لغة الترجمة',
    checked: 'نعم',
    notChecked: 'لا',
  },
  consent: {
    title: 'موافقة على مشاركة المعلومات',
    intro: 'أنا، {{client}}، أسمح لـ {{organization}} بمشاركة معلومات عني كما هو مكتوب أدناه.',
    recipientHeading: 'الجهة التي ستتلقى المعلومات',
    recipientOrganization: '{{recipient}}',
    recipientProgram: 'برنامج {{recipient}} التابع لـ {{organization}}',
    purposeHeading: 'سبب المشاركة',
    categoriesHeading: 'المعلومات التي يجوز مشاركتها',
    categoriesHelp: 'لا يجوز مشاركة إلا أنواع المعلومات المُعلَّمة بـ «نعم».',
    categories: {
      contact: 'بيانات الاتصال (الهاتف، العنوان، البريد الإلكتروني)',
      identity: 'الهوية (الاسم، تاريخ الميلاد، وثائق الهوية)',
      immigration: 'وضع الهجرة ووثائقها',
      health: 'المعلومات الصحية والطبية',
      case_notes: 'ملاحظات الحالة وخطة الخدمات',
      financial: 'الدخل والإعانات والمعلومات المالية',
      legal: 'الشؤون القانونية ومعلومات المحاكم',
      education: 'المدرسة والتعليم',
      employment: 'العمل والتوظيف',
    },
    periodHeading: 'مدة هذه الموافقة',
    period: 'تبدأ هذه الموافقة في {{from}} وتنتهي في {{to}}، ما لم ألغِها قبل ذلك.',
    understandHeading: 'أفهم أن',
    understand: [
      'توقيع هذا النموذج اختياري. لن ترفض {{organization}} تقديم خدماتها لي ولن توقفها أو تنقصها إذا لم أوقّع \u2066(34 U.S.C. 12291(b)(2))\u2069.',
      'يمكنني إلغاء (سحب) هذه الموافقة في أي وقت، بإبلاغ {{organization}} شخصيًا أو بالهاتف أو كتابيًا. الإلغاء يوقف المشاركة من بعده، ولا يلغي ما تمت مشاركته من قبل.',
      'لا يجوز مشاركة إلا المعلومات المُعلَّمة أعلاه، ومع الجهة المذكورة أعلاه فقط، وللغرض المكتوب أعلاه فقط.',
      'بعد مشاركة المعلومات، تحميها قواعد الجهة التي تلقتها، وقد تختلف عن قواعدنا.',
      'يمكنني طلب نسخة من هذا النموذج.',
    ],
    signedByHeading: 'الموقِّع',
    signedByClient: 'العميل نفسه',
    signedByGuardian: 'أحد الوالدين أو الوصي القانوني',
    guardianRelationship: 'إذا وقّع الوصي: صلته بالعميل',
    revokedNotice: 'أُلغيت هذه الموافقة في {{date}}. السبب: {{reason}}',
    copyNotice: 'احتفظ بنسخة من هذا النموذج.',
  },
  rights: {
    title: 'حقوقك ومسؤولياتك',
    intro: 'تقدّم لك {{organization}} هذا البيان لتعرف ما يمكنك أن تتوقعه منا وما نطلبه منك. اسألنا عن أي شيء غير واضح.',
    rightsHeading: 'حقوقك',
    rights: [
      {
        title: 'خدمات دون تمييز',
        text: 'ستحصل على خدماتنا أيًّا كان عِرقك أو لونك أو أصلك القومي أو دينك أو جنسك أو هويتك الجندرية أو ميولك الجنسية أو إعاقتك أو عمرك أو رأيك السياسي. وستُعامَل باحترام.',
      },
      {
        title: 'الخصوصية وحدودها',
        text: 'نحافظ على سرية معلوماتك. لا نشاركها إلا بموافقتك المكتوبة، أو حين يفرض القانون ذلك: مثلًا للإبلاغ عن اشتباه في إساءة معاملة طفل أو إهماله، أو حين يكون شخص في خطر فوري بأذى جسيم، أو بأمر من المحكمة. وسنخبرك قبل ذلك متى أمكن.',
      },
      {
        title: 'الموافقة قرارك',
        text: 'الموافقة على مشاركة معلوماتك اختيارية دائمًا. ورفضك لن يمنعك أبدًا من الحصول على خدماتنا \u2066(34 U.S.C. 12291(b)(2))\u2069. وكل موافقة تعطيها تكون مكتوبة ولها تاريخ انتهاء.',
      },
      {
        title: 'يمكنك أن تغيّر رأيك',
        text: 'يمكنك إلغاء (سحب) أي موافقة في أي وقت، شخصيًا أو بالهاتف أو كتابيًا. ونتوقف عن المشاركة من ذلك اليوم.',
      },
      {
        title: 'الاطلاع على ملفك',
        text: 'يمكنك أن تطلب الاطلاع على ملفك والحصول على نسخة منه. ويمكنك أن تطلب منا تصحيح أي معلومة خاطئة.',
      },
      {
        title: 'تقديم شكوى',
        text: 'إذا لم تكن راضيًا عن خدماتنا أو عن طريقة معاملتك، يمكنك تقديم شكوى إلى مدير حالتك أو إلى مشرفه أو كتابيًا إلى المدير. سننظر فيها ونرد عليك. ولن تؤدي الشكوى أبدًا إلى إنقاص خدماتك.',
      },
      {
        title: 'مترجم شفهي مجاني',
        text: 'من حقك الحصول على مترجم شفهي بلغتك، مجانًا، في المواعيد وللأوراق التي تحتاج إلى فهمها. لا يلزمك إحضار مترجم خاص بك، ولا ينبغي أن يترجم لك الأطفال.',
      },
    ],
    responsibilitiesHeading: 'مسؤولياتك',
    responsibilities: [
      {
        title: 'الالتزام بالمواعيد',
        text: 'احضر مواعيدك في وقتها، أو اتصل بنا مسبقًا لإلغائها أو تغييرها.',
      },
      {
        title: 'إبلاغنا بالتغييرات',
        text: 'أبلغ مدير حالتك عند تغيّر عنوانك أو رقم هاتفك أو أفراد أسرتك. وإذا لم تكن مواطنًا أمريكيًا، يطلب منك القانون أيضًا إبلاغ دائرة الهجرة والجنسية الأمريكية (USCIS) بعنوانك الجديد خلال 10 أيام من انتقالك (النموذج AR-11، المادة 265 من قانون الهجرة والجنسية). ويمكننا مساعدتك في ذلك.',
      },
      {
        title: 'تقديم معلومات صادقة',
        text: 'قدّم لنا معلومات صحيحة وكاملة. نحتاج إليها لمساعدتك، وبعض الإعانات تعتمد عليها.',
      },
      {
        title: 'احترام الآخرين',
        text: 'عامل الموظفين والمتطوعين والعملاء الآخرين باحترام.',
      },
      {
        title: 'العمل على خطتك',
        text: 'شارك في الخطة التي تضعها مع مدير حالتك، وأخبرنا إذا واجهك ما يعيقها.',
      },
    ],
    acknowledgement: 'استلمتُ نسخة من هذا البيان، وقد شرحته لي {{organization}} بلغة أفهمها.',
  },
};

export const DOCUMENT_TEXT: Record<Locale, DocumentText> = { en, es, ar };

/** Fills `{{name}}` slots. React escapes the result when it renders it, so values stay text. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => values[key] ?? '');
}

/** A calendar date written out in the document's language (read in UTC so it never shifts a day). */
export function documentDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
