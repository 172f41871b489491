// The NGO's case file, CSV or JSON with the same fields, and what can be checked before anything is sent.
import { parse } from 'csv-parse/sync';
import type { ComplaintCategory, SubmitComplaintInput } from '@aduan/sdk';

/** The fields of a case, as CSV columns and as JSON keys. */
export const FIELDS = [
  'case_id', 'name', 'phone', 'nik', 'village_code', 'program', 'category', 'description',
  'anonymous', 'confidential', 'consent', 'occurred_on',
] as const;
export type Field = (typeof FIELDS)[number];
const REQUIRED: Field[] = ['case_id', 'name', 'phone', 'village_code', 'program', 'category', 'description', 'consent'];

/** Where a case sits in its file, as the NGO worker will look for it. */
export interface CaseRow {
  /** "baris 4" (CSV, the header is line 1) or "entri ke-3" (JSON). */
  where: string;
  values: Record<Field, string>;
}

export interface CaseProblem {
  field: Field | '';
  message: string;
}

export type CheckedCase =
  | { kind: 'ready'; row: CaseRow; caseId: string; input: Omit<SubmitComplaintInput, 'idempotencyKey'> }
  /** No consent recorded: never sent, whatever else the row says. */
  | { kind: 'no-consent'; row: CaseRow; caseId: string }
  | { kind: 'invalid'; row: CaseRow; caseId: string; problems: CaseProblem[] };

/** A problem with the file as a whole: nothing can be done with it. */
export class FileProblem extends Error {}

export function readCases(fileName: string, content: string): CaseRow[] {
  const rows = fileName.toLowerCase().endsWith('.json') ? fromJson(content) : fromCsv(content);
  if (rows.length === 0) throw new FileProblem('berkas tidak berisi kasus.');
  return rows;
}

function fromCsv(content: string): CaseRow[] {
  let records: { record: Record<string, string | undefined>; raw: string; info: { lines: number; columns: { name: string }[] } }[];
  try {
    records = parse(content, {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new FileProblem(`CSV tidak dapat dibaca: ${(error as Error).message}`);
  }
  if (records.length === 0) return [];
  const header = new Set(records[0].info.columns.map((column) => column.name));
  const missing = REQUIRED.filter((field) => !header.has(field));
  if (missing.length > 0) throw new FileProblem(`kolom wajib tidak ada: ${missing.join(', ')}. Kolom yang dikenal: ${FIELDS.join(',')}`);
  return records.map(({ record, raw, info }) => ({ where: `baris ${startLineOf(raw, info.lines)}`, values: pick((field) => record[field]) }));
}

/**
 * The line a record starts on, as an editor numbers it. csv-parse counts the line a record ends on,
 * and a quoted cell may hold line breaks; `raw` (the record's text, with any skipped empty lines
 * before it and its own line break after it) tells how many.
 */
function startLineOf(raw: string, lastLine: number): number {
  const record = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  return lastLine - (record.match(/\n/g)?.length ?? 0);
}

function fromJson(content: string): CaseRow[] {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FileProblem(`JSON tidak dapat dibaca: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new FileProblem('JSON harus berupa daftar (array) kasus, satu objek per kasus, dengan kunci yang sama seperti kolom CSV.');
  return data.map((entry, index) => {
    const object = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    return { where: `entri ke-${index + 1}`, values: pick((field) => object[field]) };
  });
}

/** Every field as text: JSON may carry booleans and numbers, CSV only text, and the checks below are one. */
function pick(value: (field: Field) => unknown): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const field of FIELDS) {
    const raw = value(field);
    values[field] = raw === undefined || raw === null ? '' : String(raw).trim();
  }
  return values;
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1']);
const NO = new Set(['tidak', 't', 'no', 'n', 'false', '0', '']);

/**
 * Checks one case. Consent is looked at first: without it the row is not ours to send, and its
 * other fields are not even examined. Checked here is only what would make the request itself
 * invalid (a missing field, a category not among the API's complaintCategories); the phone number, the NIK and the
 * village are the server's to judge, and its userErrors come back per field.
 */
export function checkCase(row: CaseRow, seen: Map<string, string>, categories: readonly string[]): CheckedCase {
  const v = row.values;
  const caseId = v.case_id;
  if (!YES.has(v.consent.toLowerCase())) return { kind: 'no-consent', row, caseId };

  const problems: CaseProblem[] = [];
  const problem = (field: Field, message: string) => problems.push({ field, message });
  for (const field of REQUIRED) if (v[field] === '') problem(field, 'wajib diisi.');
  if (caseId.length > 100) problem('case_id', 'paling panjang 100 karakter.');
  const earlier = seen.get(caseId);
  if (caseId !== '' && earlier) problem('case_id', `sama dengan ${earlier}; setiap kasus perlu case_id sendiri.`);
  else if (caseId !== '') seen.set(caseId, row.where);

  const category = v.category.toUpperCase();
  if (v.category !== '' && !categories.includes(category)) {
    problem('category', `kategori tidak dikenal; pilih salah satu: ${categories.join(', ')}.`);
  }
  const flag = (field: 'anonymous' | 'confidential'): boolean => {
    const text = v[field].toLowerCase();
    if (!YES.has(text) && !NO.has(text)) problem(field, 'isi dengan ya atau tidak.');
    return YES.has(text);
  };
  const anonymous = flag('anonymous');
  const confidential = flag('confidential');
  if (problems.length > 0) return { kind: 'invalid', row, caseId, problems };

  const nik = v.nik === '' ? undefined : v.nik.replace(/\s/g, '');
  return {
    kind: 'ready',
    row,
    caseId,
    input: {
      // WEB_PORTAL is the channel for partner applications filing through the API (see the `channels` query).
      channel: 'WEB_PORTAL',
      programCode: v.program.toUpperCase(),
      category: category as ComplaintCategory,
      description: v.description,
      regionCode: v.village_code,
      occurredOn: v.occurred_on === '' ? undefined : v.occurred_on,
      complainant: { name: v.name, phone: v.phone, nik, anonymous, confidential },
      // The family files about its own aid, so it is also the complaint's subject: that links the complaint to
      // the family's records and to a bank's report of the same failed transfer. Not for anonymous filers:
      // the subject's NIK is shown to handlers and would name them.
      subjectNik: anonymous ? undefined : nik,
    },
  };
}
