import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { ClientPrincipal } from '../auth/principal';
import { Complaint } from '../complaints/complaint.type';
import type { RequestContext } from '../graphql/context';
import { Organisation } from '../organisations/organisation.type';
import {
  RecordCaseConferenceInput, RecordCaseConferencePayload, recordCaseConference, ScheduleCaseConferenceInput, ScheduleCaseConferencePayload, scheduleCaseConference,
} from './case-conferences';
import { CaseConference, CaseConferenceAction, HomeVisit } from './case-handling.types';
import { RecordHomeVisitInput, RecordHomeVisitPayload, recordHomeVisit, ScheduleHomeVisitInput, ScheduleHomeVisitPayload, scheduleHomeVisit } from './home-visits';

/** The shield lets only clients of the right role through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

const organisation = async (ctx: RequestContext, id: string) => Organisation.from((await ctx.loaders.organisationByIdLoader.load(id))!);

@Resolver(() => CaseConference)
export class CaseConferenceResolver {
  @Mutation(() => ScheduleCaseConferencePayload, { description: 'Call a case conference on one or more complaints, with the organisations taking part. Handlers who see the complaints.' })
  scheduleCaseConference(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The conference.' }) input: ScheduleCaseConferenceInput): Promise<ScheduleCaseConferencePayload> {
    return scheduleCaseConference(ctx, client(ctx), input);
  }

  @Mutation(() => RecordCaseConferencePayload, { description: 'Record a held case conference: its decisions and follow-up actions. Handlers who see it.' })
  recordCaseConference(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The record.' }) input: RecordCaseConferenceInput): Promise<RecordCaseConferencePayload> {
    return recordCaseConference(ctx, client(ctx), input);
  }

  @FieldResolver(() => Organisation, { description: 'The office that called it.' })
  convenedBy(@Root() conference: CaseConference, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return organisation(ctx, conference.row.convenedByOrganisationId);
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations taking part, the convening office included.' })
  async participants(@Root() conference: CaseConference, @Ctx() ctx: RequestContext): Promise<Organisation[]> {
    return (await ctx.loaders.participantsByCaseConferenceLoader.load(conference.row.id)).map(Organisation.from);
  }

  @FieldResolver(() => [Complaint], { description: 'The complaints it is about — those of them you may see.' })
  async complaints(@Root() conference: CaseConference, @Ctx() ctx: RequestContext): Promise<Complaint[]> {
    return (await ctx.loaders.complaintsByCaseConferenceLoader.load(conference.row.id)).map(Complaint.from);
  }

  @FieldResolver(() => [CaseConferenceAction], { description: 'The follow-ups agreed, once held.' })
  async actions(@Root() conference: CaseConference, @Ctx() ctx: RequestContext): Promise<CaseConferenceAction[]> {
    return (await ctx.loaders.actionsByCaseConferenceLoader.load(conference.row.id)).map(CaseConferenceAction.from);
  }
}

@Resolver(() => CaseConferenceAction)
export class CaseConferenceActionResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation that does it.' })
  responsibleOrganisation(@Root() action: CaseConferenceAction, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return organisation(ctx, action.responsibleOrganisationId);
  }
}

@Resolver(() => HomeVisit)
export class HomeVisitResolver {
  @Mutation(() => ScheduleHomeVisitPayload, { description: 'Plan a social worker’s home visit to the family a complaint is about. Handlers acting at the complaint’s tier.' })
  scheduleHomeVisit(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The visit.' }) input: ScheduleHomeVisitInput): Promise<ScheduleHomeVisitPayload> {
    return scheduleHomeVisit(ctx, client(ctx), input);
  }

  @Mutation(() => RecordHomeVisitPayload, { description: 'Record what a home visit found. Handlers who see the complaint.' })
  recordHomeVisit(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The outcome.' }) input: RecordHomeVisitInput): Promise<RecordHomeVisitPayload> {
    return recordHomeVisit(ctx, client(ctx), input);
  }

  @FieldResolver(() => Organisation, { description: 'The office whose social worker visits.' })
  organisation(@Root() visit: HomeVisit, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return organisation(ctx, visit.row.organisationId);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: 'The complaint it is for (null only if outside your reach, which a visit you see never is).' })
  async complaint(@Root() visit: HomeVisit, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = await ctx.loaders.complaintByIdLoader.load(visit.row.complaintId);
    return row && Complaint.from(row);
  }
}

@Resolver(() => Complaint)
export class ComplaintCaseHandlingResolver {
  @FieldResolver(() => [CaseConference], { description: 'The case conferences about it, by date. Handlers and auditors; empty for others.' })
  async caseConferences(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<CaseConference[]> {
    return (await ctx.loaders.caseConferencesByComplaintLoader.load(complaint.row.id)).map(CaseConference.from);
  }

  @FieldResolver(() => [HomeVisit], { description: 'Social workers’ home visits for it, by date. Handlers and auditors; empty for others.' })
  async homeVisits(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<HomeVisit[]> {
    return (await ctx.loaders.homeVisitsByComplaintLoader.load(complaint.row.id)).map(HomeVisit.from);
  }
}
