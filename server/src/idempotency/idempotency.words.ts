import { defineWords } from '../words/define';

/** The idempotency key every creating mutation takes (docs/adr on idempotency). */
export const idempotencyWords = defineWords({
  'idempotency.keyLength': { id: 'Kunci idempotensi harus 1–128 karakter.', en: 'idempotencyKey must be 1–128 characters.' },
  'idempotency.keyReused': {
    id: 'Kunci idempotensi ini sudah dipakai dalam 24 jam terakhir untuk data yang berbeda; gunakan kunci baru.',
    en: 'This idempotency key was used in the last 24 hours with different input; use a new key.',
  },
});
