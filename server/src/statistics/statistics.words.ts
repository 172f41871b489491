import { byKey, defineWords } from '../words/define';

/** The filters of complaint statistics, internal and public (BAD_USER_INPUT). */
export const statisticsWords = defineWords({
  'statistics.tooManyGroups': ({ max }: { max: number }) => ({
    id: `Lebih dari ${max} kelompok: persempit filter, kelompokkan dengan dimensi yang lebih sedikit atau regionLevel yang lebih kasar.`,
    en: `more than ${max} groups: narrow the filter, group by fewer dimensions or a coarser regionLevel`,
  }),
  'statistics.regionCode': byKey('scope', {
    ANY: { id: 'regionCode harus kode wilayah seperti 32, 32.73, 32.73.01 atau 32.73.01.1001.', en: 'regionCode must be a region code such as 32, 32.73, 32.73.01 or 32.73.01.1001' },
    PUBLISHED: {
      id: 'regionCode harus kode provinsi (32) atau kabupaten/kota (32.73): wilayah yang lebih kecil tidak dipublikasikan.',
      en: 'regionCode must be a province (32) or district/city (32.73) code: finer regions are not published',
    },
  }),
  'statistics.regionLevelPublished': {
    id: 'regionLevel harus PROVINCE atau DISTRICT: wilayah yang lebih kecil tidak dipublikasikan.', en: 'regionLevel must be PROVINCE or DISTRICT: finer regions are not published',
  },
  'statistics.officeNotPublished': {
    id: 'Statistik publik tidak dikelompokkan per kantor (OFFICE): gunakan complaintStatistics.', en: 'published statistics are not grouped by OFFICE: use complaintStatistics',
  },
  'statistics.yearOrMonth': { id: 'Berikan year atau month, bukan keduanya.', en: 'give year or month, not both' },
  'statistics.yearRange': { id: 'year harus antara 2000 dan 2100.', en: 'year must be between 2000 and 2100' },
});
