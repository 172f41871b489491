import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { CaseConferenceStatus } from './case-conference.entity';
import { HomeVisitOutcome } from './home-visit.entity';

registerEnumType(CaseConferenceStatus, {
  name: 'CaseConferenceStatus',
  description: 'Where a case conference stands.',
  valuesConfig: {
    SCHEDULED: { description: 'Planned; not yet held.' },
    HELD: { description: 'Held; its decisions and follow-up actions are recorded.' },
    CANCELLED: { description: 'Called off.' },
  },
});

registerEnumType(HomeVisitOutcome, {
  name: 'HomeVisitOutcome',
  description: 'What a social worker’s home visit found.',
  valuesConfig: {
    CONFIRMED: { description: 'The visit confirmed what the complaint says (e.g. the family is eligible and was left out).' },
    NOT_CONFIRMED: { description: 'The visit did not confirm it.' },
    NOBODY_HOME: { description: 'Nobody was found at the address; another visit may be needed.' },
    MOVED_AWAY: { description: 'The family no longer lives at the address.' },
    OTHER: { description: 'Something else; the findings say what.' },
  },
});

/** A case conference as read from `case_conferences cc`. */
export interface CaseConferenceRow {
  id: string;
  convenedByOrganisationId: string;
  scheduledAt: Date;
  location: string;
  agenda: string;
  status: CaseConferenceStatus;
  decisions: string | null;
  heldAt: Date | null;
  createdAt: Date;
}

export const CASE_CONFERENCE_COLUMNS = `cc.id, cc.convened_by_organisation_id AS "convenedByOrganisationId", cc.scheduled_at AS "scheduledAt",
  cc.location, cc.agenda, cc.status, cc.decisions, cc.held_at AS "heldAt", cc.created_at AS "createdAt"`;

@ObjectType('CaseConference', {
  implements: Node,
  description: 'A case conference: several parties (social offices, a bank, the village, an LKS …) meet on one or more complaints that need them all. Handlers who see one of its complaints, the organisations invited to it (a bank or NGO sees only the complaints it may read and the actions it owns), and auditors.',
})
export class CaseConference extends Node {
  @Field(() => CaseConferenceStatus, { description: 'Scheduled, held or cancelled.' })
  status: CaseConferenceStatus;

  @Field(() => Date, { description: 'When it meets.' })
  scheduledAt: Date;

  @Field({ description: 'Where it meets.' })
  location: string;

  @Field({ description: 'What it is to settle.' })
  agenda: string;

  @Field(() => String, { nullable: true, description: 'What it decided, once held.' })
  decisions: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was held.' })
  heldAt: Date | null;

  @Field(() => Date, { description: 'When it was scheduled.' })
  createdAt: Date;

  /** The row behind it, for field resolvers. */
  row: CaseConferenceRow;

  static from(row: CaseConferenceRow): CaseConference {
    return Object.assign(new CaseConference(), {
      id: toGlobalId('CaseConference', row.id),
      status: row.status,
      scheduledAt: row.scheduledAt,
      location: row.location,
      agenda: row.agenda,
      decisions: row.decisions,
      heldAt: row.heldAt,
      createdAt: row.createdAt,
      row,
    });
  }
}

/** A follow-up action as read from `case_conference_actions`. */
export interface CaseConferenceActionRow {
  id: string;
  caseConferenceId: string;
  description: string;
  responsibleOrganisationId: string;
  dueOn: string | null;
}

@ObjectType('CaseConferenceAction', { description: 'A follow-up a case conference agreed on, owned by one organisation.' })
export class CaseConferenceAction {
  @Field({ description: 'What is to be done.' })
  description: string;

  @Field(() => String, { nullable: true, description: 'By when (`YYYY-MM-DD`), if agreed.' })
  dueOn: string | null;

  /** For the responsibleOrganisation field resolver. */
  responsibleOrganisationId: string;

  static from(row: CaseConferenceActionRow): CaseConferenceAction {
    return Object.assign(new CaseConferenceAction(), { description: row.description, dueOn: row.dueOn, responsibleOrganisationId: row.responsibleOrganisationId });
  }
}

/** A home visit as read from `home_visits v`. */
export interface HomeVisitRow {
  id: string;
  complaintId: string;
  organisationId: string;
  socialWorkerName: string;
  scheduledFor: Date;
  visitedAt: Date | null;
  outcome: HomeVisitOutcome | null;
  findings: string | null;
  createdAt: Date;
}

export const HOME_VISIT_COLUMNS = `v.id, v.complaint_id AS "complaintId", v.organisation_id AS "organisationId",
  v.social_worker_name AS "socialWorkerName", v.scheduled_for AS "scheduledFor", v.visited_at AS "visitedAt",
  v.outcome, v.findings, v.created_at AS "createdAt"`;

@ObjectType('HomeVisit', {
  implements: Node,
  description: 'A social worker’s (pekerja sosial) visit to the family a complaint is about, to verify it in person. Its findings are about a family: handlers and auditors only.',
})
export class HomeVisit extends Node {
  @Field({ description: 'The social worker who visits.' })
  socialWorkerName: string;

  @Field(() => Date, { description: 'When the visit is planned.' })
  scheduledFor: Date;

  @Field(() => Date, { nullable: true, description: 'When the visit took place, once recorded.' })
  visitedAt: Date | null;

  @Field(() => HomeVisitOutcome, { nullable: true, description: 'What it found, once recorded.' })
  outcome: HomeVisitOutcome | null;

  @Field(() => String, { nullable: true, description: 'The social worker’s findings, once recorded.' })
  findings: string | null;

  @Field(() => Date, { description: 'When it was scheduled.' })
  createdAt: Date;

  /** The row behind it, for field resolvers. */
  row: HomeVisitRow;

  static from(row: HomeVisitRow): HomeVisit {
    return Object.assign(new HomeVisit(), {
      id: toGlobalId('HomeVisit', row.id),
      socialWorkerName: row.socialWorkerName,
      scheduledFor: row.scheduledFor,
      visitedAt: row.visitedAt,
      outcome: row.outcome,
      findings: row.findings,
      createdAt: row.createdAt,
      row,
    });
  }
}
