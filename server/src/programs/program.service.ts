import { RequestContext } from '../graphql/context';
import { ProgramEntity } from './program.entity';

/** Every programme, by code (inactive ones too: old complaints refer to them). */
export async function listPrograms(ctx: RequestContext): Promise<ProgramEntity[]> {
  const programs = await ctx.dataSource.getRepository(ProgramEntity).find({ order: { code: 'ASC' } });
  programs.forEach((program) => ctx.loaders.programByCodeLoader.prime(program.code, program));
  return programs;
}
