import type { Widen } from '../widen';

/** Strings of one legal area (issue 5), in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Deadlines',
} as const;

export const es: Widen<typeof en> = {
  title: 'Plazos',
};

export const ar: Widen<typeof en> = {
  title: 'المواعيد النهائية',
};
