import type { Widen } from '../widen';

/** Strings of one legal area (issue 5), in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Legal matters',
} as const;

export const es: Widen<typeof en> = {
  title: 'Asuntos legales',
};

export const ar: Widen<typeof en> = {
  title: 'القضايا القانونية',
};
