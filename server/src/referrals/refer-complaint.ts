import { randomUUID } from 'node:crypto';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { OrganisationKind } from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { changeComplaint } from '../complaints/complaint-change';
import { uuidOf } from '../graphql/global-id';
import { FINISHED_STATUSES } from '../complaints/complaint-query.service';
import { Complaint } from '../complaints/complaint.type';
import { findOrganisation, HANDLER_KINDS, officeSees, refuse, regionZone, takenUp, text, wrongStatus } from '../complaints/handling-rules';
import { ensureDaysOffCalendar } from '../escalation/days-off/days-off.service';
import { addWorkingDays } from '../escalation/working-days';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { ReferralStatus } from './referral.entity';
import { referralScopeSql } from './referral.loaders';
import { Referral, REFERRAL_COLUMNS, ReferralRow } from './referral.type';
import { words } from '../words';

const OPERATION = 'referComplaint';
/** How long the organisation referred to has to answer, as in the demo data and the banks' service agreements. */
export const REFERRAL_ANSWER_WORKING_DAYS = 5;

@InputType({ description: 'Refer a complaint to a bank or another office, which is asked to answer.' })
export class ReferComplaintInput {
  @Field({ description: 'Your key for this referral (1–128 characters): the same key within 24 h returns the first result and creates nothing.' })
  idempotencyKey: string;

  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field(() => ID, { description: 'The organisation asked (an Organisation id): a bank, or a social office that can see the complaint (e.g. the village office for a field check).' })
  organisationId: string;

  @Field({ description: 'What is asked of it (1–2000 characters). Seen by handlers, auditors and the organisation referred to; not public.' })
  reason: string;
}

@ObjectType({ description: 'The result of referComplaint.' })
export class ReferComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => Referral, { nullable: true, description: 'The referral made; null when userErrors says why not.' })
  referral: Referral | null;

  @Field(() => [UserError], { description: 'Why it was not referred; empty on success.' })
  userErrors: UserError[];
}

@InputType({ description: 'Answer a referral made to your organisation.' })
export class AnswerReferralInput {
  @Field(() => ID, { description: 'The referral.' })
  referralId: string;

  @Field({ description: 'The answer (1–4000 characters), for the referring office; it tells the complainant in its own words.' })
  answer: string;
}

@ObjectType({ description: 'The result of answerReferral.' })
export class AnswerReferralPayload {
  @Field(() => Referral, { nullable: true, description: 'The referral after the answer (or as it is, when userErrors says why not).' })
  referral: Referral | null;

  @Field(() => Complaint, { nullable: true, description: 'The complaint referred, with the REFERRAL_ANSWERED event.' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why the answer was not recorded; empty on success.' })
  userErrors: UserError[];
}

/**
 * Creates an OPEN referral; the bank then sees the complaint (complaintScopeSql
 * lets banks see what is referred to them). Only banks and offices that see the
 * complaint anyway may be asked: a portal, an NGO or an office elsewhere would
 * be given a complaint the contract keeps from them. The REFERRED event is
 * public (the complainant learns who was asked, as at intake); the reason is not.
 */
export async function referComplaint(ctx: RequestContext, principal: ClientPrincipal, input: ReferComplaintInput): Promise<ReferComplaintPayload> {
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    const reason = text(input.reason, ['input', 'reason'], 2000);
    if ('refuse' in reason) return reason;
    if (FINISHED_STATUSES.includes(row.status)) return wrongStatus(row, 'refer');
    const to = await findOrganisation(manager, uuidOf(input.organisationId, 'Organisation'));
    if (!to) return refuse(UserErrorCode.NOT_FOUND, ['input', 'organisationId'], words('organisation.notFound'));
    const eligible = to.kind === OrganisationKind.BANK || (HANDLER_KINDS.includes(to.kind) && to.id !== principal.organisationId && officeSees(to, row));
    if (!eligible) {
      return refuse(UserErrorCode.INELIGIBLE_ORGANISATION, ['input', 'organisationId'], words('referrals.ineligibleOrganisation', { organisation: to.name }));
    }
    const [open] = await manager.query(`SELECT 1 FROM referrals WHERE complaint_id = $1 AND to_organisation_id = $2 AND status = 'OPEN'`, [row.id, to.id]);
    if (open) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'organisationId'], words('referrals.pendingAlready', { organisation: to.name }));
    }
    const now = ctx.now();
    const referralId = randomUUID(); // known before the insert, so that the event can name it
    const status = takenUp(row.status);
    await ensureDaysOffCalendar(ctx.primary);
    const answerBy = addWorkingDays(now, REFERRAL_ANSWER_WORKING_DAYS, await regionZone(manager, row.regionCode));
    return {
      set: { status },
      events: [{
        type: ComplaintEventType.REFERRED, visibility: EventVisibility.PUBLIC,
        message: `Diteruskan kepada ${to.name} untuk ditindaklanjuti.`, data: { referralId, toOrganisationId: to.id },
      }],
      after: async (m) => {
        await m.query(
          `INSERT INTO referrals (id, complaint_id, to_organisation_id, from_organisation_id, reason, status, due_at, created_at)
           VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, $7)`,
          [referralId, row.id, to.id, principal.organisationId, reason.value, answerBy, now],
        );
        return { referralId };
      },
    };
  }, { idempotency: { operation: OPERATION, key: input.idempotencyKey, input } });
  const referralId = result.created?.referralId;
  const referral = referralId ? await ctx.loaders.referralByIdLoader.load(referralId) : null;
  return Object.assign(new ReferComplaintPayload(), {
    complaint: result.complaint && Complaint.from(result.complaint),
    referral: referral && Referral.from(referral),
    userErrors: result.userErrors,
  });
}

/**
 * OPEN → ANSWERED, by the organisation referred to (a bank, or an office). The
 * referral's status is the guard against answering twice, so no version is
 * asked: a bank answering never raced the handlers' edits. Banks have no tier,
 * hence requireActingTier: false; being the referral's target is the check.
 * The public REFERRAL_ANSWERED event says that an answer came, not what it
 * says: a bank's answer may carry account details, and the handler tells the
 * complainant the outcome with respondToComplaint.
 */
export async function answerReferral(ctx: RequestContext, principal: ClientPrincipal, input: AnswerReferralInput): Promise<AnswerReferralPayload> {
  const errors = new UserErrors(ctx.locale);
  const payload = (referral: ReferralRow | null, complaint: Complaint | null, userErrors: UserError[]) =>
    Object.assign(new AnswerReferralPayload(), { referral: referral && Referral.from(referral), complaint, userErrors });
  const id = uuidOf(input.referralId, 'Referral');
  const visible = id ? await ctx.loaders.referralByIdLoader.load(id) : null;
  if (!visible) {
    errors.add(['input', 'referralId'], UserErrorCode.NOT_FOUND, 'referrals.notFound');
    return payload(null, null, errors.list);
  }
  let answered = null as ReferralRow | null; // widened: set inside `after`, which narrowing cannot see
  const result = await changeComplaint(ctx, principal, { complaintId: toGlobalId('Complaint', visible.complaintId), version: null }, async (row, manager) => {
    const answer = text(input.answer, ['input', 'answer'], 4000);
    if ('refuse' in answer) return answer;
    const params: unknown[] = [visible.id];
    const [referral]: ReferralRow[] = await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals r JOIN complaints c ON c.id = r.complaint_id WHERE r.id = $1 AND (${referralScopeSql(principal, params)}) FOR UPDATE OF r`,
      params,
    );
    if (!referral) return refuse(UserErrorCode.NOT_FOUND, ['input', 'referralId'], words('referrals.notFound'));
    if (referral.toOrganisationId !== principal.organisationId) {
      return refuse(UserErrorCode.INELIGIBLE_ORGANISATION, ['input', 'referralId'], words('referrals.madeToAnother'));
    }
    if (referral.status !== ReferralStatus.OPEN) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'referralId'], words('referrals.answeredAlready', { status: referral.status }));
    }
    const now = ctx.now();
    return {
      set: {},
      events: [{
        type: ComplaintEventType.REFERRAL_ANSWERED, visibility: EventVisibility.PUBLIC, data: { referralId: referral.id },
        message: `${principal.organisationName} telah menjawab rujukan; petugas akan menyampaikan tindak lanjutnya.`,
      }],
      after: async (m) => {
        [[answered]] = await m.query(
          `UPDATE referrals r SET status = 'ANSWERED', answer = $2, answered_at = $3 WHERE r.id = $1 RETURNING ${REFERRAL_COLUMNS}`,
          [referral.id, answer.value, now],
        );
      },
    };
  }, { requireActingTier: false });
  return payload(answered ?? visible, result.complaint && Complaint.from(result.complaint), result.userErrors);
}
