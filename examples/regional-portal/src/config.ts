import { randomBytes } from 'node:crypto';

/**
 * The portal's settings, from the environment. A bad value stops the portal at
 * start with one line naming the variable, as Aduan itself does: a portal that
 * starts half-configured fails later, in front of a citizen.
 */
export interface PortalConfig {
  /** Aduan's GraphQL endpoint. */
  aduanUrl: string;
  /** The portal's API client. The secret never leaves this process. */
  clientId: string;
  clientSecret: string;
  /** 0 asks the system for a free port (the tests use it). */
  port: number;
  host: string;
  /**
   * Signs the tickets that let the person who filed a complaint attach files
   * to it. Random per process unless set: every instance behind one address
   * needs the same key, or a ticket issued by one is refused by another.
   */
  signingKey: Buffer;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const aduanUrl = env.ADUAN_URL || 'http://localhost:4000/graphql';
  if (!URL.canParse(aduanUrl) || !/^https?:$/.test(new URL(aduanUrl).protocol)) {
    throw new ConfigError(`ADUAN_URL must be an http(s) URL such as http://localhost:4000/graphql, not ${JSON.stringify(aduanUrl)}`);
  }

  const clientId = env.ADUAN_CLIENT_ID || 'demo-portal-3273';
  const clientSecret = env.ADUAN_CLIENT_SECRET || 'demo-portal-3273-secret';

  const portText = env.PORT || '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new ConfigError(`PORT must be a number from 0 to 65535 (0: any free port), not ${JSON.stringify(portText)}`);

  // 127.0.0.1 by default: the demo portal is for this machine. Behind a reverse proxy, set HOST as the proxy needs.
  const host = env.HOST || '127.0.0.1';

  const keyText = env.PORTAL_SIGNING_KEY;
  if (keyText !== undefined && keyText !== '' && keyText.length < 32) {
    throw new ConfigError('PORTAL_SIGNING_KEY must be at least 32 characters (e.g. `openssl rand -hex 32`), or unset for a random key per process');
  }
  const signingKey = keyText ? Buffer.from(keyText, 'utf8') : randomBytes(32);

  return { aduanUrl, clientId, clientSecret, port, host, signingKey };
}
