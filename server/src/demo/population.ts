import {
  ComplaintCategory, ComplaintStatus, DisbursementStatus, DtksStatus, DurationUnit, EnrolmentStatus, ResolutionDecision,
  SlaStage, Tier, TIER_ORDER,
} from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { newTrackingCode } from '../complaints/tracking-code';
import { makeNik } from '../recipients/nik';
import { SLA_POLICIES } from '../setup/reference.data';
import { API_CLIENTS, ORGANISATIONS, OrganisationKey } from './reference.data';
import { VillageData } from './regions.data';

/**
 * The demo's synthetic people and their history: about 640 recipients in 200
 * families (KK), their programme enrolments and the disbursements of the three
 * months before the month of seeding, and about 300 complaints with their
 * timelines, escalations, bank referrals, ratings and appeals. Every name, NIK
 * and story is invented.
 *
 * Reproducible: one seeded PRNG draws everything, so the same build produces the
 * same people, NIKs, tracking codes and row ids (demo tracking codes are thus
 * known, not secret; live ones come from a CSPRNG). Nothing is dated absolutely:
 * complaint times are offsets back from `now` (the moment of seeding) and the
 * disbursement periods are the months before it (demoPeriods), so that a demo
 * started any day shows last months' payments and complaints on track, at risk
 * and breached alike. The people and their NIKs do not depend on `now`, nor do
 * the BPNT enrolments and which of their payments failed: each family's
 * enrolments and payments draw from a generator of the family's own, PKH (which
 * follows the children's ages in the year paid) last. So the NIKs the examples'
 * samples name stay BRI's BPNT customers whatever the day.
 */

const POPULATION_SEED = 20_261_122;

/**
 * NIK and KK serials (last four digits) of demo people stay below this; the
 * scale seeder (seed-scale.ts) uses 5000–9999, so the two never collide.
 */
export const SCALE_SERIAL_BASE = 5000;

// ---------------------------------------------------------------------------
// Rows, as the tables hold them (property names map to snake_case columns).
// ---------------------------------------------------------------------------

export interface RecipientRow {
  id: string;
  nik: string;
  kkNumber: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  isFamilyHead: boolean;
  regionCode: string;
  address: string;
  dtksStatus: DtksStatus;
}

export interface EnrolmentRow {
  id: string;
  recipientId: string;
  programCode: string;
  status: EnrolmentStatus;
  enrolledOn: string;
  endedOn: string | null;
  bankOrganisationId: string | null;
}

export interface DisbursementRow {
  id: string;
  enrolmentId: string;
  period: string;
  stage: number;
  amount: number;
  bankOrganisationId: string | null;
  status: DisbursementStatus;
  disbursedOn: string | null;
}

export interface ComplaintRow {
  id: string;
  trackingCode: string;
  status: ComplaintStatus;
  category: ComplaintCategory;
  programCode: string;
  channelCode: string;
  regionCode: string;
  currentTier: Tier;
  description: string;
  occurredOn: string | null;
  complainantName: string | null;
  complainantPhone: string | null;
  complainantNik: string | null;
  anonymous: boolean;
  confidential: boolean;
  subjectNik: string | null;
  subjectRecipientId: string | null;
  submittedByClientId: string | null;
  submittedByOrganisationId: string | null;
  assignedOrganisationId: string | null;
  assignedOfficerName: string | null;
  dueAt: Date | null;
  slaStartedAt: Date;
  slaPausedAt: Date | null;
  resolutionDecision: ResolutionDecision | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolutionRating: number | null;
  resolutionComment: string | null;
  ratedAt: Date | null;
  duplicateOfId: string | null;
  appealOfId: string | null;
  locale: 'id' | 'en';
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ComplaintEventRow {
  id: string;
  complaintId: string;
  seq: number;
  type: ComplaintEventType;
  visibility: EventVisibility;
  actorClientId: string | null;
  actorOrganisationId: string | null;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  fromTier: Tier | null;
  toTier: Tier | null;
  message: string | null;
  /** Never personal data. */
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface EscalationRow {
  id: string;
  complaintId: string;
  fromTier: Tier;
  toTier: Tier;
  reason: string;
  automatic: boolean;
  actorClientId: string | null;
  createdAt: Date;
}

export interface ReferralRow {
  id: string;
  complaintId: string;
  toOrganisationId: string;
  fromOrganisationId: string | null;
  reason: string;
  status: 'OPEN' | 'ANSWERED';
  answer: string | null;
  answeredAt: Date | null;
  dueAt: Date;
  createdAt: Date;
}

export interface DemoPopulation {
  recipients: RecipientRow[];
  enrolments: EnrolmentRow[];
  disbursements: DisbursementRow[];
  complaints: ComplaintRow[];
  events: ComplaintEventRow[];
  escalations: EscalationRow[];
  referrals: ReferralRow[];
}

export interface PopulationInput {
  /** The ids the seeder gave the demo organisations and API clients (by client_id). */
  organisationIds: Record<OrganisationKey, string>;
  clientIds: Record<string, string>;
  /** The moment of seeding: complaint times count back from here, disbursement periods are the months before its month (WIB). */
  now: Date;
  /** The demo's villages (regions.data.ts DEMO_VILLAGE_CODES) with their names from the region register. */
  villages: readonly VillageData[];
}

// ---------------------------------------------------------------------------
// The seeded PRNG.
// ---------------------------------------------------------------------------

/** mulberry32: small, fast, and the same on every machine. Not for anything secret. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, max): the shape newTrackingCode expects. */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Random.pick: nothing to pick from');
    return items[this.int(items.length)];
  }

  /** One of the values, each as likely as its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let r = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /**
   * A generator of its own, seeded from this one's next draw: what draws from it
   * never shifts what this one draws next.
   */
  fork(): Random {
    return new Random(this.int(4294967296));
  }

  /** A version-4-shaped UUID from this generator: reproducible, hence never for secrets. */
  uuid(): string {
    const bytes: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const word = Math.floor(this.next() * 4294967296);
      bytes.push(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------
// Names, by province: Sundanese in Jawa Barat, Javanese in Jawa Timur, Bugis-
// Makassar in Sulawesi Selatan, Papuan clan names in Papua.
// ---------------------------------------------------------------------------

export interface NamePool {
  male: string[];
  female: string[];
  /** Second names, or clan names shared by a family when `familyNames`. */
  maleSecond: string[];
  femaleSecond: string[];
  familyNames?: boolean;
}

export const NAMES: Record<string, NamePool> = {
  '31': {
    male: ['Ahmad', 'Rizky', 'Fajar', 'Muhammad', 'Dimas', 'Hendra', 'Reza', 'Bayu', 'Rahmat', 'Irfan'],
    female: ['Siti', 'Nurul', 'Dewi', 'Fitri', 'Rina', 'Aisyah', 'Putri', 'Sari', 'Mega', 'Ratna'],
    maleSecond: ['Saputra', 'Pratama', 'Hidayat', 'Ramadhan', 'Firmansyah', 'Kurniawan', 'Syahputra'],
    femaleSecond: ['Lestari', 'Wulandari', 'Rahmawati', 'Anggraini', 'Safitri', 'Maharani', 'Oktaviani'],
  },
  '32': {
    male: ['Asep', 'Dedi', 'Ujang', 'Cecep', 'Dadang', 'Yayan', 'Iwan', 'Deden', 'Ade', 'Agus', 'Rudi', 'Encep'],
    female: ['Euis', 'Neneng', 'Cucu', 'Imas', 'Iis', 'Yanti', 'Lilis', 'Entin', 'Nining', 'Tati', 'Eneng', 'Ai'],
    maleSecond: ['Suhendar', 'Sopandi', 'Hidayat', 'Permana', 'Setiawan', 'Nugraha', 'Sudrajat', 'Suryana', 'Mulyana', 'Saepudin'],
    femaleSecond: ['Nurhayati', 'Rahayu', 'Kurniasih', 'Marlina', 'Sumiati', 'Komalasari', 'Rosita', 'Hermawati', 'Rohaeni'],
  },
  '35': {
    male: ['Slamet', 'Bambang', 'Sutrisno', 'Joko', 'Budi', 'Eko', 'Heru', 'Suparman', 'Wahyu', 'Imam', 'Supriyadi', 'Agus'],
    female: ['Sri', 'Siti', 'Endang', 'Sulastri', 'Sumarni', 'Tri', 'Dwi', 'Ninik', 'Yuli', 'Suharti', 'Kasiyem'],
    maleSecond: ['Santoso', 'Wibowo', 'Prasetyo', 'Hartono', 'Purnomo', 'Susanto', 'Nugroho', 'Widodo', 'Hariyanto'],
    femaleSecond: ['Rahayu', 'Wahyuni', 'Lestari', 'Handayani', 'Suryani', 'Ningsih', 'Astuti', 'Utami', 'Mulyani'],
  },
  '73': {
    male: ['Muhammad', 'Abdul', 'Syamsul', 'Haris', 'Baharuddin', 'Jamaluddin', 'Arifin', 'Ridwan', 'Syahrir', 'Amiruddin'],
    female: ['Hasnah', 'Nurhaedah', 'Sitti', 'Hajrah', 'Rosmiati', 'Nurlina', 'Rahmawati', 'Hasmawati', 'Nurbaya'],
    maleSecond: ['Rahman', 'Hamid', 'Said', 'Latif', 'Makmur', 'Hasanuddin', 'Syarif', 'Tahir'],
    femaleSecond: ['Rahman', 'Hamid', 'Said', 'Sari', 'Amir', 'Basri', 'Tahir'],
  },
  '91': {
    male: ['Yohanes', 'Markus', 'Yakob', 'Petrus', 'Daniel', 'Yosua', 'Paulus', 'Otto', 'Lukas', 'Barnabas'],
    female: ['Maria', 'Yuliana', 'Ribka', 'Martha', 'Selfina', 'Agustina', 'Elsye', 'Debora', 'Yosina', 'Naomi'],
    maleSecond: ['Wenda', 'Mebri', 'Ireeuw', 'Rumbiak', 'Kogoya', 'Yoku', 'Sanggenafa', 'Itaar', 'Hamadi', 'Waromi'],
    femaleSecond: [],
    familyNames: true,
  },
};

const STREET_SUFFIXES = ['Raya', 'Dalam', 'Tengah', 'Baru', 'Indah', 'Timur', 'Barat'];
export const ALLEYS = ['Mawar', 'Melati', 'Kenanga', 'Flamboyan', 'Anggrek', 'Cempaka', 'Dahlia', 'Sawo', 'Nangka', 'Pelita', 'Harapan', 'Swadaya'];
export const OFFICERS: Record<string, string[]> = {
  '31': ['Rina Marlina', 'Bayu Saputra', 'Mega Anggraini'],
  '32': ['Dedi Supriatna', 'Neneng Komalasari', 'Asep Nugraha', 'Iis Rohaeni'],
  '35': ['Wahyu Prasetyo', 'Sri Handayani', 'Heru Santoso'],
  '73': ['Andi Syamsuddin', 'Hasmawati Tahir'],
  '91': ['Yosina Wenda', 'Markus Rumbiak'],
};

export const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export const PROGRAM_LABEL: Record<string, string> = {
  PKH: 'PKH', BPNT: 'BPNT (Program Sembako)', BST: 'BST', BLT_DD: 'BLT Dana Desa', PBI_JK: 'PBI JK (KIS)',
};

const BANK_LABEL: Partial<Record<OrganisationKey, string>> = { 'bank-bri': 'BRI', 'bank-bni': 'BNI' };

// ---------------------------------------------------------------------------
// Complaint stories (Bahasa Indonesia). {program}, {village}, {month}, {amount}
// and {bank} are filled in; a template with `programs` fits only those.
// ---------------------------------------------------------------------------

export interface Story {
  text: string;
  programs?: string[];
}

export const STORIES: Record<ComplaintCategory, Story[]> = {
  NOT_RECEIVED: [
    { text: 'Keluarga kami sudah terdaftar di DTKS sejak 2021 tetapi sampai {month} belum pernah menerima {program}. Tetangga dengan kondisi yang sama sudah menerima. Mohon dicek apakah data kami sudah diusulkan oleh kelurahan {village}.' },
    { text: 'Saya janda dengan tiga anak dan tidak punya pekerjaan tetap. Sudah dua kali ikut pendataan di {village}, tetapi nama saya tidak pernah muncul sebagai penerima {program}.' },
    { text: 'Orang tua saya lansia dan tinggal sendiri. Kartu KKS sudah dibagikan tetapi saldo {program} selalu kosong sejak awal tahun.', programs: ['PKH', 'BPNT'] },
    { text: 'Suami saya sakit dan tidak bisa bekerja lagi. Kami sudah mengajukan usulan {program} ke desa {village} lewat musyawarah desa, tetapi tidak ada kabar sampai sekarang.', programs: ['BLT_DD'] },
  ],
  WRONG_TARGET: [
    { text: 'Di RT kami ada penerima {program} yang punya mobil dan toko bangunan, sementara warga yang benar-benar miskin tidak mendapat apa-apa. Mohon data penerima di {village} diverifikasi ulang.' },
    { text: 'Salah satu penerima {program} di lingkungan kami sudah meninggal dunia tahun lalu, tetapi bantuannya masih terus dicairkan oleh keluarganya.' },
    { text: 'Seorang pegawai negeri di lingkungan kami tercatat sebagai penerima {program}. Ini jelas tidak tepat sasaran.' },
  ],
  AMOUNT_OR_QUALITY: [
    { text: 'Beras dari e-warong untuk {program} bulan {month} berkutu dan beratnya kurang dari 10 kg. Telur yang dijanjikan juga tidak diberikan.', programs: ['BPNT'] },
    { text: 'Bantuan {program} tahap ini hanya masuk {amount}, padahal anak kami dua orang masih SD dan SMP. Mohon dijelaskan perhitungannya.', programs: ['PKH'] },
    { text: 'Nilai bantuan {program} yang saya terima bulan {month} tidak sesuai dengan yang diumumkan. Mohon dijelaskan kenapa berkurang.' },
  ],
  LATE_DISBURSEMENT: [
    { text: 'Sudah tiga bulan bantuan {program} tidak masuk ke rekening KKS. Pendamping hanya bilang masih proses.', programs: ['PKH', 'BPNT'] },
    { text: 'Pencairan {program} untuk bulan {month} di {village} terlambat, padahal wilayah sebelah sudah cair dua minggu lalu.' },
    { text: 'Jadwal penyaluran {program} bulan {month} sudah lewat tetapi belum ada pemberitahuan kapan dana bisa diambil.' },
  ],
  FAILED_TRANSFER: [
    { text: 'Saat cek saldo di agen {bank}, bantuan {program} bulan {month} tidak ada. Kata petugas bank, transfer gagal karena nama di rekening tidak sama dengan data penerima.' },
    { text: 'Kartu KKS saya terblokir dan dana {program} bulan {month} tidak bisa ditarik. Sudah lapor ke bank {bank} tetapi disuruh ke Dinas Sosial.' },
    { text: 'Buku tabungan KKS menunjukkan dana {program} bulan {month} masuk lalu ditarik kembali. Mohon dicek kenapa penyaluran gagal.' },
  ],
  ILLEGAL_LEVY: [
    { text: 'Ketua kelompok meminta Rp50.000 dari setiap KPM saat pencairan {program} dengan alasan uang transport dan fotokopi.' },
    { text: 'Pemilik e-warong menahan kartu KKS warga dan memotong Rp20.000 setiap kali pengambilan {program}.', programs: ['BPNT'] },
    { text: 'Oknum perangkat di {village} meminta "uang terima kasih" dari penerima {program} yang baru cair.' },
  ],
  MISUSE_OR_FRAUD: [
    { text: 'Kartu KKS beberapa warga dikumpulkan oleh oknum dan saldonya ditarik tanpa sepengetahuan pemilik kartu.', programs: ['PKH', 'BPNT'] },
    { text: 'Ada dugaan penerima fiktif {program} di {village}: nama-nama yang tercatat tidak dikenal warga setempat.' },
    { text: 'Dana {program} tahun lalu dipotong separuh oleh oknum yang mengaku petugas, dengan alasan untuk warga lain yang belum dapat.' },
  ],
  DATA_ERROR: [
    { text: 'Nama saya di data {program} salah ketik sehingga tidak cocok dengan KTP, dan rekening tidak bisa dibuka di bank.' },
    { text: 'Kepesertaan {program} saya dinonaktifkan, padahal saya masih tidak mampu dan sedang berobat rutin di puskesmas.', programs: ['PBI_JK'] },
    { text: 'Anak saya yang sudah menikah dan pindah masih tercatat di KK kami dalam DTKS, sehingga data keluarga untuk {program} tidak sesuai.' },
  ],
  SERVICE_CONDUCT: [
    { text: 'Pendamping PKH jarang datang ke pertemuan kelompok dan tidak bisa dihubungi saat warga bertanya soal pencairan.', programs: ['PKH'] },
    { text: 'Petugas di kantor kelurahan {village} bersikap kasar waktu saya menanyakan status usulan {program}.' },
    { text: 'Saya diminta bolak-balik membawa berkas yang sama untuk {program} tanpa penjelasan apa yang kurang.' },
  ],
  INFORMATION_REQUEST: [
    { text: 'Bagaimana cara mendaftar sebagai penerima {program}? Saya baru pindah ke {village} dan KK sudah diperbarui.' },
    { text: 'Kapan jadwal pencairan {program} tahap berikutnya, dan apakah ada syarat yang harus diperbarui?' },
    { text: 'Apakah keluarga yang dulu menerima {program} pada 2020–2021 masih bisa mendapat bantuan lain sekarang?', programs: ['BST'] },
  ],
  OTHER: [
    { text: 'Saya ingin mengundurkan diri sebagai penerima {program} karena sudah bekerja tetap. Ke mana saya harus melapor?' },
    { text: 'Kartu KKS saya hilang. Bagaimana cara mengurus penggantinya agar {program} tetap bisa diambil?', programs: ['PKH', 'BPNT'] },
    { text: 'Saya pindah domisili ke {village}. Bagaimana memindahkan data {program} saya?' },
  ],
};

const BANK_REPORT_STORY = 'Laporan bank penyalur {bank}: penyaluran {program} bulan {month} ke rekening KPM ini gagal (rekening pasif). Mohon verifikasi dan perbaikan data KPM.';

export const UPHELD_RESPONSE: Record<ComplaintCategory, string> = {
  NOT_RECEIVED: 'Keluarga Anda telah diusulkan melalui musyawarah dan ditetapkan sebagai penerima {program} mulai penyaluran berikutnya.',
  WRONG_TARGET: 'Hasil verifikasi lapangan membenarkan laporan Anda; penerima tersebut telah dinonaktifkan dari {program}.',
  AMOUNT_OR_QUALITY: 'Kekurangan bantuan {program} telah diganti dan penyalur mendapat teguran tertulis.',
  LATE_DISBURSEMENT: 'Bantuan {program} telah masuk ke rekening Anda. Mohon maaf atas keterlambatannya.',
  FAILED_TRANSFER: 'Data rekening telah diperbaiki dan dana {program} telah disalurkan ulang oleh bank.',
  ILLEGAL_LEVY: 'Pungutan telah dihentikan, uang warga dikembalikan, dan oknum diproses sesuai ketentuan.',
  MISUSE_OR_FRAUD: 'Dugaan penyalahgunaan terbukti; kasus diteruskan ke aparat penegak hukum dan kartu dikembalikan kepada pemiliknya.',
  DATA_ERROR: 'Data Anda telah diperbaiki di DTKS melalui SIKS-NG dan berlaku pada penyaluran berikutnya.',
  SERVICE_CONDUCT: 'Petugas yang bersangkutan telah dibina dan diberi teguran. Terima kasih atas laporan Anda.',
  INFORMATION_REQUEST: 'Informasi telah disampaikan: pendaftaran melalui desa/kelurahan untuk diusulkan dalam musyawarah, lalu diverifikasi dan dicatat di DTKS.',
  OTHER: 'Permintaan Anda telah ditindaklanjuti oleh petugas.',
};

export const DECISION_RESPONSE: Record<Exclude<ResolutionDecision, ResolutionDecision.UPHELD>, string> = {
  PARTIALLY_UPHELD: 'Sebagian laporan Anda terbukti dan telah ditindaklanjuti; untuk bagian lainnya tidak ditemukan pelanggaran.',
  NOT_UPHELD: 'Setelah pemeriksaan data dan kunjungan rumah, laporan tidak terbukti. Anda dapat mengajukan banding dengan bukti tambahan.',
  WITHDRAWN: 'Pengaduan ditutup atas permintaan pelapor.',
  REDIRECTED: 'Pengaduan ini menjadi kewenangan instansi lain dan telah kami teruskan; nomor pelacakan tetap dapat dipakai untuk memantau.',
};

export const REJECTION_REASONS = [
  'Pengaduan tidak dapat diproses karena informasinya tidak cukup dan pelapor tidak dapat dihubungi.',
  'Pengaduan tidak berkaitan dengan program bantuan sosial.',
  'Lokasi yang dilaporkan berada di luar wilayah layanan yang tercatat.',
];

export const MANUAL_ESCALATION_REASONS = [
  'Perlu keputusan di tingkat yang lebih tinggi: data penerima dikelola di atas kewenangan kami.',
  'Melibatkan bank penyalur; perlu koordinasi di tingkat yang lebih tinggi.',
  'Perlu perbaikan data DTKS yang tidak dapat dilakukan di tingkat ini.',
  'Ada dugaan keterlibatan petugas setempat; diteruskan untuk menghindari benturan kepentingan.',
];

const APPEAL_REASONS = [
  'petugas tidak datang memeriksa ke rumah kami, padahal kondisi keluarga kami jelas tidak mampu.',
  'data yang dipakai sudah lama dan tidak sesuai dengan keadaan kami sekarang.',
  'bukti yang kami kirim tidak ikut dipertimbangkan.',
];

/** reopenComplaint's window: an appeal comes within 30 days of the resolution. */
const APPEAL_WINDOW_DAYS = 30;

export const AUTOMATIC_ESCALATION_REASON = 'Batas waktu penanganan terlampaui; pengaduan diteruskan otomatis ke tingkat berikutnya.';

const INTERNAL_NOTES = [
  'Dicek di SIKS-NG: status DTKS keluarga sesuai dengan laporan.',
  'Sudah koordinasi dengan pendamping wilayah; menunggu hasil pengecekan lapangan.',
  'Dijadwalkan pembahasan pada musyawarah kelurahan berikutnya.',
];

const PROGRESS_RESPONSES = [
  'Petugas sedang memeriksa data Anda di DTKS dan berkoordinasi dengan pendamping.',
  'Pengaduan Anda sedang dikonfirmasi ke bank penyalur.',
];

const GOOD_RATING_COMMENTS = ['Terima kasih, bantuan sudah kami terima.', 'Petugas cepat menanggapi dan jelas penjelasannya.'];
const POOR_RATING_COMMENTS = ['Penjelasannya kurang jelas dan masalah belum selesai.', 'Terlalu lama menunggu jawaban.'];

export const INFORMATION_REQUEST_MESSAGE = 'Mohon lengkapi pengaduan dengan foto KTP dan KK serta bukti pendukung (misalnya foto kartu KKS atau buku tabungan) melalui kanal yang sama.';

// ---------------------------------------------------------------------------
// Distributions.
// ---------------------------------------------------------------------------

const STATUS_WEIGHTS: [ComplaintStatus, number][] = [
  [ComplaintStatus.RECEIVED, 12], [ComplaintStatus.VERIFIED, 10], [ComplaintStatus.IN_PROGRESS, 18], [ComplaintStatus.PENDING_INFO, 8],
  [ComplaintStatus.RESOLVED, 20], [ComplaintStatus.CLOSED, 18], [ComplaintStatus.REJECTED, 7], [ComplaintStatus.DUPLICATE, 7],
];

const CATEGORY_WEIGHTS: [ComplaintCategory, number][] = [
  [ComplaintCategory.NOT_RECEIVED, 18], [ComplaintCategory.WRONG_TARGET, 14], [ComplaintCategory.AMOUNT_OR_QUALITY, 8],
  [ComplaintCategory.LATE_DISBURSEMENT, 10], [ComplaintCategory.FAILED_TRANSFER, 10], [ComplaintCategory.ILLEGAL_LEVY, 6],
  [ComplaintCategory.MISUSE_OR_FRAUD, 5], [ComplaintCategory.DATA_ERROR, 12], [ComplaintCategory.SERVICE_CONDUCT, 5],
  [ComplaintCategory.INFORMATION_REQUEST, 8], [ComplaintCategory.OTHER, 4],
];

const DECISION_WEIGHTS: [ResolutionDecision, number][] = [
  [ResolutionDecision.UPHELD, 40], [ResolutionDecision.PARTIALLY_UPHELD, 18], [ResolutionDecision.NOT_UPHELD, 25],
  [ResolutionDecision.WITHDRAWN, 7], [ResolutionDecision.REDIRECTED, 10],
];

/** Channels for people who reach out themselves (bank reports and portal/NGO submissions are chosen apart). */
const CHANNEL_WEIGHTS: [string, number][] = [
  ['WHATSAPP', 18], ['CALL_CENTER', 16], ['PUSKESOS', 10], ['WALK_IN', 8], ['SLRT', 8], ['MOBILE_APP', 6],
  ['SMS', 5], ['EMAIL', 5], ['SOCIAL_MEDIA', 5], ['STAKEHOLDER_LINE', 3],
];

/** The programmes a category's complaints are about; BLT_DD only where there is a desa. */
export const CATEGORY_PROGRAMS: Record<ComplaintCategory, string[]> = {
  NOT_RECEIVED: ['PKH', 'BPNT', 'BLT_DD', 'PBI_JK'],
  WRONG_TARGET: ['PKH', 'BPNT', 'BLT_DD'],
  AMOUNT_OR_QUALITY: ['BPNT', 'PKH'],
  LATE_DISBURSEMENT: ['PKH', 'BPNT', 'BLT_DD'],
  FAILED_TRANSFER: ['PKH', 'BPNT'],
  ILLEGAL_LEVY: ['BPNT', 'PKH', 'BLT_DD'],
  MISUSE_OR_FRAUD: ['BPNT', 'PKH', 'BST', 'BLT_DD'],
  DATA_ERROR: ['PBI_JK', 'PKH', 'BPNT'],
  SERVICE_CONDUCT: ['PKH', 'BLT_DD'],
  INFORMATION_REQUEST: ['PKH', 'BPNT', 'BST', 'BLT_DD', 'PBI_JK'],
  OTHER: ['PKH', 'BPNT', 'PBI_JK'],
};

/** Complaints about village officials or facilitators skip the village tier (conflict-of-interest bypass, as in 4Ps). */
export const BYPASS_VILLAGE = new Set([ComplaintCategory.ILLEGAL_LEVY, ComplaintCategory.MISUSE_OR_FRAUD, ComplaintCategory.SERVICE_CONDUCT]);

/** How long ago (in days) complaints in each status were submitted: open ones are recent. */
const AGE_DAYS: Record<ComplaintStatus, [number, number]> = {
  RECEIVED: [0, 4], VERIFIED: [1, 14], IN_PROGRESS: [2, 40], PENDING_INFO: [3, 45],
  RESOLVED: [5, 80], CLOSED: [20, 90], REJECTED: [1, 90], DUPLICATE: [1, 90],
};

const PKH_STAGE_AMOUNTS = { earlyChildhood: 750_000, elementary: 225_000, juniorHigh: 375_000, seniorHigh: 500_000, elderly: 600_000 };
const BPNT_MONTHLY = 200_000;
const BLT_DD_MONTHLY = 300_000;

// ---------------------------------------------------------------------------
// Families.
// ---------------------------------------------------------------------------

interface Family {
  village: VillageData;
  head: RecipientRow;
  members: RecipientRow[];
  /** The head's phone, used when the family complains. */
  phone: string;
  enrolments: EnrolmentRow[];
  bank: OrganisationKey | null;
  failed: { programCode: string; period: string }[];
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

export function buildDemoPopulation(input: PopulationInput): DemoPopulation {
  const rng = new Random(POPULATION_SEED);
  const builder = new PopulationBuilder(rng, input);
  builder.buildFamilies();
  builder.buildComplaints(300);
  return builder.result();
}

class PopulationBuilder {
  private readonly recipients: RecipientRow[] = [];
  private readonly enrolments: EnrolmentRow[] = [];
  private readonly disbursements: DisbursementRow[] = [];
  private readonly complaints: ComplaintRow[] = [];
  private readonly events: ComplaintEventRow[] = [];
  private readonly escalations: EscalationRow[] = [];
  private readonly referrals: ReferralRow[] = [];
  private readonly families: Family[] = [];
  private readonly serials = new Map<string, number>();
  private readonly trackingCodes = new Set<string>();
  /** Each complaint's timeline, for events added later (an appeal's REOPENED on the original). */
  private readonly timelines = new Map<string, Timeline>();
  /** Events must not be dated in the future: the latest moment one may carry. */
  readonly latest: Date;
  /** The disbursement months, oldest first: the three before the month of `now`. */
  private readonly periods: [string, string, string];
  /** The year whose ages set PKH's components: that of the latest month paid. */
  private readonly pkhYear: number;

  constructor(private readonly rng: Random, private readonly input: PopulationInput) {
    this.latest = new Date(input.now.getTime() - 5 * 60_000);
    this.periods = demoPeriods(input.now);
    this.pkhYear = Number(this.periods[2].slice(0, 4));
  }

  result(): DemoPopulation {
    return {
      recipients: this.recipients, enrolments: this.enrolments, disbursements: this.disbursements,
      complaints: this.complaints, events: this.events, escalations: this.escalations, referrals: this.referrals,
    };
  }

  // --- families ---

  /**
   * Most families live in the two villages the contract names; the other
   * kelurahan get one or two each, and the desa a few more, so that BLT-DD
   * (paid from village funds, hence only in desa) has recipients.
   */
  buildFamilies(): void {
    for (const village of this.input.villages) {
      const count = village.code === '32.73.01.1001' ? 54
        : village.code === '35.78.01.1001' ? 40
          : village.kind === 'DESA' ? this.rng.between(2, 4) : this.rng.between(1, 2);
      for (let i = 0; i < count; i += 1) this.buildFamily(village);
    }
  }

  private buildFamily(village: VillageData): void {
    const rng = this.rng;
    const subdistrictCode = village.code.slice(0, 8);
    const names = NAMES[village.code.slice(0, 2)];
    const familyName = names.familyNames ? rng.pick(names.maleSecond) : null;
    const dtksStatus = rng.weighted<DtksStatus>([
      [DtksStatus.REGISTERED, 75], [DtksStatus.PROPOSED, 8], [DtksStatus.NOT_REGISTERED, 10], [DtksStatus.REMOVED, 7],
    ]);
    const kkNumber = `${subdistrictCode.replace(/\./g, '')}${ddmmyy(randomDate(rng, '2010-01-01', '2025-12-31'))}${pad(this.nextSerial(`kk:${subdistrictCode}`), 4)}`;
    const address = rng.chance(0.5)
      ? `Jl. ${village.name} ${rng.pick(STREET_SUFFIXES)} No. ${rng.between(1, 150)}, RT ${pad(rng.between(1, 12), 2)}/RW ${pad(rng.between(1, 9), 2)}`
      : `Gg. ${rng.pick(ALLEYS)} No. ${rng.between(1, 80)}, RT ${pad(rng.between(1, 12), 2)}/RW ${pad(rng.between(1, 9), 2)}`;

    const person = (sex: 'M' | 'F', birthDate: string, isFamilyHead: boolean): RecipientRow => {
      const row: RecipientRow = {
        id: rng.uuid(),
        nik: makeNik({ subdistrictCode, birthDate, sex, serial: this.nextSerial(`nik:${subdistrictCode}`) }),
        kkNumber,
        fullName: personName(rng, names, sex, familyName),
        birthDate,
        sex,
        isFamilyHead,
        regionCode: village.code,
        address,
        dtksStatus,
      };
      this.recipients.push(row);
      return row;
    };

    // One household in seven is headed by a woman alone (widowed or left).
    const singleMother = rng.chance(0.15);
    const headBirth = randomDate(rng, '1955-01-01', '1995-12-31');
    const head = person(singleMother ? 'F' : 'M', headBirth, true);
    const members = [head];
    if (!singleMother) members.push(person('F', shiftDate(headBirth, rng.between(-3 * 365, 8 * 365)), false));
    const mother = members[members.length - 1];
    const childCount = rng.weighted([[0, 20], [1, 35], [2, 30], [3, 15]] as const);
    const youngerParent = members.map((m) => m.birthDate).sort().slice(-1)[0];
    for (let i = 0; i < childCount; i += 1) {
      const from = shiftDate(youngerParent, 18 * 365);
      const to = minDate(shiftDate(mother.birthDate, 42 * 365), '2025-12-31');
      if (from > to) break;
      members.push(person(rng.chance(0.5) ? 'M' : 'F', randomDate(rng, from, to), false));
    }

    const family: Family = {
      village, head, members, phone: phoneNumber(rng), enrolments: [],
      bank: rng.chance(0.5) ? 'bank-bri' : 'bank-bni', failed: [],
    };
    // The enrolments and payments depend on the day (the children's ages, the months paid): their own generator keeps the
    // next family's people, hence every NIK, the same whatever the day.
    this.enrol(family, dtksStatus, rng.fork());
    this.families.push(family);
  }

  /**
   * Enrolments go to the family head, who receives on the family's behalf.
   * DTKS-registered families get PKH (when they have a PKH component), BPNT and
   * PBI-JK; BLT-DD goes to desa families that have neither PKH nor BPNT; some
   * families were on BST in 2020–2021; families removed from DTKS lost PKH.
   */
  private enrol(family: Family, dtks: DtksStatus, rng: Random): void {
    const pkhStageAmount = pkhAmount(family.members, this.pkhYear);
    const add = (programCode: string, status: EnrolmentStatus, enrolledOn: string, endedOn: string | null, bank: boolean) => {
      const row: EnrolmentRow = {
        id: rng.uuid(), recipientId: family.head.id, programCode, status, enrolledOn, endedOn,
        bankOrganisationId: bank && family.bank ? this.org(family.bank) : null,
      };
      this.enrolments.push(row);
      family.enrolments.push(row);
      return row;
    };
    const activeOrSuspended = () => (rng.chance(0.05) ? EnrolmentStatus.SUSPENDED : EnrolmentStatus.ACTIVE);

    if (dtks === DtksStatus.REMOVED) {
      if (rng.chance(0.6)) add('PKH', EnrolmentStatus.ENDED, randomDate(rng, '2016-01-01', '2021-12-31'), randomDate(rng, '2024-01-01', '2025-12-31'), true);
      return;
    }
    if (dtks !== DtksStatus.REGISTERED) return;

    // What depends on the day comes last: PKH follows the children's ages in the year paid, so BPNT with its payments
    // and PBI-JK, drawn before it, are the same whatever the day the demo is seeded (only their months move).
    const [, , latest] = this.periods;
    const bpnt = rng.chance(0.7) ? add('BPNT', activeOrSuspended(), randomDate(rng, '2018-01-01', '2024-12-31'), null, true) : null;
    if (bpnt?.status === EnrolmentStatus.ACTIVE) this.disburse(rng, family, bpnt, this.periods.map((p) => [p, monthOf(p)]), BPNT_MONTHLY);
    if (rng.chance(0.85)) add('PBI_JK', EnrolmentStatus.ACTIVE, randomDate(rng, '2014-01-01', '2024-12-31'), null, false);
    const pkh = pkhStageAmount > 0 && rng.chance(0.75)
      ? add('PKH', activeOrSuspended(), randomDate(rng, '2015-01-01', '2024-12-31'), null, true) : null;
    const bltDd = !pkh && !bpnt && family.village.kind === 'DESA' && rng.chance(0.7)
      ? add('BLT_DD', EnrolmentStatus.ACTIVE, randomDate(rng, '2020-04-01', '2025-06-30'), null, false) : null;
    if (!pkh && !bpnt && rng.chance(0.6)) add('BST', EnrolmentStatus.ENDED, randomDate(rng, '2020-04-01', '2020-06-30'), '2021-12-31', true);

    if (!pkh && !bpnt) family.bank = null;
    if (pkh?.status === EnrolmentStatus.ACTIVE) this.disburse(rng, family, pkh, [[latest, quarterOf(latest)]], pkhStageAmount);
    if (bltDd) this.disburse(rng, family, bltDd, this.periods.map((p) => [p, monthOf(p)]), BLT_DD_MONTHLY);
  }

  /**
   * PKH pays quarterly (its stage, tahap, is the quarter: programme-schedule.data.ts)
   * and is seeded in the latest month only; the others pay monthly (stage = month).
   * About one bank transfer in twenty fails; older failures have since been
   * re-sent or returned to the state treasury.
   */
  private disburse(rng: Random, family: Family, enrolment: EnrolmentRow, periods: [string, number][], amount: number): void {
    const [, , latestPeriod] = this.periods;
    for (const [period, stage] of periods) {
      let status = DisbursementStatus.DISBURSED;
      let disbursedOn: string | null = `${period}-${pad(rng.between(5, 25), 2)}`;
      if (enrolment.bankOrganisationId && rng.chance(0.06)) {
        status = period === latestPeriod ? DisbursementStatus.FAILED
          : rng.weighted([[DisbursementStatus.RESENT, 3], [DisbursementStatus.RETURNED_TO_TREASURY, 1], [DisbursementStatus.FAILED, 1]]);
        disbursedOn = status === DisbursementStatus.RESENT ? `${nextPeriod(period)}-${pad(rng.between(5, 25), 2)}` : null;
        family.failed.push({ programCode: enrolment.programCode, period });
      }
      this.disbursements.push({
        id: rng.uuid(), enrolmentId: enrolment.id, period, stage, amount,
        bankOrganisationId: enrolment.bankOrganisationId, status, disbursedOn,
      });
    }
  }

  // --- complaints ---

  /**
   * Every status, tier and category occurs: the first complaints walk through
   * all statuses and categories, the rest follow realistic weights. A few
   * recently decided, not (fully) upheld complaints are then appealed.
   */
  buildComplaints(count: number): void {
    const statuses = Object.values(ComplaintStatus);
    const categories = Object.values(ComplaintCategory);
    for (let i = 0; i < count; i += 1) {
      const status = i < statuses.length ? statuses[i] : this.rng.weighted(STATUS_WEIGHTS);
      const category = i < categories.length ? categories[i] : this.rng.weighted(CATEGORY_WEIGHTS);
      // Walk a few complaints all the way to the ministry so every tier shows up.
      const escalations = i % 50 === 3 ? 3 : undefined;
      this.buildComplaint(status, category, { escalations });
    }
    const appealable = this.complaints.filter((c) => c.resolvedAt && c.resolvedAt.getTime() > this.latest.getTime() - (APPEAL_WINDOW_DAYS - 1) * MS_PER_DAY
      && (c.resolutionDecision === ResolutionDecision.NOT_UPHELD || c.resolutionDecision === ResolutionDecision.PARTIALLY_UPHELD));
    for (const original of appealable.slice(0, 4)) this.buildAppeal(original);
    this.assertCoverage();
  }

  private buildComplaint(status: ComplaintStatus, category: ComplaintCategory, options: { escalations?: number } = {}): void {
    const rng = this.rng;
    let duplicateOf: ComplaintRow | undefined;
    let village: VillageData;
    let subject: Family | null;
    let programCode: string;
    if (status === ComplaintStatus.DUPLICATE) {
      // A duplicate is the same matter told again, usually through another channel.
      duplicateOf = this.pickDuplicateTarget(category);
      category = duplicateOf.category;
      village = this.input.villages.find((v) => v.code === duplicateOf!.regionCode)!;
      subject = this.families.find((f) => f.head.id === duplicateOf!.subjectRecipientId) ?? null;
      programCode = duplicateOf.programCode;
    } else {
      village = this.pickVillage();
      ({ subject, programCode } = this.pickSubject(category, village));
    }
    const [minAge, maxAge] = AGE_DAYS[status];
    const earliest = duplicateOf ? duplicateOf.createdAt.getTime() + MS_PER_HOUR : 0;
    const createdAt = new Date(Math.max(earliest, this.input.now.getTime() - minAge * MS_PER_DAY - rng.next() * (maxAge - minAge) * MS_PER_DAY));
    this.writeComplaint({ status, category, village, subject, programCode, createdAt, duplicateOf, escalations: options.escalations });
  }

  /**
   * An appeal, as reopenComplaint makes one: a new complaint within 30 days of
   * the resolution, with the original's subject, complainant, submitter and
   * channel, at the office one tier above the one that decided; and a REOPENED
   * event on the original, whose decision and timeline otherwise stay.
   */
  private buildAppeal(original: ComplaintRow): void {
    const from = original.updatedAt.getTime() + MS_PER_HOUR;
    const until = Math.min(original.resolvedAt!.getTime() + APPEAL_WINDOW_DAYS * MS_PER_DAY, this.latest.getTime());
    if (from >= until) return;
    const at = new Date(from + (until - from) * this.rng.next());
    let tier = TIER_ORDER[Math.min(TIER_ORDER.indexOf(original.currentTier) + 1, TIER_ORDER.length - 1)];
    while (!handlerKey(tier, original.regionCode)) tier = TIER_ORDER[TIER_ORDER.indexOf(tier) + 1];
    const office = this.handlerActor(tier, original.regionCode);
    // Lodged by the client that submitted the original, or by a handler on the complainant's behalf.
    const lodgedBy: Actor = original.submittedByClientId
      ? { client: original.submittedByClientId, organisation: original.submittedByOrganisationId }
      : this.handlerActor(original.currentTier, original.regionCode);
    const id = this.rng.uuid();
    const trackingCode = this.newTrackingCode();
    new Timeline(this, id, at).add({
      type: ComplaintEventType.SUBMITTED, visibility: EventVisibility.PUBLIC, actor: lodgedBy,
      toStatus: ComplaintStatus.RECEIVED, toTier: tier, data: { appealOf: original.id, routedTo: office.organisation },
      message: `Pengaduan diterima dengan nomor pelacakan ${trackingCode}. Simpan nomor ini untuk memantau tindak lanjut.`,
    });
    this.complaints.push({
      ...original,
      id, trackingCode, status: ComplaintStatus.RECEIVED, currentTier: tier,
      description: `Saya tidak setuju dengan keputusan atas pengaduan ${original.trackingCode}: ${this.rng.pick(APPEAL_REASONS)}`,
      assignedOrganisationId: office.organisation, assignedOfficerName: null,
      dueAt: slaDue(SlaStage.VERIFICATION, tier, original.category, at), slaStartedAt: at, slaPausedAt: null,
      resolutionDecision: null, resolvedAt: null, closedAt: null, resolutionRating: null, resolutionComment: null, ratedAt: null,
      duplicateOfId: null, appealOfId: original.id, version: 1, createdAt: at, updatedAt: at,
    });
    const timeline = this.timelines.get(original.id)!;
    timeline.add({
      type: ComplaintEventType.REOPENED, visibility: EventVisibility.PUBLIC, actor: lodgedBy,
      fromStatus: original.status, toStatus: original.status, fromTier: original.currentTier, toTier: original.currentTier,
      message: `Banding diajukan dan ditangani sebagai pengaduan ${trackingCode}.`, data: { appealId: id }, at,
    });
    original.version = timeline.changes;
    original.updatedAt = timeline.last;
  }

  private pickVillage(): VillageData {
    const code = this.rng.weighted([['32.73.01.1001', 35], ['35.78.01.1001', 25], ['other', 40]] as const);
    if (code !== 'other') return this.input.villages.find((v) => v.code === code)!;
    return this.rng.pick(this.input.villages.filter((v) => v.code !== '32.73.01.1001' && v.code !== '35.78.01.1001'));
  }

  /**
   * The family a complaint is about, and the programme. Exclusion complaints
   * come from families not (or no longer) in the programme; inclusion, payment
   * and data complaints concern families in it; levies, fraud and conduct are
   * often reported without naming a family.
   */
  private pickSubject(category: ComplaintCategory, village: VillageData): { subject: Family | null; programCode: string } {
    const rng = this.rng;
    const programs = CATEGORY_PROGRAMS[category].filter((p) => p !== 'BLT_DD' || village.kind === 'DESA');
    const here = this.families.filter((f) => f.village.code === village.code);
    const activeIn = (f: Family, p: string) => f.enrolments.some((e) => e.programCode === p && e.status !== EnrolmentStatus.ENDED);

    if (category === ComplaintCategory.FAILED_TRANSFER) {
      const failed = here.filter((f) => f.failed.length > 0);
      if (failed.length > 0 && rng.chance(0.8)) {
        const subject = rng.pick(failed);
        return { subject, programCode: rng.pick(subject.failed).programCode };
      }
    }
    switch (category) {
      case ComplaintCategory.NOT_RECEIVED: {
        const excluded = here.filter((f) => programs.some((p) => !activeIn(f, p)));
        if (excluded.length === 0) break;
        const subject = rng.pick(excluded);
        return { subject, programCode: rng.pick(programs.filter((p) => !activeIn(subject, p))) };
      }
      case ComplaintCategory.FAILED_TRANSFER:
      case ComplaintCategory.WRONG_TARGET:
      case ComplaintCategory.AMOUNT_OR_QUALITY:
      case ComplaintCategory.LATE_DISBURSEMENT:
      case ComplaintCategory.DATA_ERROR: {
        const enrolled = here.filter((f) => programs.some((p) => activeIn(f, p)));
        if (enrolled.length === 0) break;
        const subject = rng.pick(enrolled);
        return { subject, programCode: rng.pick(programs.filter((p) => activeIn(subject, p))) };
      }
      case ComplaintCategory.ILLEGAL_LEVY:
      case ComplaintCategory.MISUSE_OR_FRAUD:
      case ComplaintCategory.SERVICE_CONDUCT: {
        const enrolled = here.filter((f) => programs.some((p) => activeIn(f, p)));
        if (enrolled.length === 0 || rng.chance(0.6)) break;
        const subject = rng.pick(enrolled);
        return { subject, programCode: rng.pick(programs.filter((p) => activeIn(subject, p))) };
      }
      default:
        if (here.length > 0 && rng.chance(0.3)) return { subject: rng.pick(here), programCode: rng.pick(programs) };
    }
    return { subject: null, programCode: rng.pick(programs) };
  }

  private pickDuplicateTarget(category: ComplaintCategory): ComplaintRow {
    // At least a day old, so that the duplicate can come an hour or more after it.
    const dayAgo = this.input.now.getTime() - MS_PER_DAY;
    const originals = this.complaints.filter((c) => c.status !== ComplaintStatus.DUPLICATE && c.status !== ComplaintStatus.REJECTED && c.createdAt.getTime() < dayAgo);
    const sameCategory = originals.filter((c) => c.category === category);
    return this.rng.pick(sameCategory.length > 0 ? sameCategory : originals);
  }

  private writeComplaint(spec: {
    status: ComplaintStatus;
    category: ComplaintCategory;
    village: VillageData;
    subject: Family | null;
    programCode: string;
    createdAt: Date;
    duplicateOf?: ComplaintRow;
    escalations?: number;
  }): void {
    const rng = this.rng;
    const { status, category, village, subject, programCode, createdAt } = spec;
    const id = rng.uuid();
    const trackingCode = this.newTrackingCode();
    const province = village.code.slice(0, 2);
    const enrolment = subject?.enrolments.find((e) => e.programCode === programCode) ?? null;
    const bankKey = enrolment?.bankOrganisationId ? subject!.bank : null;
    const failure = subject?.failed.find((f) => f.programCode === programCode);
    const month = failure?.period ?? this.periods[rng.int(3)];

    // --- intake: channel, submitter, complainant ---
    let channelCode: string;
    let submitter: { organisation: OrganisationKey; clientId: string | null } | null = null;
    if (category === ComplaintCategory.FAILED_TRANSFER && bankKey && rng.chance(0.35)) {
      channelCode = 'BANK_REPORT';
      submitter = { organisation: bankKey, clientId: clientOf(bankKey) };
    } else if (province === '32' && rng.chance(0.3)) {
      channelCode = 'WEB_PORTAL';
      const organisation = village.code.startsWith('32.73') && rng.chance(0.5) ? 'portal-3273' : rng.chance(0.6) ? 'ngo-lks' : 'ngo-csr';
      submitter = { organisation, clientId: clientOf(organisation) };
    } else if (bankKey && rng.chance(0.1)) {
      channelCode = bankKey === 'bank-bri' ? 'BANK_CALL_CENTER_BRI' : 'BANK_CALL_CENTER_BNI';
    } else {
      channelCode = rng.weighted(CHANNEL_WEIGHTS);
    }
    const bankReport = channelCode === 'BANK_REPORT';
    const selfReport = !bankReport && subject !== null && category !== ComplaintCategory.WRONG_TARGET && rng.chance(0.7);
    const names = NAMES[province];
    const complainantSex = rng.chance(0.6) ? 'F' : 'M';
    const sensitive = category === ComplaintCategory.ILLEGAL_LEVY || category === ComplaintCategory.MISUSE_OR_FRAUD || category === ComplaintCategory.WRONG_TARGET;

    const fill = (text: string) => text
      .replace(/\{program\}/g, PROGRAM_LABEL[programCode])
      .replace(/\{village\}/g, village.name)
      .replace(/\{month\}/g, monthName(month))
      .replace(/\{amount\}/g, rupiah(pkhAmount(subject?.members ?? [], this.pkhYear) || PKH_STAGE_AMOUNTS.elementary))
      .replace(/\{bank\}/g, bankKey ? BANK_LABEL[bankKey]! : 'bank');
    let description = bankReport ? fill(BANK_REPORT_STORY) : fill(this.pickStory(category, programCode));

    // --- handling: tiers and the timeline ---
    const startTier = this.startTier(village, category, channelCode);
    const timeline = new Timeline(this, id, createdAt);
    this.timelines.set(id, timeline);
    const submitterIds = submitter ? { client: this.client(submitter.clientId), organisation: this.org(submitter.organisation) } : { client: null, organisation: null };
    timeline.add({
      type: ComplaintEventType.SUBMITTED, visibility: EventVisibility.PUBLIC, actor: submitterIds,
      toStatus: ComplaintStatus.RECEIVED, toTier: startTier, data: { channel: channelCode },
      message: `Pengaduan diterima dengan nomor pelacakan ${trackingCode}. Simpan nomor ini untuk memantau tindak lanjut.`,
    });

    let tier = startTier;
    // Widened on purpose: move() changes it inside a closure, which narrowing cannot see.
    let current = ComplaintStatus.RECEIVED as ComplaintStatus;
    let stageStart = createdAt;
    let pausedAt: Date | null = null;
    let decision: ResolutionDecision | null = null;
    let resolvedAt: Date | null = null;
    let closedAt: Date | null = null;
    let officer: string | null = null;
    let rating: { score: number; comment: string | null; at: Date } | null = null;
    const handlerActor = () => this.handlerActor(tier, village.code);
    const move = (type: ComplaintEventType, to: ComplaintStatus, message: string | null, visibility = EventVisibility.PUBLIC, data: Record<string, unknown> = {}) => {
      const at = timeline.add({ type, visibility, actor: handlerActor(), fromStatus: current, toStatus: to, message, data });
      current = to;
      return at;
    };

    if (status === ComplaintStatus.DUPLICATE) {
      move(ComplaintEventType.MARKED_DUPLICATE, ComplaintStatus.DUPLICATE,
        `Pengaduan ini sama dengan pengaduan ${spec.duplicateOf!.trackingCode}; tindak lanjut dilakukan pada pengaduan tersebut.`,
        EventVisibility.PUBLIC, { duplicateOfId: spec.duplicateOf!.id });
    } else if (status === ComplaintStatus.REJECTED) {
      move(ComplaintEventType.REJECTED, ComplaintStatus.REJECTED, rng.pick(REJECTION_REASONS));
    } else if (status !== ComplaintStatus.RECEIVED) {
      stageStart = move(ComplaintEventType.VERIFIED, ComplaintStatus.VERIFIED,
        `Pengaduan Anda telah diverifikasi dan ditangani oleh ${this.handlerName(tier, village.code)}.`);

      const steps = spec.escalations ?? rng.weighted([[0, 68], [1, 22], [2, 7], [3, 3]] as const);
      for (let s = 0; s < steps && tier !== Tier.NATIONAL; s += 1) {
        // The scheduler escalates when the stage falls due; a stage not yet due was escalated by hand.
        const due = slaDue(SlaStage.RESOLUTION, tier, category, stageStart);
        const automatic = rng.chance(0.4) && due >= timeline.last && due < this.latest;
        if (automatic) timeline.add({ type: ComplaintEventType.SLA_BREACHED, visibility: EventVisibility.INTERNAL, actor: NO_ACTOR, data: { stage: SlaStage.RESOLUTION, tier }, at: due });
        const actor = automatic ? NO_ACTOR : handlerActor();
        const to = TIER_ORDER[TIER_ORDER.indexOf(tier) + 1];
        const reason = automatic ? AUTOMATIC_ESCALATION_REASON : rng.pick(MANUAL_ESCALATION_REASONS);
        const at = timeline.add({
          type: ComplaintEventType.ESCALATED, visibility: EventVisibility.PUBLIC, actor, fromTier: tier, toTier: to, message: reason,
          data: { automatic }, at: automatic ? due : undefined,
        });
        this.escalations.push({ id: rng.uuid(), complaintId: id, fromTier: tier, toTier: to, reason, automatic, actorClientId: actor.client, createdAt: at });
        tier = to;
        stageStart = at;
      }

      if (status !== ComplaintStatus.VERIFIED) {
        officer = rng.pick(OFFICERS[province]);
        move(ComplaintEventType.ASSIGNED, ComplaintStatus.IN_PROGRESS, `Ditangani oleh petugas ${officer}.`, EventVisibility.INTERNAL);
        if (rng.chance(0.4)) timeline.add({ type: ComplaintEventType.INTERNAL_NOTE, visibility: EventVisibility.INTERNAL, actor: handlerActor(), message: rng.pick(INTERNAL_NOTES) });
        if (bankKey && (category === ComplaintCategory.FAILED_TRANSFER || category === ComplaintCategory.LATE_DISBURSEMENT) && rng.chance(0.7)) {
          this.refer(timeline, id, bankKey, tier, village.code, programCode, month, status === ComplaintStatus.RESOLVED || status === ComplaintStatus.CLOSED);
        }
        if (rng.chance(0.3)) timeline.add({ type: ComplaintEventType.PUBLIC_RESPONSE, visibility: EventVisibility.PUBLIC, actor: handlerActor(), message: rng.pick(PROGRESS_RESPONSES) });
      }

      if (status === ComplaintStatus.PENDING_INFO) {
        pausedAt = move(ComplaintEventType.INFORMATION_REQUESTED, ComplaintStatus.PENDING_INFO, INFORMATION_REQUEST_MESSAGE);
      }
      if (status === ComplaintStatus.RESOLVED || status === ComplaintStatus.CLOSED) {
        decision = rng.weighted(DECISION_WEIGHTS);
        const response = decision === ResolutionDecision.UPHELD ? fill(UPHELD_RESPONSE[category]) : DECISION_RESPONSE[decision];
        resolvedAt = move(ComplaintEventType.RESOLVED, ComplaintStatus.RESOLVED, response, EventVisibility.PUBLIC, { decision });
      }
      if ((status === ComplaintStatus.RESOLVED || status === ComplaintStatus.CLOSED) && rng.chance(0.35)) {
        // The complainant rates the resolution with the tracking code, as rateResolution records it.
        const score = decision === ResolutionDecision.NOT_UPHELD ? rng.between(1, 3) : rng.between(3, 5);
        const at = timeline.add({
          type: ComplaintEventType.RATED, visibility: EventVisibility.INTERNAL, actor: NO_ACTOR,
          message: `Penilaian penyelesaian: ${score}/5.`, data: { rating: score },
        });
        rating = { score, comment: rng.chance(0.5) ? rng.pick(score >= 4 ? GOOD_RATING_COMMENTS : POOR_RATING_COMMENTS) : null, at };
      }
      if (status === ComplaintStatus.CLOSED) {
        // Closed automatically 10 working days after the response when the complainant stays silent (SP4N-LAPOR!).
        const silentUntil = addWorkingDays(resolvedAt!, 10);
        const automatic = !rating && silentUntil < this.latest && rng.chance(0.6);
        const at = timeline.add({
          type: ComplaintEventType.CLOSED, visibility: EventVisibility.PUBLIC, actor: automatic ? NO_ACTOR : handlerActor(),
          fromStatus: current, toStatus: ComplaintStatus.CLOSED, data: { automatic }, at: automatic ? silentUntil : undefined,
          message: automatic ? 'Pengaduan ditutup otomatis karena tidak ada tanggapan pelapor dalam 10 hari kerja setelah tindak lanjut.' : 'Pengaduan ditutup.',
        });
        current = ComplaintStatus.CLOSED;
        closedAt = at;
      }
    }

    // --- the SLA clock of the stage the complaint is in ---
    let dueAt: Date | null = null;
    if (current === ComplaintStatus.RECEIVED) dueAt = slaDue(SlaStage.VERIFICATION, tier, category, createdAt);
    if (current === ComplaintStatus.VERIFIED || current === ComplaintStatus.IN_PROGRESS) dueAt = slaDue(SlaStage.RESOLUTION, tier, category, stageStart);

    const anonymous = !bankReport && rng.chance(sensitive ? 0.3 : 0.06);
    this.complaints.push({
      id, trackingCode, status: current, category, programCode, channelCode, regionCode: village.code, currentTier: tier,
      description,
      occurredOn: category === ComplaintCategory.INFORMATION_REQUEST ? null : isoDate(new Date(createdAt.getTime() - rng.between(1, 30) * MS_PER_DAY)),
      complainantName: bankReport ? null : selfReport ? subject!.head.fullName : personName(rng, names, complainantSex, null),
      complainantPhone: bankReport ? null : selfReport ? subject!.phone : phoneNumber(rng),
      complainantNik: selfReport ? subject!.head.nik : null,
      anonymous,
      confidential: !bankReport && !anonymous && rng.chance(sensitive ? 0.4 : 0.1),
      subjectNik: subject?.head.nik ?? null,
      subjectRecipientId: subject?.head.id ?? null,
      submittedByClientId: submitterIds.client,
      submittedByOrganisationId: submitterIds.organisation,
      assignedOrganisationId: this.handlerActor(tier, village.code).organisation,
      assignedOfficerName: officer,
      dueAt,
      slaStartedAt: stageStart,
      slaPausedAt: pausedAt,
      resolutionDecision: decision,
      resolvedAt,
      closedAt,
      resolutionRating: rating?.score ?? null,
      resolutionComment: rating?.comment ?? null,
      ratedAt: rating?.at ?? null,
      duplicateOfId: spec.duplicateOf?.id ?? null,
      appealOfId: null,
      locale: rng.chance(0.04) ? 'en' : 'id',
      version: timeline.changes,
      createdAt,
      updatedAt: timeline.last,
    });
  }

  /** A referral to the paying bank, answered when the complaint has since been resolved. */
  private refer(timeline: Timeline, complaintId: string, bank: OrganisationKey, tier: Tier, villageCode: string, programCode: string, period: string, answered: boolean): void {
    const referralId = this.rng.uuid();
    const from = this.handlerActor(tier, villageCode);
    const createdAt = timeline.add({ type: ComplaintEventType.REFERRED, visibility: EventVisibility.PUBLIC, actor: from, data: { referralId, organisationId: this.org(bank) } });
    let answeredAt: Date | null = null;
    const answer = answered ? 'Transaksi gagal karena rekening pasif (dormant). Rekening telah diaktifkan kembali dan dana disalurkan ulang.' : null;
    if (answered) {
      answeredAt = timeline.add({ type: ComplaintEventType.REFERRAL_ANSWERED, visibility: EventVisibility.PUBLIC, actor: { client: this.client(clientOf(bank)), organisation: this.org(bank) }, data: { referralId } });
    }
    this.referrals.push({
      id: referralId, complaintId, toOrganisationId: this.org(bank), fromOrganisationId: from.organisation,
      reason: `Mohon konfirmasi status penyaluran ${PROGRAM_LABEL[programCode]} periode ${period} untuk KPM ini.`,
      status: answered ? 'ANSWERED' : 'OPEN', answer, answeredAt,
      dueAt: addWorkingDays(createdAt, 5), createdAt,
    });
  }

  private pickStory(category: ComplaintCategory, programCode: string): string {
    const fitting = STORIES[category].filter((s) => !s.programs || s.programs.includes(programCode));
    return this.rng.pick(fitting).text;
  }

  /**
   * The tier a new complaint lands at: the lowest with a handler for its village,
   * never the village for complaints about village officials and facilitators,
   * and the district for those made at district service points.
   */
  private startTier(village: VillageData, category: ComplaintCategory, channelCode: string): Tier {
    const floor = BYPASS_VILLAGE.has(category) || ['SLRT', 'WALK_IN', 'STAKEHOLDER_LINE', 'BANK_REPORT'].includes(channelCode) ? Tier.DISTRICT : Tier.VILLAGE;
    return TIER_ORDER.slice(TIER_ORDER.indexOf(floor)).find((t) => handlerKey(t, village.code) !== undefined)!;
  }

  handlerActor(tier: Tier, villageCode: string): Actor {
    const key = handlerKey(tier, villageCode);
    if (!key) throw new Error(`no demo handler at ${tier} for ${villageCode}`);
    return { client: this.client(clientOf(key)), organisation: this.org(key) };
  }

  private handlerName(tier: Tier, villageCode: string): string {
    return ORGANISATIONS.find((o) => o.key === handlerKey(tier, villageCode))!.name;
  }

  private org(key: OrganisationKey): string {
    return this.input.organisationIds[key];
  }

  private client(clientId: string | null): string | null {
    return clientId ? this.input.clientIds[clientId] : null;
  }

  pushEvent(event: ComplaintEventRow): void {
    this.events.push(event);
  }

  later(from: Date, minHours: number, maxHours: number): Date {
    // Never past `latest`: take at most half of the time left, so later steps still fit.
    const room = Math.max(0, this.latest.getTime() - from.getTime());
    const gap = Math.min(this.rng.between(minHours * 60, maxHours * 60) * 60_000, room / 2);
    return new Date(from.getTime() + gap);
  }

  uuid(): string {
    return this.rng.uuid();
  }

  private newTrackingCode(): string {
    // Codes come from the seeded PRNG so the demo is reproducible; live ones use a CSPRNG.
    let code = newTrackingCode((max) => this.rng.int(max));
    while (this.trackingCodes.has(code)) code = newTrackingCode((max) => this.rng.int(max));
    this.trackingCodes.add(code);
    return code;
  }

  private nextSerial(scope: string): number {
    const serial = (this.serials.get(scope) ?? 0) + 1;
    if (serial >= SCALE_SERIAL_BASE) throw new Error(`demo population: serial ${serial} in ${scope} reaches the range reserved for scale data`);
    this.serials.set(scope, serial);
    return serial;
  }

  /** The demo must show every status, tier and category; fail loudly if a change to the weights loses one. */
  private assertCoverage(): void {
    const missing = [
      ...Object.values(ComplaintStatus).filter((s) => !this.complaints.some((c) => c.status === s)),
      ...Object.values(Tier).filter((t) => !this.complaints.some((c) => c.currentTier === t)),
      ...Object.values(ComplaintCategory).filter((k) => !this.complaints.some((c) => c.category === k)),
    ];
    if (missing.length > 0) throw new Error(`demo population lacks complaints with ${missing.join(', ')}`);
  }
}

interface Actor {
  client: string | null;
  organisation: string | null;
}

/** The system itself (automatic escalation, automatic closure) or the complainant. */
const NO_ACTOR: Actor = { client: null, organisation: null };

/** Appends a complaint's events in order, each a little after the one before. */
class Timeline {
  private seq = 0;
  /**
   * Changes to the complaint, each of which raised its version: every event but
   * an SLA breach, which the scheduler records together with its escalation.
   */
  changes = 0;
  last: Date;

  constructor(private readonly builder: PopulationBuilder, private readonly complaintId: string, private readonly createdAt: Date) {
    this.last = createdAt;
  }

  add(event: {
    type: ComplaintEventType;
    visibility: EventVisibility;
    actor: Actor;
    fromStatus?: ComplaintStatus;
    toStatus?: ComplaintStatus;
    fromTier?: Tier;
    toTier?: Tier;
    message?: string | null;
    data?: Record<string, unknown>;
    /** When it happened, if not a little after the previous event (never before it). */
    at?: Date;
  }): Date {
    const occurredAt = this.seq === 0 ? this.createdAt
      : event.at ? new Date(Math.max(event.at.getTime(), this.last.getTime()))
        : this.builder.later(this.last, 1, 72);
    this.seq += 1;
    if (event.type !== ComplaintEventType.SLA_BREACHED) this.changes += 1;
    this.builder.pushEvent({
      id: this.builder.uuid(), complaintId: this.complaintId, seq: this.seq, type: event.type, visibility: event.visibility,
      actorClientId: event.actor.client, actorOrganisationId: event.actor.organisation,
      fromStatus: event.fromStatus ?? null, toStatus: event.toStatus ?? null,
      fromTier: event.fromTier ?? null, toTier: event.toTier ?? null,
      message: event.message ?? null, data: event.data ?? {}, occurredAt,
    });
    this.last = occurredAt;
    return occurredAt;
  }
}

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

/** The handler organisation for a tier and village, if the demo has one. */
function handlerKey(tier: Tier, villageCode: string): OrganisationKey | undefined {
  const jurisdiction: Record<Tier, string | null> = {
    VILLAGE: villageCode, DISTRICT: villageCode.slice(0, 5), PROVINCE: villageCode.slice(0, 2), NATIONAL: null,
  };
  return ORGANISATIONS.find((o) => o.tier === tier && o.jurisdictionRegionCode === jurisdiction[tier])?.key;
}

function clientOf(organisation: OrganisationKey): string | null {
  return API_CLIENTS.find((c) => c.organisation === organisation)?.clientId ?? null;
}

/** When the stage started at `from` is due, by the most specific default SLA policy. */
function slaDue(stage: SlaStage, tier: Tier, category: ComplaintCategory, from: Date): Date {
  const candidates = SLA_POLICIES.filter((p) => p.stage === stage && (p.tier === null || p.tier === tier) && (p.category === null || p.category === category));
  const policy = candidates.sort((a, b) => specificity(b) - specificity(a))[0];
  switch (policy.unit) {
    case DurationUnit.HOURS: return new Date(from.getTime() + policy.duration * MS_PER_HOUR);
    case DurationUnit.CALENDAR_DAYS: return new Date(from.getTime() + policy.duration * MS_PER_DAY);
    case DurationUnit.WORKING_DAYS: return addWorkingDays(from, policy.duration);
  }
}

function specificity(policy: { tier: Tier | null; category: ComplaintCategory | null }): number {
  return (policy.tier ? 1 : 0) + (policy.category ? 2 : 0);
}

/**
 * Adds working days, skipping Saturdays and Sundays in WIB. Public holidays are
 * ignored: the demo's due dates only need to be plausible; the SLA engine owns
 * the real calendar.
 */
function addWorkingDays(from: Date, days: number): Date {
  const WIB_OFFSET = 7 * MS_PER_HOUR;
  let t = from.getTime();
  let left = days;
  while (left > 0) {
    t += MS_PER_DAY;
    const weekday = new Date(t + WIB_OFFSET).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(t);
}

/** PKH per stage (tahap): the annual component amounts divided by four, at most four components per family, by the ages in `year`. */
function pkhAmount(members: RecipientRow[], year: number): number {
  const components = members
    .map((m) => year - Number(m.birthDate.slice(0, 4)))
    .map((age) => (age <= 6 ? PKH_STAGE_AMOUNTS.earlyChildhood
      : age <= 12 ? PKH_STAGE_AMOUNTS.elementary
        : age <= 15 ? PKH_STAGE_AMOUNTS.juniorHigh
          : age <= 18 ? PKH_STAGE_AMOUNTS.seniorHigh
            : age >= 60 ? PKH_STAGE_AMOUNTS.elderly : 0))
    .filter((amount) => amount > 0)
    .sort((a, b) => b - a)
    .slice(0, 4);
  return components.reduce((sum, amount) => sum + amount, 0);
}

/**
 * The demo's disbursement months, `YYYY-MM`, oldest first: the three before the
 * month `now` falls in in WIB (Asia/Jakarta, UTC+7), the time of the programmes'
 * calendar. Seeded on 7 December 2026: 2026-09, 2026-10, 2026-11; at 00:30 WIB on
 * 1 January 2027 (still 31 December in UTC): 2026-10, 2026-11, 2026-12.
 */
export function demoPeriods(now: Date): [string, string, string] {
  const wib = new Date(now.getTime() + 7 * MS_PER_HOUR);
  const period = (back: number) => {
    const d = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - back, 1));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}`;
  };
  return [period(3), period(2), period(1)];
}

/** PKH's stage (tahap) paying a month: its quarter. */
function quarterOf(period: string): number {
  return Math.ceil(monthOf(period) / 3);
}

function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  const d = new Date(Date.UTC(year, month, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}`;
}

function monthOf(period: string): number {
  return Number(period.slice(5, 7));
}

function monthName(period: string): string {
  return `${MONTHS_ID[monthOf(period) - 1]} ${period.slice(0, 4)}`;
}

function personName(rng: Random, pool: NamePool, sex: 'M' | 'F', familyName: string | null): string {
  const first = rng.pick(sex === 'M' ? pool.male : pool.female);
  if (pool.familyNames) return `${first} ${familyName ?? rng.pick(pool.maleSecond)}`;
  return `${first} ${rng.pick(sex === 'M' ? pool.maleSecond : pool.femaleSecond)}`;
}

/** A mobile number in E.164 (+62 8xx…), the form the complaints table stores. */
function phoneNumber(rng: Random): string {
  const prefix = rng.pick(['811', '812', '813', '821', '822', '852', '857', '877', '878', '881', '895', '896']);
  return `+62${prefix}${pad(rng.int(10_000_000), 7)}`;
}

function rupiah(amount: number): string {
  return `Rp${amount.toLocaleString('de-DE')}`;
}

function randomDate(rng: Random, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / MS_PER_DAY);
  return isoDate(new Date(start + rng.between(0, days) * MS_PER_DAY));
}

function shiftDate(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY));
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function ddmmyy(date: string): string {
  return `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(2, 4)}`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
