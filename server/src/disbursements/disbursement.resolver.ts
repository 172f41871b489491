import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notePersonalDataRead } from '../auth/personal-data-log';
import type { ClientPrincipal } from '../auth/principal';
import { maskNik } from '../common/personal-data';
import { seesPersonalDataWhole } from '../complaints/complaint-scope';
import { Complaint } from '../complaints/complaint.type';
import { ConnectionArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { Organisation } from '../organisations/organisation.type';
import { Program } from '../programs/program.type';
import { IssuePage, listBatchIssues, listDisbursementIssues, MAX_RECONCILIATION_MONTHS, reconcileDisbursements } from './disbursement-queries';
import {
  DisbursementBatch, DisbursementIssue, DisbursementIssueConnection, DisbursementIssueFilter, DisbursementReconciliationRow,
  MAX_ITEMS_PER_REPORT, ReportDisbursementIssuesInput, ReportDisbursementIssuesPayload, ResolveDisbursementIssueInput, ResolveDisbursementIssuePayload,
} from './disbursement.types';
import { reportDisbursementIssues } from './report-disbursement-issues';
import { resolveDisbursementIssue } from './resolve-disbursement-issue';

/** The shield lets only clients of the right role through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@ArgsType()
class DisbursementIssuesArgs extends ConnectionArgs {
  @Field(() => DisbursementIssueFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: DisbursementIssueFilter;
}

@ArgsType()
class ReconciliationArgs {
  @Field(() => String, { nullable: true, description: 'One bank’s short code (BRI, BNI …). Banks always get their own rows, whatever this says.' })
  bankCode?: string | null;

  @Field(() => String, { nullable: true, description: 'One programme.' })
  programCode?: string | null;

  @Field({ description: 'The first month, `YYYY-MM`.' })
  periodFrom: string;

  @Field({ description: `The last month, \`YYYY-MM\`; at most ${MAX_RECONCILIATION_MONTHS} months after periodFrom.` })
  periodTo: string;
}

function connection(page: IssuePage): InstanceType<typeof DisbursementIssueConnection> {
  return toConnection(page, DisbursementIssue.from);
}

@Resolver()
export class DisbursementResolver {
  @Mutation(() => ReportDisbursementIssuesPayload, {
    description: `Report failed transfers of one programme and month: 1–${MAX_ITEMS_PER_REPORT} items, each matched to the recipient, the enrolment and a disbursement your bank made. `
      + 'Each item is answered on its own (`results`, in input order), so a bad item never loses the good ones. Matching citizen complaints are linked and referred to you. Banks.',
  })
  reportDisbursementIssues(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The report.' }) input: ReportDisbursementIssuesInput): Promise<ReportDisbursementIssuesPayload> {
    return reportDisbursementIssues(ctx, client(ctx), input);
  }

  @Mutation(() => ResolveDisbursementIssuePayload, {
    description: 'Record how a failed transfer your bank reported was resolved: resent, returned to the treasury, or data corrected. Linked complaints get the outcome as a public response. Banks (the one that reported it).',
  })
  resolveDisbursementIssue(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The resolution.' }) input: ResolveDisbursementIssueInput): Promise<ResolveDisbursementIssuePayload> {
    return resolveDisbursementIssue(ctx, client(ctx), input);
  }

  @Query(() => DisbursementIssueConnection, {
    description: 'Reported failed transfers, newest first: a bank its own; the ministry and auditors all; other social offices those of recipients in their jurisdiction.',
  })
  async disbursementIssues(@Ctx() ctx: RequestContext, @Args() args: DisbursementIssuesArgs): Promise<InstanceType<typeof DisbursementIssueConnection>> {
    return connection(await listDisbursementIssues(ctx, args));
  }

  @Query(() => [DisbursementReconciliationRow], {
    description: 'Reconciliation of failed transfers per bank, programme and month (Kemensos reconciles with the banks every 3 months): reported, resolved by outcome, still open. '
      + 'A bank sees its own; the ministry and auditors all; other social offices the issues of recipients in their jurisdiction.',
  })
  disbursementReconciliation(@Ctx() ctx: RequestContext, @Args() args: ReconciliationArgs): Promise<DisbursementReconciliationRow[]> {
    return reconcileDisbursements(ctx, args);
  }
}

@Resolver(() => DisbursementIssue)
export class DisbursementIssueResolver {
  @FieldResolver(() => String, {
    description: 'The recipient’s NIK: whole for social offices in jurisdiction and auditors (reads are logged), masked (`3273********0001`) for the bank — it sent the NIK and has `index` to find its row.',
  })
  nik(@Root() issue: DisbursementIssue, @Ctx() ctx: RequestContext): string {
    if (!seesPersonalDataWhole(ctx.principal)) return maskNik(issue.row.nik);
    notePersonalDataRead(ctx, { subjectType: 'DisbursementIssue', subjectId: issue.row.id, field: 'nik' });
    return issue.row.nik;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The bank’s note on the resolution. Never public.' })
  resolutionNote(@Root() issue: DisbursementIssue): string | null {
    return issue.row.resolutionNote;
  }

  @FieldResolver(() => Program, { description: 'The programme.' })
  async program(@Root() issue: DisbursementIssue, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(issue.row.programCode))!);
  }

  @FieldResolver(() => Organisation, { description: 'The bank that reported it (and made the disbursement).' })
  async bank(@Root() issue: DisbursementIssue, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(issue.row.bankOrganisationId))!);
  }

  @FieldResolver(() => DisbursementBatch, { nullable: true, description: 'The report it came in; null when outside your reach.' })
  async batch(@Root() issue: DisbursementIssue, @Ctx() ctx: RequestContext): Promise<DisbursementBatch | null> {
    const row = await ctx.loaders.disbursementBatchByIdLoader.load(issue.row.batchId);
    return row && DisbursementBatch.from(row);
  }

  @FieldResolver(() => [Complaint], {
    description: 'Citizen complaints about the same family, programme and month, linked automatically; those you may see (a bank sees them as referrals, complainant masked).',
  })
  async linkedComplaints(@Root() issue: DisbursementIssue, @Ctx() ctx: RequestContext): Promise<Complaint[]> {
    const rows = await ctx.loaders.linkedComplaintsByIssueLoader.load(issue.row.id);
    return rows.map((row) => {
      const { forIssue: _forIssue, ...complaint } = row;
      ctx.loaders.complaintByIdLoader.prime(complaint.id, complaint);
      return Complaint.from(complaint);
    });
  }
}

@Resolver(() => DisbursementBatch)
export class DisbursementBatchResolver {
  @FieldResolver(() => Program, { description: 'The programme reported on.' })
  async program(@Root() batch: DisbursementBatch, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(batch.row.programCode))!);
  }

  @FieldResolver(() => Organisation, { description: 'The bank that sent it.' })
  async bank(@Root() batch: DisbursementBatch, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(batch.row.bankOrganisationId))!);
  }

  @FieldResolver(() => DisbursementIssueConnection, { description: 'Its recorded issues in your reach, by item index.' })
  async issues(
    @Root() batch: DisbursementBatch,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: `How many: 1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Issues after this cursor.' }) after?: string,
  ): Promise<InstanceType<typeof DisbursementIssueConnection>> {
    return connection(await listBatchIssues(ctx, batch.row.id, { first, after }));
  }
}

@Resolver(() => DisbursementReconciliationRow)
export class DisbursementReconciliationRowResolver {
  @FieldResolver(() => Organisation, { description: 'The bank.' })
  async bank(@Root() row: DisbursementReconciliationRow, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(row.bankOrganisationId))!);
  }

  @FieldResolver(() => Program, { description: 'The programme.' })
  async program(@Root() row: DisbursementReconciliationRow, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(row.programCode))!);
  }
}

/** The other way of the link: a complaint's bank reports. */
@Resolver(() => Complaint)
export class ComplaintDisbursementIssuesResolver {
  @FieldResolver(() => [DisbursementIssue], {
    description: 'Banks’ reports of failed transfers for the same family, programme and month, linked automatically; those you may see (intake clients: none).',
  })
  async disbursementIssues(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<DisbursementIssue[]> {
    const rows = await ctx.loaders.disbursementIssuesByComplaintLoader.load(complaint.row.id);
    return rows.map((row) => {
      const { forComplaint: _forComplaint, ...issue } = row;
      ctx.loaders.disbursementIssueByIdLoader.prime(issue.id, issue);
      return DisbursementIssue.from(issue);
    });
  }
}
