/**
 * The villages the demo's synthetic population lives in (population.ts): a few
 * kecamatan of Jakarta Pusat, Kabupaten Bandung, Kota Bandung, Kota Surabaya,
 * Makassar and Jayapura. Codes only: their names, and every other region of
 * Indonesia, come from the region register the setup loads (setup/load-regions.ts),
 * so the demo shows each code's real name. A village code's fourth part starts
 * with 1 for a kelurahan (urban village) and 2 for a desa (rural village).
 */

export interface VillageData {
  /** `32.73.01.1001` */
  code: string;
  name: string;
  kind: 'KELURAHAN' | 'DESA';
}

/** Villages numbered `<kecamatan>.<first>`, `<first + 1>` …: `count` of them. */
const numbered = (subdistrictCode: string, first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${subdistrictCode}.${first + i}`);

export const DEMO_VILLAGE_CODES: readonly string[] = [
  ...numbered('31.71.01', 1001, 6), // Gambir, Kota Administrasi Jakarta Pusat
  ...numbered('32.04.05', 2001, 6), // Cileunyi, Kabupaten Bandung
  ...numbered('32.04.08', 2001, 6), // Bojongsoang, Kabupaten Bandung
  ...numbered('32.73.01', 1001, 4), // Sukasari, Kota Bandung (32.73.01.1001: the contract's demo village)
  ...numbered('32.73.02', 1001, 6), // Coblong, Kota Bandung
  ...numbered('32.73.07', 1001, 5), // Sukajadi, Kota Bandung
  ...numbered('32.73.08', 1001, 3), // Cidadap, Kota Bandung
  ...numbered('35.78.01', 1001, 4), // Karang Pilang, Kota Surabaya (35.78.01.1001: the contract's other demo village)
  ...numbered('35.78.02', 1001, 4), // Wonocolo, Kota Surabaya
  ...numbered('35.78.03', 1001, 4), // Rungkut, Kota Surabaya
  ...numbered('73.71.01', 1001, 5), // Mariso, Kota Makassar
  ...numbered('91.71.01', 1001, 5), // Jayapura Utara, Kota Jayapura
];
