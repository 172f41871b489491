import { registerEnumType } from 'type-graphql';
import { ComplaintCategory } from '../common/enums';

/**
 * The 6T principle of social assistance (enam tepat, from the BPNT/Sembako
 * guidelines, used across Kemensos programmes): aid reaches the right people,
 * in the right amount, at the right price, at the right time, of the right
 * quality, with the right administration. Named as Indonesian officials write
 * them: they are terms of art, like PKH or DTKS.
 */
export enum AidPrinciple {
  TEPAT_SASARAN = 'TEPAT_SASARAN',
  TEPAT_JUMLAH = 'TEPAT_JUMLAH',
  TEPAT_HARGA = 'TEPAT_HARGA',
  TEPAT_WAKTU = 'TEPAT_WAKTU',
  TEPAT_KUALITAS = 'TEPAT_KUALITAS',
  TEPAT_ADMINISTRASI = 'TEPAT_ADMINISTRASI',
}

registerEnumType(AidPrinciple, {
  name: 'AidPrinciple',
  description: 'One of the 6T principles (enam tepat) social assistance is held to; a complaint category names the ones it says were broken.',
  valuesConfig: {
    TEPAT_SASARAN: { description: 'Right target: the aid reaches the eligible families, and only them.' },
    TEPAT_JUMLAH: { description: 'Right amount: the family receives all it is entitled to, nothing cut.' },
    TEPAT_HARGA: { description: 'Right price: the family pays nothing for its aid, and goods bought with it cost the market price.' },
    TEPAT_WAKTU: { description: 'Right time: the aid arrives on its schedule.' },
    TEPAT_KUALITAS: { description: 'Right quality: goods are fit to use, food fit to eat.' },
    TEPAT_ADMINISTRASI: { description: 'Right administration: recipient data, records and reports are correct and complete.' },
  },
});

/**
 * The principles each category says were broken (docs/adr/0028-words.md
 * explains each choice). A category about conduct, a question or anything
 * else names none: no single principle is at stake.
 */
export const CATEGORY_PRINCIPLES: Record<ComplaintCategory, readonly AidPrinciple[]> = {
  [ComplaintCategory.NOT_RECEIVED]: [AidPrinciple.TEPAT_SASARAN],
  [ComplaintCategory.WRONG_TARGET]: [AidPrinciple.TEPAT_SASARAN],
  [ComplaintCategory.AMOUNT_OR_QUALITY]: [AidPrinciple.TEPAT_JUMLAH, AidPrinciple.TEPAT_KUALITAS],
  [ComplaintCategory.LATE_DISBURSEMENT]: [AidPrinciple.TEPAT_WAKTU],
  [ComplaintCategory.FAILED_TRANSFER]: [AidPrinciple.TEPAT_WAKTU],
  [ComplaintCategory.ILLEGAL_LEVY]: [AidPrinciple.TEPAT_HARGA],
  [ComplaintCategory.MISUSE_OR_FRAUD]: [],
  [ComplaintCategory.DATA_ERROR]: [AidPrinciple.TEPAT_ADMINISTRASI],
  [ComplaintCategory.SERVICE_CONDUCT]: [],
  [ComplaintCategory.INFORMATION_REQUEST]: [],
  [ComplaintCategory.OTHER]: [],
};
