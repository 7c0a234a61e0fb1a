import type { Widen } from '../widen';

/** Strings of one legal area (issue 5), in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Acceptance',
} as const;

export const es: Widen<typeof en> = {
  title: 'Aceptación',
};

export const ar: Widen<typeof en> = {
  title: 'القبول',
};
