import { generateSecret, generateURI, verify } from 'otplib';

const PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Haven', label: account, secret });
}

/**
 * Accepts a code from the current 30-second step or the one before (clock drift), but never
 * from a step at or before the last accepted one: a code cannot be replayed.
 * Returns the accepted time step, or null.
 */
export async function verifyTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: [PERIOD, 0],
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  if (!result.valid) {
    return null;
  }
  // The functional API types results for HOTP and TOTP alike; a TOTP match carries its epoch.
  const epoch = (result as { epoch?: number }).epoch;
  return typeof epoch === 'number' ? Math.floor(epoch / PERIOD) : Math.floor(Date.now() / 1000 / PERIOD);
}
