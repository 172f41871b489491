import { Field, Int, ObjectType } from 'type-graphql';
import { ComplaintCategory, ComplaintStatus, ResolutionDecision, Tier } from '../common/enums';
import { connectionTypes } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { NotificationChannel } from '../notifications/transport';
import { ComplaintRow } from './complaint.row';

@ObjectType('Complainant', {
  description: 'Who filed a complaint. Full NIK and phone only for handlers in jurisdiction and auditors; masked (`3273********0001`) for everyone else. Hidden entirely (null) when anonymous, and for a confidential complaint from everyone but handlers.',
})
export class Complainant {
  @Field(() => String, { nullable: true, description: 'The name given; null when not given.' })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'Phone, E.164 (`+628…`); masked unless you are a handler in jurisdiction or an auditor.' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address, if given; masked (`s****@example.org`) unless you are a handler in jurisdiction or an auditor, as the phone is.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'NIK; masked unless you are a handler in jurisdiction or an auditor. Reads of a full NIK are logged.' })
  nik: string | null;

  @Field({ description: 'Whether `phone`, `email` and `nik` are masked for you.' })
  masked: boolean;

  @Field({ description: 'The complainant asked that the complaint not be shown publicly; the complainant is visible to handlers only.' })
  confidential: boolean;
}

@ObjectType('NotificationConsent', {
  description: 'How the complainant agreed, at intake, to be told what happens to their complaint (docs/adr/0025-notifications.md).',
})
export class NotificationConsent {
  @Field(() => NotificationChannel, { description: 'The channel they are told through: EMAIL to their e-mail address, WHATSAPP or SMS to their phone.' })
  channel: NotificationChannel;

  @Field(() => Date, { description: 'When they gave that consent (at intake).' })
  consentedAt: Date;
}

@ObjectType('Complaint', {
  implements: Node,
  description: 'A complaint (pengaduan) about social assistance. Handlers see those in their jurisdiction; intake clients those they submitted; banks those referred to them; auditors all.',
})
export class Complaint extends Node {
  @Field({ description: 'The short code the complainant follows it with, e.g. `ADU-7K3M-9Q2X`.' })
  trackingCode: string;

  @Field(() => ComplaintStatus, { description: 'Where it stands.' })
  status: ComplaintStatus;

  @Field(() => ComplaintCategory, { description: 'What it is about.' })
  category: ComplaintCategory;

  @Field(() => Tier, { description: 'The tier handling it now.' })
  currentTier: Tier;

  @Field({ description: 'What happened, in the complainant’s words.' })
  description: string;

  @Field(() => String, { nullable: true, description: 'When it happened (`YYYY-MM-DD`), if given.' })
  occurredOn: string | null;

  @Field(() => Date, { nullable: true, description: 'When the current stage (verification, then resolution) is due; null while paused or once finished.' })
  dueAt: Date | null;

  @Field(() => ResolutionDecision, { nullable: true, description: 'The decision, once resolved.' })
  resolutionDecision: ResolutionDecision | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved.' })
  resolvedAt: Date | null;

  @Field(() => Int, { description: 'Increases with every change; pass it to mutations (optimistic concurrency).' })
  version: number;

  @Field(() => Date, { description: 'When it was received.' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt: Date;

  @Field({ description: 'The complainant asked to bypass the village office (a WRONG_TARGET complaint about the office’s own recommendation): it started at the district, the complainant is confidential, and the village office never sees it.' })
  villageBypassed: boolean;

  /** The row behind it, for field resolvers (program, complainant, timeline …). */
  row: ComplaintRow;

  static from(row: ComplaintRow): Complaint {
    return Object.assign(new Complaint(), {
      id: toGlobalId('Complaint', row.id),
      trackingCode: row.trackingCode,
      status: row.status,
      category: row.category,
      currentTier: row.currentTier,
      description: row.description,
      occurredOn: row.occurredOn,
      dueAt: row.dueAt,
      resolutionDecision: row.resolutionDecision,
      resolvedAt: row.resolvedAt,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      villageBypassed: row.bypassVillage,
      row,
    });
  }
}

export const { ConnectionType: ComplaintConnection, EdgeType: ComplaintEdge } = connectionTypes(
  Complaint,
  'Complaint',
  'A page of complaints, newest first unless ordered otherwise.',
);
