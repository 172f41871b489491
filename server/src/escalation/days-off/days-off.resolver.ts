import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { ClientPrincipal } from '../../auth/principal';
import type { RequestContext } from '../../graphql/context';
import { badUserInput } from '../../graphql/errors';
import { UserError, UserErrorCode } from '../../graphql/user-error';
import { UserErrors } from '../../graphql/user-errors';
import { CalendarDayOff, currentDaysOffCalendar } from './calendar';
import { DayOffEntity, DayOffKind } from './day-off.entity';
import { ensureDaysOffCalendar, RECORDABLE_YEARS, recordDayOff, reloadDaysOff, validateDayOff, withdrawDayOff } from './days-off.service';
import { words } from '../../words';

/**
 * Indonesia's days off, read by anyone (they decide every working-day due
 * date) and changed by the ministry's administrators when an SKB 3 Menteri is
 * published or amended (docs/adr/0022-days-off.md). Thin: the rules are in
 * days-off.service.ts, shared with `npm run days-off`.
 */
registerEnumType(DayOffKind, {
  name: 'DayOffKind',
  description: 'The kind of a day off, as the SKB 3 Menteri fixes it. Both are not working days for SLA clocks.',
  valuesConfig: {
    PUBLIC_HOLIDAY: { description: 'A national public holiday (hari libur nasional).' },
    CUTI_BERSAMA: { description: 'Collective leave of the civil service (cuti bersama).' },
  },
});

@ObjectType('DayOff', { description: 'A day that is not a working day for SLA clocks: a public holiday or a cuti bersama.' })
export class DayOff {
  @Field({ description: 'The local date, YYYY-MM-DD (the same in WIB, WITA and WIT).' })
  date: string;

  @Field({ description: 'Its name, as the SKB gives it, e.g. "Cuti bersama Idul Fitri 1448 H".' })
  name: string;

  @Field(() => DayOffKind, { description: 'Public holiday or cuti bersama.' })
  kind: DayOffKind;

  @Field({ description: 'Where it comes from: the SKB’s number, or the library that computed it when no SKB is recorded.' })
  source: string;

  @Field({ description: 'True for a public holiday computed by the library because no public holidays of the year are recorded yet: the date may move by a day when the SKB is recorded (Islamic holidays).' })
  estimated: boolean;

  static from(day: CalendarDayOff | DayOffEntity): DayOff {
    return Object.assign(new DayOff(), {
      date: day.date, name: day.name, kind: day.kind, source: day.source, estimated: 'estimated' in day ? day.estimated : false,
    });
  }
}

@InputType({ description: 'A day off to record, as the SKB gives it.' })
export class RecordDayOffInput {
  @Field({ description: 'The date, YYYY-MM-DD.' })
  date: string;

  @Field({ description: 'Its name as the SKB gives it (1–200 characters).' })
  name: string;

  @Field(() => DayOffKind, { description: 'Public holiday or cuti bersama.' })
  kind: DayOffKind;

  @Field({ description: 'The SKB (or its amendment) that fixes it, by number (1–300 characters).' })
  source: string;
}

@InputType({ description: 'A day off given back as a working day.' })
export class WithdrawDayOffInput {
  @Field({ description: 'The date, YYYY-MM-DD.' })
  date: string;

  @Field(() => DayOffKind, { description: 'The kind of day off withdrawn.' })
  kind: DayOffKind;

  @Field(() => String, { nullable: true, description: 'Only the day off of this name (when two fall on one date); all of the date and kind when omitted.' })
  name?: string | null;

  @Field({ description: 'The SKB (or its amendment) that gives the day back, by number (1–300 characters).' })
  source: string;
}

@ObjectType({ description: 'The result of recordDayOff.' })
export class RecordDayOffPayload {
  @Field(() => DayOff, { nullable: true, description: 'The day off as recorded; null when refused.' })
  dayOff: DayOff | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of withdrawDayOff.' })
export class WithdrawDayOffPayload {
  @Field(() => [DayOff], { description: 'The days off withdrawn (as they were); empty when refused.' })
  withdrawn: DayOff[];

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

const recorder = (ctx: RequestContext) => (ctx.principal as ClientPrincipal).clientId;

@Resolver()
export class DaysOffResolver {
  @Query(() => [DayOff], {
    description: 'The public holidays and cuti bersama of a year, by date: the days SLA clocks counted in working days skip (weekends aside). Public.',
  })
  async daysOff(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { description: `The year (${RECORDABLE_YEARS.from}–${RECORDABLE_YEARS.to}).` }) year: number,
  ): Promise<DayOff[]> {
    if (year < RECORDABLE_YEARS.from || year > RECORDABLE_YEARS.to) throw badUserInput(words('daysOff.yearArgument', RECORDABLE_YEARS), 'year');
    // The primary: the calendar is the process's, kept by the writes' source.
    await ensureDaysOffCalendar(ctx.primary);
    return currentDaysOffCalendar().daysIn(year).map(DayOff.from);
  }

  @Mutation(() => RecordDayOffPayload, {
    description: 'Record a public holiday or cuti bersama from a published SKB, or put a withdrawn one back: due dates computed from now on skip it, in every server within a minute. Administrators only.',
  })
  async recordDayOff(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The day off.' }) input: RecordDayOffInput): Promise<RecordDayOffPayload> {
    const errors = new UserErrors(ctx.locale);
    const { value, errors: invalid } = validateDayOff(input);
    for (const error of invalid) errors.add(['input', error.field], UserErrorCode.INVALID_INPUT, error.message);
    if (!value) return Object.assign(new RecordDayOffPayload(), { dayOff: null, userErrors: errors.list });
    const { row } = await recordDayOff(ctx.primary.manager, value, recorder(ctx));
    await reloadDaysOff(ctx.primary); // this process at once
    return Object.assign(new RecordDayOffPayload(), { dayOff: DayOff.from(row), userErrors: [] });
  }

  @Mutation(() => WithdrawDayOffPayload, {
    description: 'Give a day off back as a working day (an SKB amendment cancels a cuti bersama, as in 2020 and 2021). The day stays on record, withdrawn; setup never restores it. Administrators only.',
  })
  async withdrawDayOff(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The day off withdrawn.' }) input: WithdrawDayOffInput): Promise<WithdrawDayOffPayload> {
    const errors = new UserErrors(ctx.locale);
    const { errors: invalid } = validateDayOff({ date: input.date, name: input.name ?? 'any', kind: input.kind, source: input.source });
    for (const error of invalid) errors.add(['input', error.field], UserErrorCode.INVALID_INPUT, error.message);
    if (errors.any) return Object.assign(new WithdrawDayOffPayload(), { withdrawn: [], userErrors: errors.list });
    const rows = await withdrawDayOff(ctx.primary.manager, { date: input.date.trim(), kind: input.kind, name: input.name?.trim() || null }, {
      source: input.source.trim(), by: recorder(ctx),
    });
    if (!rows.length) {
      errors.add(['input', 'date'], UserErrorCode.NOT_FOUND, 'daysOff.noneInForce');
      return Object.assign(new WithdrawDayOffPayload(), { withdrawn: [], userErrors: errors.list });
    }
    await reloadDaysOff(ctx.primary);
    return Object.assign(new WithdrawDayOffPayload(), { withdrawn: rows.map(DayOff.from), userErrors: [] });
  }
}
