/**
 * The shape of the catalogue of words (docs/adr/0028-words.md): every text a
 * person reads, in Bahasa Indonesia and English, under a code. A feature
 * contributes its part with defineWords() in its own `<feature>.words.ts`;
 * catalogue.ts collects the parts. This file imports nothing of the project, so
 * any feature's words file can import it.
 */

/** The languages Aduan answers in: Bahasa Indonesia unless the caller asks for English (Accept-Language). */
export type Locale = 'id' | 'en';

/** One text in both languages. */
export type Words = { id: string; en: string };

/** A text with parameters: a function of them, both languages written side by side. */
export type WordsOf<P> = (params: P) => Words;

/** A text chosen from a fixed set (a tier, a category): the catalogue test reads every case. */
export type WordsByKey<K extends string> = WordsOf<Record<string, K> & object> & { readonly cases: Record<K, Words>; readonly param: string };

export type Entry = Words | WordsOf<any>;

/**
 * A feature's part of the catalogue. Codes are `<feature>.<what>` in camelCase
 * (`webhooks.subscriptionNotFound`); the catalogue refuses a code defined twice.
 */
export function defineWords<const T extends Record<string, Entry>>(part: T): T {
  return part;
}

/**
 * A family of texts picked by one parameter, e.g. a tier's name:
 * `byKey('tier', { VILLAGE: { id, en }, … })` is called as `({ tier: 'VILLAGE' })`.
 */
export function byKey<const P extends string, K extends string>(param: P, cases: Record<K, Words>): ((params: Record<P, K>) => Words) & { readonly cases: Record<K, Words>; readonly param: P } {
  const pick = (params: Record<P, K>) => {
    const words = cases[params[param]];
    if (!words) throw new Error(`no words for ${param} ${String(params[param])}`);
    return words;
  };
  return Object.assign(pick, { cases, param });
}

/**
 * A text whose parameters choose among fixed wordings (a reason, a measure):
 * the examples, one per choice, let the catalogue test read every wording.
 * Texts whose parameters are only interpolated need none.
 */
export function withExamples<P>(text: (params: P) => Words, ...examples: NoInfer<P>[]): ((params: P) => Words) & { readonly examples: P[] } {
  return Object.assign(text, { examples });
}
