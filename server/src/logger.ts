import pino, { DestinationStream, Logger } from 'pino';

/**
 * Structured JSON logs, one object a line (the schema: docs/operations.md,
 * "Logs"). Personal data never reaches them: request bodies and variables are
 * not logged, and the redaction list and the number scrubber below are a
 * second line of defence for anything that slips into a log object — e.g. a
 * database error quoting the value it refused.
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'aduan' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: (object) => scrubPersonalNumbers(object) as Record<string, unknown> },
    redact: {
      paths: [
        'nik', 'kkNumber', 'phone', '*.nik', '*.kkNumber', '*.phone', '*.password', '*.secret', '*.clientSecret', '*.client_secret',
        '*.authorization', '*.token', '*.access_token', 'req.headers.authorization', 'variables',
      ],
      censor: '[redacted]',
    },
  }, destination);
}

/** A NIK or KK number (16 digits), or an Indonesian mobile number (08…, 628…, +628…), standing alone. */
const PERSONAL_NUMBER = /(?<!\w)(?:\d{16}|(?:\+?62|0)8\d{7,12})(?!\w)/g;

/** Replaces personal numbers in every string of a log object (a few levels deep: log objects are small). */
export function scrubPersonalNumbers(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(PERSONAL_NUMBER, '[redacted]');
  if (value instanceof Error) {
    // A copy of the same class (pino's serializer names it by its constructor); the caller's error is left as it was.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(value)) as Error, value);
    copy.message = scrubPersonalNumbers(value.message) as string;
    copy.stack = value.stack && (scrubPersonalNumbers(value.stack) as string);
    return copy;
  }
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => scrubPersonalNumbers(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubPersonalNumbers(item, depth + 1)]));
}

export type { Logger };
