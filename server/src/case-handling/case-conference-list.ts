import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { UUID } from '../common/uuid';
import { connectionTypes, ConnectionArgs, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, KeysetPage, MAX_PAGE_SIZE, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { words } from '../words';
import { CaseConferenceStatus } from './case-conference.entity';
import { caseConferenceScopeSql } from './case-handling.loaders';
import { CASE_CONFERENCE_COLUMNS, CaseConference, CaseConferenceRow } from './case-handling.types';

@ArgsType()
class CaseConferencesArgs extends ConnectionArgs {
  @Field(() => CaseConferenceStatus, { nullable: true, description: 'Only those in this state (e.g. SCHEDULED: the coming ones).' })
  status?: CaseConferenceStatus | null;
}

const { ConnectionType: CaseConferenceConnection } = connectionTypes(
  CaseConference, 'CaseConference', 'A page of case conferences, latest scheduled first.',
);

/**
 * The case conferences a caller reads (caseConferenceScopeSql): an office those about complaints in its
 * jurisdiction and those it was invited to; a bank or an NGO those it was invited to; auditors all. The list a
 * participant's console starts from (docs/adr/0031-workspace-api.md). Keyset by scheduled time, newest first.
 */
async function caseConferencePage(ctx: RequestContext, args: CaseConferencesArgs): Promise<KeysetPage<CaseConferenceRow & { scheduledAtCursor: string }>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badUserInput(words('page.first', { max: MAX_PAGE_SIZE }), 'first');
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [caseConferenceScopeSql(ctx.principal, params)];
  if (args.status) where.push(`cc.status = ${p(args.status)}`);
  const countWhere = [...where];
  const countParams = [...params];
  if (args.after) {
    const cursor = decodeCursor(args.after);
    if (!cursor || cursor.length !== 2 || typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string' || !UUID.test(cursor[1]) || Number.isNaN(Date.parse(cursor[0]))) {
      throw badUserInput(words('page.after'), 'after');
    }
    where.push(`(cc.scheduled_at, cc.id) < (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
  }
  const rows: (CaseConferenceRow & { scheduledAtCursor: string })[] = await ctx.dataSource.query(
    `SELECT ${CASE_CONFERENCE_COLUMNS}, to_char(cc.scheduled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "scheduledAtCursor"
       FROM case_conferences cc WHERE ${where.join(' AND ')} ORDER BY cc.scheduled_at DESC, cc.id DESC LIMIT ${p(first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM case_conferences cc WHERE ${countWhere.join(' AND ')}`, countParams);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: count, cursorOf: (row) => encodeCursor([row.scheduledAtCursor, row.id]) };
}

@Resolver()
export class CaseConferenceListResolver {
  @Query(() => CaseConferenceConnection, {
    description: 'The case conferences you take part in, latest scheduled first: offices those about complaints in their jurisdiction and those they were invited to; banks and NGOs those they were invited to (with the actions they own); auditors all.',
  })
  async caseConferences(@Ctx() ctx: RequestContext, @Args() args: CaseConferencesArgs): Promise<InstanceType<typeof CaseConferenceConnection>> {
    return toConnection(await caseConferencePage(ctx, args), CaseConference.from);
  }
}
