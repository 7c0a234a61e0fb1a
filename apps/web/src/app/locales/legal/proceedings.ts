import type { Widen } from '../widen';

/** Strings of one legal area (issue 5), in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Filings and court',
} as const;

export const es: Widen<typeof en> = {
  title: 'Trámites y tribunal',
};

export const ar: Widen<typeof en> = {
  title: 'الطلبات والمحكمة',
};
