import { readFileSync } from 'node:fs';
import { UNKNOWN_ACCOUNT_HASH, verifyPassword } from './passwords.js';

/**
 * The console's own officer accounts, from a JSON file (CONSOLE_ACCOUNTS): who
 * may sign in, with which password hash, as which officer of which
 * organisation's API client. A district that hosts the console for its
 * kelurahan lists their officers too, each under their own office's client.
 *
 * The officer id is what Aduan records on every action and every read of
 * personal data (docs/adr/0030-officers.md on the server): a stable id of the
 * office's own, never an e-mail address, phone number or NIK.
 */
export interface Account {
  /** What the officer types to sign in. */
  username: string;
  /** Their name as colleagues and auditors read it on the timeline. */
  name: string;
  /** The office's own id for them, sent to Aduan in the token exchange. */
  officerId: string;
  /** The API client of their organisation (its secret is in the environment, never in this file). */
  clientId: string;
  /** `penyelia` (a supervisor: also the offices' overview) or `petugas` (an officer). */
  role: 'petugas' | 'penyelia';
  passwordHash: string;
}

export class AccountsError extends Error {}

const OFFICER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function readAccounts(file: string): Account[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AccountsError(`cannot read the accounts file ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new AccountsError(`${file} must hold a JSON array of accounts`);
  const seen = new Set<string>();
  return parsed.map((entry, index) => {
    const where = `${file}, account ${index + 1}`;
    const account = entry as Partial<Account>;
    for (const key of ['username', 'name', 'officerId', 'clientId', 'passwordHash'] as const) {
      if (typeof account[key] !== 'string' || account[key] === '') throw new AccountsError(`${where}: "${key}" is missing`);
    }
    if (account.role !== 'petugas' && account.role !== 'penyelia') throw new AccountsError(`${where}: "role" must be "petugas" or "penyelia"`);
    if (!OFFICER_ID.test(account.officerId!) || account.officerId!.includes('@') || /^\+?\d{8,}$/.test(account.officerId!)) {
      throw new AccountsError(`${where}: "officerId" must be the office's own id for the officer (letters, digits, . _ : -), never an e-mail address, phone number or NIK`);
    }
    const username = account.username!.toLowerCase();
    if (seen.has(username)) throw new AccountsError(`${where}: username "${username}" appears twice`);
    seen.add(username);
    return { ...(account as Account), username };
  });
}

/** After this many wrong passwords in a row an account waits LOCK_MS before it may try again. */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export type SignInResult = { ok: true; account: Account } | { ok: false; reason: 'wrong' | 'locked'; retryAt?: number };

/** Checks a username and password, with a lock after repeated failures (per username, so a guesser cannot try many). */
export class AccountBook {
  private readonly byUsername: Map<string, Account>;
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(accounts: Account[], private readonly now: () => number = Date.now) {
    this.byUsername = new Map(accounts.map((account) => [account.username, account]));
  }

  get accounts(): Account[] {
    return [...this.byUsername.values()];
  }

  async signIn(usernameTyped: string, password: string): Promise<SignInResult> {
    const username = usernameTyped.trim().toLowerCase();
    const record = this.failures.get(username);
    if (record && record.lockedUntil > this.now()) return { ok: false, reason: 'locked', retryAt: record.lockedUntil };
    const account = this.byUsername.get(username);
    // The hash is checked even for an unknown username, so the answer takes as long and says as little.
    const matches = await verifyPassword(password, account?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
    if (account && matches) {
      this.failures.delete(username);
      return { ok: true, account };
    }
    const count = (record && record.lockedUntil <= this.now() && record.count >= MAX_FAILURES ? 0 : record?.count ?? 0) + 1;
    const lockedUntil = count >= MAX_FAILURES ? this.now() + LOCK_MS : 0;
    this.failures.set(username, { count, lockedUntil });
    return lockedUntil ? { ok: false, reason: 'locked', retryAt: lockedUntil } : { ok: false, reason: 'wrong' };
  }
}
