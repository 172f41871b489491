import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ClientPrincipal, Role } from '../auth/principal';
import { Complaint } from '../complaints/complaint.type';
import type { RequestContext } from '../graphql/context';
import { Organisation } from '../organisations/organisation.type';
import { DOWNLOAD_URL_LIFETIME_MS } from './evidence.rules';
import { RequestComplainantEvidenceUploadInput, RequestComplainantEvidenceUploadPayload, requestComplainantEvidenceUpload } from './complainant-evidence-upload';
import { Evidence, EvidenceDownload } from './evidence.type';
import { mayDownloadEvidence } from './evidence.loaders';
import { RequestEvidenceUploadInput, RequestEvidenceUploadPayload, requestEvidenceUpload } from './request-evidence-upload';
import { downloadUrl, urlSecret } from './signed-urls';

/** The shield lets only clients of the right role through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@Resolver()
export class EvidenceMutationsResolver {
  @Mutation(() => RequestEvidenceUploadPayload, {
    description: 'Ask where to upload a file of evidence for a complaint (an ID card, a family card, a letter, a photo, a video): answers a single-use URL to PUT its bytes to within 15 minutes. Intake clients, for complaints they submitted; handlers acting at the complaint’s tier.',
  })
  requestEvidenceUpload(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The file to upload.' }) input: RequestEvidenceUploadInput): Promise<RequestEvidenceUploadPayload> {
    return requestEvidenceUpload(ctx, client(ctx), input);
  }

  @Mutation(() => RequestComplainantEvidenceUploadPayload, {
    description: 'The complainant asks where to upload a file of evidence (a photo, a letter) with the tracking code and reply PIN: answers a single-use URL to PUT its bytes to within 15 minutes; the same checks as requestEvidenceUpload (type read from the bytes, metadata removed, 10 files a complaint). Public, no token; limited per IP address, wrong PINs per complaint.',
  })
  requestComplainantEvidenceUpload(
    @Ctx() ctx: RequestContext, @Arg('input', { description: 'The file to upload, with code and PIN.' }) input: RequestComplainantEvidenceUploadInput,
  ): Promise<RequestComplainantEvidenceUploadPayload> {
    return requestComplainantEvidenceUpload(ctx, input);
  }
}

@Resolver(() => Complaint)
export class ComplaintEvidenceResolver {
  @FieldResolver(() => [Evidence], {
    description: 'Its evidence, oldest first (at most 10 files). Handlers in jurisdiction and auditors see all; a bank all, once the complaint is referred to it; an intake client what it attached itself.',
  })
  async evidence(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Evidence[]> {
    return (await ctx.loaders.evidenceByComplaintLoader.load(complaint.row.id)).map(Evidence.from);
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Complaint, { nullable: true, description: 'The complaint it backs (null only if it is outside your reach, which evidence you see never is).' })
  async complaint(@Root() evidence: Evidence, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = await ctx.loaders.complaintByIdLoader.load(evidence.row.complaintId);
    return row && Complaint.from(row);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The file name it was uploaded with. Handlers, auditors and the client that attached it; null for banks (a name like `KTP_3273….jpg` would show them a NIK they only see masked).',
  })
  fileName(@Root() evidence: Evidence, @Ctx() ctx: RequestContext): string | null {
    return ctx.principal.kind === 'client' && ctx.principal.role !== Role.BANK ? evidence.row.fileName : null;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that attached it.' })
  async attachedBy(@Root() evidence: Evidence, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(evidence.row.attachedByOrganisationId))!);
  }

  @FieldResolver(() => EvidenceDownload, {
    nullable: true,
    description: 'A signed URL to its content, valid 5 minutes and for your client only; each download is written to the personal-data access log. Handlers, auditors and banks; null for intake clients (they hold the file already).',
  })
  async download(@Root() evidence: Evidence, @Ctx() ctx: RequestContext): Promise<EvidenceDownload | null> {
    if (ctx.principal.kind !== 'client' || !mayDownloadEvidence(ctx.principal)) return null;
    const expiresAt = new Date(Math.floor((ctx.now().getTime() + DOWNLOAD_URL_LIFETIME_MS) / 1000) * 1000);
    const url = downloadUrl(ctx.origin ?? 'http://localhost', await urlSecret(ctx.primary), evidence.row.id, ctx.principal.apiClientId, expiresAt, ctx.principal.officer?.rowId);
    return Object.assign(new EvidenceDownload(), { url, expiresAt });
  }
}
