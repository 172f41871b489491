import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintCategory, DtksStatus } from '../common/enums';
import { ComplaintRow } from '../complaints/complaint.row';
import { encodeCursor } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { uuidOf } from '../graphql/global-id';
import { REGION_CODE_PATTERN } from '../regions/region.service';
import { PROPOSAL_COLUMNS, ProposalRow, RecipientChangeProposalFilter } from './change-proposal.types';
import { RecipientChangeKind } from './recipient-change-proposal.entity';
import { regionWithinSql, registerWorkScopeSql } from './recipient-scope';
import { createdCursor, Page, pageSize } from './recipient-queries';
import { words } from '../words';

/**
 * recipientChangeProposals: those of villages in the caller's jurisdiction,
 * newest first, in keyset pages on (created_at, id). Two statements.
 */
export async function listRecipientChangeProposals(
  ctx: RequestContext, args: { first?: number | null; after?: string | null; filter?: RecipientChangeProposalFilter | null },
): Promise<Page<ProposalRow>> {
  const first = pageSize(args.first);
  const cursor = createdCursor(args.after);
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [`(${registerWorkScopeSql(ctx.principal, params, 'x.region_code')})`];
  const filter = args.filter ?? {};
  if (filter.status?.length) where.push(`x.status = ANY(${p(filter.status)}::recipient_change_status[])`);
  if (filter.kind?.length) where.push(`x.kind = ANY(${p(filter.kind)}::recipient_change_kind[])`);
  if (filter.regionCode != null) {
    if (!REGION_CODE_PATTERN.test(filter.regionCode)) throw badUserInput(words('recipients.filterRegionCode'), 'filter.regionCode');
    where.push(regionWithinSql('x.region_code', p(filter.regionCode)));
  }
  if (filter.nik != null) {
    if (!/^[0-9]{16}$/.test(filter.nik)) throw badUserInput(words('recipients.filterNik'), 'filter.nik');
    where.push(`x.nik = ${p(filter.nik)}`);
  }
  if (filter.complaintId != null) {
    const complaintId = uuidOf(filter.complaintId, 'Complaint');
    if (!complaintId) throw badUserInput(words('recipients.filterComplaintId'), 'filter.complaintId');
    where.push(`x.source_complaint_id = ${p(complaintId)}::uuid`);
  }
  const countParams = [...params];
  const countWhere = [...where];
  if (cursor) where.push(`(x.created_at, x.id) < (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
  const rows: ProposalRow[] = await ctx.dataSource.query(
    `SELECT ${PROPOSAL_COLUMNS} FROM recipient_change_proposals x WHERE ${where.join(' AND ')} ORDER BY x.created_at DESC, x.id DESC LIMIT ${p(first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM recipient_change_proposals x WHERE ${countWhere.join(' AND ')}`, countParams);
  const page = rows.slice(0, first);
  page.forEach((row) => ctx.loaders.recipientChangeProposalByIdLoader.prime(row.id, row));
  return { rows: page, hasNextPage: rows.length > first, totalCount: count, cursorOf: (row) => encodeCursor([row.createdAtCursor, row.id]) };
}

/** The targeting categories whose upheld decision means the family's register data are wrong. */
export const CORRECTION_CATEGORIES: readonly ComplaintCategory[] = [ComplaintCategory.WRONG_TARGET, ComplaintCategory.NOT_RECEIVED];

/**
 * Called inside resolveComplaint's transaction when a complaint is UPHELD:
 * for a WRONG_TARGET complaint (aid to someone not eligible) it opens a
 * proposal to REMOVE the family's recipient from the register; for
 * NOT_RECEIVED (an eligible family left out) an UPDATE to REGISTERED. The
 * office that upheld it is the proposer, the complaint the recommendation; the
 * district/city office reviews it like any other. Nothing is opened when the
 * complaint names no family in the register, or the register already says
 * what the decision found (a WRONG_TARGET recipient already removed); a
 * complaint opens at most one. Answers the proposal's id, or null.
 */
export async function openCorrectionProposal(
  manager: EntityManager, principal: ClientPrincipal, complaint: ComplaintRow, publicResponse: string, now: Date,
): Promise<string | null> {
  if (!CORRECTION_CATEGORIES.includes(complaint.category)) return null;
  const [recipient]: { id: string; nik: string; regionCode: string; dtksStatus: DtksStatus; stateHash: string }[] = await manager.query(
    `SELECT r.id, r.nik, r.region_code AS "regionCode", r.dtks_status AS "dtksStatus", recipient_state_hash(r) AS "stateHash"
       FROM recipients r WHERE r.id = $1::uuid OR ($1::uuid IS NULL AND r.nik = $2)`,
    [complaint.subjectRecipientId, complaint.subjectNik],
  );
  if (!recipient) return null;
  const wrongTarget = complaint.category === ComplaintCategory.WRONG_TARGET;
  if (wrongTarget && recipient.dtksStatus === DtksStatus.REMOVED) return null;
  const reason = wrongTarget
    ? `Dibuka otomatis: pengaduan ${complaint.trackingCode} (bantuan tidak tepat sasaran) diputus UPHELD; usulan mengeluarkan penerima dari DTKS.`
    : `Dibuka otomatis: pengaduan ${complaint.trackingCode} (keluarga layak tidak menerima) diputus UPHELD; usulan menetapkan penerima dalam DTKS.`;
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO recipient_change_proposals (kind, region_code, recipient_id, nik, dtks_status, reason, evidence, source_complaint_id, base_state_hash,
        proposed_by_organisation_id, proposed_by_client_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (source_complaint_id) WHERE source_complaint_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [wrongTarget ? RecipientChangeKind.REMOVE : RecipientChangeKind.UPDATE, recipient.regionCode, recipient.id, recipient.nik,
      wrongTarget ? null : DtksStatus.REGISTERED, reason, `Keputusan atas pengaduan ${complaint.trackingCode}: ${publicResponse}`.slice(0, 2000),
      complaint.id, recipient.stateHash, principal.organisationId, principal.apiClientId, now],
  );
  return row?.id ?? null;
}

