// examples/bank.ts: a bank reports a batch of failed transfers, then answers the complaints referred to it.
import { createClient, paginate, ComplaintsDocument } from '@aduan/sdk';

const aduan = createClient({
  url: process.env.ADUAN_URL ?? 'http://localhost:4000/graphql',
  clientId: process.env.ADUAN_CLIENT_ID ?? 'demo-bank-bri',
  clientSecret: process.env.ADUAN_CLIENT_SECRET ?? 'demo-bank-bri-secret',
});

// One call per programme and month, up to 1000 items. Keep the key with the batch file:
// sending the same file again with the same key creates nothing new.
const report = await aduan.reportDisbursementIssues({
  idempotencyKey: 'bri-bpnt-2026-10-batch-001',
  programCode: 'BPNT',
  period: '2026-10',
  items: [
    { nik: '3273014507850001', amount: 200_000, failureCode: 'ACCOUNT_DORMANT', occurredOn: '2026-10-15' },
    { nik: '3273010202900002', amount: 200_000, failureCode: 'NAME_MISMATCH', occurredOn: '2026-10-15' },
  ],
});
// Each item is answered on its own, in input order: a bad row never loses the good ones.
for (const result of report.results) {
  if (result.issue) console.log(`item ${result.index}: issue ${result.issue.id}, linked to ${result.issue.linkedComplaints.length} complaint(s)`);
  else console.log(`item ${result.index}: ${result.userErrors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
}

// Complaints referred to the bank are in its inbox; answer each open referral made to it.
const me = (await aduan.viewer()).organisation.id;
for await (const summary of paginate(aduan, ComplaintsDocument, { first: 50, filter: { status: ['IN_PROGRESS'] } }, (data) => data.complaints)) {
  const complaint = await aduan.complaint(summary.id);
  for (const referral of complaint?.referrals ?? []) {
    if (referral.status !== 'OPEN' || referral.toOrganisation.id !== me) continue;
    const { userErrors } = await aduan.answerReferral({ referralId: referral.id, answer: 'Rekening KKS pasif; sudah diaktifkan dan dana disalurkan ulang.' });
    console.log(`${summary.trackingCode}: ${userErrors.length ? userErrors[0].message : 'answered'}`);
  }
}
