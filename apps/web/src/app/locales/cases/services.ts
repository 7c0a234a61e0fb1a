import type { Widen } from '../widen';

/** Strings of one case-management area, in English (the reference), Spanish and Arabic. */
export const en = {
  title: 'Services and assistance',
} as const;

export const es: Widen<typeof en> = {
  title: 'Servicios y asistencia',
};

export const ar: Widen<typeof en> = {
  title: 'الخدمات والمساعدة',
};
