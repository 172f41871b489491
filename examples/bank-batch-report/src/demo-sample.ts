#!/usr/bin/env node
// Writes a sample file of failed transfers for the demo data that `npm start` seeds, to try the tool with:
//
//   node dist/demo-sample.js [--out berkas.csv]
//
// The demo pays the three months before the day it was seeded, so a sample with fixed months would stop
// matching it. This one asks Aduan, as the bank, what it paid a few demo customers, and writes payments of
// the latest two of those months as failed transfers. Only for the demo: a bank's real file comes from its
// own transfer records.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AduanError } from '@aduan/sdk';
import { connect, explain } from './connection.js';
import { REQUIRED_COLUMNS } from './failed-transfers.js';

const USAGE = `Pemakaian: node dist/demo-sample.js [--out berkas.csv]

  Menulis contoh berkas transfer gagal dari data demo Aduan (npm start): pembayaran BRI kepada beberapa
  KPM demo pada dua bulan terakhir yang dibayar demo, ditulis sebagai transfer gagal.
  --out F   tulis ke F (bawaan: sample/failed-transfers-<bulan>.csv di folder contoh ini); F yang sudah ada tidak ditimpa

Lingkungan: ADUAN_URL (bawaan http://localhost:4000/graphql), ADUAN_CLIENT_ID, ADUAN_CLIENT_SECRET (bawaan demo-bank-bri).
Kode keluar: 0 berkas ditulis, 1 tidak ada pembayaran demo yang terlihat, 2 salah pemakaian, berkas sudah ada, atau koneksi.`;

/**
 * Family heads of the demo that BRI pays BPNT every month, some PKH too (the demo's generator keeps
 * these people and their BPNT whatever the day it runs: server/src/demo/population.ts). Villages
 * of Kota Bandung, Surabaya, Kabupaten Bandung, Jakarta Pusat and Makassar.
 */
const DEMO_CUSTOMERS = ['3273016408580075', '3578010206610089', '3204052408880008', '3171010205600009', '7371012807640019', '3273011004580127'];

/** The bank's view of a recipient it pays: its enrolments with the bank, and the payments the bank made. */
const PAYMENTS = `query DemoPayments($nik: String!) {
  recipient(nik: $nik) { enrolments { program { code } disbursements { period amount status } } }
}`;

interface PaymentsResult {
  recipient: { enrolments: { program: { code: string }; disbursements: { period: string; amount: number; status: string }[] }[] } | null;
}

interface Payment { nik: string; programCode: string; period: string; amount: number }

const FAILURE_CODES = ['ACCOUNT_DORMANT', 'NAME_MISMATCH', 'ACCOUNT_CLOSED', 'ACCOUNT_NOT_FOUND', 'NIK_MISMATCH', 'DECEASED', 'DUPLICATE_ACCOUNT', 'OTHER'];

const EXIT = { ok: 0, nothingFound: 1, usageOrConnection: 2 } as const;

function parseOptions(argv: string[]): { out?: string } {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.ok);
  }
  if (positionals.length > 0) throw new Error(`argumen tidak dikenal: ${positionals[0]}`);
  return { out: values.out };
}

/** `YYYY-MM` one month earlier. */
function monthBefore(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

async function main(): Promise<number> {
  let options: { out?: string };
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const problem = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `opsi tidak dikenal: ${/'(-[^' ]+)/.exec(message)?.[1] ?? ''}`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? 'opsi --out memerlukan nama berkas' : message;
    console.error(`Galat: ${problem}\n\n${USAGE}`);
    return EXIT.usageOrConnection;
  }
  const { aduan, url, clientId } = connect();
  const payments: Payment[] = [];
  try {
    for (const nik of DEMO_CUSTOMERS) {
      const { recipient } = await aduan.request<PaymentsResult, { nik: string }>(PAYMENTS, { nik });
      for (const enrolment of recipient?.enrolments ?? []) {
        for (const d of enrolment.disbursements) {
          // Paid, or failed and not followed up yet: what a bank could still report as failed.
          if (d.status === 'DISBURSED' || d.status === 'FAILED') payments.push({ nik, programCode: enrolment.program.code, period: d.period, amount: d.amount });
        }
      }
    }
  } catch (error) {
    if (!(error instanceof AduanError)) throw error;
    console.error(`Galat: ${explain(error, url)}`);
    return EXIT.usageOrConnection;
  }
  if (payments.length === 0) {
    console.error(`Galat: ${clientId} tidak membayar KPM demo mana pun di ${url}. Contoh ini untuk data demo (npm start) dan klien demo-bank-bri.`);
    return EXIT.nothingFound;
  }

  // The demo's latest month and the one before it: BPNT and PKH of the latest for every customer, BPNT of the month before for three.
  const latest = payments.map((p) => p.period).sort().at(-1)!;
  const previous = monthBefore(latest);
  const chosen = DEMO_CUSTOMERS.flatMap((nik, i) => payments.filter((p) => p.nik === nik
    && ((p.period === latest && (p.programCode === 'BPNT' || p.programCode === 'PKH')) || (p.period === previous && p.programCode === 'BPNT' && i < 3))));
  const lines = chosen.map((p, i) => [
    p.programCode, p.period, p.nik, p.amount, FAILURE_CODES[i % FAILURE_CODES.length],
    `${p.period}-${String(14 + (i % 9)).padStart(2, '0')}`, // the 14th–22nd: a day of the month the transfer was due in
    `BRI-SP2D-${p.period}-${String(100 + 37 * i).padStart(6, '0')}`,
  ].join(','));

  const file = options.out ?? fileURLToPath(new URL(`../sample/failed-transfers-${latest}.csv`, import.meta.url));
  try {
    writeFileSync(file, `${[...REQUIRED_COLUMNS, 'transfer_ref'].join(',')}\n${lines.join('\n')}\n`, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EEXIST'
      ? `Galat: ${file} sudah ada; kirim berkas itu, atau hapus dulu untuk menulisnya lagi.`
      : `Galat: ${file} tidak dapat ditulis (${code ?? (error as Error).message}).`);
    return EXIT.usageOrConnection;
  }
  const groups = [...new Set(chosen.map((p) => `${p.programCode} ${p.period}`))];
  const cli = path.relative(process.cwd(), fileURLToPath(new URL('./cli.js', import.meta.url)));
  console.log(`${path.relative(process.cwd(), file)}: ${chosen.length} baris (${groups.join(', ')}), pembayaran ${clientId} pada data demo.`);
  console.log(`Kirim ke Aduan: node ${cli} ${path.relative(process.cwd(), file)}`);
  return EXIT.ok;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(EXIT.usageOrConnection);
  },
);
