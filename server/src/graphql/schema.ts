import 'reflect-metadata';
import './enums';
import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { ChannelResolver } from '../channels/channel.resolver';
import { ProgramResolver } from '../programs/program.resolver';
import { ComplaintCategoryResolver } from '../categories/complaint-category.resolver';
import { RegionResolver } from '../regions/region.resolver';
import { Organisation } from '../organisations/organisation.type';
import { applyPermissions } from './shield';
import { NodeResolver } from './node.resolver';
import { ComplaintEventResolver, ComplaintResolver } from '../complaints/complaint.resolver';
import { ComplaintMutationsResolver } from '../complaints/complaint-mutations.resolver';
import { MergedHandlingResolver, TrackComplaintResolver } from '../complaints/track-complaint';
import { ViewerResolver } from '../auth/viewer.resolver';
import { PersonalDataAccessResolver } from '../auth/personal-data-access.resolver';
import { ComplaintLinksResolver } from '../complaints/complaint-links.resolver';
import { ComplaintRatingResolver } from '../complaints/rate-resolution';
import { ComplaintReferralsResolver, ReferralResolver } from '../referrals/referral.resolver';
import {
  CaseConferenceActionResolver, CaseConferenceResolver, ComplaintCaseHandlingResolver, HomeVisitResolver,
} from '../case-handling/case-handling.resolver';
import {
  ComplaintDisbursementIssuesResolver, DisbursementBatchResolver, DisbursementIssueResolver, DisbursementReconciliationRowResolver, DisbursementResolver,
} from '../disbursements/disbursement.resolver';
import { ClientAdminResolver } from '../organisations/client-admin';
import { OrganisationImportResolver } from '../organisations/organisation-import.resolver';
import { OrganisationDirectoryResolver } from '../organisations/organisation-directory';
import { CorrectComplaintResolver } from '../complaints/correct-complaint';
import { CaseConferenceListResolver } from '../case-handling/case-conference-list';
import { ProgramScheduleResolver } from '../programs/program-schedule';
import {
  DisbursementRecordResolver, EnrolmentResolver, FamilyResolver, RecipientResolver,
} from '../recipients/recipient.resolver';
import { RecipientProvenanceResolver } from '../recipients/provenance';
import {
  ComplaintCorrectionResolver, DeliberationResolver, ProposedRecipientDataResolver, RecipientChangeProposalResolver,
} from '../recipients/change-proposal.resolver';
import { AidCheckFamilyResolver, AidProgramStatusResolver, CheckAidResolver } from '../recipients/check-aid';
import {
  ComplaintStatisticsGroupResolver, ComplaintStatisticsResolver, PublicComplaintStatisticsGroupResolver,
} from '../statistics/complaint-statistics';
import { ComplaintEvidenceResolver, EvidenceMutationsResolver, EvidenceResolver } from '../evidence/evidence.resolver';
import { WebhookResolver } from '../webhooks/webhook.resolver';
import {
  DeliberationMinutesResolver, DeliberationProgramChangeCountResolver, VillageDeliberationChangeResolver, VillageDeliberationResolver,
} from '../deliberations/village-deliberation.resolver';
import { DaysOffResolver } from '../escalation/days-off/days-off.resolver';
import { OfficeRecordsResolver, PublicOfficeResolver } from '../office-records/office-records.resolver';

/** Every resolver of the API; a new feature's resolver goes here. */
export const RESOLVERS = [
  NodeResolver, ViewerResolver, ClientAdminResolver, OrganisationImportResolver, OrganisationDirectoryResolver, PersonalDataAccessResolver, RegionResolver, ProgramResolver, ChannelResolver, ComplaintCategoryResolver,
  ComplaintResolver, ComplaintEventResolver, TrackComplaintResolver, MergedHandlingResolver, ComplaintMutationsResolver, CorrectComplaintResolver, CaseConferenceListResolver,
  ComplaintLinksResolver, ComplaintRatingResolver, ReferralResolver, ComplaintReferralsResolver,
  CaseConferenceResolver, CaseConferenceActionResolver, HomeVisitResolver, ComplaintCaseHandlingResolver,
  DisbursementResolver, DisbursementIssueResolver, DisbursementBatchResolver, DisbursementReconciliationRowResolver, ComplaintDisbursementIssuesResolver,
  ProgramScheduleResolver, RecipientResolver, FamilyResolver, EnrolmentResolver, DisbursementRecordResolver, RecipientProvenanceResolver,
  RecipientChangeProposalResolver, ProposedRecipientDataResolver, DeliberationResolver, ComplaintCorrectionResolver,
  CheckAidResolver, AidCheckFamilyResolver, AidProgramStatusResolver,
  ComplaintStatisticsResolver, ComplaintStatisticsGroupResolver, PublicComplaintStatisticsGroupResolver,
  EvidenceMutationsResolver, ComplaintEvidenceResolver, EvidenceResolver,
  VillageDeliberationResolver, VillageDeliberationChangeResolver, DeliberationProgramChangeCountResolver, DeliberationMinutesResolver,
  WebhookResolver,
  DaysOffResolver,
  OfficeRecordsResolver, PublicOfficeResolver,
] as const;

/**
 * The schema as the API serves it: with the permission layer (deny by default).
 * Built once per process: the schema is the same for every request.
 */
export async function buildServedSchema(options: { permissions?: boolean } = {}): Promise<GraphQLSchema> {
  const schema = await buildAduanSchema();
  return options.permissions === false ? schema : applyPermissions(schema);
}

/** The schema from the code, without middleware: what schema/schema.graphql holds. */
export async function buildAduanSchema(): Promise<GraphQLSchema> {
  readPlainFieldsDirectly();
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // Types reachable only through `node` must be listed to exist in the schema.
    orphanedTypes: [Organisation],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  });
  return describeRootTypes(schema);
}

/**
 * A field without a resolver of its own (`@Field() trackingCode: string`) is
 * read from its object as graphql-js would read it, with no resolver:
 * type-graphql otherwise gives each such field a wrapper of its own, to run
 * field middlewares and auth checks, which this API does not use (access is
 * the permission layer's, graphql/shield.ts). Without the wrapper the compiled
 * execution (compiled-execution.ts) reads the property inline; an inbox page
 * has ~1,500 such fields. It is type-graphql's `simpleResolvers` option, made
 * the default for every object type; a field middleware or @Authorized would
 * be skipped by it, so they are refused here.
 */
function readPlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  const decorated = storage.fields.find((field) => (field.middlewares?.length ?? 0) > 0 || field.roles !== undefined);
  if (decorated) throw new Error(`${decorated.target.name}.${decorated.name}: field middlewares and @Authorized are not used in this API (access rules: graphql/shield.ts)`);
  for (const objectType of storage.objectTypes) objectType.simpleResolvers ??= true;
}

/** type-graphql cannot describe the root types; the schema is the product, so we do. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const describe = (type: GraphQLObjectType | null | undefined, description: string) =>
    type ? new GraphQLObjectType({ ...type.toConfig(), description }) : undefined;
  const query = describe(config.query, 'Reading Aduan. Fields marked Public need no token; the rest need `Authorization: Bearer <token>` from POST /oauth/token.');
  const mutation = describe(config.mutation, 'Changing Aduan. Every mutation takes one `input` and returns `userErrors` for expected failures.');
  return new GraphQLSchema({
    ...config,
    query,
    mutation,
    types: config.types.filter((t) => t.name !== 'Query' && t.name !== 'Mutation'),
  });
}

/** The schema as committed in schema/schema.graphql: sorted, so the file diffs cleanly. */
export function printAduanSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
