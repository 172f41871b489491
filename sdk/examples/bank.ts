// examples/bank.ts: a bank reads the complaints referred to it, then answers one, or reports one failed transfer.
// Safe with real credentials: it only reads, unless you name one item and add --apply (without it: a dry run).
//   node bank.js                                             the open referrals to your bank
//   node bank.js --answer <referral id> --text "<answer>"    answer that referral
//   node bank.js --report <NIK> [--failure ACCOUNT_DORMANT]  report your latest transfer to that person as failed
import { parseArgs } from 'node:util';
import { createClient, type DisbursementFailureCode, type ReportDisbursementIssuesInput } from '@aduan/sdk';

const { values: args } = parseArgs({
  options: {
    answer: { type: 'string' }, text: { type: 'string' }, report: { type: 'string' },
    failure: { type: 'string', default: 'ACCOUNT_DORMANT' }, apply: { type: 'boolean', default: false },
  },
});
const aduan = createClient({
  url: process.env.ADUAN_URL ?? 'http://localhost:4000/graphql',
  clientId: process.env.ADUAN_CLIENT_ID ?? 'demo-bank-bri',
  clientSecret: process.env.ADUAN_CLIENT_SECRET ?? 'demo-bank-bri-secret',
});
// Selections of your own: `aduan.request` takes any GraphQL text, typed by you.
interface Payments {
  recipient: { enrolments: { program: { code: string }; disbursements: { period: string; amount: number; status: string }[] }[] } | null;
}
const PAYMENTS = `query Payments($nik: String!) {
  recipient(nik: $nik) { enrolments { program { code } disbursements { period amount status } } }
}`;
interface OpenReferrals {
  complaints: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { trackingCode: string; referrals: { id: string; status: string; reason: string; dueAt: string | null }[] } }[];
  };
}
const OPEN_REFERRALS = `query OpenReferrals($after: String) {
  complaints(first: 50, after: $after, filter: { status: [RECEIVED, VERIFIED, IN_PROGRESS, PENDING_INFO] }) {
    pageInfo { hasNextPage endCursor }
    edges { node { trackingCode referrals { id status reason dueAt } } }
  }
}`;
const show = (errors: { code: string; message: string }[]) => errors.map((e) => `${e.code}: ${e.message}`).join('; ');

if (args.answer) {
  if (!args.text) throw new Error('--answer needs --text "<your answer, for the office and the complainant>"');
  const input = { referralId: args.answer, answer: args.text };
  if (!args.apply) console.log(`dry run, nothing sent (add --apply): answerReferral ${JSON.stringify(input)}`);
  else {
    const { referral, complaint, userErrors } = await aduan.answerReferral(input);
    console.log(userErrors.length ? show(userErrors) : `${complaint?.trackingCode}: referral ${referral?.id} answered`);
  }
} else if (args.report) {
  // Your latest payment to that person, as Aduan knows it (a real report comes from your own transfer records).
  const { recipient } = await aduan.request<Payments, { nik: string }>(PAYMENTS, { nik: args.report });
  // Paid, or already reported failed (then the same key answers the first report).
  const paid = (recipient?.enrolments ?? []).flatMap((e) => e.disbursements.filter((d) => d.status === 'DISBURSED' || d.status === 'FAILED').map((d) => ({ program: e.program.code, ...d })));
  const latest = paid.sort((a, b) => b.period.localeCompare(a.period))[0];
  if (!latest) throw new Error(`no payment of yours to ${args.report} in Aduan`);
  // When it failed: your records know; here, the month's last day (or today, if that is still to come).
  const [year, month] = latest.period.split('-').map(Number);
  const occurredOn = [new Date(Date.UTC(year, month, 0)), new Date()].sort((a, b) => +a - +b)[0].toISOString().slice(0, 10);
  const input: ReportDisbursementIssuesInput = {
    idempotencyKey: `quickstart-${latest.program}-${latest.period}-${args.report}`, // sent again: reported once
    programCode: latest.program,
    period: latest.period,
    items: [{ nik: args.report, amount: latest.amount, failureCode: args.failure as DisbursementFailureCode, occurredOn }],
  };
  if (!args.apply) console.log(`dry run, nothing sent (add --apply): reportDisbursementIssues ${JSON.stringify(input)}`);
  else {
    const report = await aduan.reportDisbursementIssues(input);
    // Each item is answered on its own, in input order: a bad row never loses the good ones.
    for (const { index, issue, userErrors } of report.results) console.log(`item ${index}: ${issue ? `issue ${issue.id}, linked to ${issue.linkedComplaints.length} complaint(s)` : show(userErrors)}`);
    if (report.userErrors.length) console.log(show(report.userErrors));
  }
} else {
  // Read-only: the complaints still open with a referral to you that is open too (you see only referrals made to you).
  // Selects no one's NIK or phone number: each read of those is logged for the auditors.
  let after: string | null = null;
  do {
    const { complaints }: OpenReferrals = await aduan.request<OpenReferrals, { after: string | null }>(OPEN_REFERRALS, { after });
    for (const { node } of complaints.edges) {
      for (const r of node.referrals.filter((r) => r.status === 'OPEN')) console.log(`${node.trackingCode} referral ${r.id}, due ${r.dueAt ?? '–'}: ${r.reason}`);
    }
    after = complaints.pageInfo.hasNextPage ? complaints.pageInfo.endCursor : null;
  } while (after);
}
