import { randomInt } from 'node:crypto';

/**
 * Tracking codes: `ADU-7K3M-9Q2X`. Eight symbols from a 32-letter alphabet
 * without I, L, O and U (read out by phone, they are mistaken for 1, 0 and V)
 * give 32^8 = 2^40 codes, drawn from a CSPRNG: no sequence to guess from.
 */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newTrackingCode(random: (max: number) => number = randomInt): string {
  let symbols = '';
  for (let i = 0; i < 8; i += 1) symbols += TRACKING_ALPHABET[random(TRACKING_ALPHABET.length)];
  return `ADU-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

/**
 * Reads a code as a person types or says it: case, spaces and dashes do not
 * matter, and the look-alikes I/L → 1, O → 0, U → V are taken for what was meant.
 * Returns null when it cannot be a tracking code.
 */
export function normaliseTrackingCode(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.startsWith('ADU')) s = s.slice(3);
  s = s.replace(/[IL]/g, '1').replace(/O/g, '0').replace(/U/g, 'V');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(s)) return null;
  return `ADU-${s.slice(0, 4)}-${s.slice(4)}`;
}
