import { DataSource, EntityManager } from 'typeorm';
import { ClientPrincipal, Role } from '../auth/principal';
import { ComplaintStatus, OrganisationKind, SlaStage, Tier, TIER_ORDER, TimeZone } from '../common/enums';
import { selectPolicy, SlaPolicy } from '../escalation/sla';
import { SlaPolicyEntity } from '../escalation/sla-policy.entity';
import { UserErrorCode } from '../graphql/user-error';
import { hiddenFromVillage } from './complaint-scope';
import type { Refusal } from './complaint-change';
import { ComplaintRow } from './complaint.row';
import type { ComplaintStep } from './complaints.words';
import { Said, words } from '../words';

/**
 * Rules shared by the handling steps (verify, assign, refer, reject …): who
 * may take part, which statuses allow what, and text checks with messages
 * from the catalogue of words (complaints.words.ts). The steps themselves live one file per mutation.
 */

/** Statuses in which a complaint is still being handled (the SLA clock runs or is paused). */
export const HANDLING_STATUSES: readonly ComplaintStatus[] = [
  ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS, ComplaintStatus.PENDING_INFO,
];

export const HANDLER_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.VILLAGE_OFFICE, OrganisationKind.DISTRICT_OFFICE, OrganisationKind.PROVINCE_OFFICE, OrganisationKind.MINISTRY,
];

/** A refusal with its message from the catalogue of words: `refuse(code, field, words('complaints.…', params))`. */
export function refuse(code: UserErrorCode, field: string[] | undefined, message: Said): { refuse: Refusal } {
  return { refuse: { code, field, ...message } };
}

/** A free text of the input, trimmed, or the refusal (naming the field) when it is empty or too long. */
export function text(value: string, field: string[], max: number): { value: string } | { refuse: Refusal } {
  const trimmed = value.trim();
  if (trimmed.length >= 1 && trimmed.length <= max) return { value: trimmed };
  const name = field[field.length - 1];
  return refuse(UserErrorCode.INVALID_INPUT, field, words('complaint.textLength', { field: name, max }));
}

/** The refusal for a step the complaint's status does not allow. */
export function wrongStatus(row: ComplaintRow, step: ComplaintStep): { refuse: Refusal } {
  return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'complaintId'], words('complaint.wrongStatus', { status: row.status, step }));
}

/** The time zone of a complaint's village: SLA days are counted in it. */
export async function regionZone(manager: EntityManager, regionCode: string): Promise<TimeZone> {
  const [{ time_zone: zone }] = await manager.query('SELECT time_zone FROM regions WHERE code = $1', [regionCode]);
  return zone as TimeZone;
}

/**
 * The policy that timed a complaint's stage, for pushing its due date back
 * after a pause (resumeAfterPause needs its unit). Read at the moment of use:
 * resuming is rare, and the operators may have changed a policy since.
 */
export async function stagePolicy(db: DataSource | EntityManager, row: ComplaintRow, stage: SlaStage): Promise<SlaPolicy | undefined> {
  const policies = await db.getRepository(SlaPolicyEntity).find();
  const policy = selectPolicy(policies, { stage, tier: row.currentTier, category: row.category, programCode: row.programCode });
  return policy && { stage: policy.stage, duration: policy.duration, unit: policy.unit, atRiskFraction: Number(policy.atRiskFraction) };
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  tier: Tier | null;
  jurisdictionRegionCode: string | null;
}

/** An enabled organisation by id; disabled ones are as good as missing. */
export async function findOrganisation(manager: EntityManager, id: string | null): Promise<OrganisationRow | null> {
  if (!id) return null;
  const [row] = await manager.query(
    `SELECT id, name, kind, tier, jurisdiction_region_code AS "jurisdictionRegionCode" FROM organisations WHERE id = $1 AND disabled_at IS NULL`,
    [id],
  );
  return row ?? null;
}

/**
 * Whether a handling office sees a complaint: its jurisdiction contains the
 * village, and a village office never sees complaints about officials or
 * those that bypass it (the
 * same rule as complaintScopeSql, for an organisation that is not the caller).
 */
export function officeSees(office: OrganisationRow, row: ComplaintRow): boolean {
  if (!HANDLER_KINDS.includes(office.kind)) return false;
  const code = office.jurisdictionRegionCode;
  if (code === null) return office.kind === OrganisationKind.MINISTRY;
  if (!(row.regionCode === code || row.regionCode.startsWith(`${code}.`))) return false;
  return office.kind !== OrganisationKind.VILLAGE_OFFICE || !hiddenFromVillage(row);
}

/** Whether an office's tier is at or above a complaint's current tier. */
export function atOrAbove(office: OrganisationRow, tier: Tier): boolean {
  return office.tier !== null && TIER_ORDER.indexOf(office.tier) >= TIER_ORDER.indexOf(tier);
}

export const isHandler = (principal: ClientPrincipal) => principal.role === Role.HANDLER;

/** VERIFIED becomes IN_PROGRESS once someone takes it up (assigned, referred, visited); other statuses stay. */
export function takenUp(status: ComplaintStatus): ComplaintStatus {
  return status === ComplaintStatus.VERIFIED ? ComplaintStatus.IN_PROGRESS : status;
}
