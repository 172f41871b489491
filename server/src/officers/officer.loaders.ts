import { DataSource } from 'typeorm';
import { UUID } from '../common/uuid';
import { keyedLoader } from '../graphql/loader';

/** An officer as a complaint's assignment shows them: the organisation's own id for them and their name now. */
export interface OfficerRow { id: string; externalId: string; displayName: string }

export function createOfficerLoaders(dataSource: DataSource) {
  return {
    // Read only when a caller asks for Complaint.assignedOfficer: a list of complaints does not carry the officer's
    // columns for every row (COMPLAINT_COLUMNS has the id only).
    officerByIdLoader: keyedLoader<string, OfficerRow>(
      (ids) => dataSource.query(
        `SELECT id, external_id AS "externalId", display_name AS "displayName" FROM officers WHERE id = ANY($1::uuid[])`,
        [ids.filter((id) => UUID.test(id))],
      ),
      (officer) => officer.id,
    ),
  };
}
