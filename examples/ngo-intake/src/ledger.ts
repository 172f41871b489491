// The tracking file: which complaint, and which tracking code, each of the NGO's cases became.
//
// Why a file, and not "submit again with the same key to get the code back": the API keeps an
// idempotency key for 24 hours only. A re-run the next week with the same key would file every
// case a second time. So the file is the record, kept beside the input (`families.csv` →
// `families.csv.tracking.json`), and a case found in it is never sent again. The key covers the one
// gap the file cannot: a crash between the server filing a case and this file being written. A
// re-run within 24 h then gets the same complaint back and writes it down.
//
// It holds no name, phone number or NIK: only case ids, tracking codes and complaint ids.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface FiledCase {
  trackingCode: string;
  complaintId: string;
  filedAt: string;
  /** A fingerprint of what was sent, to notice a row edited after it was filed. */
  fingerprint: string;
}

interface LedgerFile {
  about: string;
  cases: Record<string, FiledCase>;
}

export class Ledger {
  private constructor(readonly path: string, private readonly content: LedgerFile) {}

  static pathFor(inputFile: string): string {
    return `${inputFile}.tracking.json`;
  }

  /** Missing is fine (nothing filed yet); unreadable is not: sending without it could file twice. */
  static open(path: string): Ledger {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return new Ledger(path, { about: 'ngo-intake: the complaint filed for each case id. Keep it with the input file.', cases: {} });
      }
      throw error;
    }
    const content = JSON.parse(text) as LedgerFile;
    if (typeof content?.cases !== 'object' || content.cases === null) throw new Error(`${path} is not a tracking file`);
    return new Ledger(path, content);
  }

  get(caseId: string): FiledCase | undefined {
    return Object.hasOwn(this.content.cases, caseId) ? this.content.cases[caseId] : undefined;
  }

  /** Written at once, after each case: the next crash must not forget a complaint already filed. */
  record(caseId: string, filed: FiledCase): void {
    this.content.cases[caseId] = filed;
    // Write then rename: a crash mid-write leaves the previous file whole.
    writeFileSync(`${this.path}.tmp`, `${JSON.stringify(this.content, null, 2)}\n`);
    renameSync(`${this.path}.tmp`, this.path);
  }
}

/** Short and one-way: enough to notice a change, useless for reading back a phone number. */
export function fingerprint(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
}
