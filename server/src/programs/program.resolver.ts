import { Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../graphql/context';
import { Program } from './program.type';
import { listPrograms } from './program.service';

@Resolver(() => Program)
export class ProgramResolver {
  @Query(() => [Program], { description: 'The programmes complaints can be about, by code. Public.' })
  async programs(@Ctx() ctx: RequestContext): Promise<Program[]> {
    return (await listPrograms(ctx)).map(Program.from);
  }
}
