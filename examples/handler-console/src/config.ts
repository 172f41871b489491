import { fileURLToPath } from 'node:url';
import { AccountsError, readAccounts, type Account } from './accounts.js';

/**
 * The console's settings, from the environment. A bad value stops the console
 * at start with one line naming what to fix.
 */
export interface ConsoleConfig {
  /** Aduan's GraphQL endpoint. */
  aduanUrl: string;
  accounts: Account[];
  /** The secret of each API client the accounts sign in through. They never leave this process. */
  clientSecrets: Map<string, string>;
  /** 0 asks the system for a free port (the tests use it). */
  port: number;
  host: string;
  /** Mark the session cookie `Secure` (set when the console is served over HTTPS, as it must be in production). */
  secureCookies: boolean;
}

export class ConfigError extends Error {}

/** The demo accounts, for the demo data of `npm start` (README: their password). */
export const DEMO_ACCOUNTS_FILE = fileURLToPath(new URL('../accounts.demo.json', import.meta.url));

/** `ADUAN_SECRET_DEMO_DINSOS_3273` holds the secret of client `demo-dinsos-3273`. */
export function secretVariable(clientId: string): string {
  return `ADUAN_SECRET_${clientId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const aduanUrl = env.ADUAN_URL || 'http://localhost:4000/graphql';
  if (!URL.canParse(aduanUrl) || !/^https?:$/.test(new URL(aduanUrl).protocol)) {
    throw new ConfigError(`ADUAN_URL must be an http(s) URL such as http://localhost:4000/graphql, not ${JSON.stringify(aduanUrl)}`);
  }

  let accounts: Account[];
  try {
    accounts = readAccounts(env.CONSOLE_ACCOUNTS || DEMO_ACCOUNTS_FILE);
  } catch (error) {
    if (error instanceof AccountsError) throw new ConfigError(error.message);
    throw error;
  }

  const clientSecrets = new Map<string, string>();
  for (const clientId of new Set(accounts.map((account) => account.clientId))) {
    const variable = secretVariable(clientId);
    // The demo clients' secrets are public (README); every other client's must be given.
    const secret = env[variable] || (clientId.startsWith('demo-') ? `${clientId}-secret` : undefined);
    if (!secret) throw new ConfigError(`${variable} must hold the secret of API client ${clientId} (an account signs in through it)`);
    clientSecrets.set(clientId, secret);
  }

  const portText = env.PORT || '3100';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new ConfigError(`PORT must be a number from 0 to 65535 (0: any free port), not ${JSON.stringify(portText)}`);
  // 127.0.0.1 by default: the demo console is for this machine. Behind a reverse proxy, set HOST as the proxy needs.
  const host = env.HOST || '127.0.0.1';
  const secureCookies = env.CONSOLE_SECURE_COOKIES === 'true' || env.CONSOLE_SECURE_COOKIES === '1';

  return { aduanUrl, accounts, clientSecrets, port, host, secureCookies };
}
