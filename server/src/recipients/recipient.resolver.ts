import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { notePersonalDataRead } from '../auth/personal-data-log';
import { maskName, maskNik } from '../common/personal-data';
import { seesPersonalDataWhole } from '../complaints/complaint-scope';
import { Complaint, ComplaintConnection } from '../complaints/complaint.type';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { Organisation } from '../organisations/organisation.type';
import { Program } from '../programs/program.type';
import { Region } from '../regions/region.type';
import { RecipientChangeProposal } from './change-proposal.types';
import { RecipientProvenanceEntry } from './provenance.types';
import { listFamilyComplaints } from './recipient-queries';
import { Disbursement, Enrolment, Family, Recipient, RecipientRow } from './recipient.types';
import { words } from '../words';

const SIXTEEN_DIGITS = /^[0-9]{16}$/;
const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** Finds a recipient by NIK within the caller's reach; null otherwise (BAD_USER_INPUT for what cannot be a NIK). */
export async function findRecipientByNik(ctx: RequestContext, nik: string, field = 'nik'): Promise<RecipientRow | null> {
  const value = nik.replace(/\s/g, '');
  if (!SIXTEEN_DIGITS.test(value)) throw badUserInput(words('recipients.nikFormat', { field }), field);
  return ctx.loaders.recipientByNikLoader.load(value);
}

/** A family's personal fields are whole for handlers in jurisdiction and auditors (their reads logged), masked for a bank. */
function kkFor(ctx: RequestContext, members: RecipientRow[], kkNumber: string): string {
  if (!seesPersonalDataWhole(ctx.principal)) return maskNik(kkNumber);
  for (const member of members) notePersonalDataRead(ctx, { subjectType: 'Recipient', subjectId: member.id, field: 'kkNumber' });
  return kkNumber;
}

@Resolver(() => Recipient)
export class RecipientResolver {
  @Query(() => Recipient, {
    nullable: true,
    description: 'A recipient by NIK; null when not in the register or outside your reach (the two look the same). '
      + 'Handlers (those living in their jurisdiction), auditors (all), banks (those they pay, masked).',
  })
  async recipient(@Ctx() ctx: RequestContext, @Arg('nik', { description: 'The NIK, 16 digits.' }) nik: string): Promise<Recipient | null> {
    const row = await findRecipientByNik(ctx, nik);
    return row && Recipient.from(row);
  }

  @Query(() => Family, {
    name: 'family',
    nullable: true,
    description: 'A family by its family card (KK) number, with the members you may see; null when none. Handlers (in their jurisdiction), auditors, banks (the members they pay, masked).',
  })
  async familyByKk(@Ctx() ctx: RequestContext, @Arg('kkNumber', { description: 'The KK number, 16 digits.' }) kkNumber: string): Promise<Family | null> {
    const value = kkNumber.replace(/\s/g, '');
    if (!SIXTEEN_DIGITS.test(value)) throw badUserInput(words('recipients.kkFormat'), 'kkNumber');
    const members = await ctx.loaders.familyMembersByKkLoader.load(value);
    return members.length ? Object.assign(new Family(), { kkNumber: value, members }) : null;
  }

  @FieldResolver(() => String, { description: 'The NIK: whole for handlers in jurisdiction and auditors (each read logged), masked (`3273********0001`) for a bank.' })
  nik(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): string {
    if (!seesPersonalDataWhole(ctx.principal)) return maskNik(recipient.row.nik);
    notePersonalDataRead(ctx, { subjectType: 'Recipient', subjectId: recipient.row.id, field: 'nik' });
    return recipient.row.nik;
  }

  @FieldResolver(() => String, { description: 'The family card (KK) number: whole for handlers in jurisdiction and auditors (each read logged), masked for a bank.' })
  kkNumber(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): string {
    return kkFor(ctx, [recipient.row], recipient.row.kkNumber);
  }

  @FieldResolver(() => String, { description: 'The full name; masked (`S*** A*****`) for a bank.' })
  fullName(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): string {
    return seesPersonalDataWhole(ctx.principal) ? recipient.row.fullName : maskName(recipient.row.fullName);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Birth date, `YYYY-MM-DD`; null for a bank.' })
  birthDate(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): string | null {
    return seesPersonalDataWhole(ctx.principal) ? recipient.row.birthDate : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Address in the village; null for a bank.' })
  address(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): string | null {
    return seesPersonalDataWhole(ctx.principal) ? recipient.row.address : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether NIK, KK and name are masked (and birth date and address withheld) for you.' })
  masked(@Ctx() ctx: RequestContext): boolean {
    return !seesPersonalDataWhole(ctx.principal);
  }

  @FieldResolver(() => Region, { description: 'The village of residence.' })
  async region(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): Promise<Region> {
    return Region.from((await ctx.loaders.regionByCodeLoader.load(recipient.row.regionCode))!);
  }

  @FieldResolver(() => Family, { description: 'The family (KK) the recipient belongs to, with the members you may see.' })
  async family(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): Promise<Family> {
    const members = await ctx.loaders.familyMembersByKkLoader.load(recipient.row.kkNumber);
    return Object.assign(new Family(), { kkNumber: recipient.row.kkNumber, members: members.length ? members : [recipient.row] });
  }

  @FieldResolver(() => [Enrolment], { description: 'The programmes this person receives on the family’s behalf (usually only the head has any); a bank sees those it pays.' })
  async enrolments(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): Promise<Enrolment[]> {
    return (await ctx.loaders.enrolmentsByRecipientLoader.load(recipient.row.id)).map(Enrolment.from);
  }

  @FieldResolver(() => [RecipientProvenanceEntry], {
    description: 'Who proposed, recommended and approved each change to this recipient, and when, oldest first: a hash chain (check it with verifyRecipientProvenance). Handlers and auditors.',
  })
  async provenance(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): Promise<RecipientProvenanceEntry[]> {
    return (await ctx.loaders.provenanceByRecipientLoader.load(recipient.row.id)).map(RecipientProvenanceEntry.from);
  }

  @FieldResolver(() => [RecipientChangeProposal], { description: 'Change proposals about this recipient (pending and decided), newest first. Handlers and auditors.' })
  async changeProposals(@Root() recipient: Recipient, @Ctx() ctx: RequestContext): Promise<RecipientChangeProposal[]> {
    return (await ctx.loaders.recipientChangeProposalsByRecipientLoader.load(recipient.row.id)).map(RecipientChangeProposal.from);
  }
}

@Resolver(() => Family)
export class FamilyResolver {
  @FieldResolver(() => String, { description: 'The KK number: whole for handlers in jurisdiction and auditors (each read logged), masked for a bank.' })
  kkNumber(@Root() family: Family, @Ctx() ctx: RequestContext): string {
    return kkFor(ctx, family.members, family.kkNumber);
  }

  @FieldResolver(() => Region, { description: 'The village the family lives in (its head’s, or its first member’s).' })
  async region(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Region> {
    const head = family.members.find((m) => m.isFamilyHead) ?? family.members[0];
    return Region.from((await ctx.loaders.regionByCodeLoader.load(head.regionCode))!);
  }

  @FieldResolver(() => [Recipient], { description: 'The members you may see: the head first, then by birth date.' })
  members(@Root() family: Family): Recipient[] {
    return family.members.map(Recipient.from);
  }

  @FieldResolver(() => Recipient, { nullable: true, description: 'The head of the family (kepala keluarga), when you may see them.' })
  head(@Root() family: Family): Recipient | null {
    const head = family.members.find((m) => m.isFamilyHead);
    return head ? Recipient.from(head) : null;
  }

  @FieldResolver(() => [Enrolment], { description: 'The family’s programme enrolments, through any member, by programme (a bank: those it pays).' })
  async enrolments(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Enrolment[]> {
    const lists = await ctx.loaders.enrolmentsByRecipientLoader.loadMany(family.members.map((m) => m.id));
    return lists.flatMap((list) => (Array.isArray(list) ? list : []))
      .sort((a, b) => a.programCode.localeCompare(b.programCode))
      .map(Enrolment.from);
  }

  @FieldResolver(() => [Disbursement], { description: 'The family’s payments, newest month first, then by programme and stage (a bank: those it made).' })
  async disbursements(
    @Root() family: Family,
    @Ctx() ctx: RequestContext,
    @Arg('period', () => String, { nullable: true, description: 'Only this month, `YYYY-MM`.' }) period?: string | null,
    @Arg('programCode', () => String, { nullable: true, description: 'Only this programme.' }) programCode?: string | null,
    @Arg('stage', () => Int, { nullable: true, description: 'Only this stage (tahap).' }) stage?: number | null,
  ): Promise<Disbursement[]> {
    if (period != null && !PERIOD.test(period)) throw badUserInput(words('input.month', { field: 'period' }), 'period');
    const enrolments = (await ctx.loaders.enrolmentsByRecipientLoader.loadMany(family.members.map((m) => m.id))).flatMap((l) => (Array.isArray(l) ? l : []));
    const lists = await ctx.loaders.disbursementsByEnrolmentLoader.loadMany(enrolments.map((e) => e.id));
    return lists.flatMap((list) => (Array.isArray(list) ? list : []))
      .filter((d) => (period == null || d.period === period) && (programCode == null || d.programCode === programCode) && (stage == null || d.stage === stage))
      .sort((a, b) => b.period.localeCompare(a.period) || a.programCode.localeCompare(b.programCode) || a.stage - b.stage)
      .map(Disbursement.from);
  }

  @FieldResolver(() => ComplaintConnection, {
    description: 'Complaints about the family (naming any member as their subject) that you may see, newest first: handlers those in their jurisdiction, banks those referred to them, auditors all.',
  })
  async complaints(
    @Root() family: Family,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: `How many: 1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Complaints after this cursor.' }) after?: string | null,
  ): Promise<InstanceType<typeof ComplaintConnection>> {
    const page = await listFamilyComplaints(ctx, family.members, { first, after });
    return toConnection(page, Complaint.from);
  }
}

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @FieldResolver(() => Program, { description: 'The programme.' })
  async program(@Root() enrolment: Enrolment, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(enrolment.row.programCode))!);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The bank that pays it; null for programmes paid another way (BLT-DD in cash, PBI-JK premiums).' })
  async bank(@Root() enrolment: Enrolment, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const id = enrolment.row.bankOrganisationId;
    const organisation = id ? await ctx.loaders.organisationByIdLoader.load(id) : null;
    return organisation && Organisation.from(organisation);
  }

  @FieldResolver(() => Recipient, { nullable: true, description: 'The member who receives it on the family’s behalf.' })
  async recipient(@Root() enrolment: Enrolment, @Ctx() ctx: RequestContext): Promise<Recipient | null> {
    const row = await ctx.loaders.recipientByIdLoader.load(enrolment.row.recipientId);
    return row && Recipient.from(row);
  }

  @FieldResolver(() => [Disbursement], { description: 'Its payments, newest month first (a bank: those it made).' })
  async disbursements(
    @Root() enrolment: Enrolment,
    @Ctx() ctx: RequestContext,
    @Arg('period', () => String, { nullable: true, description: 'Only this month, `YYYY-MM`.' }) period?: string | null,
    @Arg('stage', () => Int, { nullable: true, description: 'Only this stage (tahap).' }) stage?: number | null,
  ): Promise<Disbursement[]> {
    if (period != null && !PERIOD.test(period)) throw badUserInput(words('input.month', { field: 'period' }), 'period');
    return (await ctx.loaders.disbursementsByEnrolmentLoader.load(enrolment.row.id))
      .filter((d) => (period == null || d.period === period) && (stage == null || d.stage === stage))
      .map(Disbursement.from);
  }
}

@Resolver(() => Disbursement)
export class DisbursementRecordResolver {
  @FieldResolver(() => Program, { description: 'The programme.' })
  async program(@Root() disbursement: Disbursement, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(disbursement.row.programCode))!);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The bank that made it; null for payments not made through a bank.' })
  async bank(@Root() disbursement: Disbursement, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const id = disbursement.row.bankOrganisationId;
    const organisation = id ? await ctx.loaders.organisationByIdLoader.load(id) : null;
    return organisation && Organisation.from(organisation);
  }
}
