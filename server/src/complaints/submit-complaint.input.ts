import { Field, InputType, ObjectType } from 'type-graphql';
import { ComplaintCategory } from '../common/enums';
import { UserError } from '../graphql/user-error';
import { NotificationChannel } from '../notifications/transport';
import { Complaint } from './complaint.type';

@InputType({ description: 'The person filing a complaint.' })
export class ComplainantInput {
  @Field({ description: 'Their name (1–150 characters).' })
  name: string;

  @Field({ description: 'A phone number to reach them (0812…, +62812… or 62812…), stored as E.164.' })
  phone: string;

  @Field(() => String, { nullable: true, description: 'Their NIK (16 digits), if they give it.' })
  nik?: string | null;

  @Field(() => String, { nullable: true, description: 'An e-mail address to reach them (at most 254 characters), if they give it; shown only to whom the phone is shown whole. Needed for notifyVia EMAIL.' })
  email?: string | null;

  @Field(() => NotificationChannel, {
    nullable: true,
    description: 'Set only when the person agreed to be told what happens to the complaint through this channel: recorded as their consent (when, the channel, your client). EMAIL needs `email`; WHATSAPP and SMS use `phone`. Unset: they are not told.',
  })
  notifyVia?: NotificationChannel | null;

  @Field({ defaultValue: false, description: 'Hide their identity from everyone through the API (it is still stored, to reach them).' })
  anonymous: boolean;

  @Field({ defaultValue: false, description: 'Show the complainant to handlers only. Complaints about officials (SERVICE_CONDUCT, ILLEGAL_LEVY, MISUSE_OR_FRAUD) are confidential whatever is asked.' })
  confidential: boolean;

  @Field({
    defaultValue: false,
    description: 'For a WRONG_TARGET complaint about the village office’s own recommendation (a whistleblower): keep the village office out of it for good — '
      + 'it starts at the district, the complainant is confidential, and the village office never sees it. Refused for other categories; '
      + 'complaints about officials (SERVICE_CONDUCT, ILLEGAL_LEVY, MISUSE_OR_FRAUD) bypass the village whatever is asked.',
  })
  bypassVillage: boolean;
}

@InputType({ description: 'A new complaint, from any channel.' })
export class SubmitComplaintInput {
  @Field({ description: 'Your key for this submission (1–128 characters). The same key within 24 h returns the first result and creates nothing; with different input it is refused (IDEMPOTENCY_KEY_REUSED).' })
  idempotencyKey: string;

  @Field({ description: 'The channel code it arrived through (from `channels`), e.g. `WHATSAPP`.' })
  channel: string;

  @Field({ description: 'The programme code (from `programs`), e.g. `PKH`.' })
  programCode: string;

  @Field(() => ComplaintCategory, { description: 'What it is about.' })
  category: ComplaintCategory;

  @Field({ description: 'What happened (1–4000 characters).' })
  description: string;

  @Field({ description: 'The village it is about: a Kemendagri village code such as `32.73.01.1001`.' })
  regionCode: string;

  @Field(() => ComplainantInput, { description: 'Who is complaining.' })
  complainant: ComplainantInput;

  @Field(() => String, { nullable: true, description: 'The NIK of the family the complaint is about, when it is about a family (e.g. aid not received).' })
  subjectNik?: string | null;

  @Field(() => String, { nullable: true, description: 'When it happened, `YYYY-MM-DD`; not in the future.' })
  occurredOn?: string | null;
}

@ObjectType({ description: 'The result of submitComplaint.' })
export class SubmitComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint; null when userErrors says why not.' })
  complaint: Complaint | null;

  @Field(() => String, { nullable: true, description: 'The tracking code to give the complainant; null when not submitted.' })
  trackingCode: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The complainant’s reply PIN (6 digits), SHOWN ONCE: give it to the person with the tracking code (it is inside the acknowledgement too). With the code it lets them answer a request for information, add evidence, appeal and rate without an account; Aduan keeps only a hash and cannot show it again (a repeat of the same idempotency key within 24 h answers it again). Null when not submitted.',
  })
  replyPin: string | null;

  @Field(() => String, { nullable: true, description: 'The acknowledgement to give the complainant: the code, the reply PIN, who handles it, what happens next and by when (Bahasa Indonesia, or English with Accept-Language: en).' })
  acknowledgement: string | null;

  @Field(() => [Complaint], { description: 'Open complaints you may see about the same family, programme and category in the last 30 days: perhaps the same matter (a handler may merge them with markDuplicate).' })
  possibleDuplicates: Complaint[];

  @Field(() => [UserError], { description: 'Why it was not submitted; empty on success.' })
  userErrors: UserError[];
}
