import type { NotificationChannel } from '../notifications/transport';
import { ComplaintCategory, ComplaintStatus, ResolutionDecision, Tier } from '../common/enums';

/** A complaint as the API reads it: selected with COMPLAINT_COLUMNS from `complaints c`. */
export interface ComplaintRow {
  id: string;
  trackingCode: string;
  status: ComplaintStatus;
  category: ComplaintCategory;
  programCode: string;
  channelCode: string;
  regionCode: string;
  currentTier: Tier;
  description: string;
  occurredOn: string | null;
  complainantName: string | null;
  complainantPhone: string | null;
  complainantNik: string | null;
  complainantEmail: string | null;
  /** The channel the complainant agreed to be told through (docs/adr/0025-notifications.md); null: no consent. */
  notifyVia: NotificationChannel | null;
  notifyConsentAt: Date | null;
  anonymous: boolean;
  confidential: boolean;
  /** Hidden from the village office (a whistleblower's WRONG_TARGET complaint): complaint-scope.ts. */
  bypassVillage: boolean;
  subjectNik: string | null;
  subjectRecipientId: string | null;
  submittedByOrganisationId: string | null;
  assignedOrganisationId: string | null;
  assignedOfficerName: string | null;
  /** assignComplaint's officer (an `officers` row: docs/adr/0030-officers.md), read by officerByIdLoader when asked for. */
  assignedOfficerId: string | null;
  dueAt: Date | null;
  slaStartedAt: Date;
  slaPausedAt: Date | null;
  resolutionDecision: ResolutionDecision | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolutionRating: number | null;
  resolutionComment: string | null;
  ratedAt: Date | null;
  duplicateOfId: string | null;
  appealOfId: string | null;
  locale: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** created_at and due_at to the microsecond, for keyset cursors (a JS Date keeps milliseconds only). */
  createdAtCursor: string;
  dueAtCursor: string | null;
}

/** Raw SQL, not entity hydration: the inbox reads many rows, and this is what it needs. */
export const COMPLAINT_COLUMNS = `
  c.id, c.tracking_code AS "trackingCode", c.status, c.category, c.program_code AS "programCode",
  c.channel_code AS "channelCode", c.region_code AS "regionCode", c.current_tier AS "currentTier",
  c.description, c.occurred_on AS "occurredOn", c.complainant_name AS "complainantName",
  c.complainant_phone AS "complainantPhone", c.complainant_nik AS "complainantNik",
  c.complainant_email AS "complainantEmail", c.notify_via AS "notifyVia", c.notify_consent_at AS "notifyConsentAt", c.anonymous, c.confidential,
  c.bypass_village AS "bypassVillage",
  c.subject_nik AS "subjectNik", c.subject_recipient_id AS "subjectRecipientId",
  c.submitted_by_organisation_id AS "submittedByOrganisationId", c.assigned_organisation_id AS "assignedOrganisationId",
  c.assigned_officer_name AS "assignedOfficerName",
  c.assigned_officer_id AS "assignedOfficerId", c.due_at AS "dueAt", c.sla_started_at AS "slaStartedAt",
  c.sla_paused_at AS "slaPausedAt", c.resolution_decision AS "resolutionDecision", c.resolved_at AS "resolvedAt",
  c.closed_at AS "closedAt", c.resolution_rating AS "resolutionRating", c.resolution_comment AS "resolutionComment",
  c.rated_at AS "ratedAt", c.duplicate_of_id AS "duplicateOfId", c.appeal_of_id AS "appealOfId", c.locale,
  c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtCursor", to_char(c.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "dueAtCursor"`;

/** A timestamp column as text to the microsecond, for cursors: JS Dates would truncate it and skip rows. */
export const exactTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
