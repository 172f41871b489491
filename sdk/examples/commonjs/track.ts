// examples/commonjs/track.ts: the SDK from CommonJS (a "type": "commonjs" project, or a .cts file): no top-level await.
// Read-only, no credentials: a complaint's public status by its tracking code, as its complainant sees it.
import { AduanError, createClient } from '@aduan/sdk'; // compiled to require('@aduan/sdk'): the SDK's CommonJS build

async function main(trackingCode: string): Promise<void> {
  const aduan = createClient({ url: process.env.ADUAN_URL ?? 'http://localhost:4000/graphql', locale: 'en' });
  const tracking = await aduan.trackComplaint(trackingCode);
  if (!tracking) {
    console.log(`${trackingCode}: no such complaint`);
    return;
  }
  console.log(`${tracking.trackingCode}: ${tracking.statusLabel} (${tracking.tierLabel}), due ${tracking.dueAt ?? '–'}`);
  for (const { at, message } of tracking.publicResponses) console.log(`  ${at}: ${message}`);
}

main(process.argv[2] ?? 'ADU-0000-0000').catch((error: unknown) => {
  // Code, message and, when the server answered, the request id to quote.
  console.error(error instanceof AduanError ? error.message : error);
  process.exitCode = 1;
});
