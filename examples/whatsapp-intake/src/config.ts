/** What the receiver needs to run, read once from the environment at start. */
export interface Config {
  /** 0 asks the system for a free port. */
  port: number;
  aduanUrl: string;
  aduanClientId: string;
  aduanClientSecret: string;
  /** The string you type into Meta's webhook settings; Meta echoes it in the verification handshake. */
  whatsappVerifyToken: string;
  /** The Meta app's secret: every notification is signed with it (X-Hub-Signature-256). */
  whatsappAppSecret: string;
  /** A system-user access token allowed to send messages from the business number. */
  whatsappAccessToken: string;
  /** The Graph API base, version included; the tests point it at a local fake. */
  whatsappApiUrl: string;
}

/**
 * The demo intake client is `demo-ngo-csr`: a client that may submit and read
 * back only what it submitted. An intake line needs no more; a handler's or
 * the ministry's client would also let this process read every complaint.
 */
const DEFAULTS = {
  ADUAN_URL: 'http://localhost:4000/graphql',
  ADUAN_CLIENT_ID: 'demo-ngo-csr',
  ADUAN_CLIENT_SECRET: 'demo-ngo-csr-secret',
  WHATSAPP_API_URL: 'https://graph.facebook.com/v21.0',
  PORT: '3001',
};

/** The WhatsApp secrets have no default: a receiver that cannot check signatures must not start. */
const REQUIRED = ['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_ACCESS_TOKEN'] as const;

export class ConfigError extends Error {}

/** Reads and checks the configuration; a bad or missing value throws a ConfigError naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const value = (name: keyof typeof DEFAULTS) => env[name]?.trim() || DEFAULTS[name];
  const missing = REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new ConfigError(`WhatsApp intake: set ${missing.join(', ')} (see examples/whatsapp-intake/README.md).`);
  }
  const port = Number(value('PORT'));
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError('WhatsApp intake: PORT must be a port number (0–65535; 0 picks a free one).');
  return {
    port,
    aduanUrl: url(value('ADUAN_URL'), 'ADUAN_URL'),
    aduanClientId: value('ADUAN_CLIENT_ID'),
    aduanClientSecret: value('ADUAN_CLIENT_SECRET'),
    whatsappVerifyToken: env.WHATSAPP_VERIFY_TOKEN!.trim(),
    whatsappAppSecret: env.WHATSAPP_APP_SECRET!.trim(),
    whatsappAccessToken: env.WHATSAPP_ACCESS_TOKEN!.trim(),
    whatsappApiUrl: url(value('WHATSAPP_API_URL'), 'WHATSAPP_API_URL').replace(/\/+$/, ''),
  };
}

function url(text: string, name: string): string {
  try {
    const parsed = new URL(text);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return text;
  } catch {
    // falls through to the error below
  }
  throw new ConfigError(`WhatsApp intake: ${name} must be an http(s) URL, not ${JSON.stringify(text)}.`);
}
