import { defineWords } from '../words/define';

/** The filter of the offices' public records (BAD_USER_INPUT). */
export const officeRecordsWords = defineWords({
  'officeRecords.month': {
    id: 'months.from dan months.to harus bulan YYYY-MM (mis. 2026-11), from tidak setelah to, paling banyak 120 bulan.',
    en: 'months.from and months.to must be months YYYY-MM (e.g. 2026-11), from not after to, at most 120 months',
  },
  'officeRecords.regionCode': {
    id: 'regionCode harus kode wilayah seperti 32, 32.73, 32.73.01 atau 32.73.01.1001.', en: 'regionCode must be a region code such as 32, 32.73, 32.73.01 or 32.73.01.1001',
  },
  'officeRecords.officeId': { id: 'officeId bukan ID organisasi.', en: 'officeId is not an organisation ID' },
});
