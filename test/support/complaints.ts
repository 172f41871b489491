import { randomUUID } from 'node:crypto';

export const SUBMIT = `mutation Submit($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) {
    trackingCode replyPin acknowledgement
    complaint { id trackingCode status currentTier version dueAt slaState confidential: complainant { confidential } assignedTo { name tier } }
    possibleDuplicates { id trackingCode }
    userErrors { field code message }
  }
}`;

/** A valid submission about Sukarasa (Kota Bandung); override what a test is about. */
export function complaintInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { complainant, ...rest } = overrides;
  return {
    idempotencyKey: randomUUID(),
    channel: 'WEB_PORTAL',
    programCode: 'PKH',
    category: 'NOT_RECEIVED',
    description: 'Sudah tiga bulan bantuan PKH tidak masuk ke rekening KKS keluarga kami.',
    regionCode: '32.73.01.1001',
    complainant: { name: 'Siti Aminah', phone: '0812-3456-7890', nik: '3273014507850001', ...(complainant as object) },
    ...rest,
  };
}
