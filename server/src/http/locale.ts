import { Locale } from '../graphql/context';

/** Bahasa Indonesia unless the caller prefers English (Accept-Language: en …) over Indonesian. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'id';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag === 'en' || entry.tag === 'id' || entry.tag === 'in')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag === 'en' ? 'en' : 'id';
}
