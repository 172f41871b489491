// examples/portal.ts: a regional portal submits a complaint, and anyone tracks it by its code.
// Safe with real credentials: without --apply it only shows what it would send (a dry run).
import { createClient, type OptionalIdempotencyKey, type SubmitComplaintInput } from '@aduan/sdk';

const url = process.env.ADUAN_URL ?? 'http://localhost:4000/graphql';
const aduan = createClient({
  url,
  clientId: process.env.ADUAN_CLIENT_ID ?? 'demo-portal-3273',
  clientSecret: process.env.ADUAN_CLIENT_SECRET ?? 'demo-portal-3273-secret',
  userAgent: 'kota-bandung-portal/1.0',
});

// No idempotencyKey: the SDK makes one, and sends the same one on its own retries.
const input: OptionalIdempotencyKey<SubmitComplaintInput> = {
  channel: 'WEB_PORTAL',
  programCode: 'PKH',
  category: 'NOT_RECEIVED',
  description: 'Sudah tiga bulan bantuan PKH tidak masuk ke rekening KKS keluarga kami.',
  regionCode: '32.73.01.1001',
  complainant: { name: 'Siti Aminah', phone: '0812-3456-7890', nik: '3273014507850001' },
};
if (!process.argv.includes('--apply')) {
  console.log(`dry run, nothing sent (add --apply): submitComplaint ${JSON.stringify(input)}`);
  process.exit(0);
}
const submitted = await aduan.submitComplaint(input);

// Expected refusals are data, typed by code; nothing was created.
for (const error of submitted.userErrors) {
  switch (error.code) {
    case 'INVALID_INPUT':
      console.error(`fix ${error.field?.join('.')}: ${error.message}`);
      break;
    default:
      console.error(`${error.code}: ${error.message}`);
  }
}
if (!submitted.trackingCode) process.exit(1);
console.log(submitted.acknowledgement);

// The complainant follows it with the code alone: no credentials needed.
const tracker = createClient({ url });
const tracking = await tracker.trackComplaint(submitted.trackingCode);
console.log(`${tracking?.trackingCode}: ${tracking?.statusLabel}, due ${tracking?.dueAt ?? '–'}`);
