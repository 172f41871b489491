// Where each case stands, as the family would see it on the public tracker: the NGO relays it to them.
import type { AduanClient, TrackComplaintQuery } from '@aduan/sdk';

export type Tracking = NonNullable<TrackComplaintQuery['trackComplaint']>;

/**
 * The public tracker (`trackComplaint`) rather than the NGO's own view (`complaint`): it shows exactly
 * what the family sees with their code, and it reads no personal data at all.
 */
export function track(aduan: AduanClient, trackingCode: string): Promise<Tracking | null | undefined> {
  return aduan.trackComplaint(trackingCode);
}

/** Deadlines in WIB, with the zone written out: the NGO's staff and the families read them as local time. */
const WIB = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' });

export function formatStatus(caseId: string, tracking: Tracking): string[] {
  const due = tracking.dueAt ? `tenggat ${WIB.format(new Date(tracking.dueAt))} WIB` : 'tanpa tenggat';
  const lines = [`${caseId}  ${tracking.trackingCode}  ${tracking.statusLabel}  ${tracking.tierLabel}  ${due}`];
  const latest = tracking.publicResponses.at(-1);
  if (latest) lines.push(`    tanggapan terakhir (${WIB.format(new Date(latest.at))} WIB): ${latest.message}`);
  return lines;
}
