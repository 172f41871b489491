import { AduanError } from '@aduan/sdk';

/** What the person is told, and the HTTP status of the page, when Aduan could not answer. */
export interface Unavailable {
  status: number;
  message: string;
}

/**
 * AduanError in words for a citizen. The SDK has already retried what was
 * safe to retry; what is left is for the person to try later. The request id
 * lets the portal's operators find the call in Aduan's logs; nothing else of
 * the error (and nothing of what was typed) is shown or logged.
 */
export function unavailable(error: unknown, operation: string): Unavailable {
  if (!(error instanceof AduanError)) throw error; // a bug in the portal: let Express answer 500 and log it
  console.error(`aduan ${operation}: ${error.code}${error.requestId ? ` (request id ${error.requestId})` : ''}`);
  const reference = error.requestId ? ` Kode rujukan: ${error.requestId}.` : '';
  switch (error.code) {
    case 'RATE_LIMITED': {
      const wait = error.retryAfterSeconds ? `${error.retryAfterSeconds} detik` : 'beberapa saat';
      return { status: 503, message: `Saat ini sedang banyak pengaduan masuk. Silakan coba lagi dalam ${wait}.` };
    }
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      // The portal's own credentials were refused: an operator must fix the configuration.
      return { status: 503, message: `Portal sedang mengalami gangguan dan tidak dapat meneruskan pengaduan. Silakan coba lagi nanti atau hubungi Dinas Sosial Kota Bandung.${reference}` };
    default:
      return { status: 503, message: `Layanan pengaduan sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.${reference}` };
  }
}
