import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintStatus } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { applyChange, changeComplaint } from './complaint-change';
import { uuidOf } from '../graphql/global-id';
import { FINISHED_STATUSES } from './complaint-query.service';
import { ComplaintRow } from './complaint.row';
import { Complaint } from './complaint.type';
import { refuse, wrongStatus } from './handling-rules';
import { words } from '../words';

@InputType({ description: 'Merge a complaint into another about the same case; the other carries the handling.' })
export class MarkDuplicateInput {
  @Field(() => ID, { description: 'The complaint that is the duplicate.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read of the duplicate (optimistic concurrency).' })
  version: number;

  @Field(() => ID, { description: 'The complaint it duplicates, which survives: one you can see, neither a duplicate nor rejected itself.' })
  duplicateOfId: string;
}

@ObjectType({ description: 'The result of markDuplicate.' })
export class MarkDuplicatePayload {
  @Field(() => Complaint, { nullable: true, description: 'The duplicate after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => Complaint, { nullable: true, description: 'The surviving complaint; null when userErrors says why not.' })
  duplicateOf: Complaint | null;

  @Field(() => [UserError], { description: 'Why it was not merged; empty on success.' })
  userErrors: UserError[];
}

/** What the duplicate's timeline and tracker say of the merge (Bahasa Indonesia, as every public event). */
export const MERGED_MESSAGE = 'Pengaduan ini digabungkan dengan pengaduan lain tentang hal yang sama dan ditangani bersama pengaduan tersebut; '
  + 'perkembangan dan hasil penanganannya tetap dapat dipantau dengan nomor pengaduan ini.';

/** Statuses a surviving complaint cannot have: merging into them would lead nowhere. */
const NOT_SURVIVORS: readonly ComplaintStatus[] = [ComplaintStatus.DUPLICATE, ComplaintStatus.REJECTED];

/**
 * The duplicate becomes DUPLICATE with duplicate_of_id; both timelines get a
 * MARKED_DUPLICATE event, in one transaction: public on the duplicate, naming
 * no other code; internal on the survivor. The duplicate's tracker shows its own
 * code and how the merged handling goes (track-complaint.ts), never the
 * survivor's code or texts (docs/adr/0027-one-door.md). A
 * survivor is never itself a duplicate, so merges never form a cycle. Both rows
 * are locked together, in id order (changeComplaint's alsoLock): two handlers
 * merging one pair in opposite directions queue on the same row, and the second
 * finds the first's new version (STALE_VERSION) — no deadlock, no retry.
 */
export async function markDuplicate(ctx: RequestContext, principal: ClientPrincipal, input: MarkDuplicateInput): Promise<MarkDuplicatePayload> {
  let survivor = null as ComplaintRow | null; // widened: set inside `after`, which narrowing cannot see
  const targetId = uuidOf(input.duplicateOfId, 'Complaint');
  const result = await changeComplaint(ctx, principal, input, async (row, _manager, others) => {
    if (FINISHED_STATUSES.includes(row.status)) return wrongStatus(row, 'markDuplicate');
    if (targetId === row.id) {
      return refuse(UserErrorCode.INVALID_INPUT, ['input', 'duplicateOfId'], words('complaints.duplicateOfItself'));
    }
    const target = others.find((other) => other.id === targetId);
    if (!target) return refuse(UserErrorCode.NOT_FOUND, ['input', 'duplicateOfId'], words('complaints.duplicateTargetNotFound'));
    if (NOT_SURVIVORS.includes(target.status)) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'duplicateOfId'], words('complaints.duplicateTargetFinished', { trackingCode: target.trackingCode, status: target.status }));
    }
    return {
      set: { status: ComplaintStatus.DUPLICATE, duplicate_of_id: target.id, sla_paused_at: null },
      events: [{
        type: ComplaintEventType.MARKED_DUPLICATE, visibility: EventVisibility.PUBLIC, data: { duplicateOfId: target.id },
        // Public, so it names no other complaint: the survivor may be about someone this complaint's readers must not find
        // (a conduct complaint against the village office that sees this one). Handlers see the link in duplicateOf.
        message: MERGED_MESSAGE,
      }],
      after: async (m, duplicate) => {
        // Internal on the survivor: its complainant need not learn of another person's complaint.
        survivor = (await applyChange(ctx, m, principal, target, {
          set: {},
          events: [{
            type: ComplaintEventType.MARKED_DUPLICATE, visibility: EventVisibility.INTERNAL, data: { duplicateId: duplicate.id },
            message: `Pengaduan ${duplicate.trackingCode} digabungkan ke pengaduan ini.`,
          }],
        })).row;
      },
    };
  }, { alsoLock: [targetId] });
  return Object.assign(new MarkDuplicatePayload(), {
    complaint: result.complaint && Complaint.from(result.complaint),
    duplicateOf: result.userErrors.length === 0 && survivor ? Complaint.from(survivor) : null,
    userErrors: result.userErrors,
  });
}
