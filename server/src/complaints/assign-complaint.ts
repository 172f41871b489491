import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { changeComplaint } from './complaint-change';
import { uuidOf } from '../graphql/global-id';
import { FINISHED_STATUSES } from './complaint-query.service';
import { Complaint } from './complaint.type';
import { atOrAbove, findOrganisation, officeSees, refuse, takenUp, text, wrongStatus } from './handling-rules';
import { words } from '../words';
import { looksLikePersonalData, OFFICER_ID_MAX, OFFICER_NAME_MAX, upsertOfficer } from '../officers/officers';
import { OfficerInput } from '../officers/officer.type';

@InputType({ description: 'Give a complaint to a handling office (and perhaps a named officer there).' })
export class AssignComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field(() => ID, { description: 'The office (an Organisation id): a social office or the ministry whose jurisdiction covers the complaint’s village, at or above its current tier.' })
  organisationId: string;

  @Field(() => String, { nullable: true, description: 'The officer handling it (1–150 characters); handlers and auditors only see it.' })
  officerName?: string | null;

  @Field(() => OfficerInput, { nullable: true, description: 'The officer of that office handling it, by the office’s own id for them (as its sign-in names them, docs/adr/0030-officers.md): shown as the complaint’s assignedOfficer, and as assignedOfficerName when officerName is not given. Handlers and auditors only see it. Without it, no officer is assigned that way.' })
  officer?: OfficerInput | null;
}

@ObjectType({ description: 'The result of assignComplaint.' })
export class AssignComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why it was not assigned; empty on success.' })
  userErrors: UserError[];
}

/**
 * Assigning names who works on it; it does not move the complaint between
 * tiers (escalation does, with its own clock). A VERIFIED complaint is taken
 * up: IN_PROGRESS. The event is internal: it may name an officer.
 */
export async function assignComplaint(ctx: RequestContext, principal: ClientPrincipal, input: AssignComplaintInput): Promise<AssignComplaintPayload> {
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    let officer: string | null = null;
    if (input.officerName != null) {
      const name = text(input.officerName, ['input', 'officerName'], 150);
      if ('refuse' in name) return name;
      officer = name.value;
    }
    let named: { externalId: string; displayName: string } | null = null;
    if (input.officer != null) {
      const id = text(input.officer.id, ['input', 'officer', 'id'], OFFICER_ID_MAX);
      if ('refuse' in id) return id;
      const name = text(input.officer.name, ['input', 'officer', 'name'], OFFICER_NAME_MAX);
      if ('refuse' in name) return name;
      for (const [field, value] of [['id', id.value], ['name', name.value]] as const) {
        if (looksLikePersonalData(value)) return refuse(UserErrorCode.INVALID_INPUT, ['input', 'officer', field], words('officers.personalDataAsOfficer', { field }));
      }
      named = { externalId: id.value, displayName: name.value };
      officer ??= name.value;
    }
    if (FINISHED_STATUSES.includes(row.status)) return wrongStatus(row, 'assign');
    const office = await findOrganisation(manager, uuidOf(input.organisationId, 'Organisation'));
    if (!office) {
      return refuse(UserErrorCode.NOT_FOUND, ['input', 'organisationId'], words('organisation.notFound'));
    }
    if (!officeSees(office, row) || !atOrAbove(office, row.currentTier)) {
      return refuse(UserErrorCode.INELIGIBLE_ORGANISATION, ['input', 'organisationId'], words('complaints.officeIneligible', { office: office.name, tier: row.currentTier }));
    }
    const status = takenUp(row.status);
    // An officer of the office assigned to, whichever organisation assigns: the office's own id names them.
    const officerRow = named ? await upsertOfficer(manager, office.id, named, ctx.now()) : null;
    return {
      set: { assigned_organisation_id: office.id, assigned_officer_name: officer, assigned_officer_id: officerRow?.id ?? null, status },
      events: [{
        type: ComplaintEventType.ASSIGNED, visibility: EventVisibility.INTERNAL, fromStatus: row.status, toStatus: status,
        message: officer ? `Ditugaskan kepada ${office.name}, petugas ${officer}.` : `Ditugaskan kepada ${office.name}.`,
        data: { organisationId: office.id },
      }],
    };
  });
  return Object.assign(new AssignComplaintPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}
