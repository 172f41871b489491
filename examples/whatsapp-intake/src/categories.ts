import type { ComplaintCategory } from '@aduan/sdk';

/**
 * The message format has no category part (people would not know the codes),
 * so the category is read from the complaint's words, and the reply says which
 * one was chosen. Handlers cannot change a category later, so only clear
 * phrases count; anything else is OTHER, and the handler reads the text.
 *
 * The order matters: complaints about officials come first (pungli, misuse,
 * conduct), because Aduan treats those categories specially: they skip the
 * village office, who may be the one complained about, and the complainant is
 * kept confidential. A message saying "PKH belum cair karena dipotong ketua RT"
 * is about a levy, not about late aid.
 */
const RULES: [ComplaintCategory, RegExp][] = [
  ['ILLEGAL_LEVY', /\b(pungli|pungutan|dipungut|potongan|dipotong|uang (rokok|jasa|administrasi|adm|terima ?kasih)|diminta (uang|bayar|membayar|setor)|(harus|wajib|disuruh) (bayar|membayar|setor))\b/],
  ['MISUSE_OR_FRAUD', /\b(diselewengkan|penyelewengan|digelapkan|penggelapan|fiktif|dipalsukan|dijual|kartu (kks|atm)\b.{0,40}\b(ditahan|dipegang|disimpan|dikuasai))\b/],
  ['SERVICE_CONDUCT', /\b(pendamping|petugas|aparat|operator|ketua rt|ketua rw|kades|lurah)\b.{0,60}\b(kasar|membentak|mengancam|tidak ramah|mempersulit|dipersulit|menolak melayani)\b/],
  ['FAILED_TRANSFER', /\b(gagal (transfer|salur|masuk)|transfer(nya)? gagal|rekening\b.{0,30}\b(pasif|dormant|tidak aktif|diblokir|terblokir)|saldo\b.{0,20}\b(kosong|nol|0))\b/],
  ['WRONG_TARGET', /\b(salah sasaran|tidak tepat sasaran|tidak layak|orang (mampu|kaya)|keluarga mampu|punya mobil)\b/],
  ['DATA_ERROR', /\b((nama|nik|data|alamat|tanggal lahir)( saya| kami)? (salah|keliru|berbeda|tidak sesuai)|salah (nama|data|nik))\b/],
  ['AMOUNT_OR_QUALITY', /\b(jumlah(nya)? (kurang|tidak sesuai)|kurang dari|busuk|berkutu|berulat|apek|kedaluwarsa|kadaluarsa|kedaluarsa)\b/],
  ['LATE_DISBURSEMENT', /\b(terlambat|telat|molor|tertunda)\b/],
  ['NOT_RECEIVED', /\b((tidak|belum|tak) (pernah )?((kami|saya|kita) )?(menerima|terima|diterima|dapat|mendapat|mendapatkan|masuk|cair)|tidak terdaftar|dicoret)\b/],
  ['INFORMATION_REQUEST', /\b(bagaimana cara|cara (daftar|mendaftar)|syarat(nya)?|apakah saya)\b/],
];

/** The category a complaint's words point to, or OTHER. */
export function categoryOf(description: string): ComplaintCategory {
  const words = description.toLowerCase().replace(/\s+/g, ' ');
  return RULES.find(([, pattern]) => pattern.test(words))?.[0] ?? 'OTHER';
}

/**
 * Categories about the complainant's own family's aid: for these, the NIK they
 * gave is also the family the complaint is about (`subjectNik`), which lets
 * Aduan link it to a bank's report of the same failed transfer and refer it to
 * that bank. A complaint about someone else (WRONG_TARGET) or about an
 * official has no subject family here.
 */
export const ABOUT_OWN_FAMILY: readonly ComplaintCategory[] = ['NOT_RECEIVED', 'LATE_DISBURSEMENT', 'FAILED_TRANSFER', 'AMOUNT_OR_QUALITY', 'DATA_ERROR'];
