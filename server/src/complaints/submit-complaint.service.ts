import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintCategory, ComplaintStatus, OrganisationKind, RegionLevel, SlaStage, Tier, TIER_ORDER, TimeZone } from '../common/enums';
import { normalisePhone } from '../common/personal-data';
import { stageDueAt } from '../escalation/sla-policy.service';
import type { RequestContext } from '../graphql/context';
import { UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import { validateNik } from '../recipients/nik';
import { ReferralStatus } from '../referrals/referral.entity';
import { linkNewComplaint } from '../disbursements/disbursement-links';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { appendEvent } from './complaint-events';
import { complaintScopeSql, CONFLICT_OF_INTEREST_CATEGORIES } from './complaint-scope';
import { acknowledgementText } from './complaint.labels';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';
import { Complaint } from './complaint.type';
import { SubmitComplaintInput, SubmitComplaintPayload } from './submit-complaint.input';
import { newTrackingCode } from './tracking-code';

const OPERATION = 'submitComplaint';
const DUPLICATE_WINDOW_DAYS = 30;
const HANDLER_KINDS = [OrganisationKind.VILLAGE_OFFICE, OrganisationKind.DISTRICT_OFFICE, OrganisationKind.PROVINCE_OFFICE, OrganisationKind.MINISTRY];

interface StoredResult { complaintId: string; acknowledgement: string }

interface ValidInput {
  channel: string;
  programCode: string;
  category: ComplaintCategory;
  description: string;
  regionCode: string;
  zone: TimeZone;
  name: string;
  phone: string;
  nik: string | null;
  anonymous: boolean;
  confidential: boolean;
  subjectNik: string | null;
  occurredOn: string | null;
}

/**
 * Intake: validate, claim the idempotency key, route to the lowest tier with an
 * office for the village (conduct complaints skip the village), refer failed
 * transfers to the disbursing bank, start the verification clock, and answer
 * with the tracking code and an acknowledgement — all in one transaction.
 */
export async function submitComplaint(ctx: RequestContext, principal: ClientPrincipal, input: SubmitComplaintInput): Promise<SubmitComplaintPayload> {
  const errors = new UserErrors(ctx.locale);
  const valid = await validate(ctx, input, errors);
  if (!valid) return payload(null, errors);

  return ctx.dataSource.transaction(async (manager) => {
    const claim = await claimIdempotencyKey<StoredResult>(manager, principal.apiClientId, OPERATION, input.idempotencyKey, input);
    if (claim.kind === 'reused') {
      errors.add(['input', 'idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, {
        id: 'Kunci idempotensi ini sudah dipakai dalam 24 jam terakhir untuk data yang berbeda; gunakan kunci baru.',
        en: 'This idempotency key was used in the last 24 hours with different input; use a new key.',
      });
      return payload(null, errors);
    }
    if (claim.kind === 'repeat') {
      const [row] = await manager.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1`, [claim.result.complaintId]);
      return payload(row, errors, claim.result.acknowledgement, await possibleDuplicates(ctx, manager, row));
    }

    const route = await routeComplaint(manager, valid.regionCode, valid.category);
    const now = ctx.now();
    const verifyBy = await stageDueAt(ctx.dataSource, { stage: SlaStage.VERIFICATION, tier: route.tier, category: valid.category, programCode: valid.programCode }, now, valid.zone);
    const subject = valid.subjectNik ? await findSubject(manager, valid.subjectNik, valid.programCode) : null;
    const row = await insertComplaint(manager, principal, valid, route, subject?.recipientId ?? null, now, verifyBy, ctx.locale);

    await appendEvent(manager, {
      complaintId: row.id, type: ComplaintEventType.SUBMITTED, visibility: EventVisibility.PUBLIC, actor: principal,
      toStatus: ComplaintStatus.RECEIVED, toTier: route.tier, at: now,
      data: { channel: valid.channel, routedTo: route.organisationId },
    });

    // A failed transfer of a known disbursement goes to the bank that made it, at once.
    let referredToBank: string | null = null;
    if (valid.category === ComplaintCategory.FAILED_TRANSFER && subject?.bankOrganisationId) {
      await manager.query(
        `INSERT INTO referrals (complaint_id, to_organisation_id, from_organisation_id, reason, status) VALUES ($1, $2, NULL, $3, $4)`,
        [row.id, subject.bankOrganisationId, 'Transfer gagal ke rekening KPM: dirujuk otomatis ke bank penyalur.', ReferralStatus.OPEN],
      );
      await appendEvent(manager, {
        complaintId: row.id, type: ComplaintEventType.REFERRED, visibility: EventVisibility.PUBLIC, actor: null, at: now,
        message: `Diteruskan kepada ${subject.bankName} selaku bank penyalur.`, data: { toOrganisationId: subject.bankOrganisationId },
      });
      referredToBank = subject.bankName;
    }
    // A bank's report of the same family's failed transfer, made earlier, is linked now (the other way round: linkNewIssues).
    await linkNewComplaint(manager, row, now);

    const acknowledgement = acknowledgementText({
      locale: ctx.locale, trackingCode: row.trackingCode, handlerName: route.organisationName,
      verifyBy: verifyBy ?? now, zone: valid.zone, referredToBank,
    });
    await recordIdempotentResult(manager, principal.apiClientId, input.idempotencyKey, { complaintId: row.id, acknowledgement } satisfies StoredResult);
    return payload(row, errors, acknowledgement, await possibleDuplicates(ctx, manager, row));
  });
}

function payload(row: ComplaintRow | null, errors: UserErrors, acknowledgement: string | null = null, duplicates: ComplaintRow[] = []): SubmitComplaintPayload {
  return Object.assign(new SubmitComplaintPayload(), {
    complaint: row && Complaint.from(row),
    trackingCode: row?.trackingCode ?? null,
    acknowledgement,
    possibleDuplicates: duplicates.map(Complaint.from),
    userErrors: errors.list,
  });
}

async function validate(ctx: RequestContext, input: SubmitComplaintInput, errors: UserErrors): Promise<ValidInput | null> {
  const invalid = (field: string[], id: string, en: string) => errors.add(['input', ...field], UserErrorCode.INVALID_INPUT, { id, en });

  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) invalid(['idempotencyKey'], 'Kunci idempotensi harus 1–128 karakter.', 'idempotencyKey must be 1–128 characters.');
  const description = input.description.trim();
  if (description.length < 1 || description.length > 4000) invalid(['description'], 'Uraian pengaduan harus 1–4000 karakter.', 'description must be 1–4000 characters.');
  const name = input.complainant.name.trim();
  if (name.length < 1 || name.length > 150) invalid(['complainant', 'name'], 'Nama pelapor harus 1–150 karakter.', 'complainant.name must be 1–150 characters.');
  const phone = normalisePhone(input.complainant.phone);
  if (!phone) invalid(['complainant', 'phone'], 'Nomor telepon tidak valid; contoh: 081234567890.', 'complainant.phone is not a valid Indonesian number, e.g. 081234567890.');

  const checkNik = (value: string | null | undefined, field: string[]): string | null => {
    if (value == null || value === '') return null;
    const result = validateNik(value.replace(/\s/g, ''), ctx.now());
    if (!result.ok) {
      invalid(field, result.message, `The NIK is not valid (${result.reason.toLowerCase().replace('_', ' ')}); it has 16 digits: region, birth date and serial.`);
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
      invalid(['occurredOn'], 'Tanggal kejadian harus berformat YYYY-MM-DD.', 'occurredOn must be a date, YYYY-MM-DD.');
    } else if (parsed.getTime() > ctx.now().getTime() + 24 * 3_600_000) {
      invalid(['occurredOn'], 'Tanggal kejadian tidak boleh di masa depan.', 'occurredOn cannot be in the future.');
    } else occurredOn = input.occurredOn;
  }

  // Codes: one round trip for channel, programme and region.
  const [codes] = await ctx.dataSource.query(
    `SELECT (SELECT active FROM channels WHERE code = $1) AS channel_active,
            (SELECT kind FROM channels WHERE code = $1) AS channel_kind,
            (SELECT active FROM programs WHERE code = $2) AS program_active,
            (SELECT level FROM regions WHERE code = $3) AS region_level,
            (SELECT time_zone FROM regions WHERE code = $3) AS time_zone`,
    [input.channel, input.programCode, input.regionCode],
  );
  if (codes.channel_active == null) invalid(['channel'], `Kanal "${input.channel.slice(0, 40)}" tidak dikenal; lihat daftar di query channels.`, `Unknown channel "${input.channel.slice(0, 40)}"; see the channels query.`);
  else if (!codes.channel_active) invalid(['channel'], 'Kanal ini sedang tidak menerima pengaduan.', 'This channel does not take complaints now.');
  else if (codes.channel_kind === 'BANK_REPORT') invalid(['channel'], 'Laporan bank dikirim melalui reportDisbursementIssues.', 'Bank reports go through reportDisbursementIssues.');
  if (codes.program_active == null) invalid(['programCode'], `Program "${input.programCode.slice(0, 20)}" tidak dikenal; lihat daftar di query programs.`, `Unknown programme "${input.programCode.slice(0, 20)}"; see the programs query.`);
  else if (!codes.program_active) invalid(['programCode'], 'Program ini tidak lagi menerima pengaduan.', 'This programme no longer takes complaints.');
  if (codes.region_level !== RegionLevel.VILLAGE) {
    invalid(['regionCode'], 'Kode wilayah harus kode desa/kelurahan yang dikenal, mis. 32.73.01.1001.', 'regionCode must be a known village code, e.g. 32.73.01.1001.');
  }
  if (errors.any) return null;

  const conduct = CONFLICT_OF_INTEREST_CATEGORIES.includes(input.category);
  return {
    channel: input.channel, programCode: input.programCode, category: input.category, description,
    regionCode: input.regionCode, zone: codes.time_zone as TimeZone, name, phone: phone!, nik,
    anonymous: input.complainant.anonymous, confidential: input.complainant.confidential || conduct,
    subjectNik, occurredOn,
  };
}

interface Route { tier: Tier; organisationId: string; organisationName: string }

/**
 * The lowest tier with an office for the village; complaints about officials
 * start at the district (the village office is who they may be about).
 */
async function routeComplaint(manager: EntityManager, regionCode: string, category: ComplaintCategory): Promise<Route> {
  const codes = [regionCode, regionCode.slice(0, 5), regionCode.slice(0, 2)];
  const offices: { id: string; name: string; tier: Tier }[] = await manager.query(
    `SELECT id, name, tier FROM organisations
      WHERE disabled_at IS NULL AND kind = ANY($1::organisation_kind[])
        AND (jurisdiction_region_code = ANY($2::text[]) OR kind = 'MINISTRY')`,
    [HANDLER_KINDS, codes],
  );
  const lowest = CONFLICT_OF_INTEREST_CATEGORIES.includes(category) ? TIER_ORDER.indexOf(Tier.DISTRICT) : 0;
  const office = offices
    .filter((o) => TIER_ORDER.indexOf(o.tier) >= lowest)
    .sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier))[0];
  if (!office) throw new Error('no handling office at all: the ministry organisation is missing');
  return { tier: office.tier, organisationId: office.id, organisationName: office.name };
}

async function findSubject(manager: EntityManager, nik: string, programCode: string) {
  const [row] = await manager.query(
    `SELECT r.id AS "recipientId", e.bank_organisation_id AS "bankOrganisationId", o.name AS "bankName"
       FROM recipients r
       LEFT JOIN program_enrolments e ON e.recipient_id = r.id AND e.program_code = $2
       LEFT JOIN organisations o ON o.id = e.bank_organisation_id
      WHERE r.nik = $1`,
    [nik, programCode],
  );
  return (row ?? null) as { recipientId: string; bankOrganisationId: string | null; bankName: string | null } | null;
}

async function insertComplaint(
  manager: EntityManager, principal: ClientPrincipal, v: ValidInput, route: Route, subjectRecipientId: string | null,
  now: Date, dueAt: Date | null, locale: string,
): Promise<ComplaintRow> {
  // A fresh code until one is free: 2^40 codes make a second try rare, a third unheard of.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const rows: ComplaintRow[] = await manager.query(
      `INSERT INTO complaints AS c (tracking_code, status, category, program_code, channel_code, region_code, current_tier, description,
          occurred_on, complainant_name, complainant_phone, complainant_nik, anonymous, confidential, subject_nik, subject_recipient_id,
          submitted_by_client_id, submitted_by_organisation_id, assigned_organisation_id, due_at, sla_started_at, locale, created_at, updated_at)
       VALUES ($1, 'RECEIVED', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $20, $20)
       ON CONFLICT (tracking_code) DO NOTHING
       RETURNING ${COMPLAINT_COLUMNS}`,
      [newTrackingCode(), v.category, v.programCode, v.channel, v.regionCode, route.tier, v.description, v.occurredOn,
        v.name, v.phone, v.nik, v.anonymous, v.confidential, v.subjectNik, subjectRecipientId,
        principal.apiClientId, principal.organisationId, route.organisationId, dueAt, now, locale],
    );
    if (rows.length) return rows[0];
  }
  throw new Error('could not draw a free tracking code in 5 attempts');
}

/** Open complaints the caller may see about the same family, programme and category, recently. */
async function possibleDuplicates(ctx: RequestContext, manager: EntityManager, row: ComplaintRow | undefined): Promise<ComplaintRow[]> {
  if (!row?.subjectNik) return [];
  const params: unknown[] = [row.subjectNik, row.programCode, row.category, row.id, row.createdAt];
  const scope = complaintScopeSql(ctx.principal, params);
  return manager.query(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaints c
      WHERE c.subject_nik = $1 AND c.program_code = $2 AND c.category = $3 AND c.id <> $4
        AND c.created_at > $5::timestamptz - interval '${DUPLICATE_WINDOW_DAYS} days'
        AND c.status NOT IN ('CLOSED', 'REJECTED', 'DUPLICATE') AND (${scope})
      ORDER BY c.created_at DESC LIMIT 10`,
    params,
  );
}
