import { defineWords } from '../words/define';

export const regionsWords = defineWords({
  'regions.parentCode': {
    id: 'parentCode harus kode wilayah Kemendagri seperti 32, 32.73 atau 32.73.01.', en: 'parentCode must be a Kemendagri region code such as 32, 32.73 or 32.73.01',
  },
});
