import type { Locale } from '@haven/domain';

/**
 * A language picked on the sign-in page before anyone is signed in. After sign-in it is saved to
 * the profile instead of being replaced by the profile's older language.
 */
let explicitChoice: Locale | null = null;

export function markExplicitLocaleChoice(locale: Locale): void {
  explicitChoice = locale;
}

export function takeExplicitLocaleChoice(): Locale | null {
  const choice = explicitChoice;
  explicitChoice = null;
  return choice;
}
