// The connection to Aduan, as the operator configured it (environment variables; the demo bank's by default).
import { createClient, type AduanClient, type AduanError } from '@aduan/sdk';

export function connect(): { aduan: AduanClient; url: string; clientId: string } {
  const url = process.env.ADUAN_URL ?? 'http://localhost:4000/graphql';
  const clientId = process.env.ADUAN_CLIENT_ID ?? 'demo-bank-bri';
  const aduan = createClient({
    url,
    clientId,
    clientSecret: process.env.ADUAN_CLIENT_SECRET ?? 'demo-bank-bri-secret',
    userAgent: 'bank-batch-report/0.1.0',
    locale: 'id',
    // A batch of 1000 takes seconds on a busy server; a timeout resends it (same key, so safely), but needlessly.
    timeoutMs: 120_000,
  });
  return { aduan, url, clientId };
}

/** What the operator can do about a failure the SDK could not retry away. */
export function explain(error: AduanError, url: string): string {
  const reference = error.requestId ? ` (request id ${error.requestId}; sebutkan saat melapor ke pengelola Aduan)` : '';
  switch (error.code) {
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
    case 'HTTP_ERROR':
      return `Aduan di ${url} tidak dapat dihubungi (${error.code}, ${error.attempts} percobaan). Periksa ADUAN_URL dan jaringan.`;
    case 'UNAUTHENTICATED':
      return 'kredensial ditolak: periksa ADUAN_CLIENT_ID dan ADUAN_CLIENT_SECRET.';
    case 'FORBIDDEN':
      return `klien API ini tidak berhak melaporkan transfer gagal; hanya klien bank yang boleh${reference}.`;
    case 'RATE_LIMITED':
      return `batas jumlah permintaan terlampaui; coba lagi${error.retryAfterSeconds ? ` setelah ${error.retryAfterSeconds} detik` : ' nanti'}.`;
    default:
      return `${error.code}: ${error.message}${reference}`;
  }
}
