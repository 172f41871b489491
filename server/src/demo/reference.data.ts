import {
  ChannelKind, ComplaintCategory, DurationUnit, OrganisationKind, SlaStage, Tier,
} from '../common/enums';

/**
 * The reference data demo mode seeds: programmes, intake channels with the real
 * contact facts from the seeds, the demo organisations and API clients of the
 * contract ("Demo organisations"), and the default SLA policies.
 */

export interface ProgramData {
  code: string;
  name: string;
  description: string;
  managingUnit: string;
  benefitForm: 'CASH' | 'NON_CASH' | 'CONTRIBUTION';
  stagesPerYear: number;
  active: boolean;
}

export const PROGRAMS: ProgramData[] = [
  {
    code: 'PKH',
    name: 'Program Keluarga Harapan',
    description: 'Bantuan sosial bersyarat bagi keluarga miskin dengan ibu hamil, anak usia dini, anak sekolah, penyandang disabilitas berat atau lanjut usia; disalurkan per tahap melalui rekening KKS.',
    managingUnit: 'Direktorat Jaminan Sosial Keluarga, Kementerian Sosial',
    benefitForm: 'CASH',
    stagesPerYear: 4,
    active: true,
  },
  {
    code: 'BPNT',
    name: 'Bantuan Pangan Non Tunai (Program Sembako)',
    description: 'Bantuan pangan nontunai bulanan yang dibelanjakan dengan Kartu Keluarga Sejahtera (KKS) di e-warong.',
    managingUnit: 'Direktorat Jenderal Penanganan Fakir Miskin, Kementerian Sosial',
    benefitForm: 'NON_CASH',
    stagesPerYear: 12,
    active: true,
  },
  {
    code: 'BST',
    name: 'Bantuan Sosial Tunai',
    description: 'Bantuan tunai bulanan selama pandemi COVID-19 (2020–2021) bagi keluarga di luar Jabodetabek yang tidak menerima PKH atau Program Sembako.',
    managingUnit: 'Direktorat Jenderal Perlindungan dan Jaminan Sosial, Kementerian Sosial',
    benefitForm: 'CASH',
    stagesPerYear: 12,
    active: false,
  },
  {
    code: 'BLT_DD',
    name: 'Bantuan Langsung Tunai Dana Desa',
    description: 'Bantuan tunai dari dana desa bagi keluarga miskin yang belum menerima PKH atau Program Sembako, ditetapkan melalui musyawarah desa.',
    managingUnit: 'Pemerintah desa, dengan pembinaan Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi',
    benefitForm: 'CASH',
    stagesPerYear: 12,
    active: true,
  },
  {
    code: 'PBI_JK',
    name: 'Penerima Bantuan Iuran Jaminan Kesehatan',
    description: 'Iuran JKN-KIS yang dibayar pemerintah bagi fakir miskin dan orang tidak mampu yang terdaftar di DTKS.',
    managingUnit: 'Kementerian Sosial (penetapan peserta) dan BPJS Kesehatan',
    benefitForm: 'CONTRIBUTION',
    stagesPerYear: 12,
    active: true,
  },
];

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
  handler('kelurahan-3273011001', 'Kantor Kelurahan Sarijadi (Puskesos)', OrganisationKind.VILLAGE_OFFICE, Tier.VILLAGE, '32.73.01.1001'),
  handler('kelurahan-3578011001', 'Kantor Kelurahan Karangpilang (Puskesos)', OrganisationKind.VILLAGE_OFFICE, Tier.VILLAGE, '35.78.01.1001'),
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
  { clientId: 'demo-village-3273011001', organisation: 'kelurahan-3273011001', name: 'Kelurahan Sarijadi (demo)' },
];

export const DEMO_CLIENT_IDS: readonly string[] = API_CLIENTS.map((c) => c.clientId);

/** Demo secrets are public by design: demo data is never seeded in production. */
export function demoSecret(clientId: string): string {
  return `${clientId}-secret`;
}

export interface ChannelData {
  code: string;
  name: string;
  kind: ChannelKind;
  description: string;
  /** The organisation that runs it; null when Aduan itself does. */
  operator: OrganisationKey | null;
  contact: string | null;
  /** Null: always open. */
  serviceHours: string | null;
}

const OFFICE_HOURS = 'Hari kerja, jam layanan kantor';

export const CHANNELS: ChannelData[] = [
  {
    code: 'CALL_CENTER', name: 'Call Center PKH', kind: ChannelKind.PHONE, operator: 'kemensos',
    description: 'Pusat panggilan PKH Kementerian Sosial, terhubung dengan call center bank penyalur.',
    contact: '1500299', serviceHours: 'Senin–Jumat 08.00–17.00 WIB',
  },
  {
    code: 'STAKEHOLDER_LINE', name: 'Layanan pemangku kepentingan', kind: ChannelKind.PHONE, operator: 'kemensos',
    description: 'Saluran bagi Dinas Sosial provinsi dan kabupaten/kota serta SDM PKH (pendamping dan operator).',
    contact: '021-314 4321', serviceHours: OFFICE_HOURS,
  },
  {
    code: 'BANK_CALL_CENTER_BNI', name: 'Call Center BNI', kind: ChannelKind.PHONE, operator: 'bank-bni',
    description: 'Call center Bank BNI untuk pertanyaan dan keluhan penyaluran bansos melalui rekening KKS BNI.',
    contact: '1500046', serviceHours: null,
  },
  {
    code: 'BANK_CALL_CENTER_BRI', name: 'Call Center BRI', kind: ChannelKind.PHONE, operator: 'bank-bri',
    description: 'Call center Bank BRI untuk pertanyaan dan keluhan penyaluran bansos melalui rekening KKS BRI.',
    contact: '1500017', serviceHours: null,
  },
  {
    code: 'BANK_CALL_CENTER_MANDIRI', name: 'Call Center Bank Mandiri', kind: ChannelKind.PHONE, operator: 'bank-mandiri',
    description: 'Call center Bank Mandiri untuk pertanyaan dan keluhan penyaluran bansos melalui rekening KKS Mandiri.',
    contact: '14000', serviceHours: null,
  },
  {
    code: 'BANK_CALL_CENTER_BTN', name: 'Call Center BTN', kind: ChannelKind.PHONE, operator: 'bank-btn',
    description: 'Call center Bank BTN untuk pertanyaan dan keluhan penyaluran bansos melalui rekening KKS BTN.',
    contact: '1500286', serviceHours: null,
  },
  {
    code: 'WHATSAPP', name: 'WhatsApp pengaduan bansos', kind: ChannelKind.MESSAGING, operator: null,
    description: 'Pesan WhatsApp dicatat sebagai pengaduan dan dibalas dengan nomor pelacakan, juga saat lonjakan pesan.',
    contact: null, serviceHours: null,
  },
  {
    code: 'EMAIL', name: 'Surel pengaduan', kind: ChannelKind.EMAIL, operator: null,
    description: 'Pengaduan melalui surel; setiap surel dibalas dengan nomor pelacakan, bukan sekadar balasan otomatis.',
    contact: null, serviceHours: null,
  },
  {
    code: 'SMS', name: 'SMS pengaduan', kind: ChannelKind.MESSAGING, operator: null,
    description: 'Pengaduan melalui SMS, untuk pelapor tanpa akses internet.',
    contact: null, serviceHours: null,
  },
  {
    code: 'SOCIAL_MEDIA', name: 'Media sosial', kind: ChannelKind.SOCIAL_MEDIA, operator: null,
    description: 'Aduan dari Facebook, Twitter/X dan Instagram yang dicatat oleh petugas.',
    contact: null, serviceHours: null,
  },
  {
    code: 'WEB_PORTAL', name: 'Portal web dan integrasi API', kind: ChannelKind.WEB, operator: null,
    description: 'Pengaduan dari portal pemerintah daerah dan aplikasi mitra (LKS, forum CSR, pilar sosial) melalui API Aduan.',
    contact: null, serviceHours: null,
  },
  {
    code: 'MOBILE_APP', name: 'Aplikasi seluler', kind: ChannelKind.APP, operator: null,
    description: 'Pengaduan dari aplikasi seluler yang terhubung ke Aduan.',
    contact: null, serviceHours: null,
  },
  {
    code: 'WALK_IN', name: 'Datang langsung ke Dinas Sosial', kind: ChannelKind.IN_PERSON, operator: null,
    description: 'Pengaduan yang disampaikan langsung di kantor Dinas Sosial kabupaten/kota.',
    contact: null, serviceHours: OFFICE_HOURS,
  },
  {
    code: 'SLRT', name: 'SLRT (Sistem Layanan dan Rujukan Terpadu)', kind: ChannelKind.SERVICE_POINT, operator: null,
    description: 'Titik layanan pengaduan dan rujukan resmi di tingkat kabupaten/kota.',
    contact: null, serviceHours: OFFICE_HOURS,
  },
  {
    code: 'PUSKESOS', name: 'Puskesos (Pusat Kesejahteraan Sosial)', kind: ChannelKind.SERVICE_POINT, operator: null,
    description: 'Titik layanan pengaduan resmi di desa/kelurahan, tempat pilar sosial meneruskan aduan warga.',
    contact: null, serviceHours: OFFICE_HOURS,
  },
  {
    code: 'BANK_REPORT', name: 'Laporan bank penyalur', kind: ChannelKind.BANK_REPORT, operator: null,
    description: 'Laporan gagal salur yang dikirim bank penyalur (Himbara) melalui API.',
    contact: null, serviceHours: null,
  },
];

export interface SlaPolicyData {
  stage: SlaStage;
  tier: Tier | null;
  category: ComplaintCategory | null;
  programCode: string | null;
  duration: number;
  unit: DurationUnit;
  autoEscalate: boolean;
  description: string;
}

/**
 * Verification within 3 working days and a complete complaint settled within
 * 60 days follow SP4N-LAPOR! and Perpres 76/2013; the per-tier resolution times
 * leave each tier its share of those 60 days. Pungli and fraud reports are
 * verified within 24 hours, as OpenSPP does for critical grievances.
 */
export const SLA_POLICIES: SlaPolicyData[] = [
  {
    stage: SlaStage.VERIFICATION, tier: null, category: null, programCode: null, duration: 3, unit: DurationUnit.WORKING_DAYS, autoEscalate: true,
    description: 'Every complaint is verified (or rejected, or marked a duplicate) within 3 working days, as in SP4N-LAPOR!.',
  },
  {
    stage: SlaStage.VERIFICATION, tier: null, category: ComplaintCategory.ILLEGAL_LEVY, programCode: null, duration: 24, unit: DurationUnit.HOURS, autoEscalate: true,
    description: 'Illegal levies (pungli) are urgent: verified within 24 hours.',
  },
  {
    stage: SlaStage.VERIFICATION, tier: null, category: ComplaintCategory.MISUSE_OR_FRAUD, programCode: null, duration: 24, unit: DurationUnit.HOURS, autoEscalate: true,
    description: 'Misuse and fraud are urgent: verified within 24 hours.',
  },
  {
    stage: SlaStage.RESOLUTION, tier: Tier.VILLAGE, category: null, programCode: null, duration: 5, unit: DurationUnit.WORKING_DAYS, autoEscalate: true,
    description: 'A village or kelurahan office settles a complaint within 5 working days, or it goes up to the district/city social office.',
  },
  {
    stage: SlaStage.RESOLUTION, tier: Tier.DISTRICT, category: null, programCode: null, duration: 10, unit: DurationUnit.WORKING_DAYS, autoEscalate: true,
    description: 'A district/city social office settles a complaint within 10 working days, or it goes up to the province.',
  },
  {
    stage: SlaStage.RESOLUTION, tier: Tier.PROVINCE, category: null, programCode: null, duration: 14, unit: DurationUnit.WORKING_DAYS, autoEscalate: true,
    description: 'A provincial social office settles a complaint within 14 working days, or it goes up to the ministry.',
  },
  {
    stage: SlaStage.RESOLUTION, tier: Tier.NATIONAL, category: null, programCode: null, duration: 60, unit: DurationUnit.CALENDAR_DAYS, autoEscalate: false,
    description: 'The ministry settles a complaint within 60 days (Perpres 76/2013); there is no tier above to escalate to.',
  },
];
