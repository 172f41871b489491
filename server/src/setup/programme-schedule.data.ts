import { BenefitUnit } from '../programs/program-benefit.entity';

/**
 * Programmes as data: each programme's stage calendar (tahap) per year and its
 * benefit amounts per stage, as the demo seeds them. PKH pays four stages a
 * year (stage 4 covers October–December); BPNT, BLT-DD and PBI-JK pay monthly
 * (stage = month); BST ran from April 2020 to December 2021. Amounts follow the
 * published ones: PKH per eligible family member (the annual amount over four
 * stages, at most four members per family), BPNT Rp200.000 a month, BLT-DD
 * Rp600.000 then Rp300.000, the PBI-JK premium Rp42.000 per person a month.
 */

export interface ProgramStageData {
  programCode: string;
  year: number;
  stage: number;
  firstPeriod: string;
  lastPeriod: string;
}

export interface ProgramBenefitData {
  programCode: string;
  component: string;
  description: string;
  amountPerStage: number;
  unit: BenefitUnit;
  validFrom: string;
  validTo: string | null;
}

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

function quarterly(programCode: string, years: number[]): ProgramStageData[] {
  return years.flatMap((year) => [1, 2, 3, 4].map((stage) => ({
    programCode, year, stage, firstPeriod: month(year, stage * 3 - 2), lastPeriod: month(year, stage * 3),
  })));
}

function monthly(programCode: string, years: number[], fromMonth = 1, toMonth = 12): ProgramStageData[] {
  return years.flatMap((year) => Array.from({ length: toMonth - fromMonth + 1 }, (_, i) => fromMonth + i).map((m) => ({
    programCode, year, stage: m, firstPeriod: month(year, m), lastPeriod: month(year, m),
  })));
}

/**
 * The stage calendars as of `now`: the running programmes' for the year before,
 * the year of `now` and the year after (WIB), so that the months the demo pays
 * (demoPeriods: the three before `now`'s) and the coming ones always have their
 * stage, whichever year the demo is seeded in; BST's, which ended, as they were.
 */
export function programStages(now: Date): ProgramStageData[] {
  const year = new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear();
  const years = [year - 1, year, year + 1];
  return [
    ...quarterly('PKH', years),
    ...monthly('BPNT', years),
    ...monthly('BLT_DD', years),
    ...monthly('PBI_JK', years),
    ...monthly('BST', [2020], 4, 12),
    ...monthly('BST', [2021]),
  ];
}

const pkh = (component: string, description: string, annual: number): ProgramBenefitData => ({
  programCode: 'PKH', component, description, amountPerStage: annual / 4, unit: BenefitUnit.ELIGIBLE_MEMBER, validFrom: '2021-01-01', validTo: null,
});

export const PROGRAM_BENEFITS: ProgramBenefitData[] = [
  pkh('PREGNANCY', 'Ibu hamil atau nifas (paling banyak dua kehamilan)', 3_000_000),
  pkh('EARLY_CHILDHOOD', 'Anak usia dini, 0–6 tahun', 3_000_000),
  pkh('PRIMARY_SCHOOL', 'Anak sekolah SD/MI atau sederajat', 900_000),
  pkh('JUNIOR_HIGH', 'Anak sekolah SMP/MTs atau sederajat', 1_500_000),
  pkh('SENIOR_HIGH', 'Anak sekolah SMA/MA atau sederajat', 2_000_000),
  pkh('SEVERE_DISABILITY', 'Penyandang disabilitas berat', 2_400_000),
  pkh('ELDERLY', 'Lanjut usia, 60 tahun ke atas', 2_400_000),
  {
    programCode: 'BPNT', component: 'PER_FAMILY', description: 'Saldo bantuan pangan per KPM per bulan, dibelanjakan di e-warong',
    amountPerStage: 200_000, unit: BenefitUnit.FAMILY, validFrom: '2020-03-01', validTo: null,
  },
  {
    programCode: 'BLT_DD', component: 'PER_FAMILY', description: 'BLT Dana Desa per KPM per bulan, tiga bulan pertama',
    amountPerStage: 600_000, unit: BenefitUnit.FAMILY, validFrom: '2020-04-01', validTo: '2020-06-30',
  },
  {
    programCode: 'BLT_DD', component: 'PER_FAMILY', description: 'BLT Dana Desa per KPM per bulan',
    amountPerStage: 300_000, unit: BenefitUnit.FAMILY, validFrom: '2020-07-01', validTo: null,
  },
  {
    programCode: 'PBI_JK', component: 'PREMIUM', description: 'Iuran JKN kelas III per jiwa per bulan, dibayar pemerintah kepada BPJS Kesehatan',
    amountPerStage: 42_000, unit: BenefitUnit.PERSON, validFrom: '2020-07-01', validTo: null,
  },
  {
    programCode: 'BST', component: 'PER_FAMILY', description: 'BST per KPM per bulan, April–Juni 2020',
    amountPerStage: 600_000, unit: BenefitUnit.FAMILY, validFrom: '2020-04-01', validTo: '2020-06-30',
  },
  {
    programCode: 'BST', component: 'PER_FAMILY', description: 'BST per KPM per bulan, Juli 2020–Desember 2021',
    amountPerStage: 300_000, unit: BenefitUnit.FAMILY, validFrom: '2020-07-01', validTo: '2021-12-31',
  },
];
