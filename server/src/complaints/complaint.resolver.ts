import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { notePersonalDataRead } from '../auth/personal-data-log';
import { Role } from '../auth/principal';
import { maskEmail, maskNik, maskPhone } from '../common/personal-data';
import { SlaState } from '../common/enums';
import { Channel } from '../channels/channel.type';
import { ConnectionArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { fromGlobalId } from '../graphql/global-id';
import { Organisation } from '../organisations/organisation.type';
import { Program } from '../programs/program.type';
import { Region } from '../regions/region.type';
import { ComplaintEvent, ComplaintEventConnection } from './complaint-event.type';
import { ComplaintFilter, ComplaintOrder } from './complaint-filter.input';
import { complaintSlaState, listComplaints } from './complaint-query.service';
import { seesInternalEvents, seesPersonalDataWhole } from './complaint-scope';
import { STATUS_LABELS } from './complaint.labels';
import { Complainant, Complaint, ComplaintConnection, NotificationConsent } from './complaint.type';
import { words } from '../words';
import { Officer } from '../officers/officer.type';

@ArgsType()
class ComplaintsArgs extends ConnectionArgs {
  @Field(() => ComplaintFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: ComplaintFilter;

  @Field(() => ComplaintOrder, { nullable: true, description: 'Order of the list; newest first by default.' })
  orderBy?: ComplaintOrder;
}

/** Fetches one complaint by global id within the caller's reach; null otherwise. */
export async function findComplaint(ctx: RequestContext, id: string): Promise<Complaint | null> {
  const decoded = fromGlobalId(id);
  if (decoded?.typeName !== 'Complaint') return null;
  const row = await ctx.loaders.complaintByIdLoader.load(decoded.key);
  return row && Complaint.from(row);
}

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => Complaint, { nullable: true, description: 'One complaint by id; null when it does not exist or is outside your reach. Requires a token.' })
  async complaint(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The complaint’s global id.' }) id: string): Promise<Complaint | null> {
    return findComplaint(ctx, id);
  }

  @Query(() => ComplaintConnection, {
    description: 'The complaints you may see — your inbox: in your jurisdiction (handlers), submitted by you (intake), referred to you (banks), all (auditors). Requires a token.',
  })
  async complaints(@Ctx() ctx: RequestContext, @Args() args: ComplaintsArgs): Promise<InstanceType<typeof ComplaintConnection>> {
    const page = await listComplaints(ctx, args);
    return toConnection(page, Complaint.from);
  }

  @FieldResolver(() => String, { description: 'The status in words, in Bahasa Indonesia (or English with Accept-Language: en).' })
  statusLabel(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): string {
    return STATUS_LABELS[complaint.status][ctx.locale];
  }

  @FieldResolver(() => SlaState, { description: 'The service-level clock now: on track, at risk (≤ 25 % of the time left), breached, paused or met.' })
  slaState(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): SlaState {
    return complaintSlaState(complaint.row, ctx.now());
  }

  @FieldResolver(() => Program, { description: 'The programme it is about.' })
  async program(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(complaint.row.programCode))!);
  }

  @FieldResolver(() => Channel, { description: 'The channel it arrived through.' })
  async channel(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Channel> {
    return Channel.from((await ctx.loaders.channelByCodeLoader.load(complaint.row.channelCode))!);
  }

  @FieldResolver(() => Region, { description: 'The village it is about.' })
  async region(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Region> {
    return Region.from((await ctx.loaders.regionByCodeLoader.load(complaint.row.regionCode))!);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation handling it now.' })
  async assignedTo(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const id = complaint.row.assignedOrganisationId;
    const organisation = id ? await ctx.loaders.organisationByIdLoader.load(id) : null;
    return organisation && Organisation.from(organisation);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The officer it is assigned to by name, if any. Handlers and auditors only; null for others.' })
  assignedOfficerName(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): string | null {
    return seesPersonalDataWhole(ctx.principal) ? complaint.row.assignedOfficerName : null;
  }

  @FieldResolver(() => Officer, { nullable: true, description: 'The officer of the assigned office it is given to, by that office’s own id for them (assignComplaint’s officer). Handlers and auditors only; null for others, or when no officer was named that way.' })
  async assignedOfficer(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Officer | null> {
    const id = complaint.row.assignedOfficerId;
    if (!id || !seesPersonalDataWhole(ctx.principal)) return null;
    const officer = await ctx.loaders.officerByIdLoader.load(id);
    return officer && Officer.of(officer.externalId, officer.displayName);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that submitted it (a portal, an NGO, an office); null for direct intake (call centre, walk-in).' })
  async submittedBy(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const id = complaint.row.submittedByOrganisationId;
    const organisation = id ? await ctx.loaders.organisationByIdLoader.load(id) : null;
    return organisation && Organisation.from(organisation);
  }

  @FieldResolver(() => Complainant, {
    nullable: true,
    description: 'Who filed it. Null when anonymous (for everyone), and when confidential for all but handlers. NIK and phone masked except for handlers in jurisdiction and auditors.',
  })
  complainant(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Complainant | null {
    const row = complaint.row;
    if (row.anonymous) return null;
    const isHandler = ctx.principal.kind === 'client' && ctx.principal.role === Role.HANDLER;
    if (row.confidential && !isHandler) return null;
    const whole = seesPersonalDataWhole(ctx.principal);
    if (whole && row.complainantNik) notePersonalDataRead(ctx, { subjectType: 'Complaint', subjectId: row.id, field: 'complainant.nik' });
    if (whole && row.complainantPhone) notePersonalDataRead(ctx, { subjectType: 'Complaint', subjectId: row.id, field: 'complainant.phone' });
    if (whole && row.complainantEmail) notePersonalDataRead(ctx, { subjectType: 'Complaint', subjectId: row.id, field: 'complainant.email' });
    return Object.assign(new Complainant(), {
      name: row.complainantName,
      phone: row.complainantPhone && (whole ? row.complainantPhone : maskPhone(row.complainantPhone)),
      email: row.complainantEmail && (whole ? row.complainantEmail : maskEmail(row.complainantEmail)),
      nik: row.complainantNik && (whole ? row.complainantNik : maskNik(row.complainantNik)),
      masked: !whole,
      confidential: row.confidential,
    });
  }

  @FieldResolver(() => NotificationConsent, {
    nullable: true,
    description: 'How the complainant is told what happens (the channel they consented to at intake, and when). Handlers and auditors only; null for others, and when they did not consent.',
  })
  notificationConsent(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): NotificationConsent | null {
    const row = complaint.row;
    if (!seesPersonalDataWhole(ctx.principal) || !row.notifyVia || !row.notifyConsentAt) return null;
    return Object.assign(new NotificationConsent(), { channel: row.notifyVia, consentedAt: row.notifyConsentAt });
  }

  @FieldResolver(() => String, { nullable: true, description: 'The NIK of the family the complaint is about, if given; masked except for handlers in jurisdiction and auditors (whose reads are logged).' })
  subjectNik(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): string | null {
    const nik = complaint.row.subjectNik;
    if (!nik) return null;
    if (!seesPersonalDataWhole(ctx.principal)) return maskNik(nik);
    notePersonalDataRead(ctx, { subjectType: 'Complaint', subjectId: complaint.row.id, field: 'subjectNik' });
    return nik;
  }

  @FieldResolver(() => ComplaintEventConnection, { description: 'What happened, oldest first. Handlers and auditors see internal notes too; others only public events.' })
  async timeline(
    @Root() complaint: Complaint,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: `How many events: 1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Events after this cursor.' }) after?: string,
  ): Promise<InstanceType<typeof ComplaintEventConnection>> {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (size < 1 || size > MAX_PAGE_SIZE) throw badUserInput(words('page.first', { max: MAX_PAGE_SIZE }), 'first');
    const cursor = after ? decodeCursor(after) : [0];
    if (!cursor || typeof cursor[0] !== 'number') throw badUserInput(words('complaints.timelineCursor'), 'after');
    const page = await ctx.loaders.timelineByComplaintLoader.load({
      complaintId: complaint.row.id, afterSeq: cursor[0], first: size, includeInternal: seesInternalEvents(ctx.principal),
    });
    return toConnection({ ...page, totalCount: page.total, cursorOf: (row) => encodeCursor([row.seq]) }, ComplaintEvent.from);
  }
}

@Resolver(() => ComplaintEvent)
export class ComplaintEventResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The organisation that acted; null when the system did (routing, the SLA scheduler) or when you are not a handler or auditor.' })
  async actorName(@Root() event: ComplaintEvent, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!event.actorOrganisationId || !seesPersonalDataWhole(ctx.principal)) return null;
    return (await ctx.loaders.organisationByIdLoader.load(event.actorOrganisationId))?.name ?? null;
  }

  @FieldResolver(() => Officer, { nullable: true, description: 'The officer the organisation’s client acted for (an officer token from the token exchange, docs/adr/0030-officers.md), with their name as it was then; null when the client acted for no officer, or for those who do not see actorName.' })
  actorOfficer(@Root() event: ComplaintEvent, @Ctx() ctx: RequestContext): Officer | null {
    if (!event.actorOfficerId || !event.actorOfficerName || !seesPersonalDataWhole(ctx.principal)) return null;
    return Officer.of(event.actorOfficerId, event.actorOfficerName);
  }
}
