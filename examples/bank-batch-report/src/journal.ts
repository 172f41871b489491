// The journal: which batch the server recorded for each idempotency key this tool has sent.
//
// It is not what prevents duplicates (the keys do that, on the server); it only lets a re-run say
// "already reported" instead of "new". The API answers a repeated key with the first result and no
// flag, but with the same batch id, so "the id we were given last time" identifies a replay exactly.
// Lose the journal and nothing goes wrong except that wording.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

interface JournalFile {
  about: string;
  batches: Record<string, { batchId: string; createdAt: string }>;
}

export class Journal {
  private constructor(
    readonly path: string,
    private readonly content: JournalFile,
    /** Why the journal cannot be written, once that has been found out. */
    private writeProblem: string | null = null,
  ) {}

  static open(path: string): { journal: Journal; warning?: string } {
    const empty = (): JournalFile => ({
      about: 'bank-batch-report: batches already recorded by Aduan, by idempotency key. Safe to delete; holds no personal data.',
      batches: {},
    });
    try {
      const content = JSON.parse(readFileSync(path, 'utf8')) as JournalFile;
      if (typeof content?.batches !== 'object' || content.batches === null) throw new Error('not a journal');
      return { journal: new Journal(path, content) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { journal: new Journal(path, empty()) };
      return { journal: new Journal(path, empty()), warning: `jurnal ${path} tidak terbaca dan dimulai baru (${(error as Error).message}).` };
    }
  }

  /** The server answered this key with this batch before: its answer now is a replay. */
  isReplay(idempotencyKey: string, batchId: string): boolean {
    return this.content.batches[idempotencyKey]?.batchId === batchId;
  }

  /** Records a batch; answers a warning the first time the journal cannot be written (the run goes on). */
  record(idempotencyKey: string, batchId: string, createdAt: string): string | undefined {
    this.content.batches[idempotencyKey] = { batchId, createdAt };
    if (this.writeProblem) return undefined;
    try {
      // Write then rename: a run killed mid-write leaves the previous journal, never half of one.
      writeFileSync(`${this.path}.tmp`, `${JSON.stringify(this.content, null, 2)}\n`);
      renameSync(`${this.path}.tmp`, this.path);
      return undefined;
    } catch (error) {
      this.writeProblem = (error as Error).message;
      return `jurnal ${this.path} tidak dapat ditulis (${this.writeProblem}); pengiriman tetap aman, ` +
        'tetapi pada pengulangan batch ini akan terhitung "baru", bukan "sudah dilaporkan".';
    }
  }
}
