import { OrganisationKind, Tier } from '../common/enums';

/**
 * The demo's own data: the demo organisations and API clients of the contract
 * ("Demo organisations"). The reference data it seeds with them (programmes,
 * channels, SLA policies) is the setup's: ../setup/reference.data.ts.
 */

/** A stable name for each demo organisation, used to wire references before ids exist. */
export type OrganisationKey =
  | 'kemensos' | 'itjen-kemensos'
  | 'dinsos-31' | 'dinsos-32' | 'dinsos-35' | 'dinsos-73' | 'dinsos-91'
  | 'dinsos-3171' | 'dinsos-3204' | 'dinsos-3273' | 'dinsos-3578' | 'dinsos-7371' | 'dinsos-9171'
  | 'kelurahan-3273011001' | 'kelurahan-3578011001'
  | 'bank-bri' | 'bank-bni' | 'bank-mandiri' | 'bank-btn'
  | 'portal-3273' | 'ngo-lks' | 'ngo-csr';

export interface OrganisationData {
  key: OrganisationKey;
  name: string;
  kind: OrganisationKind;
  /** Null for the ministry (all of Indonesia) and for organisations that do not handle complaints. */
  jurisdictionRegionCode: string | null;
  /** Must agree with the kind: the CHECK organisation_tier_matches_kind. */
  tier: Tier | null;
  bankCode: string | null;
}

function handler(key: OrganisationKey, name: string, kind: OrganisationKind, tier: Tier, jurisdictionRegionCode: string | null): OrganisationData {
  return { key, name, kind, tier, jurisdictionRegionCode, bankCode: null };
}

function nonHandler(key: OrganisationKey, name: string, kind: OrganisationKind, bankCode: string | null = null): OrganisationData {
  return { key, name, kind, tier: null, jurisdictionRegionCode: null, bankCode };
}

export const ORGANISATIONS: OrganisationData[] = [
  handler('kemensos', 'Kementerian Sosial RI, Unit Pengaduan Masyarakat', OrganisationKind.MINISTRY, Tier.NATIONAL, null),
  handler('dinsos-31', 'Dinas Sosial Provinsi DKI Jakarta', OrganisationKind.PROVINCE_OFFICE, Tier.PROVINCE, '31'),
  handler('dinsos-32', 'Dinas Sosial Provinsi Jawa Barat', OrganisationKind.PROVINCE_OFFICE, Tier.PROVINCE, '32'),
  handler('dinsos-35', 'Dinas Sosial Provinsi Jawa Timur', OrganisationKind.PROVINCE_OFFICE, Tier.PROVINCE, '35'),
  handler('dinsos-73', 'Dinas Sosial Provinsi Sulawesi Selatan', OrganisationKind.PROVINCE_OFFICE, Tier.PROVINCE, '73'),
  handler('dinsos-91', 'Dinas Sosial Provinsi Papua', OrganisationKind.PROVINCE_OFFICE, Tier.PROVINCE, '91'),
  handler('dinsos-3171', 'Suku Dinas Sosial Kota Administrasi Jakarta Pusat', OrganisationKind.DISTRICT_OFFICE, Tier.DISTRICT, '31.71'),
  handler('dinsos-3204', 'Dinas Sosial Kabupaten Bandung', OrganisationKind.DISTRICT_OFFICE, Tier.DISTRICT, '32.04'),
  handler('dinsos-3273', 'Dinas Sosial Kota Bandung', OrganisationKind.DISTRICT_OFFICE, Tier.DISTRICT, '32.73'),
  handler('dinsos-3578', 'Dinas Sosial Kota Surabaya', OrganisationKind.DISTRICT_OFFICE, Tier.DISTRICT, '35.78'),
  handler('dinsos-7371', 'Dinas Sosial Kota Makassar', OrganisationKind.DISTRICT_OFFICE, Tier.DISTRICT, '73.71'),
  handler('dinsos-9171', 'Dinas Sosial Kota Jayapura', OrganisationKind.DISTRICT_OFFICE, Tier.DISTRICT, '91.71'),
  handler('kelurahan-3273011001', 'Kantor Kelurahan Sukarasa (Puskesos)', OrganisationKind.VILLAGE_OFFICE, Tier.VILLAGE, '32.73.01.1001'),
  handler('kelurahan-3578011001', 'Kantor Kelurahan Karang Pilang (Puskesos)', OrganisationKind.VILLAGE_OFFICE, Tier.VILLAGE, '35.78.01.1001'),
  nonHandler('bank-bri', 'PT Bank Rakyat Indonesia (Persero) Tbk', OrganisationKind.BANK, 'BRI'),
  nonHandler('bank-bni', 'PT Bank Negara Indonesia (Persero) Tbk', OrganisationKind.BANK, 'BNI'),
  nonHandler('bank-mandiri', 'PT Bank Mandiri (Persero) Tbk', OrganisationKind.BANK, 'MANDIRI'),
  nonHandler('bank-btn', 'PT Bank Tabungan Negara (Persero) Tbk', OrganisationKind.BANK, 'BTN'),
  nonHandler('portal-3273', 'Portal Pengaduan Warga Kota Bandung', OrganisationKind.PORTAL),
  nonHandler('ngo-lks', 'LKS Harapan Sejahtera Bandung', OrganisationKind.NGO),
  nonHandler('ngo-csr', 'Forum CSR Kesejahteraan Sosial Jawa Barat', OrganisationKind.NGO),
  nonHandler('itjen-kemensos', 'Inspektorat Jenderal Kementerian Sosial', OrganisationKind.AUDITOR),
];

export interface ApiClientData {
  clientId: string;
  organisation: OrganisationKey;
  name: string;
  /** May manage organisations, API clients and keys. */
  administrator?: boolean;
}

/** The contract's demo clients (and one village office). Each secret is `<client_id>-secret`. */
export const API_CLIENTS: ApiClientData[] = [
  { clientId: 'demo-ministry', organisation: 'kemensos', name: 'Kemensos complaint unit (demo)', administrator: true },
  { clientId: 'demo-province-32', organisation: 'dinsos-32', name: 'Dinas Sosial Jawa Barat (demo)' },
  { clientId: 'demo-dinsos-3273', organisation: 'dinsos-3273', name: 'Dinas Sosial Kota Bandung (demo)' },
  { clientId: 'demo-dinsos-3578', organisation: 'dinsos-3578', name: 'Dinas Sosial Kota Surabaya (demo)' },
  { clientId: 'demo-portal-3273', organisation: 'portal-3273', name: 'Kota Bandung citizen portal (demo)' },
  { clientId: 'demo-bank-bri', organisation: 'bank-bri', name: 'Bank BRI disbursement reporting (demo)' },
  { clientId: 'demo-bank-bni', organisation: 'bank-bni', name: 'Bank BNI disbursement reporting (demo)' },
  { clientId: 'demo-ngo-lks', organisation: 'ngo-lks', name: 'LKS social welfare institution (demo)' },
  { clientId: 'demo-ngo-csr', organisation: 'ngo-csr', name: 'CSR forum (demo)' },
  { clientId: 'demo-auditor', organisation: 'itjen-kemensos', name: 'Inspectorate (demo)' },
  { clientId: 'demo-village-3273011001', organisation: 'kelurahan-3273011001', name: 'Kelurahan Sukarasa (demo)' },
];

export const DEMO_CLIENT_IDS: readonly string[] = API_CLIENTS.map((c) => c.clientId);

/** Demo secrets are public by design: demo data is never seeded in production. */
export function demoSecret(clientId: string): string {
  return `${clientId}-secret`;
}
