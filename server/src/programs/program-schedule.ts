import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { BenefitUnit } from './program-benefit.entity';
import { ProgramStageEntity } from './program-stage.entity';
import { Program } from './program.type';
import { words } from '../words';

registerEnumType(BenefitUnit, {
  name: 'BenefitUnit',
  description: 'Whom a benefit amount is counted for.',
  valuesConfig: {
    FAMILY: { description: 'Once per family (KPM).' },
    ELIGIBLE_MEMBER: { description: 'Per family member in the component (e.g. each child in primary school), within the programme’s cap per family.' },
    PERSON: { description: 'Per person covered (e.g. a health-insurance premium).' },
  },
});

@ObjectType('ProgramStage', { description: 'A disbursement stage (tahap) of a programme in a year, and the months it covers. Public.' })
export class ProgramStage {
  @Field(() => Int, { description: 'The year.' })
  year: number;

  @Field(() => Int, { description: 'The stage number in the year: 1–4 for quarterly PKH, the month for monthly programmes.' })
  stage: number;

  @Field({ description: 'The first month it covers, `YYYY-MM`.' })
  firstPeriod: string;

  @Field({ description: 'The last month it covers, `YYYY-MM`.' })
  lastPeriod: string;

  static from(entity: ProgramStageEntity): ProgramStage {
    return Object.assign(new ProgramStage(), {
      year: entity.year, stage: entity.stage, firstPeriod: entity.firstPeriod, lastPeriod: entity.lastPeriod,
    });
  }
}

@ObjectType('ProgramBenefitAmount', { description: 'What a programme pays per stage for one component (a kind of family member, or the family), and when that amount applies. Public.' })
export class ProgramBenefitAmount {
  @Field({ description: 'The component’s code, e.g. `EARLY_CHILDHOOD`, `PER_FAMILY`.' })
  component: string;

  @Field({ description: 'What it is, in Bahasa Indonesia.' })
  description: string;

  @Field(() => Int, { description: 'Whole rupiah per stage.' })
  amountPerStage: number;

  @Field(() => BenefitUnit, { description: 'Per family, per eligible member, or per person.' })
  unit: BenefitUnit;

  @Field({ description: 'From when it applies, `YYYY-MM-DD`.' })
  validFrom: string;

  @Field(() => String, { nullable: true, description: 'Until when, `YYYY-MM-DD`; null while it applies.' })
  validTo: string | null;
}

const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The month (`YYYY-MM`) of an instant in Indonesia's western time zone (WIB), where the ministry's calendar runs. */
export function periodOf(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** The stage of a calendar covering a month, if any. */
export function stageCovering<T extends { firstPeriod: string; lastPeriod: string }>(stages: readonly T[], period: string): T | null {
  return stages.find((s) => s.firstPeriod <= period && period <= s.lastPeriod) ?? null;
}

/** Programmes as data: their stage calendars and benefit amounts, on the public Program type. */
@Resolver(() => Program)
export class ProgramScheduleResolver {
  @FieldResolver(() => [ProgramStage], { description: 'The disbursement stages (tahap) and the months each covers, by year. Public.' })
  async stages(
    @Root() program: Program,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true, description: 'Only this year’s stages.' }) year?: number | null,
  ): Promise<ProgramStage[]> {
    const stages = await ctx.loaders.programStagesByProgramLoader.load(program.code);
    return stages.filter((s) => year == null || s.year === year).map(ProgramStage.from);
  }

  @FieldResolver(() => ProgramStage, { nullable: true, description: 'The stage covering a month: this month (WIB) by default. Null when the programme pays nothing then. Public.' })
  async currentStage(
    @Root() program: Program,
    @Ctx() ctx: RequestContext,
    @Arg('period', () => String, { nullable: true, description: 'A month, `YYYY-MM`, instead of this one.' }) period?: string | null,
  ): Promise<ProgramStage | null> {
    if (period != null && !PERIOD.test(period)) throw badUserInput(words('input.month', { field: 'period' }), 'period');
    const stage = stageCovering(await ctx.loaders.programStagesByProgramLoader.load(program.code), period ?? periodOf(ctx.now()));
    return stage && ProgramStage.from(stage);
  }

  @FieldResolver(() => [ProgramBenefitAmount], { description: 'What it pays per stage, by component. Public.' })
  async benefitAmounts(
    @Root() program: Program,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => String, { nullable: true, description: 'Only the amounts that apply on this day, `YYYY-MM-DD`; all (past ones too) when omitted.' }) on?: string | null,
  ): Promise<ProgramBenefitAmount[]> {
    if (on != null && (!DATE.test(on) || Number.isNaN(Date.parse(on)))) throw badUserInput(words('input.date', { field: 'on' }), 'on');
    const amounts = await ctx.loaders.programBenefitAmountsByProgramLoader.load(program.code);
    return amounts
      .filter((a) => on == null || (a.validFrom <= on && (a.validTo == null || on <= a.validTo)))
      .map((a) => Object.assign(new ProgramBenefitAmount(), {
        component: a.component, description: a.description, amountPerStage: Number(a.amountPerStage), unit: a.unit, validFrom: a.validFrom, validTo: a.validTo,
      }));
  }
}
