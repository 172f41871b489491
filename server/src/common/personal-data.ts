import { maskNik } from '../recipients/nik';

export { maskNik };

/** `+6281234567890` → `+62812*****890`: enough to recognise one's own number, not to call it. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 6)}${'*'.repeat(phone.length - 9)}${phone.slice(-3)}`;
}

/** `siti.aminah@example.org` → `s**********@example.org`: the first letter and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '*'.repeat(email.length);
  return `${email[0]}${'*'.repeat(at - 1)}${email.slice(at)}`;
}

/**
 * An e-mail address as a person can be reached at: one @, a local part and a
 * domain with a dot, no spaces, at most 254 characters (RFC 5321's path
 * limit). The domain is lower-cased (it is case-insensitive; the local part
 * is not, so it is kept). Null when it cannot be one.
 */
export function normaliseEmail(input: string): string | null {
  const email = input.trim();
  if (email.length > 254) return null;
  const match = /^([^\s@<>(),;:"\[\]]{1,64})@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$/.exec(email);
  if (!match) return null;
  if (match[1].startsWith('.') || match[1].endsWith('.') || match[1].includes('..')) return null;
  return `${match[1]}@${match[2].toLowerCase()}`;
}

/**
 * Indonesian phone numbers as people write them (0812-3456-7890, 62812…,
 * +62 812 …) in E.164 (+62812…). Null when it cannot be one.
 */
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s().-]/g, '');
  let national: string;
  if (/^\+62\d+$/.test(digits)) national = digits.slice(3);
  else if (/^62\d+$/.test(digits)) national = digits.slice(2);
  else if (/^0\d+$/.test(digits)) national = digits.slice(1);
  else return null;
  // Mobile numbers 8xx (9–12 digits after the 0) or landlines with an area code (7–10 digits).
  if (!/^[1-9]\d{6,11}$/.test(national)) return null;
  return `+62${national}`;
}

/** `Siti Aminah` → `S*** A*****`: each word's first letter, the rest starred. For names shown to the public. */
export function maskName(name: string): string {
  return name.trim().split(/\s+/).filter(Boolean).map((word) => {
    const letters = [...word];
    return `${letters[0]}${'*'.repeat(letters.length - 1)}`;
  }).join(' ');
}
