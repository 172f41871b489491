import { AduanError } from '@aduan/sdk';

/** What the officer is told, and the HTTP status of the page, when Aduan could not answer. */
export interface Problem {
  status: number;
  message: string;
}

/**
 * AduanError in words for an officer. The SDK has already retried what was
 * safe to retry. The request id lets the console's operators find the call in
 * Aduan's logs; nothing else of the error is shown or logged (it may name a
 * complaint, never a person).
 */
export function problemOf(error: unknown, operation: string): Problem {
  if (!(error instanceof AduanError)) throw error; // a bug in the console: let Express answer 500 and log it
  console.error(`aduan ${operation}: ${error.code}${error.requestId ? ` (request id ${error.requestId})` : ''}`);
  const reference = error.requestId ? ` Kode rujukan: ${error.requestId}.` : '';
  switch (error.code) {
    case 'RATE_LIMITED': {
      const wait = error.retryAfterSeconds ? `${error.retryAfterSeconds} detik` : 'beberapa saat';
      return { status: 503, message: `Aduan sedang sibuk. Silakan coba lagi dalam ${wait}.` };
    }
    case 'FORBIDDEN':
      return { status: 403, message: `Peran kantor Anda tidak mengizinkan tindakan ini.${reference}` };
    case 'UNAUTHENTICATED':
      // The office's client credentials were refused: an operator must fix the configuration.
      return { status: 503, message: `Konsol tidak dapat masuk ke Aduan dengan kredensial kantor Anda. Hubungi pengelola konsol.${reference}` };
    default:
      return { status: 503, message: `Aduan sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.${reference}` };
  }
}
