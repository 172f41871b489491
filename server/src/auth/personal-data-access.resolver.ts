import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Officer } from '../officers/officer.type';
import { ConnectionArgs, connectionTypes, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { toGlobalId, uuidOf } from '../graphql/global-id';
import { words } from '../words';

@ObjectType('PersonalDataAccess', { description: 'One read of full personal data (a NIK, KK number or phone) by a handler or an auditor. Auditors only.' })
export class PersonalDataAccess {
  @Field(() => Date, { description: 'When it was read.' })
  at: Date;

  @Field({ description: 'The client that read it.' })
  clientId: string;

  @Field({ description: 'The organisation of that client.' })
  organisationName: string;

  @Field({ description: 'What kind of record was read, e.g. `Complaint`.' })
  subjectType: string;

  @Field({ description: 'The global id of the record read.' })
  subjectId: string;

  @Field({ description: 'Which field was read whole, e.g. `complainant.nik`.' })
  field: string;

  @Field({ description: 'The request it happened in, to find in the server logs.' })
  requestId: string;

  @Field(() => Officer, { nullable: true, description: 'The officer the client read it for (an officer token, docs/adr/0030-officers.md), with their name then; null when the client read it for no officer.' })
  officer: Officer | null;
}

export const { ConnectionType: PersonalDataAccessConnection } = connectionTypes(PersonalDataAccess, 'PersonalDataAccess', 'A page of the personal-data access log, newest first.');

@ArgsType()
class AccessLogArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only reads by this client_id.' })
  clientId?: string;

  @Field(() => String, { nullable: true, description: 'Only reads of this record (its global id).' })
  subjectId?: string;

  @Field(() => String, { nullable: true, description: 'Only reads for this officer: the organisation’s own id for them (Officer.id). Give organisationId too, as two organisations may use the same id.' })
  officerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only reads by this organisation’s clients (an Organisation id).' })
  organisationId?: string;
}

@Resolver()
export class PersonalDataAccessResolver {
  @Query(() => PersonalDataAccessConnection, { description: 'Who read whose full NIK, KK number or phone, and when. Auditors only.' })
  async personalDataAccessLog(@Ctx() ctx: RequestContext, @Args() args: AccessLogArgs): Promise<InstanceType<typeof PersonalDataAccessConnection>> {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = ['TRUE'];
    if (args.clientId) where.push(`a.client_id = ${p(args.clientId)}`);
    if (args.officerId) where.push(`f.external_id = ${p(args.officerId)}`);
    if (args.organisationId) {
      const organisationId = uuidOf(args.organisationId, 'Organisation');
      if (!organisationId) throw badUserInput(words('input.notGlobalId', { field: 'organisationId' }), 'organisationId');
      where.push(`l.organisation_id = ${p(organisationId)}`);
    }
    if (args.subjectId) {
      const decoded = Buffer.from(args.subjectId, 'base64url').toString('utf8').split(':');
      if (decoded.length !== 2) throw badUserInput(words('input.notGlobalId', { field: 'subjectId' }), 'subjectId');
      where.push(`l.subject_type = ${p(decoded[0])} AND l.subject_id::text = ${p(decoded[1])}`);
    }
    const countParams = [...params];
    const countWhere = [...where];
    if (args.after) {
      const cursor = decodeCursor(args.after);
      if (!cursor || cursor.length !== 2) throw badUserInput(words('page.after'), 'after');
      where.push(`(l.accessed_at, l.id) < (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
    }
    const rows: { id: string; at: Date; atCursor: string; clientId: string; organisationName: string; subjectType: string; subjectId: string; field: string; requestId: string; officerId: string | null; officerName: string | null }[] =
      await ctx.dataSource.query(
        `SELECT l.id, l.accessed_at AS at, to_char(l.accessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "atCursor", a.client_id AS "clientId", o.name AS "organisationName", l.subject_type AS "subjectType",
                l.subject_id AS "subjectId", l.field, l.request_id AS "requestId",
                f.external_id AS "officerId", l.officer_name AS "officerName"
           FROM personal_data_access_log l JOIN api_clients a ON a.id = l.api_client_id JOIN organisations o ON o.id = l.organisation_id
           LEFT JOIN officers f ON f.id = l.officer_id
          WHERE ${where.join(' AND ')} ORDER BY l.accessed_at DESC, l.id DESC LIMIT ${p(first + 1)}`,
        params,
      );
    const [{ count }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS count FROM personal_data_access_log l JOIN api_clients a ON a.id = l.api_client_id LEFT JOIN officers f ON f.id = l.officer_id WHERE ${countWhere.join(' AND ')}`, countParams);
    const edges = rows.slice(0, first).map((r) => ({
      cursor: encodeCursor([r.atCursor, r.id]),
      node: Object.assign(new PersonalDataAccess(), { at: r.at, clientId: r.clientId, organisationName: r.organisationName, subjectType: r.subjectType, field: r.field, requestId: r.requestId, subjectId: toGlobalId(r.subjectType, r.subjectId),
        officer: r.officerId && r.officerName ? Officer.of(r.officerId, r.officerName) : null }),
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: count };
  }
}
