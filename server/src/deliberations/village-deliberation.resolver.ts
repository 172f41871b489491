import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ClientPrincipal } from '../auth/principal';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { Program } from '../programs/program.type';
import { RecipientChangeStatus } from '../recipients/recipient-change-proposal.entity';
import { Region } from '../regions/region.type';
import { PUBLIC_MINUTES_PATH } from './deliberation-minutes.rules';
import { RequestDeliberationMinutesUploadInput, RequestDeliberationMinutesUploadPayload, requestDeliberationMinutesUpload } from './request-minutes-upload';
import {
  ChangeProvenanceCheck, DeliberationChangeCount, DeliberationMinutes, DeliberationProgramChangeCount, DeliberationReview, VillageDeliberation,
  VillageDeliberationChange, VillageDeliberationConnection,
} from './village-deliberation.types';
import { changeCounts, findVillageDeliberation, listVillageDeliberations, programChangeCounts, reviewOf } from './village-deliberations';

@ArgsType()
class VillageDeliberationsArgs extends ConnectionArgs {
  @Field({ description: 'A village (`32.73.01.1001`), or a sub-district, district/city or province: the deliberations of every village inside it.' })
  regionCode: string;
}

async function officeName(ctx: RequestContext, organisationId: string): Promise<string> {
  return (await ctx.loaders.organisationByIdLoader.load(organisationId))!.name;
}

@Resolver(() => VillageDeliberation)
export class VillageDeliberationResolver {
  @Query(() => VillageDeliberationConnection, {
    description: 'Village deliberations (musyawarah desa) of a village, or of every village inside a region, the most recently recorded first: what each proposed for the recipient register '
      + '(names masked), the district’s review, the signed minutes. Public, no token; limited per IP address (docs/adr/0038).',
  })
  async villageDeliberations(@Ctx() ctx: RequestContext, @Args() args: VillageDeliberationsArgs): Promise<InstanceType<typeof VillageDeliberationConnection>> {
    return toConnection(await listVillageDeliberations(ctx, args), VillageDeliberation.from);
  }

  @Query(() => VillageDeliberation, { nullable: true, description: 'One village deliberation by its id; null when there is none. Public, no token; limited per IP address.' })
  async villageDeliberation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'A Deliberation id.' }) id: string): Promise<VillageDeliberation | null> {
    const row = await findVillageDeliberation(ctx, id);
    return row && VillageDeliberation.from(row);
  }

  @Mutation(() => RequestDeliberationMinutesUploadPayload, {
    description: 'Ask for a single-use URL to upload the signed minutes (berita acara) of a village deliberation your office recorded, as a PDF or a photo; '
      + 'once the bytes check out (type, size, SHA-256) they are stored without their metadata and published with the deliberation. '
      + 'The pages are published as they are: no NIK, KK number, birth date or address on them. The village office that recorded the deliberation (docs/adr/0038).',
  })
  requestDeliberationMinutesUpload(
    @Ctx() ctx: RequestContext, @Arg('input', { description: 'The file about to be uploaded.' }) input: RequestDeliberationMinutesUploadInput,
  ): Promise<RequestDeliberationMinutesUploadPayload> {
    return requestDeliberationMinutesUpload(ctx, ctx.principal as ClientPrincipal, input);
  }

  @FieldResolver(() => Region, { description: 'The village that held it.' })
  async village(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<Region> {
    return Region.from((await ctx.loaders.regionByCodeLoader.load(deliberation.row.regionCode))!);
  }

  @FieldResolver(() => String, { description: 'The village office that recorded it (a public body, named).' })
  recordedBy(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<string> {
    return officeName(ctx, deliberation.row.recordedByOrganisationId);
  }

  @FieldResolver(() => [VillageDeliberationChange], { description: 'The register changes it proposed, in the order they were proposed; names masked.' })
  async changes(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<VillageDeliberationChange[]> {
    const rows = await ctx.loaders.publicChangesByDeliberationLoader.load(deliberation.row.id);
    return rows.map((row, i) => Object.assign(new VillageDeliberationChange(), {
      position: i + 1, kind: row.kind, status: row.status, name: row.maskedName, reviewedAt: row.reviewedAt, row,
    }));
  }

  @FieldResolver(() => [DeliberationChangeCount], { description: 'How many changes of each kind it proposed and where they stand; kinds it proposed none of are left out.' })
  async changeCounts(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<DeliberationChangeCount[]> {
    return changeCounts(await ctx.loaders.publicChangesByDeliberationLoader.load(deliberation.row.id));
  }

  @FieldResolver(() => [DeliberationProgramChangeCount], { description: 'How many of its changes of each kind concern people enrolled in each programme, by programme code.' })
  async programChangeCounts(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<DeliberationProgramChangeCount[]> {
    return programChangeCounts(await ctx.loaders.publicChangesByDeliberationLoader.load(deliberation.row.id));
  }

  @FieldResolver(() => DeliberationReview, { description: 'The district/city office’s review of its proposals: how many approved, rejected and waiting, when, and by which office.' })
  async review(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<DeliberationReview> {
    const changes = await ctx.loaders.publicChangesByDeliberationLoader.load(deliberation.row.id);
    const offices = [...new Set(changes.flatMap((change) => (change.reviewedByOrganisationId ? [change.reviewedByOrganisationId] : [])))];
    return reviewOf(changes, await Promise.all(offices.map((id) => officeName(ctx, id))));
  }

  @FieldResolver(() => DeliberationMinutes, { nullable: true, description: 'The signed minutes, the newest file its village office uploaded; null until one is.' })
  async minutes(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<DeliberationMinutes | null> {
    const [newest] = await ctx.loaders.publicMinutesByDeliberationLoader.load(deliberation.row.id);
    return newest ? DeliberationMinutes.from(newest) : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when the provenance chain of every approved change verifies, false when one does not; null when none is approved yet. See each change’s `provenance`.',
  })
  async provenanceIntact(@Root() deliberation: VillageDeliberation, @Ctx() ctx: RequestContext): Promise<boolean | null> {
    const approved = (await ctx.loaders.publicChangesByDeliberationLoader.load(deliberation.row.id))
      .filter((change) => change.status === RecipientChangeStatus.APPROVED && change.recipientId);
    if (approved.length === 0) return null;
    const checks = await ctx.loaders.provenanceCheckByRecipientLoader.loadMany(approved.map((change) => change.recipientId!));
    return checks.every((check, i) => !(check instanceof Error) && check.intact && check.proposalIds.has(approved[i].proposalId));
  }
}

@Resolver(() => VillageDeliberationChange)
export class VillageDeliberationChangeResolver {
  @FieldResolver(() => [Program], { description: 'The programmes the person is enrolled in (current or ended), by code; none for a person added and not enrolled yet.' })
  async programs(@Root() change: VillageDeliberationChange, @Ctx() ctx: RequestContext): Promise<Program[]> {
    const programs = await Promise.all(change.row.programCodes.map((code) => ctx.loaders.programByCodeLoader.load(code)));
    return programs.flatMap((program) => (program ? [Program.from(program)] : []));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The office that approved or rejected it; null while pending.' })
  async reviewedBy(@Root() change: VillageDeliberationChange, @Ctx() ctx: RequestContext): Promise<string | null> {
    return change.row.reviewedByOrganisationId ? officeName(ctx, change.row.reviewedByOrganisationId) : null;
  }

  @FieldResolver(() => ChangeProvenanceCheck, {
    nullable: true,
    description: 'For an approved change: whether the provenance chain of the person it concerns verifies and records it. Null while pending or when rejected (the register was not changed).',
  })
  async provenance(@Root() change: VillageDeliberationChange, @Ctx() ctx: RequestContext): Promise<ChangeProvenanceCheck | null> {
    if (change.row.status !== RecipientChangeStatus.APPROVED || !change.row.recipientId) return null;
    const check = await ctx.loaders.provenanceCheckByRecipientLoader.load(change.row.recipientId);
    const changeRecorded = check.proposalIds.has(change.row.proposalId);
    return Object.assign(new ChangeProvenanceCheck(), {
      intact: check.intact && changeRecorded, changeRecorded, entries: check.entries, brokenAt: check.breaks, checkedAt: ctx.now(),
    });
  }
}

@Resolver(() => DeliberationProgramChangeCount)
export class DeliberationProgramChangeCountResolver {
  @FieldResolver(() => Program, { description: 'The programme.' })
  async program(@Root() count: DeliberationProgramChangeCount, @Ctx() ctx: RequestContext): Promise<Program> {
    return Program.from((await ctx.loaders.programByCodeLoader.load(count.programCode))!);
  }
}

@Resolver(() => DeliberationMinutes)
export class DeliberationMinutesResolver {
  @FieldResolver(() => String, {
    description: `Where to download it: a public URL (GET, no token; \`${PUBLIC_MINUTES_PATH}/<id>\`) that serves the file with its type, limited per IP address. It does not expire: the file never changes.`,
  })
  url(@Root() minutes: DeliberationMinutes, @Ctx() ctx: RequestContext): string {
    return `${ctx.origin ?? 'http://localhost'}${PUBLIC_MINUTES_PATH}/${minutes.row.id}`;
  }
}
