import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { maskName } from '../common/personal-data';
import { UUID } from '../common/uuid';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { ChainCheck, checkProvenanceChains } from '../recipients/provenance';
import { PUBLIC_DELIBERATION_COLUMNS, PublicChangeRow, PublicDeliberationRow, PublicMinutesRow } from './village-deliberation.types';

/**
 * The public view's loaders (docs/adr/0038). Not scoped: every deliberation
 * is public once recorded. The changes' query reads the person's name only to
 * mask it here, with the aid check's maskName — one rule in one place — so no
 * name, NIK, KK, birth date or address ever reaches a resolver.
 */
export function createDeliberationLoaders(dataSource: DataSource) {
  const uuids = (keys: readonly string[]) => keys.filter((key) => UUID.test(key));
  return {
    publicDeliberationByIdLoader: keyedLoader<string, PublicDeliberationRow>(
      (ids) => dataSource.query(`SELECT ${PUBLIC_DELIBERATION_COLUMNS} FROM deliberations m WHERE m.id = ANY($1::uuid[])`, [uuids(ids)]),
      (row) => row.id,
    ),
    /** Each deliberation's changes, in the order they were proposed. */
    publicChangesByDeliberationLoader: groupedLoader<string, PublicChangeRow>(async (ids) => {
      const rows: (Omit<PublicChangeRow, 'maskedName'> & { fullName: string | null })[] = await dataSource.query(
        `SELECT x.id AS "proposalId", x.deliberation_id AS "deliberationId", x.kind, x.status, x.recipient_id AS "recipientId",
                COALESCE(r.full_name, x.full_name) AS "fullName",
                COALESCE((SELECT array_agg(DISTINCT e.program_code ORDER BY e.program_code) FROM program_enrolments e WHERE e.recipient_id = x.recipient_id), '{}') AS "programCodes",
                x.reviewed_at AS "reviewedAt", x.reviewed_by_organisation_id AS "reviewedByOrganisationId"
           FROM recipient_change_proposals x LEFT JOIN recipients r ON r.id = x.recipient_id
          WHERE x.deliberation_id = ANY($1::uuid[])
          ORDER BY x.deliberation_id, x.created_at, x.id`,
        [uuids(ids)],
      );
      return rows.map(({ fullName, ...row }) => ({ ...row, maskedName: fullName ? maskName(fullName) : null }));
    }, (row) => row.deliberationId),
    /** Each deliberation's minutes, newest first. */
    publicMinutesByDeliberationLoader: groupedLoader<string, PublicMinutesRow>(
      (ids) => dataSource.query(
        `SELECT n.id, n.deliberation_id AS "deliberationId", n.content_type AS "contentType", n.size, n.object_sha256 AS sha256,
                n.metadata_removed AS "metadataRemoved", n.attached_at AS "attachedAt"
           FROM deliberation_minutes n WHERE n.deliberation_id = ANY($1::uuid[]) ORDER BY n.deliberation_id, n.attached_at DESC, n.id`,
        [uuids(ids)],
      ),
      (row) => row.deliberationId,
    ),
    /** A recipient's provenance chain, checked (recipients/provenance.ts), by recipient id. */
    provenanceCheckByRecipientLoader: new DataLoader<string, ChainCheck>(async (ids) => {
      const checks = await checkProvenanceChains(dataSource, ids);
      return ids.map((id) => checks.get(id)!);
    }, { maxBatchSize: 1000 }),
  };
}
