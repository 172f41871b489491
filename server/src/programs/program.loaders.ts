import { DataSource, In } from 'typeorm';
import { groupedLoader } from '../graphql/loader';
import { referenceLoader } from '../graphql/reference-cache';
import { ProgramBenefitAmountEntity } from './program-benefit.entity';
import { ProgramStageEntity } from './program-stage.entity';
import { ProgramEntity } from './program.entity';

export function createProgramLoaders(dataSource: DataSource) {
  return {
    // Raw SQL, not entity hydration, and kept per process a minute (graphql/reference-cache.ts): every list of complaints asks for its programmes.
    programByCodeLoader: referenceLoader<ProgramEntity>(
      dataSource, 'programs',
      (codes) => dataSource.query(
        `SELECT code, name, description, managing_unit AS "managingUnit", benefit_form AS "benefitForm", stages_per_year AS "stagesPerYear",
                active, created_at AS "createdAt"
           FROM programs WHERE code = ANY($1::text[])`, [codes]),
      (program) => program.code,
      { maxEntries: 1000 },
    ),
    /** Each programme's stage calendar, by year and stage. */
    programStagesByProgramLoader: groupedLoader<string, ProgramStageEntity>(
      (codes) => dataSource.getRepository(ProgramStageEntity).find({ where: { programCode: In([...codes]) }, order: { programCode: 'ASC', year: 'ASC', stage: 'ASC' } }),
      (stage) => stage.programCode,
    ),
    /** Each programme's benefit amounts, by component and validity. */
    programBenefitAmountsByProgramLoader: groupedLoader<string, ProgramBenefitAmountEntity>(
      (codes) => dataSource.getRepository(ProgramBenefitAmountEntity).find({
        where: { programCode: In([...codes]) }, order: { programCode: 'ASC', component: 'ASC', validFrom: 'ASC' },
      }),
      (amount) => amount.programCode,
    ),
  };
}
