import { defineWords } from '../words/define';

/** Village deliberations in the open (docs/adr/0038): the minutes' upload and the public reading. */
export const deliberationsWords = defineWords({
  'deliberations.notFound': {
    id: 'Musyawarah desa tidak ditemukan, atau bukan dicatat oleh kantor Anda: hanya kantor desa yang mencatatnya yang melampirkan berita acaranya.',
    en: 'No such village deliberation, or your office did not record it: only the village office that recorded it attaches its minutes.',
  },
  'deliberations.minutesType': {
    id: 'Berita acara diterima sebagai PDF atau foto (JPEG, PNG, WebP).', en: 'Minutes are accepted as a PDF or a photo (JPEG, PNG, WebP).',
  },
  'deliberations.minutesLimit': ({ max }: { max: number }) => ({
    id: `Satu musyawarah desa paling banyak ${max} berkas berita acara (termasuk yang sedang diunggah).`,
    en: `A deliberation takes at most ${max} files of minutes (counting those being uploaded).`,
  }),
  'deliberations.regionCode': {
    id: 'regionCode harus kode wilayah Kemendagri yang dikenal, mis. 32.73 atau 32.73.01.1001.',
    en: 'regionCode must be a known Kemendagri region code, e.g. 32.73 or 32.73.01.1001.',
  },
  'deliberations.minutesNotFound': { id: 'Berita acara tidak ditemukan.', en: 'No such minutes.' },
});
