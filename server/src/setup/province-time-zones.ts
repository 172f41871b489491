import { TimeZone } from '../common/enums';

/**
 * Each province's time zone, by its Kemendagri code. The region data package
 * carries codes and names only, so this mapping is kept here, as data.
 *
 * Legal basis: Keputusan Presiden Nomor 41 Tahun 1987 tentang Pembagian Wilayah
 * Republik Indonesia Menjadi 3 (Tiga) Wilayah Waktu (in force since 1 January
 * 1988): WIB (UTC+7) for Sumatra, Java and Madura, Kalimantan Barat and
 * Kalimantan Tengah; WITA (UTC+8) for Bali, Nusa Tenggara Barat and Timur,
 * Kalimantan Selatan and Timur, and Sulawesi; WIT (UTC+9) for Maluku and Papua
 * (then Irian Jaya). Provinces formed since (Kepulauan Riau, Bangka Belitung,
 * Banten, Gorontalo, Sulawesi Barat, Maluku Utara, Kalimantan Utara, the Papuan
 * provinces of 2022) lie wholly inside one zone of the decree: that of the
 * province they were split from.
 *
 * A province the package adds that is not listed here stops the setup with a
 * message naming it: a new province's zone is a fact to add, not to guess.
 */
export const PROVINCE_TIME_ZONES: Readonly<Record<string, TimeZone>> = {
  11: TimeZone.WIB, // Aceh
  12: TimeZone.WIB, // Sumatera Utara
  13: TimeZone.WIB, // Sumatera Barat
  14: TimeZone.WIB, // Riau
  15: TimeZone.WIB, // Jambi
  16: TimeZone.WIB, // Sumatera Selatan
  17: TimeZone.WIB, // Bengkulu
  18: TimeZone.WIB, // Lampung
  19: TimeZone.WIB, // Kepulauan Bangka Belitung
  21: TimeZone.WIB, // Kepulauan Riau
  31: TimeZone.WIB, // DKI Jakarta
  32: TimeZone.WIB, // Jawa Barat
  33: TimeZone.WIB, // Jawa Tengah
  34: TimeZone.WIB, // Daerah Istimewa Yogyakarta
  35: TimeZone.WIB, // Jawa Timur
  36: TimeZone.WIB, // Banten
  51: TimeZone.WITA, // Bali
  52: TimeZone.WITA, // Nusa Tenggara Barat
  53: TimeZone.WITA, // Nusa Tenggara Timur
  61: TimeZone.WIB, // Kalimantan Barat
  62: TimeZone.WIB, // Kalimantan Tengah
  63: TimeZone.WITA, // Kalimantan Selatan
  64: TimeZone.WITA, // Kalimantan Timur
  65: TimeZone.WITA, // Kalimantan Utara
  71: TimeZone.WITA, // Sulawesi Utara
  72: TimeZone.WITA, // Sulawesi Tengah
  73: TimeZone.WITA, // Sulawesi Selatan
  74: TimeZone.WITA, // Sulawesi Tenggara
  75: TimeZone.WITA, // Gorontalo
  76: TimeZone.WITA, // Sulawesi Barat
  81: TimeZone.WIT, // Maluku
  82: TimeZone.WIT, // Maluku Utara
  91: TimeZone.WIT, // Papua
  92: TimeZone.WIT, // Papua Barat
  93: TimeZone.WIT, // Papua Selatan
  94: TimeZone.WIT, // Papua Tengah
  95: TimeZone.WIT, // Papua Pegunungan
  96: TimeZone.WIT, // Papua Barat Daya
};
