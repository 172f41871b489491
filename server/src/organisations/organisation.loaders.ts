import { DataSource, In } from 'typeorm';
import { keyedLoader } from '../graphql/loader';
import { OrganisationEntity } from './organisation.entity';

export function createOrganisationLoaders(dataSource: DataSource) {
  return {
    organisationByIdLoader: keyedLoader<string, OrganisationEntity>(
      (ids) => dataSource.getRepository(OrganisationEntity).findBy({ id: In([...ids]) }),
      (organisation) => organisation.id,
    ),
  };
}
