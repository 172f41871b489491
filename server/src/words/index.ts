import { catalogue, Catalogue } from './catalogue';
import type { Entry, Locale, Words } from './define';

export type { Locale, Words } from './define';
export { defineWords, byKey } from './define';

/** Every code of the catalogue: `say` and `words` take nothing else, so a typo does not compile. */
export type WordCode = keyof Catalogue;

/** The parameters a code's text takes: none for a plain text, one object for a text with parameters. */
export type WordParams<C extends WordCode> = Catalogue[C] extends (params: infer P) => Words ? [params: P] : [];

declare const fromCatalogue: unique symbol;

/**
 * Words looked up in the catalogue: what `words()` returns, and what user
 * errors and thrown errors take. The mark exists for the type checker only, so
 * an inline `{ id, en }` pair passed where a person will read it does not
 * compile: its text belongs in a `<feature>.words.ts`.
 */
export type Said = Words & { readonly [fromCatalogue]: true };

/** Both languages of a code's text, e.g. for a message built before the caller's locale is known. */
export function words<C extends WordCode>(code: C, ...params: WordParams<C>): Said {
  const entry: Entry | undefined = catalogue[code];
  if (!entry) throw new Error(`no words under ${String(code)}`);
  return (typeof entry === 'function' ? entry(params[0]) : entry) as Said;
}

/** The one lookup: a code's text in the caller's language. */
export function say<C extends WordCode>(locale: Locale, code: C, ...params: WordParams<C>): string {
  return words(code, ...params)[locale];
}

/** Whether a string is a code of the catalogue. */
export function isWordCode(code: string): code is WordCode {
  return Object.prototype.hasOwnProperty.call(catalogue, code);
}
