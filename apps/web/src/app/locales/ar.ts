import type { Messages } from './en';
import { en } from './en';

export const ar: Messages = en;
