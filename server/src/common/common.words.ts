import { byKey, defineWords, withExamples, Words } from '../words/define';
import { ComplaintCategory, Tier } from './enums';

/**
 * Words several features read: the tiers as people know them (not `DISTRICT`),
 * the complaint categories and the 6T principles (docs/adr/0028-words.md).
 */
export const TIER_NAMES: Record<Tier, Words> = {
  [Tier.VILLAGE]: { id: 'Pemerintah desa/kelurahan', en: 'Village office' },
  [Tier.DISTRICT]: { id: 'Dinas Sosial kabupaten/kota', en: 'District/city social office' },
  [Tier.PROVINCE]: { id: 'Dinas Sosial provinsi', en: 'Provincial social office' },
  [Tier.NATIONAL]: { id: 'Kementerian Sosial', en: 'Ministry of Social Affairs' },
};

export const commonWords = defineWords({
  /** The office a tier is, as a person names it. */
  'tier.name': byKey('tier', TIER_NAMES),

  /** OUTSIDE_YOUR_TIER: the complaint is in the caller's jurisdiction, but an office above acts on it now. */
  'tier.handledAbove': withExamples(({ tier }: { tier: Tier }) => {
    const office = TIER_NAMES[tier];
    return {
      id: `Pengaduan ini sekarang ditangani oleh ${office.id}; kantor tersebut yang menindaklanjutinya.`,
      en: `This complaint is now handled by the ${office.en}; that office acts on it.`,
    };
  }, ...Object.values(Tier).map((tier) => ({ tier }))),

  /** A complaint that does not exist or lies outside the caller's reach: one answer for both. */
  'complaint.notFound': { id: 'Pengaduan tidak ditemukan.', en: 'No such complaint within your reach.' },
  'organisation.notFound': { id: 'Organisasi tidak ditemukan.', en: 'No such organisation.' },

  'category.label': byKey('category', {
    [ComplaintCategory.NOT_RECEIVED]: { id: 'Tidak menerima bantuan', en: 'Aid not received' },
    [ComplaintCategory.WRONG_TARGET]: { id: 'Bantuan salah sasaran', en: 'Aid going to the wrong people' },
    [ComplaintCategory.AMOUNT_OR_QUALITY]: { id: 'Jumlah atau kualitas bantuan tidak sesuai', en: 'Wrong amount or poor quality' },
    [ComplaintCategory.LATE_DISBURSEMENT]: { id: 'Penyaluran terlambat', en: 'Aid paid late' },
    [ComplaintCategory.FAILED_TRANSFER]: { id: 'Transfer gagal', en: 'Transfer failed' },
    [ComplaintCategory.ILLEGAL_LEVY]: { id: 'Pungutan liar', en: 'Illegal levy' },
    [ComplaintCategory.MISUSE_OR_FRAUD]: { id: 'Penyalahgunaan atau kecurangan', en: 'Misuse or fraud' },
    [ComplaintCategory.DATA_ERROR]: { id: 'Kesalahan data penerima', en: 'Wrong recipient data' },
    [ComplaintCategory.SERVICE_CONDUCT]: { id: 'Perilaku petugas atau pendamping', en: 'Conduct of an official or facilitator' },
    [ComplaintCategory.INFORMATION_REQUEST]: { id: 'Permintaan informasi', en: 'Request for information' },
    [ComplaintCategory.OTHER]: { id: 'Lainnya', en: 'Other' },
  } satisfies Record<ComplaintCategory, { id: string; en: string }>),

  'category.description': byKey('category', {
    [ComplaintCategory.NOT_RECEIVED]: {
      id: 'Keluarga yang berhak tidak menerima bantuan atau tidak terdaftar.', en: 'An eligible family receives nothing or is not registered.',
    },
    [ComplaintCategory.WRONG_TARGET]: {
      id: 'Bantuan diterima orang yang tidak berhak.', en: 'Aid goes to someone who is not eligible.',
    },
    [ComplaintCategory.AMOUNT_OR_QUALITY]: {
      id: 'Bantuan yang diterima kurang dari semestinya, atau barangnya rusak atau bermutu buruk.', en: 'Less aid than due, or goods damaged or of poor quality.',
    },
    [ComplaintCategory.LATE_DISBURSEMENT]: {
      id: 'Bantuan belum diterima sesudah jadwal penyalurannya.', en: 'Aid not received after its scheduled payment.',
    },
    [ComplaintCategory.FAILED_TRANSFER]: {
      id: 'Transfer ke rekening keluarga penerima gagal atau dananya tidak masuk.', en: 'The transfer to the family’s account failed or never arrived.',
    },
    [ComplaintCategory.ILLEGAL_LEVY]: {
      id: 'Ada yang meminta uang atau memotong bantuan. Dirahasiakan dan tidak ditangani oleh desa.', en: 'Someone asks for money or takes a cut of the aid. Kept confidential and not handled by the village.',
    },
    [ComplaintCategory.MISUSE_OR_FRAUD]: {
      id: 'Bantuan disalahgunakan atau ada kecurangan. Dirahasiakan dan tidak ditangani oleh desa.', en: 'Aid misused, or fraud. Kept confidential and not handled by the village.',
    },
    [ComplaintCategory.DATA_ERROR]: {
      id: 'Nama, NIK, nomor KK atau alamat penerima salah.', en: 'A recipient’s name, NIK, KK number or address is wrong.',
    },
    [ComplaintCategory.SERVICE_CONDUCT]: {
      id: 'Sikap atau tindakan pendamping atau petugas. Dirahasiakan dan tidak ditangani oleh desa.', en: 'How a facilitator or official behaved. Kept confidential and not handled by the village.',
    },
    [ComplaintCategory.INFORMATION_REQUEST]: {
      id: 'Pertanyaan tentang program atau syarat penerima.', en: 'A question about a programme or who is eligible.',
    },
    [ComplaintCategory.OTHER]: { id: 'Hal lain tentang bantuan sosial.', en: 'Anything else about social assistance.' },
  } satisfies Record<ComplaintCategory, { id: string; en: string }>),
});
