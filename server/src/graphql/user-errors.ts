import type { Locale } from './context';
import { UserError, UserErrorCode } from './user-error';

/** A message in both languages; the one the caller reads is chosen by Accept-Language. */
export type Bilingual = { id: string; en: string };

export function userError(locale: Locale, field: string[] | null, code: UserErrorCode, message: Bilingual): UserError {
  return Object.assign(new UserError(), { field, code, message: message[locale] });
}

/** Collects user errors of one mutation call. */
export class UserErrors {
  readonly list: UserError[] = [];
  constructor(private readonly locale: Locale) {}
  add(field: string[] | null, code: UserErrorCode, message: Bilingual): void {
    this.list.push(userError(this.locale, field, code, message));
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}
