// examples/ngo.ts: an NGO submits the cases it collected, safely re-runnable.
// Safe with real credentials: without --apply it only shows what it would send (a dry run).
import { AduanError, createClient, type SubmitComplaintInput } from '@aduan/sdk';

const aduan = createClient({
  url: process.env.ADUAN_URL ?? 'http://localhost:4000/graphql',
  clientId: process.env.ADUAN_CLIENT_ID ?? 'demo-ngo-lks',
  clientSecret: process.env.ADUAN_CLIENT_SECRET ?? 'demo-ngo-lks-secret',
});

// Your own records. The idempotency key comes from your case id, so running this again
// (after a crash, or by cron) answers the first results and creates no duplicates.
const cases = [
  { caseId: 'LKS-2026-0041', name: 'Bapak Ujang', phone: '0813-2000-4101', description: 'Nama KPM ada di DTKS tetapi BPNT tidak pernah diterima.' },
  { caseId: 'LKS-2026-0042', name: 'Ibu Euis', phone: '0813-2000-4102', description: 'Diminta membayar Rp50.000 oleh oknum saat pencairan BST.' },
];

for (const item of cases) {
  const input: SubmitComplaintInput = {
    idempotencyKey: `lks-harapan-${item.caseId}`,
    channel: 'WEB_PORTAL',
    programCode: 'BPNT',
    category: item.description.includes('membayar') ? 'ILLEGAL_LEVY' : 'NOT_RECEIVED',
    description: item.description,
    regionCode: '32.73.01.1001',
    complainant: { name: item.name, phone: item.phone, confidential: true },
  };
  if (!process.argv.includes('--apply')) {
    console.log(item.caseId, `dry run, nothing sent (add --apply): submitComplaint ${JSON.stringify(input)}`);
    continue;
  }
  try {
    const { trackingCode, userErrors } = await aduan.submitComplaint(input);
    console.log(item.caseId, trackingCode ?? userErrors.map((e) => `${e.code}: ${e.message}`).join('; '));
  } catch (error) {
    // Network trouble, rate limits and outages were already retried with backoff; this case waits for the next run.
    // The message names the code, the operation and, when the server answered, its request id: quote it when you report a problem.
    if (error instanceof AduanError) console.error(`${item.caseId}: ${error.message}${error.requestId ? '' : ' (no request id: no answer came)'}`);
    else throw error;
  }
}
