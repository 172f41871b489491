import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AduanClient, Role, Tier } from '@aduan/sdk';
import type { Account } from './accounts.js';

/** What Aduan says about the organisation a signed-in officer acts for (its `viewer`). */
export interface Office {
  id: string;
  name: string;
  kind: string;
  tier: Tier | null;
  role: Role;
  /** The region it covers; null for the ministry (all of Indonesia) and for banks. */
  jurisdictionCode: string | null;
}

export interface Session {
  id: string;
  /** Sent back in every form; a POST without it is refused (cross-site request forgery). */
  csrf: string;
  account: Account;
  office: Office;
  /** An SDK client acting for this officer: every call Aduan records names them. */
  aduan: AduanClient;
  createdAt: number;
  lastSeenAt: number;
}

/** A session ends after this long without a request… */
export const IDLE_MS = 30 * 60_000;
/** …and after a working day in any case. */
export const ABSOLUTE_MS = 10 * 60 * 60_000;

/**
 * Signed-in officers, in this process's memory: the cookie holds a random id
 * only (nothing to forge or decode), and the SDK client with the officer's
 * token stays here. A restart signs everyone out, which a console for one
 * office can afford; several instances behind one address would need a shared
 * store (Redis) instead.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  create(account: Account, office: Office, aduan: AduanClient): Session {
    this.sweep();
    const at = this.now();
    const session: Session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), account, office, aduan, createdAt: at, lastSeenAt: at };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its idle clock restarted; undefined when unknown or expired. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > IDLE_MS || at - session.createdAt > ABSOLUTE_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, session] of this.sessions) {
      if (at - session.lastSeenAt > IDLE_MS || at - session.createdAt > ABSOLUTE_MS) this.sessions.delete(id);
    }
  }
}

/** Compares a form's CSRF token with the session's without leaking where they differ. */
export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
