import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DisbursementStatus, DtksStatus, EnrolmentStatus } from '../common/enums';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';

registerEnumType(DtksStatus, {
  name: 'DtksStatus',
  description: 'A person’s standing in DTKS, the integrated social welfare register.',
  valuesConfig: {
    REGISTERED: { description: 'In the register: eligible for programmes.' },
    NOT_REGISTERED: { description: 'Known, but not in the register.' },
    PROPOSED: { description: 'Proposed for the register (e.g. by a village deliberation), not yet determined.' },
    REMOVED: { description: 'Taken out of the register (no longer eligible, moved, deceased); their enrolments ended.' },
  },
});

registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  description: 'Whether a family receives a programme.',
  valuesConfig: {
    ACTIVE: { description: 'Receives it.' },
    SUSPENDED: { description: 'Temporarily not paid (e.g. conditions not met, data being checked).' },
    ENDED: { description: 'No longer receives it.' },
  },
});

registerEnumType(DisbursementStatus, {
  name: 'DisbursementStatus',
  description: 'Where one payment (a stage of a programme, in a month) stands.',
  valuesConfig: {
    SCHEDULED: { description: 'Planned, not yet paid.' },
    DISBURSED: { description: 'Paid into the family’s account (or handed over).' },
    FAILED: { description: 'The transfer failed; see the bank’s report.' },
    RESENT: { description: 'Failed, then paid again.' },
    RETURNED_TO_TREASURY: { description: 'Failed, and the money went back to the state treasury.' },
  },
});

// ---------------------------------------------------------------------------
// Rows, as the services read them.
// ---------------------------------------------------------------------------

export interface RecipientRow {
  id: string;
  nik: string;
  kkNumber: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  isFamilyHead: boolean;
  regionCode: string;
  address: string;
  dtksStatus: DtksStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** Columns of `recipients r` in RecipientRow's shape. */
export const RECIPIENT_COLUMNS = `r.id, r.nik, r.kk_number AS "kkNumber", r.full_name AS "fullName", r.birth_date AS "birthDate", r.sex,
  r.is_family_head AS "isFamilyHead", r.region_code AS "regionCode", r.address, r.dtks_status AS "dtksStatus",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

export interface EnrolmentRow {
  id: string;
  recipientId: string;
  programCode: string;
  status: EnrolmentStatus;
  enrolledOn: string;
  endedOn: string | null;
  bankOrganisationId: string | null;
}

/** Columns of `program_enrolments e`. */
export const ENROLMENT_COLUMNS = `e.id, e.recipient_id AS "recipientId", e.program_code AS "programCode", e.status, e.enrolled_on AS "enrolledOn",
  e.ended_on AS "endedOn", e.bank_organisation_id AS "bankOrganisationId"`;

export interface DisbursementRow {
  id: string;
  enrolmentId: string;
  programCode: string;
  period: string;
  stage: number;
  /** bigint, as pg returns it. */
  amount: string;
  bankOrganisationId: string | null;
  status: DisbursementStatus;
  disbursedOn: string | null;
}

/** Columns of `disbursements d` joined with `program_enrolments e`. */
export const DISBURSEMENT_COLUMNS = `d.id, d.enrolment_id AS "enrolmentId", e.program_code AS "programCode", d.period, d.stage, d.amount,
  d.bank_organisation_id AS "bankOrganisationId", d.status, d.disbursed_on AS "disbursedOn"`;

// ---------------------------------------------------------------------------
// Object types. Personal fields (NIK, KK, name, birth date, address) are field
// resolvers: whole for handlers in jurisdiction and auditors, masked or null
// for a bank (recipient.resolver.ts).
// ---------------------------------------------------------------------------

@ObjectType('Recipient', {
  implements: Node,
  description: 'A person in the beneficiary register (DTKS), keyed by NIK, in a family (KK). Handlers see those living in their jurisdiction and auditors all, '
    + 'whole (every read of a full NIK or KK number is logged); a bank sees the recipients it pays, with NIK, KK and name masked.',
})
export class Recipient extends Node {
  @Field({ description: 'M or F.' })
  sex: string;

  @Field({ description: 'Whether this person heads the family on the KK (kepala keluarga); programmes pay through the head.' })
  isFamilyHead: boolean;

  @Field(() => DtksStatus, { description: 'Standing in the register.' })
  dtksStatus: DtksStatus;

  @Field(() => Date, { description: 'When the register row was created.' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it last changed (see `provenance` for who changed it).' })
  updatedAt: Date;

  row: RecipientRow;

  static from(row: RecipientRow): Recipient {
    return Object.assign(new Recipient(), {
      id: toGlobalId('Recipient', row.id),
      sex: row.sex,
      isFamilyHead: row.isFamilyHead,
      dtksStatus: row.dtksStatus,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      row,
    });
  }
}

@ObjectType('Family', {
  description: 'A family (keluarga) as its family card (KK) lists it: the members you may see, their programmes, payments, and the complaints about them. '
    + 'Not a Node: its only key is the KK number, which is personal data.',
})
export class Family {
  /** The KK number and the members the caller may see (never empty). */
  kkNumber: string;
  members: RecipientRow[];
}

@ObjectType('Enrolment', {
  implements: Node,
  description: 'A family’s membership of a programme (as a KPM), through the member who receives on its behalf (usually the head). A bank sees only the enrolments it pays.',
})
export class Enrolment extends Node {
  @Field(() => EnrolmentStatus, { description: 'Receives it, suspended, or ended.' })
  status: EnrolmentStatus;

  @Field({ description: 'Since when, `YYYY-MM-DD`.' })
  enrolledOn: string;

  @Field(() => String, { nullable: true, description: 'Until when, `YYYY-MM-DD`; null while it lasts.' })
  endedOn: string | null;

  row: EnrolmentRow;

  static from(row: EnrolmentRow): Enrolment {
    return Object.assign(new Enrolment(), {
      id: toGlobalId('Enrolment', row.id), status: row.status, enrolledOn: row.enrolledOn, endedOn: row.endedOn, row,
    });
  }
}

@ObjectType('Disbursement', {
  implements: Node,
  description: 'One payment of a programme to an enrolled family: a stage (tahap) in a month. A bank sees only the disbursements it made.',
})
export class Disbursement extends Node {
  @Field({ description: 'The month, `YYYY-MM`.' })
  period: string;

  @Field(() => Int, { description: 'The stage (tahap) of the year it pays: 1–4 for PKH, the month for monthly programmes.' })
  stage: number;

  @Field(() => Int, { description: 'Whole rupiah.' })
  amount: number;

  @Field(() => DisbursementStatus, { description: 'Paid, failed, resent, returned to the treasury, or scheduled.' })
  status: DisbursementStatus;

  @Field(() => String, { nullable: true, description: 'When it was paid (or paid again), `YYYY-MM-DD`; null when not (yet) paid.' })
  disbursedOn: string | null;

  row: DisbursementRow;

  static from(row: DisbursementRow): Disbursement {
    return Object.assign(new Disbursement(), {
      id: toGlobalId('Disbursement', row.id), period: row.period, stage: row.stage, amount: Number(row.amount),
      status: row.status, disbursedOn: row.disbursedOn, row,
    });
  }
}
