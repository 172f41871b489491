import { ChannelKind, ComplaintCategory, DurationUnit, SlaStage, Tier } from '../common/enums';

/**
 * The reference data Aduan ships, which `npm run setup` (setup.ts) and the demo
 * seed both load: programmes, intake channels with the real public contacts
 * (../shared/brief.md), and the default SLA policies. Rows already in the
 * database are left as they are (an operator may have changed them); only
 * missing ones are added (docs/adr/0021-setup.md).
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

/**
 * A channel's operator, named by what identifies it before any id exists: the
 * ministry (the MINISTRY organisation, once `npm run setup -- --admin` or the
 * demo has created it) or a bank by its bank code (once it is registered).
 * Until then the channel has no operator; a later setup fills it in.
 */
export type ChannelOperator = 'MINISTRY' | { bankCode: string };

export interface ChannelData {
  code: string;
  name: string;
  kind: ChannelKind;
  description: string;
  /** Who runs it: the ministry, or the bank with this bank code; null when Aduan itself does. */
  operator: ChannelOperator | null;
  contact: string | null;
  /** Null: always open. */
  serviceHours: string | null;
}

const OFFICE_HOURS = 'Hari kerja, jam layanan kantor';

export const CHANNELS: ChannelData[] = [
  {
    code: 'CALL_CENTER', name: 'Call Center PKH', kind: ChannelKind.PHONE, operator: 'MINISTRY',
    description: 'Pusat panggilan PKH Kementerian Sosial, terhubung dengan call center bank penyalur.',
    contact: '1500299', serviceHours: 'Senin–Jumat 08.00–17.00 WIB',
  },
  {
    code: 'STAKEHOLDER_LINE', name: 'Layanan pemangku kepentingan', kind: ChannelKind.PHONE, operator: 'MINISTRY',
    description: 'Saluran bagi Dinas Sosial provinsi dan kabupaten/kota serta SDM PKH (pendamping dan operator).',
    contact: '021-314 4321', serviceHours: OFFICE_HOURS,
  },
  {
    code: 'BANK_CALL_CENTER_BNI', name: 'Call Center BNI', kind: ChannelKind.PHONE, operator: { bankCode: 'BNI' },
    description: 'Call center Bank BNI untuk pertanyaan dan keluhan penyaluran bansos melalui rekening KKS BNI.',
    contact: '1500046', serviceHours: null,
  },
  {
    code: 'BANK_CALL_CENTER_BRI', name: 'Call Center BRI', kind: ChannelKind.PHONE, operator: { bankCode: 'BRI' },
    description: 'Call center Bank BRI untuk pertanyaan dan keluhan penyaluran bansos melalui rekening KKS BRI.',
    contact: '1500017', serviceHours: null,
  },
  {
    code: 'BANK_CALL_CENTER_MANDIRI', name: 'Call Center Bank Mandiri', kind: ChannelKind.PHONE, operator: { bankCode: 'MANDIRI' },
    description: 'Call center Bank Mandiri untuk pertanyaan dan keluhan penyaluran bansos melalui rekening KKS Mandiri.',
    contact: '14000', serviceHours: null,
  },
  {
    code: 'BANK_CALL_CENTER_BTN', name: 'Call Center BTN', kind: ChannelKind.PHONE, operator: { bankCode: 'BTN' },
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
