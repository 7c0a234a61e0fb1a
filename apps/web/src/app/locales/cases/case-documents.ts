import type { Widen } from '../widen';

/** Strings of one case-management area, in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Documents',
} as const;

export const es: Widen<typeof en> = {
  title: 'Documentos',
};

export const ar: Widen<typeof en> = {
  title: 'المستندات',
};
