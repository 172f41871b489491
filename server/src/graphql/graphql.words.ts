import { defineWords } from '../words/define';

/** Arguments many queries share: pages, cursors, months and dates (BAD_USER_INPUT). */
export const graphqlWords = defineWords({
  'page.first': ({ max }: { max: number }) => ({ id: `first harus antara 1 dan ${max}.`, en: `first must be between 1 and ${max}` }),
  'page.after': { id: 'after bukan kursor dari daftar ini.', en: 'after is not a cursor from this list' },
  'input.month': ({ field }: { field: string }) => ({ id: `${field} harus berupa bulan, YYYY-MM.`, en: `${field} must be a month, YYYY-MM` }),
  'input.date': ({ field }: { field: string }) => ({ id: `${field} harus berupa tanggal, YYYY-MM-DD.`, en: `${field} must be a date, YYYY-MM-DD` }),
  'input.notGlobalId': ({ field }: { field: string }) => ({ id: `${field} bukan id global.`, en: `${field} is not a global id` }),
  'input.notGlobalIdOf': ({ field, type }: { field: string; type: string }) => ({ id: `${field} bukan id sebuah ${type}.`, en: `${field} is not a ${type} id` }),
  'nodes.tooMany': ({ max, given }: { max: number; given: number }) => ({ id: `nodes menerima paling banyak ${max} id; diberikan ${given}.`, en: `nodes takes at most ${max} ids; got ${given}` }),
});
