import { defineWords, withExamples } from '../words/define';

const seconds = (n: number) => ({ id: `${n} detik`, en: `${n} second${n === 1 ? '' : 's'}` });

/**
 * Top-level errors (`errors[]`, not `userErrors`): what a caller reads when a
 * request is refused as a whole. `extensions.code` stays the contract's; only
 * the message follows the caller's language (http/error-words.ts).
 */
export const httpWords = defineWords({
  'request.fieldNeedsToken': ({ field }: { field: string }) => ({
    id: `${field} memerlukan token: minta token di POST /oauth/token.`, en: `${field} needs a token: get one from POST /oauth/token.`,
  }),
  'request.fieldForbidden': ({ field }: { field: string }) => ({
    id: `Klien Anda tidak berwenang memakai ${field}.`, en: `Your client may not use ${field}.`,
  }),
  'request.forbidden': { id: 'Klien Anda tidak berwenang melakukan operasi ini.', en: 'Your client may not perform this operation.' },
  'request.malformedAuthorization': {
    id: 'Header Authorization harus berbentuk `Bearer <token akses>`.', en: 'the Authorization header must be `Bearer <access token>`',
  },
  'request.invalidToken': withExamples(({ reason }: { reason: 'CLIENT_DISABLED' | 'NOT_OURS' | 'UNKNOWN_KEY' | 'EXPIRED' | 'INVALID' }) => {
    const why = {
      CLIENT_DISABLED: { id: 'klien ini dinonaktifkan', en: 'the client is disabled' },
      NOT_OURS: { id: 'token ini bukan terbitan Aduan', en: 'the token is not one of ours' },
      UNKNOWN_KEY: { id: 'token ditandatangani dengan kunci yang tidak dikenal', en: 'the token was signed with an unknown key' },
      EXPIRED: { id: 'token sudah kedaluwarsa', en: 'the token has expired' },
      INVALID: { id: 'token tidak sah', en: 'the token is invalid' },
    }[reason];
    return { id: `Token ditolak: ${why.id}; minta token baru di POST /oauth/token.`, en: `${why.en}; get a new token from POST /oauth/token` };
  }, { reason: 'CLIENT_DISABLED' }, { reason: 'NOT_OURS' }, { reason: 'UNKNOWN_KEY' }, { reason: 'EXPIRED' }, { reason: 'INVALID' }),
  'request.rateLimited': ({ retryAfterSeconds }: { retryAfterSeconds: number }) => ({
    id: `Terlalu banyak permintaan. Coba lagi dalam ${seconds(retryAfterSeconds).id}.`,
    en: `Too many requests. Try again in ${seconds(retryAfterSeconds).en}.`,
  }),
  'request.serverBusy': { id: 'Server sedang sibuk. Coba lagi dalam 1 detik.', en: 'The server is busy. Try again in 1 second.' },
  'request.queryTooComplex': withExamples(({ measure, actual, limit }: { measure: 'depth' | 'aliases' | 'cost'; actual: number; limit: number }) => ({
    id: `${{ depth: 'Kedalaman', aliases: 'Jumlah alias', cost: 'Biaya' }[measure]} kueri ${actual} melampaui batas ${limit}.`,
    en: `Query ${{ depth: 'depth', aliases: 'alias count', cost: 'cost' }[measure]} ${actual} exceeds the limit of ${limit}.`,
  }), { measure: 'depth', actual: 11, limit: 10 }, { measure: 'aliases', actual: 31, limit: 30 }, { measure: 'cost', actual: 1001, limit: 1000 }),
  'request.documentTooLarge': withExamples(({ measure, counted, limit }: { measure: 'tokens' | 'fields' | 'directives' | 'fragments'; counted: number | null; limit: number }) => ({
    id: `Dokumen memuat ${counted ?? `lebih dari ${limit}`} ${{ tokens: 'token', fields: 'field', directives: 'direktif', fragments: 'fragmen' }[measure]}; paling banyak ${limit} (${{
      tokens: 'nama, nilai dan tanda baca; komentar dan spasi tidak dihitung. Pilih lebih sedikit field, kirim nilai panjang sebagai variabel, atau bagi permintaannya',
      fields: 'setiap field yang ditulis, di operasi dan fragmen. Pilih lebih sedikit field, pakai ulang fragmen, atau bagi permintaannya',
      directives: 'setiap @include, @skip atau direktif lain yang ditulis. Kurangi',
      fragments: 'definisi fragmen. Definisikan hanya fragmen yang dipakai operasi',
    }[measure]}).`,
    en: `The document has ${counted ?? `more than ${limit}`} ${measure}; at most ${limit} are accepted (${{
      tokens: 'names, values and punctuation; comments and white space do not count. Select fewer fields, pass long values as variables, or split the request',
      fields: 'every field written, in operations and fragments. Select fewer fields, reuse a fragment instead of repeating a selection, or split the request',
      directives: 'every @include, @skip or other directive written. Use fewer',
      fragments: 'fragment definitions. Define only the fragments the operation spreads',
    }[measure]}).`,
  }), ...(['tokens', 'fields', 'directives', 'fragments'] as const).map((measure) => ({ measure, counted: null, limit: 400 }))),
  'request.nulCharacter': ({ where }: { where: string }) => ({
    id: `Teks tidak boleh memuat karakter NUL (U+0000): ditemukan di ${where}.`, en: `Text must not contain the NUL character (U+0000): found in ${where}.`,
  }),
  'request.bodyTooLarge': ({ limit }: { limit: string }) => ({ id: `Badan permintaan lebih besar dari ${limit}.`, en: `The request body is larger than ${limit}.` }),
  'request.bodyNotJson': { id: 'Badan permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  'request.internalError': { id: 'Terjadi kesalahan internal server.', en: 'Internal server error.' },
  'request.databaseUnavailable': {
    id: 'Layanan sedang tidak dapat menghubungi basis datanya. Coba lagi beberapa detik lagi (mutasi pembuatan yang dikirim ulang dengan kunci idempotensi yang sama tidak pernah diterapkan dua kali).',
    en: 'The service cannot reach its database just now. Try again in a few seconds (a creating mutation sent again with the same idempotency key is never applied twice).',
  },
  'request.notFound': ({ method, path }: { method: string; path: string }) => ({
    id: `Tidak ada apa pun di ${method} ${path}. API menjawab di /graphql (GraphQL over HTTP), token di POST /oauth/token.`,
    en: `Nothing at ${method} ${path}. The API answers at /graphql (GraphQL over HTTP), tokens at POST /oauth/token.`,
  }),
  // Errors graphql-js and Apollo Server word themselves (in English, naming the schema): a sentence in the
  // caller's language says what kind of refusal it is, their own detail follows for the developer.
  'request.graphqlParseFailed': ({ detail }: { detail: string }) => ({ id: `Dokumen GraphQL tidak dapat dibaca: ${detail}`, en: detail }),
  'request.graphqlValidationFailed': ({ detail }: { detail: string }) => ({ id: `Kueri tidak sesuai dengan skema API: ${detail}`, en: detail }),
  'request.badUserInput': ({ detail }: { detail: string }) => ({ id: `Masukan tidak valid: ${detail}`, en: detail }),
  'request.badRequest': ({ detail }: { detail: string }) => ({ id: `Permintaan tidak valid: ${detail}`, en: detail }),
  'request.operationNotResolved': ({ detail }: { detail: string }) => ({ id: `Operasi yang diminta tidak dapat ditentukan: ${detail}`, en: detail }),
});
