import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintCategory, ComplaintStatus, RegionLevel, SlaStage, TimeZone } from '../common/enums';
import { stageDueAt } from '../escalation/sla-policy.service';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { words } from '../words';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { changeComplaint } from './complaint-change';
import { FINISHED_STATUSES } from './complaint-query.service';
import { CONFLICT_OF_INTEREST_CATEGORIES } from './complaint-scope';
import { Complaint } from './complaint.type';
import { refuse, text, wrongStatus } from './handling-rules';
import { readHandlingOffices, routeComplaint } from './intake-offices';

@InputType({ description: 'Correct what a complaint was filed under: its category, programme and/or village. Give at least one that differs from now.' })
export class CorrectComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field(() => ComplaintCategory, { nullable: true, description: 'The right category; omit to keep it.' })
  category?: ComplaintCategory | null;

  @Field(() => String, { nullable: true, description: 'The right programme’s code (see the programs query); omit to keep it.' })
  programCode?: string | null;

  @Field(() => String, { nullable: true, description: 'The right village’s code (desa/kelurahan, e.g. 32.73.01.1002); omit to keep it. Must lie inside your jurisdiction.' })
  regionCode?: string | null;

  @Field({ description: 'Why (1–500 characters): shown on the timeline with what was before and after.' })
  reason: string;
}

@ObjectType({ description: 'The result of correctComplaint.' })
export class CorrectComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the correction, with the CORRECTED event on its timeline (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field({ description: 'Whether the correction moved it to another office or tier (the new office handles it now, with a fresh clock; the complainant is told).' })
  rerouted: boolean;

  @Field(() => [UserError], { description: 'Why it was not corrected; empty on success.' })
  userErrors: UserError[];
}

/**
 * A complaint filed under the wrong category, programme or village is corrected, not closed and filed again
 * (docs/adr/0031-workspace-api.md): one CORRECTED event with before and after, one version, through the one door.
 * When the new village or category changes who handles it, it is routed as intake routes (routeComplaint: the
 * lowest tier with an office for the village; conduct categories and a whistleblower's bypass from the district),
 * never below the tier it has reached (a correction does not undo an escalation); the new office takes it with the
 * clock of its tier, as an escalation does, and the complainant is told as for an escalation. The caller acts at the
 * complaint's tier (changeComplaint) and its jurisdiction must cover the new village too: a district office corrects
 * between its villages, a village office only the category and programme, the province and the ministry wider.
 */
export async function correctComplaint(ctx: RequestContext, principal: ClientPrincipal, input: CorrectComplaintInput): Promise<CorrectComplaintPayload> {
  let rerouted = false;
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    const reason = text(input.reason, ['input', 'reason'], 500);
    if ('refuse' in reason) return reason;
    if (FINISHED_STATUSES.includes(row.status)) return wrongStatus(row, 'correct');

    const category = input.category ?? row.category;
    const programCode = input.programCode?.trim() || row.programCode;
    const regionCode = input.regionCode?.trim() || row.regionCode;
    if (category === row.category && programCode === row.programCode && regionCode === row.regionCode) {
      return refuse(UserErrorCode.INVALID_INPUT, ['input'], words('complaints.correctionNothingChanged'));
    }
    if (programCode !== row.programCode) {
      const program = await ctx.loaders.programByCodeLoader.load(programCode);
      if (!program) return refuse(UserErrorCode.INVALID_INPUT, ['input', 'programCode'], words('complaints.programUnknown', { programCode: programCode.slice(0, 20) }));
      if (!program.active) return refuse(UserErrorCode.INVALID_INPUT, ['input', 'programCode'], words('complaints.programInactive'));
    }
    let zone: TimeZone | null = null;
    if (regionCode !== row.regionCode) {
      const region = await ctx.loaders.regionByCodeLoader.load(regionCode);
      if (region?.level !== RegionLevel.VILLAGE) return refuse(UserErrorCode.INVALID_INPUT, ['input', 'regionCode'], words('complaints.villageCode'));
      if (region.retiredAt != null) return refuse(UserErrorCode.INVALID_INPUT, ['input', 'regionCode'], words('complaints.villageRetired'));
      // The old village is inside the caller's jurisdiction (it sees the complaint); the new one must be too.
      const jurisdiction = principal.jurisdictionCode;
      if (jurisdiction !== null && regionCode !== jurisdiction && !regionCode.startsWith(`${jurisdiction}.`)) {
        return refuse(UserErrorCode.OUTSIDE_YOUR_TIER, ['input', 'regionCode'], words('complaints.correctionOutsideJurisdiction', { regionCode }));
      }
      zone = region.timeZone;
    }

    const route = routeComplaint(await readHandlingOffices(manager, regionCode), category, row.bypassVillage, row.currentTier);
    rerouted = route.tier !== row.currentTier || route.organisationId !== row.assignedOrganisationId;
    const set: Record<string, unknown> = { category, program_code: programCode, region_code: regionCode };
    // A complaint about officials is confidential from intake on; a correction into such a category makes it so (never the reverse).
    if (CONFLICT_OF_INTEREST_CATEGORIES.includes(category) && !row.confidential) set.confidential = true;
    if (rerouted) {
      const now = ctx.now();
      zone ??= (await ctx.loaders.regionByCodeLoader.load(regionCode))!.timeZone;
      // The new office's clock, as an escalation starts one (escalation-step.ts): verification while still RECEIVED.
      const stage = row.status === ComplaintStatus.RECEIVED ? SlaStage.VERIFICATION : SlaStage.RESOLUTION;
      const due = await stageDueAt(ctx.dataSource, { stage, tier: route.tier, category, programCode }, now, zone);
      Object.assign(set, { current_tier: route.tier, assigned_organisation_id: route.organisationId, assigned_officer_name: null, due_at: due, sla_started_at: now });
      // Waiting for the complainant: the clock stays stopped, from now — the pause the due date later moves back by
      // starts with the new office's clock, not before it.
      if (row.slaPausedAt) set.sla_paused_at = now;
    }
    const before = { category: row.category, programCode: row.programCode, regionCode: row.regionCode };
    const after = { category, programCode, regionCode };
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((key) => before[key] !== after[key]);
    return {
      set,
      events: [{
        type: ComplaintEventType.CORRECTED,
        visibility: EventVisibility.PUBLIC,
        message: `Dikoreksi: ${changed.map((key) => `${LABEL[key]} ${before[key]} → ${after[key]}`).join('; ')}${rerouted ? `; kini ditangani ${route.organisationName}` : ''}. Alasan: ${reason.value}`,
        data: { before, after, rerouted, ...(rerouted ? { toOrganisationId: route.organisationId } : {}) },
      }],
    };
  });
  return Object.assign(new CorrectComplaintPayload(), {
    complaint: result.complaint && Complaint.from(result.complaint), rerouted: rerouted && result.userErrors.length === 0, userErrors: result.userErrors,
  });
}

/** How the timeline names what was corrected (the event's message is in Bahasa Indonesia, as every event's). */
const LABEL = { category: 'kategori', programCode: 'program', regionCode: 'desa/kelurahan' } as const;

/** The shield lets only handlers through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@Resolver()
export class CorrectComplaintResolver {
  @Mutation(() => CorrectComplaintPayload, {
    description: 'Correct the category, programme and/or village of an open complaint, with a reason: one CORRECTED event with before and after. When the correction changes the office or tier that handles it, it is re-routed as at intake (never below its current tier), with the new tier’s clock, and the complainant is told. Handlers acting at the complaint’s tier, whose jurisdiction covers the new village.',
  })
  correctComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The correction.' }) input: CorrectComplaintInput): Promise<CorrectComplaintPayload> {
    return correctComplaint(ctx, client(ctx), input);
  }
}
