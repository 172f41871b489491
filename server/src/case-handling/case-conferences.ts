import { toGlobalId } from '../graphql/global-id';
import { emitWebhookEvents } from '../webhooks/emit-webhook-events';
import { WebhookEventType } from '../webhooks/webhook.entity';
import { randomUUID } from 'node:crypto';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { applyChange, lockComplaints, Rollback, transactionOrRollback } from '../complaints/complaint-change';
import { uuidOf } from '../graphql/global-id';
import { FINISHED_STATUSES } from '../complaints/complaint-query.service';
import { COMPLAINT_COLUMNS, ComplaintRow } from '../complaints/complaint.row';
import { formatLocalDateTime } from '../complaints/complaint.labels';
import { findOrganisation } from '../complaints/handling-rules';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { Bilingual, UserErrors } from '../graphql/user-errors';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import { CaseConferenceStatus } from './case-conference.entity';
import { caseConferenceScopeSql } from './case-handling.loaders';
import { CASE_CONFERENCE_COLUMNS, CaseConference, CaseConferenceRow } from './case-handling.types';
import { words } from '../words';

const OPERATION = 'scheduleCaseConference';
const MAX_COMPLAINTS = 20;
const MAX_PARTICIPANTS = 30;
const MAX_ACTIONS = 50;

@InputType({ description: 'Call a case conference on one or more complaints.' })
export class ScheduleCaseConferenceInput {
  @Field({ description: 'Your key for this conference (1–128 characters): the same key within 24 h returns the first result and creates nothing.' })
  idempotencyKey: string;

  @Field(() => [ID], { description: `The complaints to discuss (1–${MAX_COMPLAINTS}), each one you can see and still in handling.` })
  complaintIds: string[];

  @Field(() => [ID], { description: `The organisations invited (1–${MAX_PARTICIPANTS} Organisation ids): e.g. the district office, the bank, the village office, an LKS. Yours is added.` })
  participantIds: string[];

  @Field(() => Date, { description: 'When it meets; in the future.' })
  scheduledAt: Date;

  @Field({ description: 'Where it meets (1–300 characters).' })
  location: string;

  @Field({ description: 'What it is to settle (1–4000 characters).' })
  agenda: string;
}

@ObjectType({ description: 'The result of scheduleCaseConference.' })
export class ScheduleCaseConferencePayload {
  @Field(() => CaseConference, { nullable: true, description: 'The conference scheduled; null when userErrors says why not.' })
  caseConference: CaseConference | null;

  @Field(() => [UserError], { description: 'Why it was not scheduled; empty on success.' })
  userErrors: UserError[];
}

@InputType({ description: 'A follow-up agreed at a case conference.' })
export class CaseConferenceActionInput {
  @Field({ description: 'What is to be done (1–2000 characters).' })
  description: string;

  @Field(() => ID, { description: 'The organisation that does it (an Organisation id).' })
  responsibleOrganisationId: string;

  @Field(() => String, { nullable: true, description: 'By when, `YYYY-MM-DD`.' })
  dueOn?: string | null;
}

@InputType({ description: 'Record what a case conference decided.' })
export class RecordCaseConferenceInput {
  @Field(() => ID, { description: 'The conference.' })
  caseConferenceId: string;

  @Field({ description: 'What it decided (1–8000 characters). Handlers and auditors only.' })
  decisions: string;

  @Field(() => [CaseConferenceActionInput], { description: `The follow-ups agreed (at most ${MAX_ACTIONS}).` })
  actions: CaseConferenceActionInput[];

  @Field(() => Date, { nullable: true, description: 'When it was held; now when omitted. Not in the future.' })
  heldAt?: Date | null;
}

@ObjectType({ description: 'The result of recordCaseConference.' })
export class RecordCaseConferencePayload {
  @Field(() => CaseConference, { nullable: true, description: 'The conference after the record (or as it is, when userErrors says why not).' })
  caseConference: CaseConference | null;

  @Field(() => [UserError], { description: 'Why nothing was recorded; empty on success.' })
  userErrors: UserError[];
}

const invalid = (errors: UserErrors, field: (string | number)[], message: Bilingual) =>
  errors.add(['input', ...field.map(String)], UserErrorCode.INVALID_INPUT, message);

function checkText(errors: UserErrors, value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max) invalid(errors, [field], words('caseHandling.textLength', { field, max }));
  return trimmed;
}

/**
 * A conference is about several complaints at once, so it locks them all (in
 * id order: no deadlock with another conference on the same ones) rather than
 * taking one version: each gets an internal CASE_CONFERENCE_SCHEDULED event,
 * and with it a new version. Internal, because the agenda is about families.
 * Any handler who sees the complaints may convene: the province can gather
 * complaints of its districts; acting at their tier is not needed to talk.
 */
export async function scheduleCaseConference(ctx: RequestContext, principal: ClientPrincipal, input: ScheduleCaseConferenceInput): Promise<ScheduleCaseConferencePayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (row: CaseConferenceRow | null) => Object.assign(new ScheduleCaseConferencePayload(), { caseConference: row && CaseConference.from(row), userErrors: errors.list });
  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) invalid(errors, ['idempotencyKey'], words('idempotency.keyLength'));
  const location = checkText(errors, input.location, 'location', 300);
  const agenda = checkText(errors, input.agenda, 'agenda', 4000);
  const complaintIds = [...new Set(input.complaintIds)];
  const participantIds = [...new Set(input.participantIds)];
  if (complaintIds.length < 1 || complaintIds.length > MAX_COMPLAINTS) invalid(errors, ['complaintIds'], words('caseHandling.complaintCount', { max: MAX_COMPLAINTS }));
  if (participantIds.length < 1 || participantIds.length > MAX_PARTICIPANTS) invalid(errors, ['participantIds'], words('caseHandling.participantCount', { max: MAX_PARTICIPANTS }));
  const now = ctx.now();
  if (!(input.scheduledAt instanceof Date) || Number.isNaN(input.scheduledAt.getTime()) || input.scheduledAt <= now) {
    invalid(errors, ['scheduledAt'], words('caseHandling.scheduledAtFuture'));
  }
  if (errors.any) return answer(null);

  // Locks the complaints in id order, as every step locking several does (markDuplicate too): no deadlock with them.
  return transactionOrRollback(ctx, async (manager) => {
    const refuse = (field: (string | number)[], code: UserErrorCode, message: Bilingual): never => {
      errors.add(['input', ...field.map(String)], code, message);
      throw new Rollback(answer(null));
    };
    const claim = await claimIdempotencyKey<{ caseConferenceId: string }>(manager, principal.apiClientId, OPERATION, input.idempotencyKey, input);
    if (claim.kind === 'reused') {
      return refuse(['idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, words('idempotency.keyReused'));
    }
    if (claim.kind === 'repeat') return answer(await conferenceRow(manager, claim.result.caseConferenceId));

    const keys = complaintIds.map((id) => uuidOf(id, 'Complaint'));
    const rows = await lockComplaints(manager, principal, keys.filter((k): k is string => k !== null));
    const byId = new Map(rows.map((r) => [r.id, r]));
    keys.forEach((key, i) => {
      const row = key ? byId.get(key) : undefined;
      if (!row) refuse(['complaintIds', input.complaintIds.indexOf(complaintIds[i])], UserErrorCode.NOT_FOUND, words('complaint.notFound'));
      else if (FINISHED_STATUSES.includes(row.status)) {
        refuse(['complaintIds', input.complaintIds.indexOf(complaintIds[i])], UserErrorCode.INVALID_TRANSITION, words('caseHandling.complaintFinished', { trackingCode: row.trackingCode, status: row.status }));
      }
    });
    const participants = new Set<string>([principal.organisationId]);
    for (const id of participantIds) {
      const organisation = await findOrganisation(manager, uuidOf(id, 'Organisation'));
      if (!organisation) refuse(['participantIds', input.participantIds.indexOf(id)], UserErrorCode.NOT_FOUND, words('organisation.notFound'));
      else participants.add(organisation.id);
    }

    const conferenceId = randomUUID();
    await manager.query(
      `INSERT INTO case_conferences (id, convened_by_organisation_id, scheduled_at, location, agenda, status, created_at) VALUES ($1, $2, $3, $4, $5, 'SCHEDULED', $6)`,
      [conferenceId, principal.organisationId, input.scheduledAt, location, agenda, now],
    );
    await manager.query(`INSERT INTO case_conference_complaints (case_conference_id, complaint_id) SELECT $1, unnest($2::uuid[])`, [conferenceId, rows.map((r) => r.id)]);
    await manager.query(`INSERT INTO case_conference_participants (case_conference_id, organisation_id) SELECT $1, unnest($2::uuid[])`, [conferenceId, [...participants]]);
    const [{ time_zone: zone }] = await manager.query('SELECT time_zone FROM regions WHERE code = $1', [rows[0].regionCode]);
    for (const row of rows) {
      await applyChange(ctx, manager, principal, row, {
        set: {},
        events: [{
          type: ComplaintEventType.CASE_CONFERENCE_SCHEDULED, visibility: EventVisibility.INTERNAL, data: { caseConferenceId: conferenceId },
          message: `Konferensi kasus dijadwalkan ${formatLocalDateTime(input.scheduledAt, zone, 'id')} di ${location}: ${agenda}`,
        }],
      });
    }
    // Each organisation invited (not the convener) hears of its own invitation, and only of it (docs/adr/0031-workspace-api.md).
    await emitWebhookEvents(manager, [...participants].filter((id) => id !== principal.organisationId).map((organisationId) => ({
      type: WebhookEventType.CASE_CONFERENCE_INVITED, occurredAt: now, caseConferenceId: conferenceId, onlyOrganisationId: organisationId,
      data: { caseConference: { id: toGlobalId('CaseConference', conferenceId), scheduledAt: input.scheduledAt.toISOString(), complaintCount: rows.length } },
    })));
    await recordIdempotentResult(manager, principal.apiClientId, input.idempotencyKey, { caseConferenceId: conferenceId });
    return answer(await conferenceRow(manager, conferenceId));
  });
}

/**
 * SCHEDULED → HELD, with the decisions and the follow-up actions, each owned
 * by one organisation. Every complaint of the conference gets an internal
 * CASE_CONFERENCE_HELD event, also those the recording handler does not see:
 * the conference was about them all. Recording twice is refused, which makes a
 * retried call harmless without an idempotency key.
 */
export async function recordCaseConference(ctx: RequestContext, principal: ClientPrincipal, input: RecordCaseConferenceInput): Promise<RecordCaseConferencePayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (row: CaseConferenceRow | null) => Object.assign(new RecordCaseConferencePayload(), { caseConference: row && CaseConference.from(row), userErrors: errors.list });
  const decisions = checkText(errors, input.decisions, 'decisions', 8000);
  const now = ctx.now();
  const heldAt = input.heldAt ?? now;
  if (Number.isNaN(heldAt.getTime()) || heldAt > now) invalid(errors, ['heldAt'], words('caseHandling.heldAtFuture'));
  if (input.actions.length > MAX_ACTIONS) invalid(errors, ['actions'], words('caseHandling.actionCount', { max: MAX_ACTIONS }));
  const actions = input.actions.map((action, i) => {
    const description = action.description.trim();
    if (description.length < 1 || description.length > 2000) invalid(errors, ['actions', i, 'description'], words('caseHandling.actionDescription'));
    if (action.dueOn != null && !isDate(action.dueOn)) invalid(errors, ['actions', i, 'dueOn'], words('caseHandling.dueOnFormat'));
    return { description, dueOn: action.dueOn ?? null, organisationKey: uuidOf(action.responsibleOrganisationId, 'Organisation') };
  });
  const id = uuidOf(input.caseConferenceId, 'CaseConference');
  if (errors.any) return answer(id ? await ctx.loaders.caseConferenceByIdLoader.load(id) : null);

  // Locks the complaints in id order, as every step locking several does (markDuplicate too): no deadlock with them.
  return transactionOrRollback(ctx, async (manager) => {
    const refuse = (field: (string | number)[], code: UserErrorCode, message: Bilingual, row: CaseConferenceRow | null): never => {
      errors.add(['input', ...field.map(String)], code, message);
      throw new Rollback(answer(row));
    };
    const params: unknown[] = [id];
    const [conference]: CaseConferenceRow[] = id
      ? await manager.query(`SELECT ${CASE_CONFERENCE_COLUMNS} FROM case_conferences cc WHERE cc.id = $1 AND (${caseConferenceScopeSql(principal, params, { invited: false })}) FOR UPDATE`, params)
      : [];
    if (!conference) return refuse(['caseConferenceId'], UserErrorCode.NOT_FOUND, words('caseHandling.conferenceNotFound'), null);
    if (conference.status !== CaseConferenceStatus.SCHEDULED) {
      return refuse(['caseConferenceId'], UserErrorCode.INVALID_TRANSITION, words('caseHandling.conferenceNotScheduled', { status: conference.status }), conference);
    }
    for (const [i, action] of actions.entries()) {
      const organisation = await findOrganisation(manager, action.organisationKey);
      if (!organisation) refuse(['actions', i, 'responsibleOrganisationId'], UserErrorCode.NOT_FOUND, words('organisation.notFound'), conference);
    }
    await manager.query(`UPDATE case_conferences SET status = 'HELD', decisions = $2, held_at = $3 WHERE id = $1`, [conference.id, decisions, heldAt]);
    for (const [index, action] of actions.entries()) {
      const position = index + 1;
      await manager.query(
        `INSERT INTO case_conference_actions (case_conference_id, position, description, responsible_organisation_id, due_on, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [conference.id, position, action.description, action.organisationKey, action.dueOn, now],
      );
    }
    for (const row of await conferenceComplaints(manager, conference.id)) {
      await applyChange(ctx, manager, principal, row, {
        set: {},
        events: [{
          type: ComplaintEventType.CASE_CONFERENCE_HELD, visibility: EventVisibility.INTERNAL,
          message: decisions, data: { caseConferenceId: conference.id, heldAt: heldAt.toISOString(), actions: actions.length },
        }],
      });
    }
    return answer(await conferenceRow(manager, conference.id));
  });
}

async function conferenceRow(manager: EntityManager, id: string): Promise<CaseConferenceRow | null> {
  const [row] = await manager.query(`SELECT ${CASE_CONFERENCE_COLUMNS} FROM case_conferences cc WHERE cc.id = $1`, [id]);
  return row ?? null;
}

/** All the conference's complaints, locked in id order, whoever sees them. */
async function conferenceComplaints(manager: EntityManager, id: string): Promise<ComplaintRow[]> {
  return manager.query(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaints c JOIN case_conference_complaints k ON k.complaint_id = c.id
      WHERE k.case_conference_id = $1 ORDER BY c.id FOR UPDATE OF c`,
    [id],
  );
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
