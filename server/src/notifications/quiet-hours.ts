import { TimeZone } from '../common/enums';
import { NotificationKind } from './transport';

/** Nothing is sent from 21:00 until 06:00 in the complainant's own zone (their village's), except the acknowledgement. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 6;

/** Indonesia keeps no daylight saving: each zone is a fixed offset from UTC. */
const OFFSET_HOURS: Record<TimeZone, number> = { [TimeZone.WIB]: 7, [TimeZone.WITA]: 8, [TimeZone.WIT]: 9 };

/** When the quiet hours `at` falls in end (06:00 local), or null when `at` is daytime there. */
export function endOfQuietHours(at: Date, zone: TimeZone): Date | null {
  const offset = (OFFSET_HOURS[zone] ?? 7) * 3_600_000;
  const local = new Date(at.getTime() + offset);
  const hour = local.getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return null;
  const morning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + (hour >= QUIET_FROM_HOUR ? 1 : 0), QUIET_UNTIL_HOUR);
  return new Date(morning - offset);
}

/**
 * The earliest a notification of this kind may go at or after `at`: at once for
 * the acknowledgement (the person has just spoken to us and waits for their
 * code and PIN), otherwise not before the quiet hours end.
 */
export function earliestSend(kind: NotificationKind, at: Date, zone: TimeZone): Date {
  if (kind === NotificationKind.ACKNOWLEDGED) return at;
  return endOfQuietHours(at, zone) ?? at;
}
