import { DataSource, In } from 'typeorm';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { ProgramBenefitAmountEntity } from './program-benefit.entity';
import { ProgramStageEntity } from './program-stage.entity';
import { ProgramEntity } from './program.entity';

export function createProgramLoaders(dataSource: DataSource) {
  return {
    programByCodeLoader: keyedLoader<string, ProgramEntity>(
      (codes) => dataSource.getRepository(ProgramEntity).findBy({ code: In([...codes]) }),
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
