import { defaultFieldResolver, GraphQLError, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import { words } from '../words';
import { wordsError } from './errors';
import { allow, and, deny, IRules, or, rule } from 'graphql-shield';
import { RULES } from '../auth/permissions';
import type { RequestContext } from './context';

/**
 * Who may call what, field by field, deny by default: a field missing here is
 * refused (and test/access/schema-walk.spec.ts fails). Public fields are
 * allowed one by one. Types whose every field has one rule name it for the
 * whole type.
 */
export const RULE_MAP: IRules = {
  Query: {
    node: allow, // the fetchers answer null for what the caller may not see
    nodes: allow,
    programs: allow,
    channels: allow,
    complaintCategories: allow, // reference data, the same for everyone (docs/adr/0028-words.md)
    regions: allow,
    viewer: RULES.authenticated,
    complaint: RULES.authenticated, // scoped in SQL: null outside the caller's reach
    complaints: RULES.authenticated, // scoped in SQL
    trackComplaint: allow,
    personalDataAccessLog: RULES.auditor,
    // Scoped in SQL: a bank its own reports; the ministry and auditors all; other offices their jurisdiction's recipients.
    disbursementIssues: or(RULES.bank, RULES.handler, RULES.auditor),
    disbursementReconciliation: or(RULES.bank, RULES.handler, RULES.auditor),
    // The register: scoped in SQL (recipients/recipient-scope.ts) — handlers their jurisdiction, auditors all, a bank those it pays (masked).
    recipient: or(RULES.handler, RULES.auditor, RULES.bank),
    family: or(RULES.handler, RULES.auditor, RULES.bank),
    recipientChangeProposals: or(RULES.handler, RULES.auditor),
    verifyRecipientProvenance: or(RULES.handler, RULES.auditor),
    checkAid: allow, // masked names, never a NIK, at most 10 families; limited per IP (http/app.ts)
    // Village deliberations in the open: masked names, counts, reviews, minutes; limited per IP (docs/adr/0038).
    villageDeliberations: allow,
    villageDeliberation: allow,
    complaintStatistics: or(RULES.handler, RULES.auditor), // scoped in SQL
    publicComplaintStatistics: allow, // district level and above, small counts suppressed
    officeRecords: allow, // offices are public bodies, named; ratings of fewer than 5 withheld (docs/adr/0036-office-records.md)
    webhookSubscriptions: RULES.webhooks, // the caller's organisation's only
    webhookDeliveries: RULES.webhooks,
    daysOff: allow, // the calendar every due date is counted on (docs/adr/0022-days-off.md)
    // The directory: names, kinds and regions of public bodies and banks; no secret, client or contact data (docs/adr/0031-workspace-api.md).
    organisations: or(RULES.handler, RULES.bank, RULES.intake, RULES.auditor),
    caseConferences: or(RULES.handler, RULES.bank, RULES.intake, RULES.auditor), // scoped in SQL: theirs, or those they were invited to
  },
  Mutation: {
    createOrganisation: RULES.administrator,
    createApiClient: RULES.administrator,
    rotateClientSecret: RULES.administrator,
    revokeOldClientSecrets: RULES.administrator,
    setApiClientDisabled: RULES.administrator,
    setApiClientRateLimit: RULES.administrator,
    importOrganisations: RULES.administrator,
    recordDayOff: RULES.administrator,
    withdrawDayOff: RULES.administrator,
    submitComplaint: or(RULES.intake, RULES.handler, RULES.bank), // a bank on its own call-centre channel only (submit-complaint.service.ts)
    escalateComplaint: RULES.handler,
    resolveComplaint: RULES.handler,
    verifyComplaint: RULES.handler,
    requestInformation: RULES.handler,
    // The intake client relays its complainant's answer (its scope holds only its own complaints).
    provideInformation: or(RULES.intake, RULES.handler),
    resetReplyPin: or(RULES.intake, RULES.handler), // the scope narrows intake clients to what they submitted
    assignComplaint: RULES.handler,
    referComplaint: RULES.handler,
    // The organisation referred to answers: a bank, or an office asked for a field check.
    answerReferral: or(RULES.bank, RULES.handler),
    respondToComplaint: RULES.handler,
    addInternalNote: RULES.handler,
    rejectComplaint: RULES.handler,
    markDuplicate: RULES.handler,
    correctComplaint: RULES.handler, // at the complaint's tier, the new village inside the caller's jurisdiction (correct-complaint.ts)
    reopenComplaint: or(RULES.intake, RULES.handler),
    // The complainant's own steps: tracking code + reply PIN are the credentials (docs/adr/0026-complainant-pin.md);
    // limited per IP (http/app.ts) and, for wrong PINs, per complaint (complaints/complainant-pin.ts).
    rateResolution: allow,
    answerInformationRequest: allow,
    appealResolution: allow,
    requestComplainantEvidenceUpload: allow,
    scheduleCaseConference: RULES.handler,
    recordCaseConference: RULES.handler,
    scheduleHomeVisit: RULES.handler,
    recordHomeVisit: RULES.handler,
    reportDisbursementIssues: RULES.bank,
    resolveDisbursementIssue: RULES.bank, // the reporting bank only: another bank's issue is NOT_FOUND
    proposeRecipientChange: RULES.villageOffice,
    reviewRecipientChange: RULES.districtOffice, // its villages' proposals only: others are NOT_FOUND
    // Intake clients for the complaints they submitted, handlers acting at the tier (docs/adr/0010-evidence.md).
    requestEvidenceUpload: or(RULES.intake, RULES.handler),
    // The office that recorded the deliberation only: another's is NOT_FOUND (deliberations/minutes-rules.ts, docs/adr/0038).
    requestDeliberationMinutesUpload: RULES.villageOffice,
    // Webhooks (docs/adr/0012-webhooks.md): an organisation's own subscriptions and deliveries; another's are NOT_FOUND.
    createWebhookSubscription: RULES.webhooks,
    updateWebhookSubscription: RULES.webhooks,
    rotateWebhookSecret: RULES.webhooks,
    enableWebhookSubscription: RULES.webhooks,
    disableWebhookSubscription: RULES.webhooks,
    deleteWebhookSubscription: RULES.webhooks,
    redeliverWebhook: RULES.webhooks,
  },
  // Reachable only through fields above that already checked the caller; the
  // services decide what each role sees inside (masking, internal events).
  Complaint: RULES.authenticated,
  Complainant: RULES.authenticated,
  ComplaintConnection: RULES.authenticated,
  ComplaintEdge: RULES.authenticated,
  ComplaintEvent: RULES.authenticated,
  ComplaintEventConnection: RULES.authenticated,
  ComplaintEventEdge: RULES.authenticated,
  // How the complainant is told: the resolvers answer null to all but handlers and auditors (docs/adr/0025-notifications.md).
  NotificationConsent: RULES.authenticated,
  NotificationAttempt: RULES.authenticated,
  ApiClient: RULES.administrator,
  CreateOrganisationPayload: RULES.administrator,
  ApiClientSecretPayload: RULES.administrator,
  ApiClientPayload: RULES.administrator,
  ImportOrganisationsPayload: RULES.administrator,
  OrganisationImportRow: RULES.administrator,
  ImportedClientSecret: RULES.administrator,
  RecordDayOffPayload: RULES.administrator,
  WithdrawDayOffPayload: RULES.administrator,
  DayOff: allow,
  PersonalDataAccess: RULES.auditor,
  PersonalDataAccessConnection: RULES.auditor,
  PersonalDataAccessEdge: RULES.auditor,
  PageInfo: allow,
  UserError: allow,
  SubmitComplaintPayload: RULES.authenticated,
  CorrectComplaintPayload: RULES.handler,
  EscalateComplaintPayload: RULES.authenticated,
  ResolveComplaintPayload: RULES.authenticated,
  VerifyComplaintPayload: RULES.authenticated,
  RequestInformationPayload: RULES.authenticated,
  ProvideInformationPayload: RULES.authenticated,
  ResetReplyPinPayload: RULES.authenticated,
  AssignComplaintPayload: RULES.authenticated,
  ReferComplaintPayload: RULES.authenticated,
  AnswerReferralPayload: RULES.authenticated,
  RespondToComplaintPayload: RULES.authenticated,
  AddInternalNotePayload: RULES.authenticated,
  RejectComplaintPayload: RULES.authenticated,
  MarkDuplicatePayload: RULES.authenticated,
  ReopenComplaintPayload: RULES.authenticated,
  RateResolutionPayload: allow,
  // The complainant's answers with code + PIN: public ComplaintTracking and userErrors only (docs/adr/0026).
  AnswerInformationRequestPayload: allow,
  AppealResolutionPayload: allow,
  RequestComplainantEvidenceUploadPayload: allow,
  ScheduleCaseConferencePayload: RULES.authenticated,
  RecordCaseConferencePayload: RULES.authenticated,
  ScheduleHomeVisitPayload: RULES.authenticated,
  RecordHomeVisitPayload: RULES.authenticated,
  // Case handling is the offices' work; the loaders scope what each handler sees, and
  // Complaint's fields answer null/[] to others — these rules are the second wall.
  Referral: or(RULES.handler, RULES.auditor, RULES.bank),
  ResolutionRating: or(RULES.handler, RULES.auditor),
  // And the banks and NGOs invited: their conferences only, and only the actions they own (case-handling.loaders.ts).
  CaseConference: or(RULES.handler, RULES.auditor, RULES.bank, RULES.intake),
  CaseConferenceAction: or(RULES.handler, RULES.auditor, RULES.bank, RULES.intake),
  CaseConferenceConnection: or(RULES.handler, RULES.auditor, RULES.bank, RULES.intake),
  CaseConferenceEdge: or(RULES.handler, RULES.auditor, RULES.bank, RULES.intake),
  HomeVisit: or(RULES.handler, RULES.auditor),
  // Bank disbursement reports: the loaders and queries scope rows per role; NIKs are masked for banks.
  DisbursementIssue: or(RULES.bank, RULES.handler, RULES.auditor),
  DisbursementIssueConnection: or(RULES.bank, RULES.handler, RULES.auditor),
  DisbursementIssueEdge: or(RULES.bank, RULES.handler, RULES.auditor),
  DisbursementBatch: or(RULES.bank, RULES.handler, RULES.auditor),
  DisbursementReconciliationRow: or(RULES.bank, RULES.handler, RULES.auditor),
  DisbursementItemResult: RULES.bank,
  ReportDisbursementIssuesPayload: RULES.bank,
  ResolveDisbursementIssuePayload: RULES.bank,
  ComplaintTracking: allow,
  PublicResponse: allow,
  MergedHandling: allow,
  Region: allow,
  Program: allow,
  ComplaintCategoryInfo: allow, // reference data: labels, descriptions, principles
  Channel: allow,
  Organisation: RULES.authenticated,
  OrganisationConnection: RULES.authenticated,
  OrganisationEdge: RULES.authenticated,
  Viewer: RULES.authenticated,
  // An officer's id and name (docs/adr/0030-officers.md): the fields that carry one decide who sees it (the viewer
  // themself; handlers and auditors on events and assignments; auditors in the access log).
  Officer: RULES.authenticated,
  // The recipient register (docs/adr/0008-provenance.md): personal fields are whole for handlers and
  // auditors, masked or null for a bank (the resolvers decide); provenance and proposals are not the bank's.
  Recipient: {
    id: or(RULES.handler, RULES.auditor, RULES.bank),
    nik: or(RULES.handler, RULES.auditor, RULES.bank),
    kkNumber: or(RULES.handler, RULES.auditor, RULES.bank),
    fullName: or(RULES.handler, RULES.auditor, RULES.bank),
    birthDate: or(RULES.handler, RULES.auditor, RULES.bank),
    sex: or(RULES.handler, RULES.auditor, RULES.bank),
    isFamilyHead: or(RULES.handler, RULES.auditor, RULES.bank),
    address: or(RULES.handler, RULES.auditor, RULES.bank),
    masked: or(RULES.handler, RULES.auditor, RULES.bank),
    region: or(RULES.handler, RULES.auditor, RULES.bank),
    dtksStatus: or(RULES.handler, RULES.auditor, RULES.bank),
    createdAt: or(RULES.handler, RULES.auditor, RULES.bank),
    updatedAt: or(RULES.handler, RULES.auditor, RULES.bank),
    family: or(RULES.handler, RULES.auditor, RULES.bank),
    enrolments: or(RULES.handler, RULES.auditor, RULES.bank),
    provenance: or(RULES.handler, RULES.auditor),
    changeProposals: or(RULES.handler, RULES.auditor),
  },
  Family: or(RULES.handler, RULES.auditor, RULES.bank),
  Enrolment: or(RULES.handler, RULES.auditor, RULES.bank),
  Disbursement: or(RULES.handler, RULES.auditor, RULES.bank),
  RecipientProvenanceEntry: or(RULES.handler, RULES.auditor),
  ProvenanceVerification: or(RULES.handler, RULES.auditor),
  ProvenanceBreak: allow, // an entry's number and what is wrong: public through ChangeProvenanceCheck (docs/adr/0038)
  RecipientChangeProposal: or(RULES.handler, RULES.auditor),
  RecipientChangeProposalConnection: or(RULES.handler, RULES.auditor),
  RecipientChangeProposalEdge: or(RULES.handler, RULES.auditor),
  ProposedRecipientData: or(RULES.handler, RULES.auditor),
  Deliberation: or(RULES.handler, RULES.auditor),
  ProposeRecipientChangePayload: RULES.villageOffice,
  ReviewRecipientChangePayload: RULES.districtOffice,
  ComplaintStatistics: or(RULES.handler, RULES.auditor),
  ComplaintStatisticsGroup: or(RULES.handler, RULES.auditor),
  ComplaintAgeing: or(RULES.handler, RULES.auditor),
  PublicComplaintStatistics: allow,
  PublicComplaintStatisticsGroup: allow,
  OfficeRecordConnection: allow,
  OfficeRecordEdge: allow,
  OfficeRecord: allow,
  OfficeRatings: allow,
  PublicOffice: allow,
  SuppressibleCount: allow,
  // Evidence (docs/adr/0010-evidence.md): rows scoped in SQL (evidence/evidence.loaders.ts) — never the public;
  // the content only through a signed download URL, for handlers, auditors and banks (referred complaints).
  Evidence: RULES.authenticated,
  EvidenceDownload: or(RULES.handler, RULES.auditor, RULES.bank),
  // Only ever in the answer of a mutation that checked its caller: a client's role, or the complainant's code + PIN.
  EvidenceUpload: allow,
  RequestDeliberationMinutesUploadPayload: RULES.villageOffice,
  // The public view of village deliberations: nothing that identifies a person (docs/adr/0038).
  VillageDeliberation: allow,
  VillageDeliberationConnection: allow,
  VillageDeliberationEdge: allow,
  VillageDeliberationChange: allow,
  DeliberationChangeCount: allow,
  DeliberationProgramChangeCount: allow,
  DeliberationReview: allow,
  DeliberationMinutes: allow,
  ChangeProvenanceCheck: allow,
  RequestEvidenceUploadPayload: or(RULES.intake, RULES.handler),
  WebhookSubscription: RULES.webhooks,
  WebhookDelivery: RULES.webhooks,
  WebhookDeliveryAttempt: RULES.webhooks,
  WebhookDeliveryConnection: RULES.webhooks,
  WebhookDeliveryEdge: RULES.webhooks,
  CreateWebhookSubscriptionPayload: RULES.webhooks,
  WebhookSubscriptionPayload: RULES.webhooks,
  RotateWebhookSecretPayload: RULES.webhooks,
  EnableWebhookSubscriptionPayload: RULES.webhooks,
  DeleteWebhookSubscriptionPayload: RULES.webhooks,
  RedeliverWebhookPayload: RULES.webhooks,
  AidCheck: allow,
  AidCheckFamily: allow,
  AidProgramStatus: allow,
  ProgramStage: allow,
  ProgramBenefitAmount: allow,
};

/**
 * The permission layer, compiled. Every rule here depends on the caller only
 * (graphql-shield's `cache: 'contextual'`, or `or`/`and` of such, `allow`,
 * `deny`), so each is a function of the request context, evaluated once per
 * request and rule and remembered. A field's check is then a lookup and a
 * synchronous call of its resolver — graphql-shield's own wrapper awaits a
 * promise on every field of every row, which was 28 % of the inbox's latency
 * (docs/benchmarks.md). `allow` fields get no wrapper at all. The semantics are
 * graphql-shield's as configured before: deny by default (`fallbackRule`), the
 * same errors, resolver errors passed through unchanged. A rule that needs the
 * parent or the arguments cannot be compiled and stops the server at start:
 * such checks belong in the services (docs/adr/0005-access-control.md).
 *
 * The check wraps each field's resolver directly (a plain field: reading the
 * property), one function call per field and no more: an inbox page resolves
 * ~2,000 fields, and graphql-middleware's wrapper added a closure and a call
 * to each. The schema given is changed in place and returned.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const rules = RULE_MAP[type.name as keyof typeof RULE_MAP] as unknown;
    for (const [name, field] of Object.entries(type.getFields())) {
      const fieldRule = isRuleMap(rules) ? rules[name] ?? deny : rules ?? deny;
      if (fieldRule === allow) continue;
      field.resolve = guarded(compileRule(fieldRule, `${type.name}.${name}`), field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}

/** A field's resolver behind its rule's decision for the request. */
function guarded(decide: Decide, resolve: GraphQLFieldResolver<unknown, RequestContext>): GraphQLFieldResolver<unknown, RequestContext> {
  return (parent, args, ctx, info) => {
    const allowed = decision(ctx, decide);
    if (allowed === true) return resolve(parent, args, ctx, info);
    if (allowed === false) return refusal(ctx, info);
    return allowed.then((yes) => (yes ? resolve(parent, args, ctx, info) : refusal(ctx, info)));
  };
}

type Decide = (ctx: RequestContext) => boolean | Promise<boolean>;

const RuleClass = rule()(() => true).constructor;
const RuleOrClass = or(allow, allow).constructor;
const RuleAndClass = and(allow, allow).constructor;

function isRuleMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A rule as a function of the request context; throws for a rule that depends on more than the caller. */
function compileRule(shieldRule: unknown, where: string): Decide {
  if (shieldRule === allow) return () => true;
  if (shieldRule === deny) return () => false;
  if (shieldRule instanceof RuleClass) {
    const { cache, func } = shieldRule as unknown as { cache: unknown; func: (parent: unknown, args: unknown, ctx: unknown, info: unknown) => unknown };
    if (cache === 'contextual') {
      return (ctx) => {
        try {
          const answer = func(undefined, {}, ctx, undefined);
          return isPromise(answer) ? answer.then((value) => value === true, () => false) : answer === true;
        } catch {
          return false; // as graphql-shield without debug: a rule that throws refuses
        }
      };
    }
  }
  if (shieldRule instanceof RuleOrClass || shieldRule instanceof RuleAndClass) {
    const parts = (shieldRule as unknown as { getRules(): unknown[] }).getRules().map((part) => compileRule(part, where));
    const any = shieldRule instanceof RuleOrClass;
    return (ctx) => {
      const answers = parts.map((part) => part(ctx));
      if (answers.some(isPromise)) return Promise.all(answers).then((values) => (any ? values.some(Boolean) : values.every(Boolean)));
      return any ? answers.some(Boolean) : answers.every(Boolean);
    };
  }
  throw new Error(`the permission rule of ${where} depends on more than the caller; use rule({ cache: 'contextual' }) (or or/and of such), and check the rest in the service`);
}

const decisions = new WeakMap<RequestContext, Map<Decide, boolean | Promise<boolean>>>();

/** A rule's answer for this request, computed once ('contextual': the same for every field of every row). */
function decision(ctx: RequestContext, decide: Decide): boolean | Promise<boolean> {
  let known = decisions.get(ctx);
  if (!known) decisions.set(ctx, (known = new Map()));
  let answer = known.get(decide);
  if (answer === undefined) known.set(decide, (answer = decide(ctx)));
  return answer;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

/** Refused: without a token, UNAUTHENTICATED (get one); with one, FORBIDDEN (your role may never). Returned, as graphql-shield did: the field is null with this error. */
function refusal(ctx: RequestContext, info: GraphQLResolveInfo): GraphQLError {
  return ctx.principal.kind === 'public'
    ? wordsError(words('request.fieldNeedsToken', { field: `${info.parentType.name}.${info.fieldName}` }), { code: 'UNAUTHENTICATED' })
    : wordsError(words('request.fieldForbidden', { field: `${info.parentType.name}.${info.fieldName}` }), { code: 'FORBIDDEN' });
}
