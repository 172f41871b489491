// Filing one case, and putting the server's refusals in the words and columns of the NGO's file.
import type { AduanClient } from '@aduan/sdk';
import type { CaseProblem, CheckedCase, Field } from './cases.js';

export type Filing =
  | { kind: 'filed'; trackingCode: string; complaintId: string; filedAt: string; acknowledgement: string; possibleDuplicates: string[] }
  | { kind: 'refused'; problems: (CaseProblem & { code: string })[] };

/**
 * The key is the NGO's own case id: the same case sent twice within 24 hours (a crash, a timeout
 * the SDK retried, a second run before the tracking file was written) is filed once.
 */
export function idempotencyKeyFor(caseId: string): string {
  return `ngo-intake-${caseId}`;
}

export async function fileCase(aduan: AduanClient, ready: Extract<CheckedCase, { kind: 'ready' }>): Promise<Filing> {
  const payload = await aduan.submitComplaint({ ...ready.input, idempotencyKey: idempotencyKeyFor(ready.caseId) });
  if (payload.trackingCode && payload.complaint) {
    return {
      kind: 'filed',
      trackingCode: payload.trackingCode,
      complaintId: payload.complaint.id,
      filedAt: payload.complaint.createdAt,
      acknowledgement: payload.acknowledgement ?? '',
      possibleDuplicates: payload.possibleDuplicates.map((complaint) => complaint.trackingCode),
    };
  }
  const problems = payload.userErrors.map((error) => ({ field: fieldOf(error.field), code: error.code, message: plainMessage(error.code, error.message) }));
  // The complainant's NIK is also sent as the subject's: one bad NIK must not be reported twice.
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.message === p.message) === i);
  return { kind: 'refused', problems: unique };
}

/** The server names input paths (`["input", "complainant", "phone"]`); the NGO worker knows the file's columns. */
const FIELD_OF_PATH: Record<string, Field | ''> = {
  'complainant.name': 'name', 'complainant.phone': 'phone', 'complainant.nik': 'nik', subjectNik: 'nik',
  regionCode: 'village_code', programCode: 'program', category: 'category', description: 'description',
  occurredOn: 'occurred_on', idempotencyKey: 'case_id', 'complainant.anonymous': 'anonymous', 'complainant.confidential': 'confidential',
};

function fieldOf(path: readonly string[] | null | undefined): Field | '' {
  return FIELD_OF_PATH[(path ?? []).filter((part) => part !== 'input').join('.')] ?? '';
}

function plainMessage(code: string, serverMessage: string): string {
  if (code === 'IDEMPOTENCY_KEY_REUSED') {
    return 'case_id ini sudah dipakai dalam 24 jam terakhir untuk pengaduan dengan isi berbeda. Kasus baru perlu case_id baru; ' +
      'untuk mengoreksi kasus yang sudah diajukan, hubungi petugas yang menangani melalui kode pelacakannya.';
  }
  return serverMessage;
}
