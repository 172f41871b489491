import { Args, ArgsType, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { OrganisationKind } from '../common/enums';
import { connectionTypes, ConnectionArgs, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, KeysetPage, MAX_PAGE_SIZE, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { words } from '../words';
import { OrganisationEntity } from './organisation.entity';
import { Organisation } from './organisation.type';

/**
 * The directory of organisations: who a handler can refer a complaint to or invite to a case conference, found by
 * kind, region and name (docs/adr/0031-workspace-api.md). Public bodies and the banks that pay aid, named as they
 * are: the Organisation type holds no secret, no client and no contact data, so every API client may read it.
 * Disabled organisations are left out: nobody can refer to them any more.
 */

@InputType({ description: 'Which organisations the directory answers; every field narrows, none: all.' })
export class OrganisationFilter {
  @Field(() => [OrganisationKind], { nullable: true, description: 'Only these kinds (e.g. [BANK], [DISTRICT_OFFICE, PROVINCE_OFFICE], [NGO]).' })
  kind?: OrganisationKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only offices whose jurisdiction covers this region or lies inside it (e.g. 32.73: Kota Bandung, its villages’ offices, Jawa Barat’s office and the ministry). Organisations without a jurisdiction (banks, NGOs, portals, auditors) are left out when it is given.',
  })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only those whose name or bank code contains this text (case-insensitive), e.g. "bandung" or "BRI".' })
  search?: string | null;
}

@ArgsType()
class OrganisationsArgs extends ConnectionArgs {
  @Field(() => OrganisationFilter, { nullable: true, description: 'What to narrow the directory to.' })
  filter?: OrganisationFilter | null;
}

const { ConnectionType: OrganisationConnection } = connectionTypes(
  Organisation, 'Organisation', 'A page of the directory of organisations, by name.',
);

interface DirectoryRow { id: string; name: string; code: string | null; kind: OrganisationKind; tier: OrganisationEntity['tier']; jurisdictionRegionCode: string | null; bankCode: string | null }

/** A page of the directory, by name then id (keyset: page N costs what page 1 costs). */
export async function organisationPage(ctx: RequestContext, args: OrganisationsArgs): Promise<KeysetPage<DirectoryRow>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badUserInput(words('page.first', { max: MAX_PAGE_SIZE }), 'first');
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = ['o.disabled_at IS NULL'];
  const filter = args.filter ?? {};
  if (filter.kind?.length) where.push(`o.kind = ANY(${p(filter.kind)}::organisation_kind[])`);
  const region = filter.regionCode?.trim();
  if (region) {
    const code = p(region);
    // Covers it (an ancestor's office, the ministry) or lies inside it (the offices below).
    where.push(`(o.kind = 'MINISTRY' OR o.jurisdiction_region_code = ${code} OR o.jurisdiction_region_code LIKE ${code} || '.%' OR ${code} LIKE o.jurisdiction_region_code || '.%')`);
  }
  const search = filter.search?.trim();
  if (search) {
    const pattern = p(`%${search.slice(0, 100).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(o.name ILIKE ${pattern} OR o.bank_code ILIKE ${pattern})`);
  }
  const countWhere = [...where];
  const countParams = [...params];
  if (args.after) {
    const cursor = decodeCursor(args.after);
    if (!cursor || cursor.length !== 2 || typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string' || !/^[0-9a-f-]{36}$/i.test(cursor[1])) {
      throw badUserInput(words('page.after'), 'after');
    }
    where.push(`(o.name COLLATE "C", o.id) > (${p(cursor[0])} COLLATE "C", ${p(cursor[1])}::uuid)`);
  }
  const rows: DirectoryRow[] = await ctx.dataSource.query(
    `SELECT o.id, o.name, o.code, o.kind, o.tier, o.jurisdiction_region_code AS "jurisdictionRegionCode", o.bank_code AS "bankCode"
       FROM organisations o WHERE ${where.join(' AND ')}
      ORDER BY o.name COLLATE "C", o.id LIMIT ${p(first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM organisations o WHERE ${countWhere.join(' AND ')}`, countParams);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: count, cursorOf: (row) => encodeCursor([row.name, row.id]) };
}

@Resolver()
export class OrganisationDirectoryResolver {
  @Query(() => OrganisationConnection, {
    description: 'The directory of organisations, by name: social offices, the ministry, banks, NGOs, portals and auditors, with kind, tier, jurisdiction and bank code — never a secret, a client or contact data. To pick a bank, an office or an NGO to refer a complaint to or invite to a case conference. Handlers, banks, intake clients and auditors.',
  })
  async organisations(@Ctx() ctx: RequestContext, @Args() args: OrganisationsArgs): Promise<InstanceType<typeof OrganisationConnection>> {
    return toConnection(await organisationPage(ctx, args), (row) => Organisation.from(row as unknown as OrganisationEntity));
  }
}
