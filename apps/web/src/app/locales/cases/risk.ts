import type { Widen } from '../widen';

/** Strings of one case-management area, in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Safety',
} as const;

export const es: Widen<typeof en> = {
  title: 'Seguridad',
};

export const ar: Widen<typeof en> = {
  title: 'السلامة',
};
