import { ClientPrincipal } from '../auth/principal';
import { DisbursementIssueStatus } from '../common/enums';
import { Rollback } from '../complaints/complaint-change';
import type { RequestContext } from '../graphql/context';
import { uuidOf } from '../graphql/global-id';
import { UserErrorCode } from '../graphql/user-error';
import { Bilingual, UserErrors } from '../graphql/user-errors';
import { announceResolution, lockLinkingExclusive } from './disbursement-links';
import {
  DisbursementIssue, DisbursementIssueOutcome, DisbursementIssueRow, ISSUE_COLUMNS, ResolveDisbursementIssueInput, ResolveDisbursementIssuePayload,
} from './disbursement.types';
import { isDate, latestToday } from './report-disbursement-issues';
import { disbursementIssueResolved, emitWebhookEvents } from '../webhooks';
import { words } from '../words';

const NOTE_MAX = 2000;

/**
 * OPEN → RESENT | RETURNED_TO_TREASURY | DATA_CORRECTED, by the bank that
 * reported the issue (another bank's issue is NOT_FOUND, like a missing one).
 * The disbursement follows (RESENT with the new transfer date, or
 * RETURNED_TO_TREASURY; DATA_CORRECTED leaves it FAILED until a later run pays
 * it), and every linked complaint is told publicly (announceResolution). One
 * transaction.
 *
 * Resolving is guarded by the issue's status, not by an idempotency key: the
 * same resolution sent again (a retry) answers with the issue as it is and
 * changes nothing; a different one is INVALID_TRANSITION.
 */
export async function resolveDisbursementIssue(
  ctx: RequestContext, principal: ClientPrincipal, input: ResolveDisbursementIssueInput,
): Promise<ResolveDisbursementIssuePayload> {
  const errors = new UserErrors(ctx.locale);
  const invalid = (field: string, message: Bilingual) => errors.add(['input', field], UserErrorCode.INVALID_INPUT, message);
  const today = latestToday(ctx.now());
  const resentOn = input.resentOn ?? null;
  if (input.outcome === DisbursementIssueOutcome.RESENT) {
    if (!resentOn) invalid('resentOn', words('disbursements.resentOnRequired'));
    else if (!isDate(resentOn)) invalid('resentOn', words('disbursements.resentOnFormat'));
    else if (resentOn > today) invalid('resentOn', words('disbursements.resentOnFuture'));
  } else if (resentOn !== null) {
    invalid('resentOn', words('disbursements.resentOnOnlyForResent'));
  }
  const note = input.note == null ? null : input.note.trim();
  if (note !== null && (note.length < 1 || note.length > NOTE_MAX)) {
    invalid('note', words('disbursements.noteLength', { max: NOTE_MAX }));
  }
  if (errors.any) return payload(null, errors);

  const id = uuidOf(input.issueId, 'DisbursementIssue');
  const refuse = (row: DisbursementIssueRow | null, field: string, code: UserErrorCode, message: Bilingual): never => {
    errors.add(['input', field], code, message);
    throw new Rollback(payload(row, errors));
  };

  try {
    return await ctx.dataSource.transaction(async (manager) => {
      const [found]: DisbursementIssueRow[] = id ? await manager.query(
        `SELECT ${ISSUE_COLUMNS} FROM disbursement_issues i WHERE i.id = $1 AND i.bank_organisation_id = $2`,
        [id, principal.organisationId],
      ) : [];
      if (!found) return refuse(null, 'issueId', UserErrorCode.NOT_FOUND, words('disbursements.issueNotFound'));
      // Resolutions and complaint submissions about the same programme and month see each other (disbursement-links.ts).
      await lockLinkingExclusive(manager, found.programCode, found.period);
      const [issue]: DisbursementIssueRow[] = await manager.query(
        `SELECT ${ISSUE_COLUMNS} FROM disbursement_issues i WHERE i.id = $1 FOR NO KEY UPDATE`, [found.id],
      );
      if (issue.status !== DisbursementIssueStatus.OPEN) {
        const sameAgain = issue.status === (input.outcome as string) && issue.resentOn === resentOn;
        if (sameAgain) return payload(issue, errors);
        return refuse(issue, 'issueId', UserErrorCode.INVALID_TRANSITION, words('disbursements.issueResolved', { status: issue.status }));
      }
      if (resentOn !== null && resentOn < issue.occurredOn) {
        return refuse(issue, 'resentOn', UserErrorCode.INVALID_INPUT, words('disbursements.resentBeforeFailure', { occurredOn: issue.occurredOn }));
      }
      const now = ctx.now();
      const [[resolved]]: [DisbursementIssueRow[], number] = await manager.query(
        `UPDATE disbursement_issues i SET status = $2, resolved_at = $3, resent_on = $4, resolution_note = $5, resolved_by_client_id = $6
          WHERE i.id = $1 RETURNING ${ISSUE_COLUMNS}`,
        [issue.id, input.outcome, now, resentOn, note, principal.apiClientId],
      );
      if (input.outcome === DisbursementIssueOutcome.RESENT) {
        await manager.query(`UPDATE disbursements SET status = 'RESENT', disbursed_on = $2 WHERE id = $1`, [issue.disbursementId, resentOn]);
      } else if (input.outcome === DisbursementIssueOutcome.RETURNED_TO_TREASURY) {
        await manager.query(`UPDATE disbursements SET status = 'RETURNED_TO_TREASURY', disbursed_on = NULL WHERE id = $1`, [issue.disbursementId]);
      }
      await announceResolution(manager, principal, resolved, principal.organisationName, now);
      await emitWebhookEvents(manager, [disbursementIssueResolved(resolved.id, now)], principal);
      return payload(resolved, errors);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as ResolveDisbursementIssuePayload;
    throw error;
  }
}

function payload(row: DisbursementIssueRow | null, errors: UserErrors): ResolveDisbursementIssuePayload {
  return Object.assign(new ResolveDisbursementIssuePayload(), { issue: row && DisbursementIssue.from(row), userErrors: errors.list });
}
