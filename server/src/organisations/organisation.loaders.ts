import { DataSource } from 'typeorm';
import { UUID } from '../common/uuid';
import { keyedLoader } from '../graphql/loader';
import { OrganisationEntity } from './organisation.entity';

export function createOrganisationLoaders(dataSource: DataSource) {
  return {
    // Raw SQL, not entity hydration: every list of complaints asks for the organisations handling them (docs/benchmarks.md).
    organisationByIdLoader: keyedLoader<string, OrganisationEntity>(
      (ids) => dataSource.query(
        `SELECT id, code, name, kind, jurisdiction_region_code AS "jurisdictionRegionCode", tier, bank_code AS "bankCode", contact_email AS "contactEmail",
                disabled_at AS "disabledAt", created_at AS "createdAt"
           FROM organisations WHERE id = ANY($1::uuid[])`, [ids.filter((id) => UUID.test(id))]),
      (organisation) => organisation.id,
    ),
  };
}
