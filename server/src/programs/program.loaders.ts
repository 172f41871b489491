import { DataSource, In } from 'typeorm';
import { keyedLoader } from '../graphql/loader';
import { ProgramEntity } from './program.entity';

export function createProgramLoaders(dataSource: DataSource) {
  return {
    programByCodeLoader: keyedLoader<string, ProgramEntity>(
      (codes) => dataSource.getRepository(ProgramEntity).findBy({ code: In([...codes]) }),
      (program) => program.code,
    ),
  };
}
