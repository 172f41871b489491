#!/usr/bin/env node
// An NGO files complaints for the families it assists, then follows them:
//
//   node dist/cli.js submit <families.csv|families.json>
//   node dist/cli.js status <families.csv|families.json>
//
// Only cases with the family's consent are filed. Each case is filed once, however often this runs:
// the tracking file beside the input remembers what was filed, and the idempotency key (the NGO's
// case id) covers a crash in between. See README.md.
import { readFileSync } from 'node:fs';
import { AduanError, createClient, type AduanClient } from '@aduan/sdk';
import { checkCase, FileProblem, readCases, type CaseProblem, type CaseRow, type CheckedCase } from './cases.js';
import { fingerprint, Ledger } from './ledger.js';
import { formatStatus, track } from './status.js';
import { fileCase } from './submit.js';

const USAGE = `Pemakaian:
  node dist/cli.js submit <kasus.csv|kasus.json>   ajukan kasus yang sudah mendapat persetujuan keluarga
  node dist/cli.js status <kasus.csv|kasus.json>   tampilkan status setiap kasus yang sudah diajukan

Kolom (CSV) atau kunci (JSON): case_id, name, phone, nik (boleh kosong), village_code, program, category,
description, anonymous, confidential, consent (ya/tidak), occurred_on (boleh kosong, YYYY-MM-DD).
Kode pelacakan disimpan di <berkas>.tracking.json; simpan berkas itu bersama berkas kasus.

Lingkungan: ADUAN_URL (bawaan http://localhost:4000/graphql), ADUAN_CLIENT_ID, ADUAN_CLIENT_SECRET.
Kode keluar: 0 semua kasus beres, 1 ada kasus yang dilewati atau ditolak (submit) atau belum diajukan (status),
2 salah pemakaian, berkas tidak terbaca atau koneksi gagal.`;

const EXIT = { ok: 0, someCasesOpen: 1, usageOrConnection: 2 } as const;

class UsageError extends Error {}

/** The SDK has already retried these; going on case after case would only fail the same way. */
class ConnectionFailure extends Error {}

/** A case left behind, with why, for the summary. */
interface Left { row: CaseRow; caseId: string; problems: (CaseProblem & { code?: string })[]; skipped: boolean }

function connect(): { aduan: AduanClient; url: string; clientId: string } {
  const url = process.env.ADUAN_URL ?? 'http://localhost:4000/graphql';
  const clientId = process.env.ADUAN_CLIENT_ID ?? 'demo-ngo-lks';
  const aduan = createClient({
    url,
    clientId,
    clientSecret: process.env.ADUAN_CLIENT_SECRET ?? 'demo-ngo-lks-secret',
    userAgent: 'ngo-intake/0.1.0',
    locale: 'id', // acknowledgements, status labels and refusals in Bahasa Indonesia, as the families read them
  });
  return { aduan, url, clientId };
}

function loadCases(file: string): CaseRow[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`berkas ${file} tidak dapat dibaca (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  return readCases(file, content);
}

function openLedger(file: string): Ledger {
  const path = Ledger.pathFor(file);
  try {
    return Ledger.open(path);
  } catch (error) {
    // Never guess: without the record of what was filed, sending could file a case twice.
    throw new FileProblem(`berkas pelacakan ${path} rusak (${(error as Error).message}); perbaiki atau pulihkan dari cadangan sebelum melanjutkan.`);
  }
}

function checkAll(rows: CaseRow[], categories: readonly string[]): CheckedCase[] {
  const seen = new Map<string, string>();
  return rows.map((row) => checkCase(row, seen, categories));
}

/** The categories Aduan takes (its complaintCategories query): each case's category is checked against them before anything is sent. */
async function categoryCodes(aduan: AduanClient, url: string): Promise<string[]> {
  try {
    return (await aduan.complaintCategories()).map((category) => category.code);
  } catch (error) {
    if (error instanceof AduanError && isConnectionFailure(error)) throw new ConnectionFailure(explain(error, url));
    throw error;
  }
}

async function submit(file: string): Promise<number> {
  const rows = loadCases(file);
  const ledger = openLedger(file);
  const { aduan, url, clientId } = connect();
  const cases = checkAll(rows, await categoryCodes(aduan, url));
  console.log(`${file}: ${cases.length} kasus; mengajukan ke ${url} sebagai ${clientId}`);

  let filedNow = 0;
  let filedBefore = 0;
  const left: Left[] = [];
  for (const checked of cases) {
    const label = `${checked.caseId || '(tanpa case_id)'} (${checked.row.where})`;
    const known = checked.caseId ? ledger.get(checked.caseId) : undefined;
    if (known && checked.kind === 'no-consent') {
      // Consent withdrawn after filing: nothing more is sent, but the complaint exists; only its handler can withdraw it.
      filedBefore += 1;
      console.log(`${label}: sudah diajukan sebelumnya, ${known.trackingCode} (persetujuan kini tidak tercatat; ` +
        'untuk menarik pengaduan, hubungi petugas melalui kode pelacakan)');
      continue;
    }
    if (checked.kind === 'no-consent') {
      left.push({ row: checked.row, caseId: checked.caseId, skipped: true, problems: [{ field: 'consent', message: 'dilewati: persetujuan keluarga belum tercatat (isi consent dengan "ya" setelah keluarga setuju).' }] });
      continue;
    }
    if (checked.kind === 'invalid') {
      left.push({ row: checked.row, caseId: checked.caseId, skipped: false, problems: checked.problems });
      continue;
    }
    if (known) {
      filedBefore += 1;
      const edited = known.fingerprint !== fingerprint(checked.input);
      console.log(`${label}: sudah diajukan sebelumnya, ${known.trackingCode}` +
        (edited ? ' (baris ini berubah sesudah diajukan; untuk menarik atau mengoreksi pengaduan, hubungi petugas melalui kode pelacakan)' : ''));
      continue;
    }
    let filing;
    try {
      filing = await fileCase(aduan, checked);
    } catch (error) {
      if (!(error instanceof AduanError)) throw error;
      if (isConnectionFailure(error)) throw new ConnectionFailure(`${label}: ${explain(error, url)}`);
      // A request the server refused as a whole (not a userError): this case only; tell the operator what to quote.
      left.push({ row: checked.row, caseId: checked.caseId, skipped: false, problems: [{ field: '', code: error.code, message: error.message }] });
      continue;
    }
    if (filing.kind === 'refused') {
      left.push({ row: checked.row, caseId: checked.caseId, skipped: false, problems: filing.problems });
      continue;
    }
    try {
      ledger.record(checked.caseId, {
        trackingCode: filing.trackingCode, complaintId: filing.complaintId, filedAt: filing.filedAt, fingerprint: fingerprint(checked.input),
      });
    } catch (error) {
      // Stop before filing more cases that could not be recorded either; the code is printed so that nothing is lost.
      throw new FileProblem(`${label} sudah diajukan (${filing.trackingCode}), tetapi ${ledger.path} tidak dapat ditulis ` +
        `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Perbaiki lalu jalankan lagi dalam 24 jam: kasus ini tidak akan diajukan dua kali.`);
    }
    filedNow += 1;
    console.log(`${label}: diajukan, ${filing.trackingCode}`);
    if (filing.acknowledgement) console.log(`    ${filing.acknowledgement}`);
    if (filing.possibleDuplicates.length > 0) console.log(`    mungkin sama dengan pengaduan ${filing.possibleDuplicates.join(', ')}`);
  }

  const skipped = left.filter((l) => l.skipped).length;
  const line = (text: string, value: number) => console.log(`  ${text.padEnd(32)} ${String(value).padStart(6)}`);
  console.log(`\nRingkasan ${file}`);
  line('kasus dibaca', cases.length);
  line('diajukan sekarang', filedNow);
  line('sudah diajukan sebelumnya', filedBefore);
  line('dilewati (tanpa persetujuan)', skipped);
  line('ditolak', left.length - skipped);
  printLeft(left);
  console.log(`\nKode pelacakan tersimpan di ${ledger.path}.`);
  return left.length > 0 ? EXIT.someCasesOpen : EXIT.ok;
}

async function status(file: string): Promise<number> {
  const rows = loadCases(file);
  const ledger = openLedger(file);
  const { aduan, url } = connect();
  const cases = checkAll(rows, await categoryCodes(aduan, url));
  let open = 0;
  for (const checked of cases) {
    const known = checked.caseId ? ledger.get(checked.caseId) : undefined;
    if (!known) {
      open += 1;
      const why = { 'no-consent': 'tanpa persetujuan keluarga', invalid: 'data belum valid, lihat hasil submit', ready: 'jalankan submit' }[checked.kind];
      console.log(`${checked.caseId || '(tanpa case_id)'}  -  belum diajukan (${checked.row.where}: ${why})`);
      continue;
    }
    let tracking;
    try {
      tracking = await track(aduan, known.trackingCode);
    } catch (error) {
      if (error instanceof AduanError && isConnectionFailure(error)) throw new ConnectionFailure(explain(error, url));
      throw error;
    }
    if (!tracking) {
      open += 1;
      console.log(`${checked.caseId}  ${known.trackingCode}  tidak ditemukan di ${url} (server lain?)`);
      continue;
    }
    for (const line of formatStatus(checked.caseId, tracking)) console.log(line);
  }
  return open > 0 ? EXIT.someCasesOpen : EXIT.ok;
}

function printLeft(left: Left[]): void {
  if (left.length === 0) return;
  console.log('\nKasus yang dilewati atau ditolak:');
  for (const { row, caseId, problems } of left) {
    for (const problem of problems) {
      const column = problem.field ? `kolom ${problem.field}` : 'kasus';
      console.log(`  ${caseId || '(tanpa case_id)'} (${row.where}), ${column}: ${problem.code && problem.code !== 'INVALID_INPUT' ? `[${problem.code}] ` : ''}${problem.message}`);
    }
  }
}

function isConnectionFailure(error: AduanError): boolean {
  return ['NETWORK_ERROR', 'TIMEOUT', 'HTTP_ERROR', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'].includes(error.code);
}

/** What the operator can do about a failure the SDK could not retry away. */
function explain(error: AduanError, url: string): string {
  switch (error.code) {
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
    case 'HTTP_ERROR':
      return `Aduan di ${url} tidak dapat dihubungi (${error.code}, ${error.attempts} percobaan). Periksa ADUAN_URL dan jaringan.`;
    case 'UNAUTHENTICATED':
      return 'kredensial ditolak: periksa ADUAN_CLIENT_ID dan ADUAN_CLIENT_SECRET.';
    case 'FORBIDDEN':
      return 'klien API ini tidak berhak mengajukan pengaduan.';
    case 'RATE_LIMITED':
      return `batas jumlah permintaan terlampaui; coba lagi${error.retryAfterSeconds ? ` setelah ${error.retryAfterSeconds} detik` : ' nanti'}.`;
    default:
      return `${error.code}: ${error.message}`;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (command !== 'submit' && command !== 'status') {
    throw new UsageError(command ? `perintah tidak dikenal: ${command} (submit atau status).` : 'perintah belum disebutkan (submit atau status).');
  }
  if (!file) throw new UsageError('berkas kasus belum disebutkan.');
  if (rest.length > 0) throw new UsageError(`argumen berlebih: ${rest.join(' ')}`);
  if (!/\.(csv|json)$/i.test(file)) throw new UsageError('berkas kasus harus .csv atau .json.');
  return command === 'submit' ? submit(file) : status(file);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof FileProblem) {
      console.error(`Galat: ${error.message}\n\n${USAGE}`);
    } else if (error instanceof ConnectionFailure) {
      console.error(`\nBerhenti: ${error.message}\nKasus yang sudah diajukan tercatat; jalankan perintah yang sama lagi untuk melanjutkan, tidak ada yang diajukan dua kali.`);
    } else {
      console.error(error);
    }
    process.exit(EXIT.usageOrConnection);
  },
);
