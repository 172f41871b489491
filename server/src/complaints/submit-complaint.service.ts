import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ClientPrincipal, Role } from '../auth/principal';
import { ChannelKind, ComplaintCategory, RegionLevel, SlaStage, Tier, TIER_ORDER, TimeZone } from '../common/enums';
import { normaliseEmail, normalisePhone } from '../common/personal-data';
import { acknowledgementNeeded, ATTEMPTS_PER_NOTIFICATION, queueNotificationJobs } from '../notifications/queue-notifications';
import type { NotificationParams } from '../notifications/notification-words';
import { NotificationChannel, NotificationKind } from '../notifications/transport';
import { stageDueAt } from '../escalation/sla-policy.service';
import type { RequestContext } from '../graphql/context';
import { UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { Said, words } from '../words';
import { idempotencyClaimCte, readIdempotencyClaim } from '../idempotency/idempotency.service';
import { validateNik } from '../recipients/nik';
import { ReferralStatus } from '../referrals/referral.entity';
import { COUNTER_SHARDS } from '../office-records/office-record.entities';
import { linkNewComplaint } from '../disbursements/disbursement-links';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { applyChange } from './complaint-change';
import { complaintScopeSql, CONFLICT_OF_INTEREST_CATEGORIES } from './complaint-scope';
import { acknowledgementText } from './complaint.labels';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';
import { Complaint } from './complaint.type';
import { SubmitComplaintInput, SubmitComplaintPayload } from './submit-complaint.input';
import { handlingOffices, Route, routeComplaint } from './intake-offices';
import { newTrackingCode } from './tracking-code';
import { newReplyPin } from './complainant-pin';

const OPERATION = 'submitComplaint';

/** The unique index that keeps tracking codes unique: a clash means drawing another code. */
const TRACKING_CODE_INDEX = 'uq_complaints_tracking_code';

/**
 * What a repeat of the same key and input answers for 24 h (then the record is deleted): the PIN too, in clear — a
 * retry is how an intake tool recovers an answer it lost, and without it the person would never get their PIN
 * (docs/adr/0026-complainant-pin.md). Older records have no replyPin: the repeat answers null.
 */
interface StoredResult { complaintId: string; acknowledgement: string; replyPin?: string }

interface ValidInput {
  channel: string;
  programCode: string;
  category: ComplaintCategory;
  description: string;
  regionCode: string;
  zone: TimeZone;
  name: string;
  phone: string;
  email: string | null;
  /** The channel the person agreed to be told through; null: not told. */
  notifyVia: NotificationChannel | null;
  /** The intake channel's tool does not show the acknowledgement: it is sent (when they consented). */
  acknowledge: boolean;
  nik: string | null;
  anonymous: boolean;
  confidential: boolean;
  /** A whistleblower's WRONG_TARGET complaint: the village office kept out (routeComplaint, complaint-scope.ts). */
  bypassVillage: boolean;
  subjectNik: string | null;
  occurredOn: string | null;
}

/**
 * Intake: validate, claim the idempotency key, route to the lowest tier with an
 * office for the village (conduct complaints skip the village), refer failed
 * transfers to the disbursing bank, start the verification clock, and answer
 * with the tracking code and an acknowledgement.
 *
 * One round trip in the common case (docs/benchmarks.md, docs/adr/0014): the
 * codes are checked against the reference data the process keeps (prepare),
 * the route comes from the village's offices it keeps (intake-offices.ts), and
 * one statement claims the key and writes the complaint and its first event
 * (writeSubmission) — a single statement is atomic, so nothing is half-written
 * and no transaction is opened. The tracking code, the complaint's id and the
 * acknowledgement are drawn before the write, so the idempotent result is
 * stored with the claim. A complaint naming the family it is about
 * (subjectNik) also reads the register and takes the transaction in which the
 * bank referral and the links to banks' reports are made (they lock and read
 * each other: disbursements/disbursement-links.ts).
 *
 * The person's consent to be told (complainant.notifyVia) is recorded on the
 * complaint in the same INSERT; when the intake tool does not show the
 * acknowledgement itself (a call centre, a walk-in, SMS), its notification is
 * one more INSERT in the same statement, and its job one more round trip —
 * only then (docs/adr/0025-notifications.md). A crash between the two leaves
 * the notification to the sweep, a minute later.
 */
export async function submitComplaint(ctx: RequestContext, principal: ClientPrincipal, input: SubmitComplaintInput): Promise<SubmitComplaintPayload> {
  const errors = new UserErrors(ctx.locale);
  const prepared = await prepare(ctx, principal, input, errors);
  if (!prepared) return payload(null, errors);
  const { valid, subject } = prepared;

  const now = ctx.now();
  // A failed transfer of a known disbursement goes to the bank that made it, at once.
  const bank = valid.category === ComplaintCategory.FAILED_TRANSFER && subject?.bankOrganisationId
    ? { id: subject.bankOrganisationId, name: subject.bankName ?? '' } : null;

  const submit = async (fresh: boolean): Promise<Outcome> => {
    // The offices as this process read them in the last seconds (intake-offices.ts); the write checks the one chosen is still enabled.
    const route = routeComplaint(await handlingOffices(ctx.primary, valid.regionCode, { fresh }), valid.category, valid.bypassVillage);
    const verifyBy = await stageDueAt(ctx.dataSource, { stage: SlaStage.VERIFICATION, tier: route.tier, category: valid.category, programCode: valid.programCode }, now, valid.zone);
    return withFreshTrackingCode(async (trackingCode) => {
      const reply = newReplyPin();
      const draft: Draft = {
        replyPin: reply.pin, replyPinHash: reply.hash,
        id: randomUUID(), trackingCode, now, verifyBy, route, subjectRecipientId: subject?.recipientId ?? null, locale: ctx.locale,
        acknowledgementNotificationId: valid.notifyVia && valid.acknowledge ? randomUUID() : null,
        acknowledgement: acknowledgementText({
          locale: ctx.locale, trackingCode, replyPin: reply.pin, handlerName: route.organisationName, verifyBy: verifyBy ?? now, zone: valid.zone, referredToBank: bank?.name ?? null,
        }),
      };
      if (!valid.subjectNik) return writeSubmission(ctx.dataSource, principal, input, valid, draft);
      return ctx.dataSource.transaction(async (manager) => {
        const written = await writeSubmission(manager, principal, input, valid, draft);
        if (written.kind !== 'created') return written;
        // Each a change through applyChange (a version, its event, its webhooks: docs/adr/0027-one-door.md).
        let row = bank ? await referToBank(manager, written.row, bank, now) : written.row;
        // A bank's report of the same family's failed transfer, made earlier, is linked now (the other way round: linkNewIssues).
        row = await linkNewComplaint(manager, row, now);
        return { ...written, row };
      });
    });
  };
  let outcome = await submit(false);
  // The office chosen was disabled since this process read the offices: read them again, route again.
  for (let retry = 0; outcome.kind === 'stale-route' && retry < 3; retry += 1) outcome = await submit(true);
  if (outcome.kind === 'stale-route') throw new Error('the offices for this village keep changing: routing gave up after 3 fresh reads');

  switch (outcome.kind) {
    case 'reused':
      errors.add(['input', 'idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, 'idempotency.keyReused');
      return payload(null, errors);
    case 'repeat': {
      const [row] = await ctx.dataSource.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1`, [outcome.result.complaintId]);
      return payload(row, errors, outcome.result.acknowledgement, await possibleDuplicates(ctx, row), outcome.result.replyPin ?? null);
    }
    case 'created':
      return payload(outcome.row, errors, outcome.acknowledgement, await possibleDuplicates(ctx, outcome.row), outcome.replyPin);
  }
}

/** What is drawn and decided before the write. */
interface Draft {
  id: string;
  trackingCode: string;
  now: Date;
  verifyBy: Date | null;
  route: Route;
  subjectRecipientId: string | null;
  locale: string;
  acknowledgement: string;
  /** The acknowledgement notification's id, when one is sent (consent, and an intake tool that does not show it). */
  acknowledgementNotificationId: string | null;
  /** The complainant's reply PIN, shown once, and its salted hash, written with the complaint. */
  replyPin: string;
  replyPinHash: string;
}

type Outcome =
  | { kind: 'created'; row: ComplaintRow; acknowledgement: string; replyPin: string }
  | { kind: 'repeat'; result: StoredResult }
  | { kind: 'reused' }
  /** The office routed to is disabled now: nothing was written. */
  | { kind: 'stale-route' };

/**
 * Claims the key and inserts the complaint and its SUBMITTED event, in one
 * statement: the complaint is inserted FROM the claim, so a key already taken
 * writes nothing, and the event FROM the inserted complaint. When nothing was
 * written, the key's record says whether this is the same request again.
 */
async function writeSubmission(
  db: DataSource | EntityManager, principal: ClientPrincipal, input: SubmitComplaintInput, v: ValidInput, draft: Draft,
): Promise<Outcome> {
  const params: unknown[] = [];
  const routedTo = params.push(draft.route.organisationId);
  const claim = idempotencyClaimCte(params, principal.apiClientId, input.idempotencyKey, OPERATION, input,
    { complaintId: draft.id, acknowledgement: draft.acknowledgement, replyPin: draft.replyPin } satisfies StoredResult,
    { onlyIf: `EXISTS (SELECT 1 FROM organisations WHERE id = $${routedTo}::uuid AND disabled_at IS NULL)` });
  const p = (value: unknown) => `$${params.push(value)}`;
  const at = p(draft.now);
  const client = p(principal.apiClientId);
  const organisation = p(principal.organisationId);
  // The acknowledgement to send, when there is one: one more INSERT in the same statement (docs/adr/0025-notifications.md).
  const acknowledged = draft.acknowledgementNotificationId && v.notifyVia ? `,
     acknowledged AS (
       INSERT INTO notifications (id, complaint_id, kind, channel, locale, params, status, attempt_count, max_attempts, next_attempt_at, created_at)
       SELECT ${p(draft.acknowledgementNotificationId)}::uuid, c.id, '${NotificationKind.ACKNOWLEDGED}', c."notifyVia", c.locale,
              ${p(JSON.stringify({ tier: draft.route.tier, verifyBy: (draft.verifyBy ?? draft.now).toISOString(), pin: draft.replyPin } satisfies NotificationParams))}::jsonb,
              'PENDING', 0, ${ATTEMPTS_PER_NOTIFICATION}, c."createdAt", c."createdAt"
         FROM complaint c
     )` : '';
  const rows: ComplaintRow[] = await db.query(
    `WITH ${claim},
     complaint AS (
       INSERT INTO complaints AS c (id, tracking_code, status, category, program_code, channel_code, region_code, current_tier, description,
           occurred_on, complainant_name, complainant_phone, complainant_nik, complainant_email, notify_via, notify_consent_at, notify_consent_client_id,
           anonymous, confidential, bypass_village, subject_nik, subject_recipient_id,
           submitted_by_client_id, submitted_by_organisation_id, assigned_organisation_id, due_at, sla_started_at, locale, created_at, updated_at)
       SELECT ${p(draft.id)}::uuid, ${p(draft.trackingCode)}, 'RECEIVED', ${p(v.category)}::complaint_category, ${p(v.programCode)}, ${p(v.channel)},
              ${p(v.regionCode)}, ${p(draft.route.tier)}::tier, ${p(v.description)}, ${p(v.occurredOn)}::date, ${p(v.name)}, ${p(v.phone)},
              ${p(v.nik)}, ${p(v.email)}, ${p(v.notifyVia)}::notification_channel, ${v.notifyVia ? at : 'NULL'}::timestamptz, ${v.notifyVia ? client : 'NULL'}::uuid,
              ${p(v.anonymous)}, ${p(v.confidential)}, ${p(v.bypassVillage)}, ${p(v.subjectNik)}, ${p(draft.subjectRecipientId)}::uuid,
              ${client}::uuid, ${organisation}::uuid, $${routedTo}::uuid, ${p(draft.verifyBy)}::timestamptz,
              ${at}::timestamptz, ${p(draft.locale)}, ${at}::timestamptz, ${at}::timestamptz
         FROM claim
       RETURNING ${COMPLAINT_COLUMNS}
     ),
     submitted AS (
       INSERT INTO complaint_events (complaint_id, seq, type, visibility, actor_client_id, actor_organisation_id, to_status, to_tier, data, occurred_at,
           actor_officer_id, actor_officer_name)
       SELECT c.id, 1, '${ComplaintEventType.SUBMITTED}', '${EventVisibility.PUBLIC}', ${client}::uuid, ${organisation}::uuid,
              c.status, c."currentTier", ${p(JSON.stringify({ channel: v.channel, routedTo: draft.route.organisationId }))}::jsonb, c."createdAt",
              ${p(principal.officer?.rowId ?? null)}::uuid, ${p(principal.officer?.displayName ?? null)}::varchar
         FROM complaint c
     ),
     pin AS (
       INSERT INTO complainant_pins (complaint_id, pin_hash) SELECT c.id, ${p(draft.replyPinHash)} FROM complaint c
     ),
     -- The office it was routed to has received it: its public record (office-records/, docs/adr/0036-office-records.md),
     -- the fact and the month's counter in this one statement, as complaintFacts derives them (RECEIVED, WIB month).
     -- The counter's shard is this session's: concurrent submissions to one office add to different rows, not queue on one.
     received_fact AS (
       INSERT INTO office_record_facts (complaint_id, office_id, month, measure, value)
       SELECT c.id, c."assignedOrganisationId", to_char(c."createdAt" AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM'), 'RECEIVED', 0
         FROM complaint c WHERE c."assignedOrganisationId" IS NOT NULL
     ),
     received_count AS (
       INSERT INTO office_month_records AS r (office_id, month, shard, received)
       SELECT c."assignedOrganisationId", to_char(c."createdAt" AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM'), pg_backend_pid() % ${COUNTER_SHARDS}, 1
         FROM complaint c WHERE c."assignedOrganisationId" IS NOT NULL
       ON CONFLICT (office_id, month, shard) DO UPDATE SET received = r.received + 1
     )${acknowledged}
     SELECT * FROM complaint`,
    params,
  );
  if (rows.length === 1) {
    // Its attempt, at once (the acknowledgement knows no quiet hours); only when one was written.
    if (acknowledged) await queueNotificationJobs(db, [{ notificationId: draft.acknowledgementNotificationId!, runAt: null }]);
    return { kind: 'created', row: rows[0], acknowledgement: draft.acknowledgement, replyPin: draft.replyPin };
  }
  const existing = await readIdempotencyClaim<StoredResult>(db, principal.apiClientId, OPERATION, input.idempotencyKey, input);
  return existing.kind === 'none' ? { kind: 'stale-route' } : existing;
}

/** A fresh tracking code until one is free: 2^40 codes make a second try rare, a third unheard of. */
async function withFreshTrackingCode<T>(attempt: (trackingCode: string) => Promise<T>): Promise<T> {
  for (let tries = 0; tries < 5; tries += 1) {
    try {
      return await attempt(newTrackingCode());
    } catch (error) {
      // The whole statement (or transaction) was rolled back: the key's claim with it.
      if ((error as { code?: string; constraint?: string }).constraint === TRACKING_CODE_INDEX) continue;
      throw error;
    }
  }
  throw new Error('could not draw a free tracking code in 5 attempts');
}

/**
 * The referral made at intake, to the bank that disbursed a failed transfer: a change like any other (applyChange: a
 * version, the public REFERRED event, the COMPLAINT_REFERRED webhook to the bank), in the submission's transaction,
 * which inserted the complaint and so holds its row. Answers the complaint as it now stands.
 */
async function referToBank(manager: EntityManager, row: ComplaintRow, bank: { id: string; name: string }, at: Date): Promise<ComplaintRow> {
  const referralId = randomUUID(); // known before the insert, so that the event (and the webhook) can name it
  await manager.query(
    `INSERT INTO referrals (id, complaint_id, to_organisation_id, from_organisation_id, reason, status, created_at) VALUES ($1, $2, $3, NULL, $4, $5, $6)`,
    [referralId, row.id, bank.id, 'Transfer gagal ke rekening KPM: dirujuk otomatis ke bank penyalur.', ReferralStatus.OPEN, at],
  );
  const changed = await applyChange({ now: () => at }, manager, null, row, {
    set: {},
    events: [{
      type: ComplaintEventType.REFERRED, visibility: EventVisibility.PUBLIC,
      message: `Diteruskan kepada ${bank.name} selaku bank penyalur.`, data: { referralId, toOrganisationId: bank.id },
    }],
  });
  return changed.row;
}

function payload(
  row: ComplaintRow | null, errors: UserErrors, acknowledgement: string | null = null, duplicates: ComplaintRow[] = [], replyPin: string | null = null,
): SubmitComplaintPayload {
  return Object.assign(new SubmitComplaintPayload(), {
    complaint: row && Complaint.from(row),
    trackingCode: row?.trackingCode ?? null,
    replyPin,
    acknowledgement,
    possibleDuplicates: duplicates.map(Complaint.from),
    userErrors: errors.list,
  });
}

interface Subject { recipientId: string; bankOrganisationId: string | null; bankName: string | null }

/** The family the complaint is about, in the register, and the bank that pays it this programme. */
async function findSubject(db: DataSource, nik: string, programCode: string): Promise<Subject | null> {
  const [row] = await db.query(
    `SELECT r.id AS "recipientId", e.bank_organisation_id AS "bankOrganisationId", o.name AS "bankName"
       FROM recipients r
       LEFT JOIN program_enrolments e ON e.recipient_id = r.id AND e.program_code = $2
       LEFT JOIN organisations o ON o.id = e.bank_organisation_id
      WHERE r.nik = $1::char(16)`,
    [nik, programCode],
  );
  return (row ?? null) as Subject | null;
}

/**
 * Checks the input: whether the channel, programme and village exist and take
 * complaints (from the reference data each process keeps: no round trip once
 * seen), and the family the complaint is about when it names one. Null (with
 * the errors added) when the input is refused.
 */
async function prepare(
  ctx: RequestContext, principal: ClientPrincipal, input: SubmitComplaintInput, errors: UserErrors,
): Promise<{ valid: ValidInput; subject: Subject | null } | null> {
  const invalid = (field: string[], message: Said) => errors.add(['input', ...field], UserErrorCode.INVALID_INPUT, message);

  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) invalid(['idempotencyKey'], words('idempotency.keyLength'));
  const description = input.description.trim();
  if (description.length < 1 || description.length > 4000) invalid(['description'], words('complaints.descriptionLength'));
  const name = input.complainant.name.trim();
  if (name.length < 1 || name.length > 150) invalid(['complainant', 'name'], words('complaints.complainantNameLength'));
  const phone = normalisePhone(input.complainant.phone);
  if (!phone) invalid(['complainant', 'phone'], words('complaints.phoneFormat'));
  let email: string | null = null;
  if (input.complainant.email != null && input.complainant.email.trim() !== '') {
    email = normaliseEmail(input.complainant.email);
    if (!email) invalid(['complainant', 'email'], words('complaints.emailFormat'));
  }
  const notifyVia = input.complainant.notifyVia ?? null;
  if (notifyVia === NotificationChannel.EMAIL && !input.complainant.email?.trim()) {
    invalid(['complainant', 'notifyVia'], words('complaints.emailNeededToNotify'));
  }

  const checkNik = (value: string | null | undefined, field: string[]): string | null => {
    if (value == null || value === '') return null;
    const result = validateNik(value.replace(/\s/g, ''), ctx.now());
    if (!result.ok) {
      invalid(field, words('recipients.nikInvalid', { message: result.message, reason: result.reason }));
      return null;
    }
    return value.replace(/\s/g, '');
  };
  const nik = checkNik(input.complainant.nik, ['complainant', 'nik']);
  const subjectNik = checkNik(input.subjectNik, ['subjectNik']);

  let occurredOn: string | null = null;
  if (input.occurredOn) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(input.occurredOn) ? new Date(`${input.occurredOn}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== input.occurredOn) {
      invalid(['occurredOn'], words('complaints.occurredOnFormat'));
    } else if (parsed.getTime() > ctx.now().getTime() + 24 * 3_600_000) {
      invalid(['occurredOn'], words('complaints.occurredOnFuture'));
    } else occurredOn = input.occurredOn;
  }

  // Codes from the reference data each process keeps (graphql/reference-cache.ts); the family from the register.
  // Looked up also when a field above was refused: the caller hears of every problem at once.
  const [channel, program, region, subject] = await Promise.all([
    ctx.loaders.channelByCodeLoader.load(input.channel),
    ctx.loaders.programByCodeLoader.load(input.programCode),
    ctx.loaders.regionByCodeLoader.load(input.regionCode),
    subjectNik ? findSubject(ctx.dataSource, subjectNik, input.programCode) : null,
  ]);
  if (!channel) invalid(['channel'], words('complaints.channelUnknown', { channel: input.channel.slice(0, 40) }));
  else if (!channel.active) invalid(['channel'], words('complaints.channelInactive'));
  else if (channel.kind === ChannelKind.BANK_REPORT) invalid(['channel'], words('complaints.channelIsBank'));
  // A bank's call centre files what its callers report, on its own channel only (docs/adr/0031-workspace-api.md):
  // the channel says who took the complaint, and a bank must not file in another's name or as a portal.
  else if (principal.role === Role.BANK && channel.operatorOrganisationId !== principal.organisationId) invalid(['channel'], words('complaints.channelNotBanks'));
  if (!program) invalid(['programCode'], words('complaints.programUnknown', { programCode: input.programCode.slice(0, 20) }));
  else if (!program.active) invalid(['programCode'], words('complaints.programInactive'));
  if (region?.level !== RegionLevel.VILLAGE) {
    invalid(['regionCode'], words('complaints.villageCode'));
  } else if (region.retiredAt != null) {
    // Kept for the complaints that already point at it (docs/adr/0021-setup.md); a new one names the village as it is now.
    invalid(['regionCode'], words('complaints.villageRetired'));
  }
  // A whistleblower's request to keep the village office out: for complaints about targeting (the office's own
  // recommendation); complaints about officials bypass the village whatever is asked (docs/adr/0027-one-door.md).
  const bypassVillage = input.complainant.bypassVillage ?? false;
  if (bypassVillage && input.category !== ComplaintCategory.WRONG_TARGET && !CONFLICT_OF_INTEREST_CATEGORIES.includes(input.category)) {
    invalid(['complainant', 'bypassVillage'], words('complaints.bypassVillageOnlyWrongTarget'));
  }
  if (errors.any) return null;

  const conduct = CONFLICT_OF_INTEREST_CATEGORIES.includes(input.category);
  return {
    valid: {
      channel: input.channel, programCode: input.programCode, category: input.category, description,
      regionCode: input.regionCode, zone: region!.timeZone, name, phone: phone!, nik, email, notifyVia,
      acknowledge: acknowledgementNeeded(channel!),
      anonymous: input.complainant.anonymous, confidential: input.complainant.confidential || conduct || bypassVillage, bypassVillage,
      subjectNik, occurredOn,
    },
    subject,
  };
}

/** Open complaints the caller may see about the same family, programme and category, recently: the rule is possible-duplicates.ts's. */
async function possibleDuplicates(ctx: RequestContext, row: ComplaintRow | undefined): Promise<ComplaintRow[]> {
  return row?.subjectNik ? ctx.loaders.possibleDuplicatesByComplaintLoader.load(row.id) : [];
}
