import { DataSource, In } from 'typeorm';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { ProgramBenefitAmountEntity } from './program-benefit.entity';
import { ProgramStageEntity } from './program-stage.entity';
import { ProgramEntity } from './program.entity';

export function createProgramLoaders(dataSource: DataSource) {
  return {
    // Raw SQL, not entity hydration: every list of complaints asks for its programmes (docs/benchmarks.md).
    programByCodeLoader: keyedLoader<string, ProgramEntity>(
      (codes) => dataSource.query(
        `SELECT code, name, description, managing_unit AS "managingUnit", benefit_form AS "benefitForm", stages_per_year AS "stagesPerYear",
                active, created_at AS "createdAt"
           FROM programs WHERE code = ANY($1::text[])`, [codes]),
      (program) => program.code,
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
