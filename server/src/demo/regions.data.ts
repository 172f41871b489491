import { TimeZone } from '../common/enums';

/**
 * Kemendagri administrative regions for the demo: all 38 provinces, and below
 * them a handful of cities and regencies with some of their kecamatan and
 * desa/kelurahan. Codes follow Kemendagri's scheme: a village code's fourth part
 * starts with 1 for a kelurahan (urban village) and 2 for a desa (rural village).
 * The lists below a province are a sample, not the full register.
 */

export interface ProvinceData {
  code: string;
  name: string;
  timeZone: `${TimeZone}`;
}

export interface DistrictData {
  /** `32.73` */
  code: string;
  name: string;
  kind: 'KOTA' | 'KABUPATEN';
}

export interface SubdistrictData {
  /** `32.73.01` */
  code: string;
  name: string;
}

export interface VillageData {
  /** `32.73.01.1001` */
  code: string;
  name: string;
  kind: 'KELURAHAN' | 'DESA';
}

export const PROVINCES: ProvinceData[] = [
  { code: '11', name: 'Aceh', timeZone: 'WIB' },
  { code: '12', name: 'Sumatera Utara', timeZone: 'WIB' },
  { code: '13', name: 'Sumatera Barat', timeZone: 'WIB' },
  { code: '14', name: 'Riau', timeZone: 'WIB' },
  { code: '15', name: 'Jambi', timeZone: 'WIB' },
  { code: '16', name: 'Sumatera Selatan', timeZone: 'WIB' },
  { code: '17', name: 'Bengkulu', timeZone: 'WIB' },
  { code: '18', name: 'Lampung', timeZone: 'WIB' },
  { code: '19', name: 'Kepulauan Bangka Belitung', timeZone: 'WIB' },
  { code: '21', name: 'Kepulauan Riau', timeZone: 'WIB' },
  { code: '31', name: 'DKI Jakarta', timeZone: 'WIB' },
  { code: '32', name: 'Jawa Barat', timeZone: 'WIB' },
  { code: '33', name: 'Jawa Tengah', timeZone: 'WIB' },
  { code: '34', name: 'Daerah Istimewa Yogyakarta', timeZone: 'WIB' },
  { code: '35', name: 'Jawa Timur', timeZone: 'WIB' },
  { code: '36', name: 'Banten', timeZone: 'WIB' },
  { code: '51', name: 'Bali', timeZone: 'WITA' },
  { code: '52', name: 'Nusa Tenggara Barat', timeZone: 'WITA' },
  { code: '53', name: 'Nusa Tenggara Timur', timeZone: 'WITA' },
  { code: '61', name: 'Kalimantan Barat', timeZone: 'WIB' },
  { code: '62', name: 'Kalimantan Tengah', timeZone: 'WIB' },
  { code: '63', name: 'Kalimantan Selatan', timeZone: 'WITA' },
  { code: '64', name: 'Kalimantan Timur', timeZone: 'WITA' },
  { code: '65', name: 'Kalimantan Utara', timeZone: 'WITA' },
  { code: '71', name: 'Sulawesi Utara', timeZone: 'WITA' },
  { code: '72', name: 'Sulawesi Tengah', timeZone: 'WITA' },
  { code: '73', name: 'Sulawesi Selatan', timeZone: 'WITA' },
  { code: '74', name: 'Sulawesi Tenggara', timeZone: 'WITA' },
  { code: '75', name: 'Gorontalo', timeZone: 'WITA' },
  { code: '76', name: 'Sulawesi Barat', timeZone: 'WITA' },
  { code: '81', name: 'Maluku', timeZone: 'WIT' },
  { code: '82', name: 'Maluku Utara', timeZone: 'WIT' },
  { code: '91', name: 'Papua', timeZone: 'WIT' },
  { code: '92', name: 'Papua Barat', timeZone: 'WIT' },
  { code: '93', name: 'Papua Selatan', timeZone: 'WIT' },
  { code: '94', name: 'Papua Tengah', timeZone: 'WIT' },
  { code: '95', name: 'Papua Pegunungan', timeZone: 'WIT' },
  { code: '96', name: 'Papua Barat Daya', timeZone: 'WIT' },
];

interface DistrictTree extends DistrictData {
  subdistricts: { code: string; name: string; villages: VillageData[] }[];
}

/** Kelurahan of a kecamatan, numbered 1001, 1002 … in the order given. */
function kelurahan(subdistrictCode: string, ...names: string[]): VillageData[] {
  return names.map((name, i) => ({ code: `${subdistrictCode}.${1001 + i}`, name, kind: 'KELURAHAN' }));
}

/** Desa of a kecamatan, numbered 2001, 2002 … in the order given. */
function desa(subdistrictCode: string, ...names: string[]): VillageData[] {
  return names.map((name, i) => ({ code: `${subdistrictCode}.${2001 + i}`, name, kind: 'DESA' }));
}

function subdistrict(code: string, name: string, villages: (code: string) => VillageData[]) {
  return { code, name, villages: villages(code) };
}

const TREE: DistrictTree[] = [
  {
    code: '31.71', name: 'Kota Administrasi Jakarta Pusat', kind: 'KOTA',
    subdistricts: [
      subdistrict('31.71.01', 'Gambir', (c) => kelurahan(c, 'Gambir', 'Cideng', 'Petojo Utara', 'Petojo Selatan', 'Kebon Kelapa', 'Duri Pulo')),
    ],
  },
  {
    code: '32.04', name: 'Kabupaten Bandung', kind: 'KABUPATEN',
    subdistricts: [
      subdistrict('32.04.05', 'Cileunyi', (c) => desa(c, 'Cileunyi Kulon', 'Cileunyi Wetan', 'Cimekar', 'Cinunuk', 'Cibiru Hilir', 'Cibiru Wetan')),
      subdistrict('32.04.08', 'Bojongsoang', (c) => desa(c, 'Bojongsoang', 'Lengkong', 'Cipagalo', 'Buahbatu', 'Bojongsari', 'Tegalluar')),
    ],
  },
  {
    code: '32.73', name: 'Kota Bandung', kind: 'KOTA',
    subdistricts: [
      subdistrict('32.73.01', 'Sukasari', (c) => kelurahan(c, 'Sarijadi', 'Sukarasa', 'Gegerkalong', 'Isola')),
      subdistrict('32.73.02', 'Coblong', (c) => kelurahan(c, 'Cipaganti', 'Lebakgede', 'Sadang Serang', 'Dago', 'Sekeloa', 'Lebak Siliwangi')),
      subdistrict('32.73.07', 'Sukajadi', (c) => kelurahan(c, 'Pasteur', 'Cipedes', 'Sukawarna', 'Sukagalih', 'Sukabungah')),
      subdistrict('32.73.08', 'Cidadap', (c) => kelurahan(c, 'Hegarmanah', 'Ciumbuleuit', 'Ledeng')),
    ],
  },
  {
    code: '35.78', name: 'Kota Surabaya', kind: 'KOTA',
    subdistricts: [
      subdistrict('35.78.01', 'Karangpilang', (c) => kelurahan(c, 'Karangpilang', 'Waru Gunung', 'Kebraon', 'Kedurus')),
      subdistrict('35.78.02', 'Jambangan', (c) => kelurahan(c, 'Jambangan', 'Karah', 'Kebonsari', 'Pagesangan')),
      subdistrict('35.78.03', 'Gayungan', (c) => kelurahan(c, 'Gayungan', 'Dukuh Menanggal', 'Menanggal', 'Ketintang')),
    ],
  },
  {
    code: '73.71', name: 'Kota Makassar', kind: 'KOTA',
    subdistricts: [
      subdistrict('73.71.01', 'Mariso', (c) => kelurahan(c, 'Bontorannu', 'Kampung Buyang', 'Lette', 'Mariso', 'Panambungan')),
    ],
  },
  {
    code: '91.71', name: 'Kota Jayapura', kind: 'KOTA',
    subdistricts: [
      subdistrict('91.71.01', 'Jayapura Utara', (c) => kelurahan(c, 'Gurabesi', 'Bhayangkara', 'Mandala', 'Imbi', 'Tanjung Ria')),
    ],
  },
];

export const DISTRICTS: DistrictData[] = TREE.map(({ code, name, kind }) => ({ code, name, kind }));

export const SUBDISTRICTS: SubdistrictData[] = TREE.flatMap((d) => d.subdistricts.map(({ code, name }) => ({ code, name })));

export const VILLAGES: VillageData[] = TREE.flatMap((d) => d.subdistricts.flatMap((s) => s.villages));
