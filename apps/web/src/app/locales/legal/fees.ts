import type { Widen } from '../widen';

/** Strings of one legal area (issue 5), in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Fees',
} as const;

export const es: Widen<typeof en> = {
  title: 'Honorarios',
};

export const ar: Widen<typeof en> = {
  title: 'الرسوم',
};
