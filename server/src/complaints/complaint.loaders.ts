import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { keyedLoader } from '../graphql/loader';
import { ComplaintEventRow } from './complaint-event.type';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';
import { complaintScopeSql, seesInternalEvents } from './complaint-scope';
import { UUID } from '../common/uuid';
import { possibleDuplicatesLoader } from './possible-duplicates';

export interface TimelineKey {
  complaintId: string;
  /** Events after this seq (the cursor); 0 for the start. */
  afterSeq: number;
  first: number;
  includeInternal: boolean;
}

export interface TimelinePage { rows: ComplaintEventRow[]; total: number; hasNextPage: boolean }

/** A ComplaintEventRow from `complaint_events` aliased `e`. */
const EVENT_COLUMNS = `e.id, e.complaint_id AS "complaintId", e.seq, e.type, e.visibility,
  e.actor_organisation_id AS "actorOrganisationId", e.actor_officer_name AS "actorOfficerName",
  CASE WHEN e.actor_officer_id IS NOT NULL THEN (SELECT o.external_id FROM officers o WHERE o.id = e.actor_officer_id) END AS "actorOfficerId", e.from_status AS "fromStatus", e.to_status AS "toStatus",
  e.from_tier AS "fromTier", e.to_tier AS "toTier", e.message, e.occurred_at AS "occurredAt",
  CASE WHEN e.type::text LIKE 'NOTIFICATION\\_%' THEN e.data END AS "notificationData"`;


export function createComplaintLoaders(dataSource: DataSource, principal: () => Principal) {
  return {
    /** Complaints by id, within the caller's scope: outside it is the same as missing. */
    complaintByIdLoader: keyedLoader<string, ComplaintRow>(async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return [];
      const params: unknown[] = [valid];
      const scope = complaintScopeSql(principal(), params);
      return dataSource.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = ANY($1::uuid[]) AND (${scope})`, params);
    }, (row) => row.id),

    /**
     * Timeline events by id, for `node(id)`: an event is within reach when its
     * complaint is (the same scope as complaintByIdLoader), and an internal one
     * only for those who see internal events in the timeline.
     */
    complaintEventByIdLoader: keyedLoader<string, ComplaintEventRow>(async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return [];
      const params: unknown[] = [valid, seesInternalEvents(principal())];
      const scope = complaintScopeSql(principal(), params);
      return dataSource.query(
        `SELECT ${EVENT_COLUMNS} FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
          WHERE e.id = ANY($1::uuid[]) AND (e.visibility = 'PUBLIC' OR $2) AND (${scope})`,
        params,
      );
    }, (row) => row.id),

    /**
     * A page of each complaint's timeline, for many complaints in one statement
     * (keys that share page arguments are batched together).
     */
    timelineByComplaintLoader: new DataLoader<TimelineKey, TimelinePage, string>(async (keys) => {
      const groups = new Map<string, TimelineKey[]>();
      for (const key of keys) {
        const group = `${key.afterSeq}:${key.first}:${key.includeInternal}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const pages = new Map<string, TimelinePage>();
      for (const group of groups.values()) {
        const { afterSeq, first, includeInternal } = group[0];
        const rows: (ComplaintEventRow & { total: number; forComplaint: string })[] = await dataSource.query(
          `SELECT k.id AS "forComplaint", cnt.total, ev.id, ev."complaintId", ev.seq, ev.type, ev.visibility, ev."actorOrganisationId", ev."actorOfficerName", ev."actorOfficerId",
                  ev."fromStatus", ev."toStatus", ev."fromTier", ev."toTier", ev.message, ev."occurredAt", ev."notificationData"
             FROM unnest($1::uuid[]) AS k(id)
             CROSS JOIN LATERAL (
               SELECT count(*)::int AS total FROM complaint_events e
                WHERE e.complaint_id = k.id AND (e.visibility = 'PUBLIC' OR $3)) cnt
             LEFT JOIN LATERAL (
               SELECT ${EVENT_COLUMNS}
                 FROM complaint_events e
                WHERE e.complaint_id = k.id AND e.seq > $2 AND (e.visibility = 'PUBLIC' OR $3)
                ORDER BY e.seq LIMIT $4) ev ON TRUE
            ORDER BY k.id, ev.seq`,
          [group.map((k) => k.complaintId), afterSeq, includeInternal, first + 1],
        );
        for (const key of group) {
          const mine = rows.filter((r) => r.forComplaint === key.complaintId);
          const events = mine.filter((r) => r.id !== null);
          pages.set(timelineCacheKey(key), {
            rows: events.slice(0, first),
            total: mine[0]?.total ?? 0,
            hasNextPage: events.length > first,
          });
        }
      }
      return keys.map((key) => pages.get(timelineCacheKey(key))!);
    }, { cacheKeyFn: timelineCacheKey }),

    /** Complaint.possibleDuplicates and submitComplaint's: for every complaint of a page in one statement (possible-duplicates.ts). */
    possibleDuplicatesByComplaintLoader: possibleDuplicatesLoader(dataSource, principal),
  };
}

function timelineCacheKey(key: TimelineKey): string {
  return `${key.complaintId}:${key.afterSeq}:${key.first}:${key.includeInternal}`;
}
