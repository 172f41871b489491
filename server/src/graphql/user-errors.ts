import type { Locale } from './context';
import { UserError, UserErrorCode } from './user-error';
import { Said, WordCode, WordParams, Words, words } from '../words';

/**
 * A message in both languages, looked up in the catalogue of words
 * (`words(code, params)`); the one the caller reads is chosen by
 * Accept-Language. An inline `{ id, en }` pair is not one: it does not compile.
 */
export type Bilingual = Said;

/**
 * One user error in the caller's language. The message is a code of the
 * catalogue of words (server/src/words, docs/adr/0028-words.md) with its
 * parameters, or words a helper looked up there (`words(code, params)`).
 */
export function userError<C extends WordCode>(locale: Locale, field: string[] | null, code: UserErrorCode, message: C, ...params: WordParams<C>): UserError;
export function userError(locale: Locale, field: string[] | null, code: UserErrorCode, message: Bilingual): UserError;
export function userError(locale: Locale, field: string[] | null, code: UserErrorCode, message: Bilingual | WordCode, ...params: unknown[]): UserError {
  const text = typeof message === 'string' ? (words as unknown as (code: WordCode, ...params: unknown[]) => Words)(message, ...params) : message;
  return Object.assign(new UserError(), { field, code, message: text[locale] });
}

/** Collects user errors of one mutation call. */
export class UserErrors {
  readonly list: UserError[] = [];
  constructor(private readonly locale: Locale) {}
  /** `add(['input', 'name'], INVALID_INPUT, 'organisations.nameLength')`, or with words a helper looked up (`words(code, params)`). */
  add<C extends WordCode>(field: string[] | null, code: UserErrorCode, message: C, ...params: WordParams<C>): void;
  add(field: string[] | null, code: UserErrorCode, message: Bilingual): void;
  add(field: string[] | null, code: UserErrorCode, message: Bilingual | WordCode, ...params: unknown[]): void {
    this.list.push((userError as (...args: unknown[]) => UserError)(this.locale, field, code, message, ...params));
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}
