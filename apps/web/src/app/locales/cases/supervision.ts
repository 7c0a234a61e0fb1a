import type { Widen } from '../widen';

/** Strings of one case-management area, in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Supervision',
} as const;

export const es: Widen<typeof en> = {
  title: 'Supervisión',
};

export const ar: Widen<typeof en> = {
  title: 'الإشراف',
};
