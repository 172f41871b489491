import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { StartupError } from './common/startup-error';
import type { InfobipSmsConfig } from './notifications/transports/sms-infobip';
import type { SmtpConfig } from './notifications/transports/smtp';
import type { WhatsAppCloudConfig } from './notifications/transports/whatsapp-cloud';

/**
 * The server's configuration, read once from the environment and validated.
 * A bad value stops the server at start with a line that names the variable.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .url()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
    .optional(),
  /** A streaming read replica of DATABASE_URL: read-only queries go there (docs/adr/0013-read-replica.md). */
  DATABASE_REPLICA_URL: z
    .string()
    .url()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  REDIS_URL: z
    .string()
    .url()
    .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://')
    .optional(),
  /** The proxies whose X-Forwarded-For names the caller (docs/operations.md, "Behind a load balancer"); unset: none. */
  TRUSTED_PROXIES: z.string().transform((value, ctx) => {
    const parsed = parseTrustedProxies(value);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the demo organisations and data when the database is empty. Defaults to on with the embedded database. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  /** The bearer token a Prometheus scraper sends to GET /metrics; unset means open in development, refused in production. */
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~+/=-]+$/, 'must be a token without spaces (e.g. the output of `openssl rand -hex 32`)')
    .min(32, 'must be at least 32 characters (e.g. the output of `openssl rand -hex 32`)')
    .optional(),
  /** Evidence files in S3-compatible object storage (docs/adr/0010-evidence.md); unset: on the filesystem under DATA_DIR/evidence. */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3–63 lower-case letters, digits, dots and hyphens').optional(),
  /** An S3-compatible server (MinIO, Ceph, a provider's); unset means AWS S3 itself. */
  S3_ENDPOINT: z.string().url().refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://').optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be a region name such as us-east-1 or ap-southeast-3').default('us-east-1'),
  /** Both or neither: without them the AWS SDK's own chain is used (AWS_* variables, instance roles). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Notifications to complainants (docs/adr/0029-notification-transports.md): a channel without its settings has no transport.
  NOTIFY_SMTP_URL: z
    .string()
    .url('must be a URL such as smtp://user:password@mail.example.go.id:587 or smtps://…:465')
    .refine((v) => /^smtps?:\/\/[^/?#]/.test(v), 'must start with smtp:// or smtps:// and name a host')
    .optional(),
  NOTIFY_EMAIL_FROM: z
    .string()
    .regex(/^(?:[^<>@]*<[^\s<>@]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+>|[^\s<>@]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/, 'must be an address (noreply@example.go.id) or a name and an address ("Aduan Bansos" <noreply@example.go.id>)')
    .optional(),
  NOTIFY_WHATSAPP_API_URL: z.string().url().refine((v) => /^https?:\/\//.test(v), 'must start with https:// (or http:// for a local stand-in)').default('https://graph.facebook.com'),
  NOTIFY_WHATSAPP_API_VERSION: z.string().regex(/^v\d{1,3}\.\d$/, 'must be a Graph API version such as v23.0').default('v23.0'),
  NOTIFY_WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{5,20}$/, "must be the business phone number's id (digits, from WhatsApp Manager → API Setup), not the number").optional(),
  NOTIFY_WHATSAPP_TOKEN: z.string().regex(/^[A-Za-z0-9._~+/=-]{20,}$/, "must be a system user's access token (at least 20 characters, no spaces)").optional(),
  NOTIFY_SMS_API_URL: z.string().url().refine((v) => /^https?:\/\//.test(v), "must start with https:// (the account's base URL, e.g. https://xxxxx.api.infobip.com)").optional(),
  NOTIFY_SMS_API_KEY: z.string().regex(/^[A-Za-z0-9._~+/=-]{16,}$/, 'must be an Infobip API key (at least 16 characters, no spaces)').optional(),
  NOTIFY_SMS_SENDER: z
    .string()
    .regex(/^(?:[A-Za-z0-9]{3,11}|\d{3,14})$/, 'must be the registered sender ID: 3–11 letters and digits (e.g. KEMENSOS), or a number of up to 14 digits')
    .optional(),
  /**
   * The public tracker's address, linked in notifications to complainants (docs/adr/0025-notifications.md);
   * `{code}` in it is replaced by the tracking code. Unset: no link (the SMS names the code either way).
   */
  PUBLIC_TRACKER_URL: z.string().url().refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://').optional(),
});

/** Where evidence files are stored: the filesystem under DATA_DIR, or an S3 bucket (with local staging under DATA_DIR). */
export type EvidenceStorageConfig =
  | { driver: 'local'; dir: string }
  | { driver: 's3'; bucket: string; endpoint?: string; region: string; credentials?: { accessKeyId: string; secretAccessKey: string }; dataDir: string };

/**
 * Who may say who the caller is, as Express's `trust proxy` takes it: nobody
 * (false), the nearest `n` hops, or the proxies at these addresses, CIDR
 * ranges and named ranges (loopback, linklocal, uniquelocal).
 */
export type TrustedProxies = false | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const TRUSTED_PROXIES_FORMAT = 'a hop count (e.g. 1), or addresses and CIDR ranges separated by commas (e.g. 10.0.0.0/8, 192.0.2.10), or loopback, linklocal, uniquelocal';

/** The parsed value, or what is wrong with it. */
export function parseTrustedProxies(value: string): TrustedProxies | string {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops > 20 ? `${hops} hops is more proxies than any path has; must be ${TRUSTED_PROXIES_FORMAT}` : hops === 0 ? false : hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (NAMED_RANGES.has(entry)) continue;
    const [address, prefix, extra] = entry.split('/');
    const version = isIP(address ?? '');
    const bits = version === 4 ? 32 : 128;
    if (!version || extra !== undefined || (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))) {
      return `"${entry}" is not an address, a CIDR range or a named range; must be ${TRUSTED_PROXIES_FORMAT}`;
    }
    if (prefix !== undefined && Number(prefix) === 0) {
      return `"${entry}" trusts every address, so any caller could name its own; list your load balancers' addresses`;
    }
  }
  return entries;
}

export interface Config {
  port: number;
  databaseUrl?: string;
  databaseReplicaUrl?: string;
  dataDir: string;
  production: boolean;
  env: 'development' | 'production' | 'test';
  redisUrl?: string;
  logLevel: string;
  seedDemo: boolean;
  metricsToken?: string;
  evidenceStorage: EvidenceStorageConfig;
  trustedProxies: TrustedProxies;
  notifications: NotificationsConfig;
  /** Linked in notifications to complainants; `{code}` is replaced by the tracking code. */
  publicTrackerUrl?: string;
}

/** The transports configured for telling complainants; a channel left out has none (its notifications wait). */
export interface NotificationsConfig {
  email?: SmtpConfig;
  whatsapp?: WhatsAppCloudConfig;
  sms?: InfobipSmsConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as in most shells' `VAR= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    // Never echo the value: a DATABASE_URL or REDIS_URL may carry a password.
    throw new StartupError(`configuration: ${variable} is invalid: ${issue.message}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  const seedDemo = production ? false : c.SEED_DEMO ? c.SEED_DEMO === 'true' : !c.DATABASE_URL;
  if (production && c.SEED_DEMO === 'true') {
    throw new StartupError('configuration: SEED_DEMO=true is refused with NODE_ENV=production (demo clients have public secrets)');
  }
  if (c.DATABASE_REPLICA_URL && !c.DATABASE_URL) {
    throw new StartupError('configuration: DATABASE_REPLICA_URL needs DATABASE_URL: a replica follows a primary you run, not the embedded database');
  }
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    databaseReplicaUrl: c.DATABASE_REPLICA_URL,
    dataDir,
    production,
    env: c.NODE_ENV,
    redisUrl: c.REDIS_URL,
    logLevel: c.LOG_LEVEL,
    seedDemo,
    metricsToken: c.METRICS_TOKEN,
    evidenceStorage: evidenceStorageConfig(c, dataDir),
    trustedProxies: c.TRUSTED_PROXIES ?? false,
    notifications: notificationsConfig(c, production),
    publicTrackerUrl: c.PUBLIC_TRACKER_URL,
  };
}

/**
 * Each channel's variables go together: all of them (a transport) or none (no
 * transport). Half a channel is a mistake the operator should hear of at
 * start, not when the first complainant is not told.
 */
function notificationsConfig(c: z.infer<typeof schema>, production: boolean): NotificationsConfig {
  const notifications: NotificationsConfig = {};
  const email = together({ NOTIFY_SMTP_URL: c.NOTIFY_SMTP_URL, NOTIFY_EMAIL_FROM: c.NOTIFY_EMAIL_FROM }, 'e-mail notifications need both');
  if (email) notifications.email = { url: email.NOTIFY_SMTP_URL, from: email.NOTIFY_EMAIL_FROM };
  const whatsapp = together(
    { NOTIFY_WHATSAPP_PHONE_NUMBER_ID: c.NOTIFY_WHATSAPP_PHONE_NUMBER_ID, NOTIFY_WHATSAPP_TOKEN: c.NOTIFY_WHATSAPP_TOKEN },
    'WhatsApp notifications need both',
  );
  if (whatsapp) {
    if (production && c.NOTIFY_WHATSAPP_API_URL.startsWith('http://')) {
      throw new StartupError('configuration: NOTIFY_WHATSAPP_API_URL is invalid: must start with https:// in production (the access token travels with every request)');
    }
    notifications.whatsapp = {
      apiUrl: c.NOTIFY_WHATSAPP_API_URL,
      apiVersion: c.NOTIFY_WHATSAPP_API_VERSION,
      phoneNumberId: whatsapp.NOTIFY_WHATSAPP_PHONE_NUMBER_ID,
      accessToken: whatsapp.NOTIFY_WHATSAPP_TOKEN,
    };
  }
  const sms = together(
    { NOTIFY_SMS_API_URL: c.NOTIFY_SMS_API_URL, NOTIFY_SMS_API_KEY: c.NOTIFY_SMS_API_KEY, NOTIFY_SMS_SENDER: c.NOTIFY_SMS_SENDER },
    'SMS notifications need all three',
  );
  if (sms) {
    if (production && sms.NOTIFY_SMS_API_URL.startsWith('http://')) {
      throw new StartupError('configuration: NOTIFY_SMS_API_URL is invalid: must start with https:// in production (the API key travels with every request)');
    }
    notifications.sms = { apiUrl: sms.NOTIFY_SMS_API_URL, apiKey: sms.NOTIFY_SMS_API_KEY, sender: sms.NOTIFY_SMS_SENDER };
  }
  return notifications;
}

/** All the variables set (returned), or none (undefined); some but not all: a StartupError naming the first missing one. */
function together<K extends string>(values: Record<K, string | undefined>, need: string): Record<K, string> | undefined {
  const names = Object.keys(values) as K[];
  const set = names.filter((name) => values[name] !== undefined);
  if (set.length === 0) return undefined;
  const missing = names.find((name) => values[name] === undefined);
  if (missing) throw new StartupError(`configuration: ${missing} is missing: ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set, and ${need} (${names.join(', ')})`);
  return values as Record<K, string>;
}

function evidenceStorageConfig(c: z.infer<typeof schema>, dataDir: string): EvidenceStorageConfig {
  const s3Variable = c.S3_ENDPOINT ? 'S3_ENDPOINT' : c.S3_ACCESS_KEY_ID ? 'S3_ACCESS_KEY_ID' : c.S3_SECRET_ACCESS_KEY ? 'S3_SECRET_ACCESS_KEY' : undefined;
  if (!c.S3_BUCKET) {
    if (s3Variable) throw new StartupError(`configuration: S3_BUCKET is missing: ${s3Variable} is set, and evidence in S3 needs a bucket`);
    return { driver: 'local', dir: path.join(dataDir, 'evidence') };
  }
  if (Boolean(c.S3_ACCESS_KEY_ID) !== Boolean(c.S3_SECRET_ACCESS_KEY)) {
    const missing = c.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    throw new StartupError(`configuration: ${missing} is missing: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together`);
  }
  return {
    driver: 's3',
    bucket: c.S3_BUCKET,
    endpoint: c.S3_ENDPOINT,
    region: c.S3_REGION,
    credentials: c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY } : undefined,
    dataDir,
  };
}
