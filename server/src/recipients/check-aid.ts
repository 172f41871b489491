import { Arg, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DisbursementStatus, EnrolmentStatus, RegionLevel } from '../common/enums';
import { maskName } from '../common/personal-data';
import type { Locale, RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { BenefitForm } from '../programs/program.type';
import { say, words } from '../words';
import { periodOf, ProgramStage } from '../programs/program-schedule';
import { Program } from '../programs/program.type';
import { REGION_CODE_PATTERN } from '../regions/region.service';
import { Region } from '../regions/region.type';

/** At most this many families per answer: enough to find one's own, too few to list a village. */
export const AID_CHECK_MAX_FAMILIES = 10;
const MIN_NAME_LETTERS = 3;
const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

@ObjectType('AidProgramStatus', { description: 'A family’s standing in one programme for the period checked. Public: nothing that identifies a person.' })
export class AidProgramStatus {
  @Field(() => EnrolmentStatus, { description: 'Receives it, suspended, or ended (during the period).' })
  enrolmentStatus: EnrolmentStatus;

  @Field(() => ProgramStage, { nullable: true, description: 'The programme’s stage (tahap) covering the period; null when it pays nothing then.' })
  stage: ProgramStage | null;

  @Field(() => DisbursementStatus, { nullable: true, description: 'The payment of that stage so far; null when none has been made yet.' })
  disbursementStatus: DisbursementStatus | null;

  @Field({ description: 'The standing in words (Bahasa Indonesia, or English with Accept-Language: en), e.g. "Sudah disalurkan".' })
  statusLabel: string;

  programCode: string;
}

@ObjectType('AidCheckFamily', { description: 'A family whose member’s name matched, as the public aid check shows it: the name masked, never a NIK or KK number. Public.' })
export class AidCheckFamily {
  @Field({ description: 'The matching member’s name, masked: `S*** A*****`.' })
  name: string;

  @Field({ description: 'Whether the family is in DTKS, the social welfare register.' })
  inRegister: boolean;

  @Field(() => [AidProgramStatus], { description: 'Its programmes for the period, by programme code; empty when it receives none.' })
  programs: AidProgramStatus[];

  regionCode: string;
}

@ObjectType('AidCheck', {
  description: 'The answer of the public aid check (like the ministry’s cek bansos): families in a region with a member of that name, and their programmes for a period. Public.',
})
export class AidCheck {
  @Field({ description: 'The month checked, `YYYY-MM`.' })
  period: string;

  @Field(() => [AidCheckFamily], { description: `The matching families, at most ${AID_CHECK_MAX_FAMILIES}, by name.` })
  families: AidCheckFamily[];

  @Field({ description: `More than ${AID_CHECK_MAX_FAMILIES} families matched: give the full name, or a village instead of a district.` })
  moreFamiliesMatched: boolean;
}

interface ProgramRow {
  kkNumber: string;
  programCode: string;
  enrolmentStatus: EnrolmentStatus;
  year: number | null;
  stage: number | null;
  firstPeriod: string | null;
  lastPeriod: string | null;
  disbursementStatus: DisbursementStatus | null;
  benefitForm: BenefitForm;
}

/**
 * The public aid check. The name must match a member's whole name, or its
 * first words (`Asep` finds `Asep Suhendar`), case-insensitively; the region is
 * a district/city, sub-district or village. Two statements: the families
 * (at most 11, to tell whether there were more) and their programmes with the
 * stage covering the period and that stage's payment.
 */
export async function checkAid(ctx: RequestContext, regionCode: string, name: string, period: string | null | undefined): Promise<AidCheck> {
  if (!REGION_CODE_PATTERN.test(regionCode) || regionCode.length < 5) {
    throw badUserInput(words('aidCheck.regionCodeFormat'), 'regionCode');
  }
  const wanted = name.trim().replace(/\s+/g, ' ').toLowerCase();
  if ([...wanted.replace(/[^\p{L}]/gu, '')].length < MIN_NAME_LETTERS || wanted.length > 150) {
    throw badUserInput(words('aidCheck.nameTooShort', { min: MIN_NAME_LETTERS }), 'name');
  }
  if (period != null && !PERIOD.test(period)) throw badUserInput(words('input.month', { field: 'period' }), 'period');
  const month = period ?? periodOf(ctx.now());
  const region = await ctx.loaders.regionByCodeLoader.load(regionCode);
  if (!region || region.level === RegionLevel.PROVINCE) throw badUserInput(words('aidCheck.regionUnknown'), 'regionCode');

  const pattern = wanted.replace(/[\\%_]/g, '\\$&');
  const families: { kkNumber: string; fullName: string; regionCode: string; inRegister: boolean }[] = await ctx.dataSource.query(
    `WITH matched AS (
       SELECT DISTINCT ON (r.kk_number) r.kk_number, r.full_name, r.region_code
         FROM recipients r
        WHERE lower(r.full_name) LIKE $2 || '%' AND (lower(r.full_name) = $3 OR lower(r.full_name) LIKE $2 || ' %')
          AND (r.region_code = $1 OR r.region_code LIKE $1 || '.%')
        ORDER BY r.kk_number, r.is_family_head DESC, r.nik)
     SELECT m.kk_number AS "kkNumber", m.full_name AS "fullName", m.region_code AS "regionCode",
            EXISTS (SELECT 1 FROM recipients f WHERE f.kk_number = m.kk_number AND f.dtks_status = 'REGISTERED') AS "inRegister"
       FROM matched m ORDER BY m.full_name, m.kk_number LIMIT $4`,
    [regionCode, pattern, wanted, AID_CHECK_MAX_FAMILIES + 1],
  );
  const shown = families.slice(0, AID_CHECK_MAX_FAMILIES);
  const programs: ProgramRow[] = shown.length === 0 ? [] : await ctx.dataSource.query(
    `SELECT r.kk_number AS "kkNumber", e.program_code AS "programCode", e.status AS "enrolmentStatus",
            s.year, s.stage, s.first_period AS "firstPeriod", s.last_period AS "lastPeriod", d.status AS "disbursementStatus",
            p.benefit_form AS "benefitForm"
       FROM recipients r
       JOIN program_enrolments e ON e.recipient_id = r.id
       JOIN programs p ON p.code = e.program_code
       LEFT JOIN program_stages s ON s.program_code = e.program_code AND $2::text BETWEEN s.first_period AND s.last_period
       LEFT JOIN LATERAL (
         SELECT d.status FROM disbursements d
          WHERE d.enrolment_id = e.id AND d.period BETWEEN s.first_period AND $2::text
          ORDER BY d.period DESC, d.stage DESC LIMIT 1) d ON TRUE
      WHERE r.kk_number = ANY($1::char(16)[])
        AND (e.status <> 'ENDED' OR e.ended_on >= to_date($2::text || '-01', 'YYYY-MM-DD'))
      ORDER BY r.kk_number, e.program_code`,
    [shown.map((f) => f.kkNumber), month],
  );
  return Object.assign(new AidCheck(), {
    period: month,
    moreFamiliesMatched: families.length > AID_CHECK_MAX_FAMILIES,
    families: shown.map((family) => Object.assign(new AidCheckFamily(), {
      name: maskName(family.fullName),
      inRegister: family.inRegister,
      regionCode: family.regionCode,
      programs: programs.filter((p) => p.kkNumber === family.kkNumber).map((p) => programStatus(p, ctx.locale)),
    })),
  });
}

function programStatus(row: ProgramRow, locale: Locale): AidProgramStatus {
  const status = row.enrolmentStatus !== EnrolmentStatus.ACTIVE ? row.enrolmentStatus
    : row.stage == null ? 'NO_STAGE'
      : row.disbursementStatus ?? notPaidYet(row);
  return Object.assign(new AidProgramStatus(), {
    programCode: row.programCode,
    enrolmentStatus: row.enrolmentStatus,
    stage: row.stage == null ? null : Object.assign(new ProgramStage(), { year: row.year, stage: row.stage, firstPeriod: row.firstPeriod, lastPeriod: row.lastPeriod }),
    disbursementStatus: row.disbursementStatus,
    statusLabel: say(locale, 'aidCheck.status', { status }),
  });
}

/**
 * An active enrolment with no payment for the period: for a programme paid to
 * the family, not yet disbursed; for a contribution (PBI-JK: the government
 * pays the health insurance premium to BPJS Kesehatan), nothing is ever paid to
 * the family, and "belum disalurkan" would tell a covered person they are owed
 * money — the premium is what the government pays.
 */
function notPaidYet(row: ProgramRow): 'NOT_YET' | 'PREMIUM_PAID_BY_GOVERNMENT' {
  return row.benefitForm === BenefitForm.CONTRIBUTION ? 'PREMIUM_PAID_BY_GOVERNMENT' : 'NOT_YET';
}

@Resolver(() => AidCheck)
export class CheckAidResolver {
  @Query(() => AidCheck, {
    description: `The public aid check (cek bansos): give a district/city or village and a name as on the KTP; get the matching families (at most ${AID_CHECK_MAX_FAMILIES}), `
      + 'each member’s name masked and never a NIK, with their programmes for this month (or `period`). Public; limited per IP address.',
  })
  checkAid(
    @Ctx() ctx: RequestContext,
    @Arg('regionCode', { description: 'A district/city (`32.73`), sub-district (`32.73.01`) or village (`32.73.01.1001`) code.' }) regionCode: string,
    @Arg('name', { description: 'The name as on the KTP: the whole name, or its first word(s); at least 3 letters.' }) name: string,
    @Arg('period', () => String, { nullable: true, description: 'A month, `YYYY-MM`; this month (WIB) by default.' }) period?: string | null,
  ): Promise<AidCheck> {
    return checkAid(ctx, regionCode, name, period);
  }
}

@Resolver(() => AidCheckFamily)
export class AidCheckFamilyResolver {
  @FieldResolver(() => Region, { description: 'The village the family lives in.' })
  async region(@Root() family: AidCheckFamily, @Ctx() ctx: RequestContext): Promise<Region> {
    return Region.from((await ctx.loaders.regionByCodeLoader.load(family.regionCode))!);
  }
}

@Resolver(() => AidProgramStatus)
export class AidProgramStatusResolver {
  @FieldResolver(() => Program, { description: 'The programme.' })
  async program(@Root() status: AidProgramStatus, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(status.programCode))!);
  }
}
