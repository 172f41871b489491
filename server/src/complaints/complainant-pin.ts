import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ComplaintStatus } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { UserErrorCode } from '../graphql/user-error';
import { Refusal, Rollback } from './complaint-change';
import { APPEAL_WINDOW_DAYS } from './appeal-rules';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';
import { normaliseTrackingCode } from './tracking-code';
import { words } from '../words';

/**
 * The complainant's reply PIN (docs/adr/0026-complainant-pin.md): six digits
 * drawn at intake, shown once (in submitComplaint's payload and inside the
 * acknowledgement), stored only as a salted hash in complainant_pins. With the
 * tracking code it lets the person answer, add evidence, appeal and rate —
 * the code alone still only shows the status (trackComplaint).
 */

export const PIN_DIGITS = 6;
/** Wrong PINs in a row a complaint takes before it locks. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long the first lock lasts; each further lock without a right PIN in between lasts twice as long, up to a day. */
export const LOCKOUT_MINUTES = 15;
export const MAX_LOCKOUT_MINUTES = 24 * 60;
/**
 * A finished complaint's PIN stops working this many days after it was resolved (or, never resolved — rejected,
 * merged — last changed): the appeal window, then a week in which a late appeal hears "the window is closed"
 * rather than "your PIN expired" — the more useful answer.
 */
export const PIN_VALID_DAYS_AFTER_FINISH = APPEAL_WINDOW_DAYS + 7;
const FINISHED: readonly ComplaintStatus[] = [ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, ComplaintStatus.REJECTED, ComplaintStatus.DUPLICATE];
const MS_PER_DAY = 86_400_000;

/** A fresh PIN and the hash to store: crypto.randomInt, uniform over 000000–999999. */
export function newReplyPin(): { pin: string; hash: string } {
  const pin = String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');
  return { pin, hash: hashPin(pin) };
}

/**
 * `sha256$salt$digest`: one SHA-256 of a 16-byte random salt and the PIN (about a microsecond; the intake's hot path
 * writes it in its one statement). A slow hash would not protect six digits anyway — a million guesses at 50 ms is
 * 14 hours of one core — so what keeps PINs safe is the per-complaint lockout; the hash keeps them out of backups,
 * replicas and support queries, and the salt makes equal PINs look different.
 */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `sha256$${salt.toString('base64url')}$${digest(salt, pin).toString('base64url')}`;
}

function digest(salt: Buffer, pin: string): Buffer {
  return createHash('sha256').update(salt).update(pin, 'utf8').digest();
}

/** Whether the PIN is the one hashed (compared in constant time). */
export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'sha256' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = digest(Buffer.from(salt, 'base64url'), pin);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** What the person typed, without spaces or dashes; null when it cannot be a PIN. */
function normalisePin(pin: string): string | null {
  const digits = pin.length <= 20 ? pin.replace(/[\s-]/g, '') : '';
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** What the tracking code and PIN credit the caller with. */
export interface ComplainantCredentials {
  trackingCode: string;
  pin: string;
}

interface PinRow { pinHash: string | null; failedAttempts: number | null; lockedUntil: Date | null }

const CODE_FIELD = ['input', 'trackingCode'];
const PIN_FIELD = ['input', 'pin'];

export const UNKNOWN_CODE: Refusal = { code: UserErrorCode.NOT_FOUND, field: CODE_FIELD, ...words('complaints.unknownTrackingCode') };

/**
 * Runs `work` on the complaint the tracking code names, locked, once the PIN
 * proves the caller is its complainant — in one transaction. The refusals, in
 * this order: an unknown code (NOT_FOUND, as trackComplaint's null: nothing
 * more is told), a complaint locked after too many wrong PINs (PIN_LOCKED), a
 * PIN that no longer works (PIN_EXPIRED), a wrong PIN (PIN_INCORRECT, with the
 * tries left; the fifth locks it). A wrong PIN's count is committed though the
 * step is refused; a refusal of `work` (a thrown Rollback) undoes everything.
 */
export async function asComplainant<T>(
  ctx: RequestContext,
  credentials: ComplainantCredentials,
  refused: (refusal: Refusal, row: ComplaintRow | null) => T,
  work: (manager: EntityManager, row: ComplaintRow) => Promise<T>,
): Promise<T> {
  const code = credentials.trackingCode.length <= 40 ? normaliseTrackingCode(credentials.trackingCode) : null;
  if (!code) return refused(UNKNOWN_CODE, null);
  try {
    return await ctx.dataSource.transaction(async (manager) => {
      const now = ctx.now();
      // The complaint first, then its PIN: every path locks them in this order.
      const [row]: (ComplaintRow & PinRow)[] = await manager.query(
        `SELECT ${COMPLAINT_COLUMNS}, p.pin_hash AS "pinHash", p.failed_attempts AS "failedAttempts", p.locked_until AS "lockedUntil"
           FROM complaints c LEFT JOIN complainant_pins p ON p.complaint_id = c.id
          WHERE c.tracking_code = $1 FOR UPDATE OF c`,
        [code],
      );
      if (!row) return refused(UNKNOWN_CODE, null);
      if (row.lockedUntil && row.lockedUntil > now) return refused(lockedRefusal(row.lockedUntil, now), row);
      if (!row.pinHash || pinExpired(row, now)) return refused(expiredRefusal(), row);
      const pin = normalisePin(credentials.pin);
      if (!pin || !pinMatches(pin, row.pinHash)) {
        // Counted until a right PIN: every fifth locks, each lock twice as long as the one before (15 min … 24 h),
        // so a guesser gets five tries a day once past the first locks — a million PINs are out of reach.
        const failures = Math.min((row.failedAttempts ?? 0) + 1, 32_000);
        if (failures % MAX_FAILED_ATTEMPTS === 0) {
          const minutes = Math.min(LOCKOUT_MINUTES * 2 ** (failures / MAX_FAILED_ATTEMPTS - 1), MAX_LOCKOUT_MINUTES);
          const until = new Date(now.getTime() + minutes * 60_000);
          await manager.query('UPDATE complainant_pins SET failed_attempts = $2, locked_until = $3 WHERE complaint_id = $1', [row.id, failures, until]);
          return refused(lockedRefusal(until, now), row);
        }
        await manager.query('UPDATE complainant_pins SET failed_attempts = $2 WHERE complaint_id = $1', [row.id, failures]);
        return refused(incorrectRefusal(MAX_FAILED_ATTEMPTS - (failures % MAX_FAILED_ATTEMPTS)), row);
      }
      if (row.failedAttempts || row.lockedUntil) {
        await manager.query('UPDATE complainant_pins SET failed_attempts = 0, locked_until = NULL WHERE complaint_id = $1', [row.id]);
      }
      return work(manager, row);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
}

/** Finished, and long enough ago that nothing is left to do by code (PIN_VALID_DAYS_AFTER_FINISH). */
export function pinExpired(row: Pick<ComplaintRow, 'status' | 'resolvedAt' | 'updatedAt'>, now: Date): boolean {
  if (!FINISHED.includes(row.status)) return false;
  const finishedAt = row.resolvedAt ?? row.updatedAt;
  return now.getTime() - finishedAt.getTime() > PIN_VALID_DAYS_AFTER_FINISH * MS_PER_DAY;
}

function incorrectRefusal(triesLeft: number): Refusal {
  return { code: UserErrorCode.PIN_INCORRECT, field: PIN_FIELD, ...words('complaints.pinIncorrect', { triesLeft, lockoutMinutes: LOCKOUT_MINUTES }) };
}

function lockedRefusal(until: Date, now: Date): Refusal {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return { code: UserErrorCode.PIN_LOCKED, field: PIN_FIELD, ...words('complaints.pinLocked', { failures: MAX_FAILED_ATTEMPTS, minutes }) };
}

function expiredRefusal(): Refusal {
  return { code: UserErrorCode.PIN_EXPIRED, field: PIN_FIELD, ...words('complaints.pinExpired', { days: PIN_VALID_DAYS_AFTER_FINISH }) };
}

/** A complaint that does not wait for what the person sent (e.g. an answer when no information was asked). */
export function notAwaitingRefusal(what: 'answer'): Refusal {
  return { code: UserErrorCode.NOT_AWAITING_COMPLAINANT, field: CODE_FIELD, ...words('complaints.notAwaiting', { what }) };
}

/** Rolls the transaction back and answers the refusal (for refusals inside `work`). */
export function rollbackWith<T>(refused: (refusal: Refusal, row: ComplaintRow | null) => T, refusal: Refusal, row: ComplaintRow | null): never {
  throw new Rollback(refused(refusal, row));
}
