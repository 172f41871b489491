import pino, { Logger } from 'pino';

/**
 * Structured JSON logs, one object a line. Personal data never reaches them:
 * request bodies and variables are not logged, and the redaction list below is
 * a second line of defence for anything that slips into a log object.
 */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'aduan' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        '*.nik', '*.kkNumber', '*.phone', '*.password', '*.secret', '*.clientSecret', '*.client_secret',
        '*.authorization', '*.token', '*.access_token', 'req.headers.authorization', 'variables',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
