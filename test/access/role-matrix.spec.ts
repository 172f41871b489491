import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FieldNode, OperationDefinitionNode, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAduanSchema } from '../../server/src/graphql/schema';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Every demo client of the contract (and the public) against every root field
 * of the schema: allowed (answered without an error), or refused with the
 * right code; and for one complaint in Kota Bandung, who can see it at all.
 * A root field missing from the matrix fails it. Writes the matrix as a table
 * to test-results/access-matrix.md.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);

const ROLES = ['public', 'demo-ministry', 'demo-province-32', 'demo-dinsos-3273', 'demo-dinsos-3578', 'demo-village-3273011001',
  'demo-portal-3273', 'demo-bank-bri', 'demo-bank-bni', 'demo-ngo-lks', 'demo-ngo-csr', 'demo-auditor'] as const;
type Role = typeof ROLES[number];
/** 'allow', 'FORBIDDEN', 'UNAUTHENTICATED' — or any other error as `CODE at path`, which fails the matrix (an allowed call must run). */
type Outcome = string;

/**
 * Dates for the probes: last year's, so they are valid (in the past) on any day the suite runs — the matrix asks
 * only who may call, and an allowed call must answer without errors.
 */
const LAST_YEAR = new Date().getUTCFullYear() - 1;
const HANDLERS: Role[] = ['demo-ministry', 'demo-province-32', 'demo-dinsos-3273', 'demo-dinsos-3578', 'demo-village-3273011001'];
const INTAKE: Role[] = ['demo-portal-3273', 'demo-ngo-lks', 'demo-ngo-csr'];
const BANKS: Role[] = ['demo-bank-bri', 'demo-bank-bni'];
const AUDITOR: Role[] = ['demo-auditor'];
/** The ministry's client is the demo's only administrator (organisations, API clients, keys). */
const ADMINISTRATOR: Role[] = ['demo-ministry'];
/** Organisations that subscribe to webhooks (the `webhooks` permission). */
const WEBHOOKS: Role[] = [...HANDLERS, ...INTAKE, ...BANKS];
const CLIENTS = ROLES.filter((r) => r !== 'public');

let complaintId = '';
let trackingCode = '';

/**
 * One call of one root field, and who may make it. Calls about things that do
 * not exist ("x") or with invalid input: an allowed caller gets userErrors
 * (nothing changes), a refused one FORBIDDEN or UNAUTHENTICATED.
 */
interface Operation { name: string; query: () => string; variables?: () => Record<string, unknown>; allowed: Role[] }

const OPERATIONS: Operation[] = [
  // Queries
  { name: 'programs', query: () => '{ programs { code } }', allowed: [...ROLES] },
  { name: 'channels', query: () => '{ channels { code } }', allowed: [...ROLES] },
  { name: 'regions', query: () => '{ regions { code } }', allowed: [...ROLES] },
  { name: 'complaintCategories', query: () => '{ complaintCategories { code label } }', allowed: [...ROLES] },
  { name: 'trackComplaint', query: () => 'query ($c: String!) { trackComplaint(trackingCode: $c) { status } }', variables: () => ({ c: trackingCode }), allowed: [...ROLES] },
  { name: 'node (region)', query: () => '{ node(id: "UmVnaW9uOjMy") { id } }', allowed: [...ROLES] },
  { name: 'nodes (region)', query: () => '{ nodes(ids: ["UmVnaW9uOjMy"]) { id } }', allowed: [...ROLES] },
  { name: 'checkAid', query: () => '{ checkAid(name: "Siti Aminah", regionCode: "32.73.01.1001") { period } }', allowed: [...ROLES] },
  { name: 'villageDeliberations', query: () => '{ villageDeliberations(regionCode: "32.73", first: 1) { totalCount edges { node { minutesNumber changeCounts { kind } } } } }', allowed: [...ROLES] },
  { name: 'villageDeliberation', query: () => '{ villageDeliberation(id: "RGVsaWJlcmF0aW9uOng=") { id } }', allowed: [...ROLES] },
  { name: 'publicComplaintStatistics', query: () => '{ publicComplaintStatistics { minimumCount } }', allowed: [...ROLES] },
  { name: 'officeRecords', query: () => '{ officeRecords(first: 1) { totalCount edges { node { month office { name } ratings { count } } } } }', allowed: [...ROLES] },
  { name: 'viewer', query: () => '{ viewer { clientId } }', allowed: CLIENTS },
  { name: 'complaints', query: () => '{ complaints(first: 1) { totalCount } }', allowed: CLIENTS },
  { name: 'complaint', query: () => 'query ($id: ID!) { complaint(id: $id) { id } }', variables: () => ({ id: complaintId }), allowed: CLIENTS },
  { name: 'complaintStatistics', query: () => '{ complaintStatistics { total } }', allowed: [...HANDLERS, ...AUDITOR] },
  { name: 'disbursementIssues', query: () => '{ disbursementIssues(first: 1) { totalCount } }', allowed: [...HANDLERS, ...BANKS, ...AUDITOR] },
  { name: 'disbursementReconciliation', query: () => `{ disbursementReconciliation(periodFrom: "${LAST_YEAR}-01", periodTo: "${LAST_YEAR}-02") { period } }`, allowed: [...HANDLERS, ...BANKS, ...AUDITOR] },
  { name: 'recipient', query: () => '{ recipient(nik: "3273019999999999") { __typename } }', allowed: [...HANDLERS, ...BANKS, ...AUDITOR] },
  { name: 'family', query: () => '{ family(kkNumber: "3273019999999999") { kkNumber } }', allowed: [...HANDLERS, ...BANKS, ...AUDITOR] },
  { name: 'recipientChangeProposals', query: () => '{ recipientChangeProposals(first: 1) { totalCount } }', allowed: [...HANDLERS, ...AUDITOR] },
  { name: 'verifyRecipientProvenance', query: () => '{ verifyRecipientProvenance(nik: "3273019999999999") { intact } }', allowed: [...HANDLERS, ...AUDITOR] },
  { name: 'personalDataAccessLog', query: () => '{ personalDataAccessLog(first: 1) { totalCount } }', allowed: AUDITOR },
  { name: 'webhookSubscriptions', query: () => '{ webhookSubscriptions { id } }', allowed: WEBHOOKS },
  { name: 'webhookDeliveries', query: () => '{ webhookDeliveries(first: 1) { totalCount } }', allowed: WEBHOOKS },
  { name: 'organisations', query: () => '{ organisations(first: 1) { totalCount } }', allowed: CLIENTS },
  { name: 'caseConferences', query: () => '{ caseConferences(first: 1) { totalCount } }', allowed: CLIENTS },
  { name: 'daysOff', query: () => `{ daysOff(year: ${LAST_YEAR}) { date kind } }`, allowed: [...ROLES] },
  // Complaints
  { name: 'submitComplaint', query: () => SUBMIT, variables: () => ({ input: complaintInput({ description: '' }) }), allowed: [...HANDLERS, ...INTAKE, ...BANKS] },
  { name: 'verifyComplaint', query: () => 'mutation { verifyComplaint(input: { complaintId: "x", version: 1 }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'assignComplaint', query: () => 'mutation { assignComplaint(input: { complaintId: "x", version: 1, organisationId: "x" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'addInternalNote', query: () => 'mutation { addInternalNote(input: { complaintId: "x", version: 1, note: "n" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'requestInformation', query: () => 'mutation { requestInformation(input: { complaintId: "x", version: 1, message: "m" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'provideInformation', query: () => 'mutation { provideInformation(input: { complaintId: "x", version: 1, information: "i" }) { userErrors { code } } }', allowed: [...HANDLERS, ...INTAKE] },
  { name: 'resetReplyPin', query: () => 'mutation { resetReplyPin(input: { complaintId: "x" }) { userErrors { code } } }', allowed: [...HANDLERS, ...INTAKE] },
  { name: 'respondToComplaint', query: () => 'mutation { respondToComplaint(input: { complaintId: "x", version: 1, message: "m" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'escalateComplaint', query: () => 'mutation { escalateComplaint(input: { complaintId: "x", version: 1, reason: "r" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'referComplaint', query: () => `mutation { referComplaint(input: { idempotencyKey: "${randomUUID()}", complaintId: "x", version: 1, organisationId: "x", reason: "r" }) { userErrors { code } } }`, allowed: HANDLERS },
  { name: 'answerReferral', query: () => 'mutation { answerReferral(input: { referralId: "x", answer: "a" }) { userErrors { code } } }', allowed: [...HANDLERS, ...BANKS] },
  { name: 'scheduleHomeVisit', query: () => `mutation { scheduleHomeVisit(input: { idempotencyKey: "${randomUUID()}", complaintId: "x", version: 1, scheduledFor: "2030-01-01T02:00:00Z", socialWorkerName: "s" }) { userErrors { code } } }`, allowed: HANDLERS },
  { name: 'recordHomeVisit', query: () => `mutation { recordHomeVisit(input: { homeVisitId: "x", visitedAt: "${LAST_YEAR}-01-02T02:00:00Z", outcome: CONFIRMED, findings: "f" }) { userErrors { code } } }`, allowed: HANDLERS },
  { name: 'scheduleCaseConference', query: () => `mutation { scheduleCaseConference(input: { idempotencyKey: "${randomUUID()}", complaintIds: ["x"], participantIds: ["x"], scheduledAt: "2030-01-01T02:00:00Z", location: "l", agenda: "a" }) { userErrors { code } } }`, allowed: HANDLERS },
  { name: 'recordCaseConference', query: () => 'mutation { recordCaseConference(input: { caseConferenceId: "x", decisions: "d", actions: [] }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'resolveComplaint', query: () => 'mutation { resolveComplaint(input: { complaintId: "x", version: 1, decision: UPHELD, publicResponse: "r" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'rejectComplaint', query: () => 'mutation { rejectComplaint(input: { complaintId: "x", version: 1, reason: INVALID, publicMessage: "m" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'correctComplaint', query: () => 'mutation { correctComplaint(input: { complaintId: "x", version: 1, category: OTHER, reason: "r" }) { rerouted userErrors { code } } }', allowed: HANDLERS },
  { name: 'markDuplicate', query: () => 'mutation { markDuplicate(input: { complaintId: "x", duplicateOfId: "y", version: 1 }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'reopenComplaint', query: () => `mutation { reopenComplaint(input: { idempotencyKey: "${randomUUID()}", complaintId: "x", version: 1, reason: "r" }) { userErrors { code } } }`, allowed: [...HANDLERS, ...INTAKE] },
  { name: 'requestEvidenceUpload', query: () => `mutation { requestEvidenceUpload(input: { idempotencyKey: "${randomUUID()}", complaintId: "x", fileName: "f.pdf", contentType: "application/pdf", size: 1, sha256: "${'0'.repeat(64)}" }) { userErrors { code } } }`, allowed: [...HANDLERS, ...INTAKE] },
  { name: 'rateResolution', query: () => 'mutation { rateResolution(input: { trackingCode: "ADU-0000-0000", pin: "123456", rating: 5 }) { userErrors { code } } }', allowed: [...ROLES] },
  // The complainant's own steps with code + PIN (docs/adr/0026): public, so every role too; an unknown code changes nothing.
  { name: 'answerInformationRequest', query: () => 'mutation { answerInformationRequest(input: { trackingCode: "ADU-0000-0000", pin: "123456", information: "i" }) { userErrors { code } } }', allowed: [...ROLES] },
  { name: 'appealResolution', query: () => 'mutation { appealResolution(input: { trackingCode: "ADU-0000-0000", pin: "123456", reason: "r" }) { replyPin userErrors { code } } }', allowed: [...ROLES] },
  { name: 'requestComplainantEvidenceUpload', query: () => `mutation { requestComplainantEvidenceUpload(input: { trackingCode: "ADU-0000-0000", pin: "123456", fileName: "f.pdf", contentType: "application/pdf", size: 1, sha256: "${'0'.repeat(64)}" }) { userErrors { code } } }`, allowed: [...ROLES] },
  // Disbursements and the register
  { name: 'reportDisbursementIssues', query: () => `mutation { reportDisbursementIssues(input: { idempotencyKey: "${randomUUID()}", programCode: "PKH", period: "${LAST_YEAR}-10", items: [{ nik: "1", amount: 1, failureCode: OTHER, occurredOn: "${LAST_YEAR}-10-01" }] }) { userErrors { code } } }`, allowed: BANKS },
  { name: 'resolveDisbursementIssue', query: () => 'mutation { resolveDisbursementIssue(input: { issueId: "x", outcome: DATA_CORRECTED }) { userErrors { code } } }', allowed: BANKS },
  { name: 'requestDeliberationMinutesUpload', query: () => `mutation { requestDeliberationMinutesUpload(input: { idempotencyKey: "${randomUUID()}", deliberationId: "x", fileName: "ba.pdf", contentType: "application/pdf", size: 10, sha256: "${'0'.repeat(64)}" }) { userErrors { code } } }`, allowed: ['demo-village-3273011001'] },
  { name: 'proposeRecipientChange', query: () => `mutation { proposeRecipientChange(input: { idempotencyKey: "${randomUUID()}", kind: REMOVE, nik: "1", reason: "r", evidence: "e", deliberation: { heldOn: "${LAST_YEAR}-01-02", minutesNumber: "m", attendanceCount: 1 } }) { userErrors { code } } }`, allowed: ['demo-village-3273011001'] },
  { name: 'reviewRecipientChange', query: () => 'mutation { reviewRecipientChange(input: { proposalId: "x", decision: REJECT, note: "n" }) { userErrors { code } } }', allowed: ['demo-dinsos-3273', 'demo-dinsos-3578'] },
  // Administration: an empty name, an unknown organisation or client — refused as data, so the matrix creates and changes nothing.
  { name: 'createOrganisation', query: () => 'mutation { createOrganisation(input: { name: "", kind: NGO }) { userErrors { code } } }', allowed: ADMINISTRATOR },
  { name: 'createApiClient', query: () => 'mutation { createApiClient(input: { organisationId: "x", clientId: "matrix-client", name: "n" }) { userErrors { code } } }', allowed: ADMINISTRATOR },
  { name: 'rotateClientSecret', query: () => 'mutation { rotateClientSecret(clientId: "nobody") { userErrors { code } } }', allowed: ADMINISTRATOR },
  { name: 'revokeOldClientSecrets', query: () => 'mutation { revokeOldClientSecrets(clientId: "nobody") { userErrors { code } } }', allowed: ADMINISTRATOR },
  { name: 'setApiClientDisabled', query: () => 'mutation { setApiClientDisabled(clientId: "nobody", disabled: true) { userErrors { code } } }', allowed: ADMINISTRATOR },
  { name: 'setApiClientRateLimit', query: () => 'mutation { setApiClientRateLimit(input: { clientId: "nobody", requestsPerMinute: 1000 }) { userErrors { code } } }', allowed: ADMINISTRATOR },
  // A file whose only row names an unknown region: refused as data, nothing written.
  { name: 'importOrganisations', query: () => 'mutation { importOrganisations(input: { csv: "code,kind,name,jurisdiction_code\\nmatrix-office,DISTRICT_OFFICE,Matrix,99.99\\n" }) { committed userErrors { code } } }', allowed: ADMINISTRATOR },
  // Days off: a date that does not exist, refused as data, and a withdrawal of a day never recorded — the calendar stays as it is.
  { name: 'recordDayOff', query: () => `mutation { recordDayOff(input: { date: "${LAST_YEAR}-02-30", name: "n", kind: CUTI_BERSAMA, source: "s" }) { userErrors { code } } }`, allowed: ADMINISTRATOR },
  { name: 'withdrawDayOff', query: () => `mutation { withdrawDayOff(input: { date: "${LAST_YEAR}-07-04", kind: CUTI_BERSAMA, name: "never recorded", source: "s" }) { userErrors { code } } }`, allowed: ADMINISTRATOR },
  // Webhooks. An invalid URL: refused as data, so the matrix creates nothing.
  { name: 'createWebhookSubscription', query: () => `mutation { createWebhookSubscription(input: { idempotencyKey: "${randomUUID()}", url: "ftp://x", eventTypes: [COMPLAINT_STATUS_CHANGED] }) { userErrors { code } } }`, allowed: WEBHOOKS },
  { name: 'updateWebhookSubscription', query: () => 'mutation { updateWebhookSubscription(input: { subscriptionId: "x", description: "d" }) { userErrors { code } } }', allowed: WEBHOOKS },
  { name: 'rotateWebhookSecret', query: () => 'mutation { rotateWebhookSecret(input: { subscriptionId: "x" }) { userErrors { code } } }', allowed: WEBHOOKS },
  { name: 'disableWebhookSubscription', query: () => 'mutation { disableWebhookSubscription(input: { subscriptionId: "x" }) { userErrors { code } } }', allowed: WEBHOOKS },
  { name: 'enableWebhookSubscription', query: () => 'mutation { enableWebhookSubscription(input: { subscriptionId: "x" }) { userErrors { code } } }', allowed: WEBHOOKS },
  { name: 'deleteWebhookSubscription', query: () => 'mutation { deleteWebhookSubscription(input: { subscriptionId: "x" }) { userErrors { code } } }', allowed: WEBHOOKS },
  { name: 'redeliverWebhook', query: () => 'mutation { redeliverWebhook(input: { deliveryId: "x" }) { userErrors { code } } }', allowed: WEBHOOKS },
];

/** The root field an operation calls (each calls exactly one). */
function rootFieldOf(op: Operation): string {
  const definition = parse(op.query()).definitions[0] as OperationDefinitionNode;
  const fields = definition.selectionSet.selections.map((s) => (s as FieldNode).name.value);
  if (fields.length !== 1) throw new Error(`${op.name} calls ${fields.length} root fields`);
  return fields[0];
}

/**
 * A refusal counts only when it is the root field's own: a FORBIDDEN on a field
 * of the payload would mean the mutation ran for a caller who may not call it
 * (its payload type is guarded, the field is not) — shown as `CODE at path`.
 */
function outcomeOf(errors: { path?: (string | number)[]; extensions?: { code?: string } }[] = []): Outcome {
  const refusal = errors.find((e) => e.extensions?.code === 'FORBIDDEN' || e.extensions?.code === 'UNAUTHENTICATED');
  const error = refusal ?? errors[0];
  if (!error) return 'allow';
  const code = error.extensions?.code ?? 'NO_CODE';
  return refusal && error.path?.length === 1 ? code : `${code} at ${error.path?.join('.') ?? '(no path)'}`;
}

const VISIBLE_TO: Role[] = ['demo-ministry', 'demo-province-32', 'demo-dinsos-3273', 'demo-village-3273011001', 'demo-portal-3273', 'demo-auditor'];

async function call(role: Role, query: string, variables?: Record<string, unknown>) {
  return role === 'public' ? api.gql(query, variables) : as(api, role)(query, variables);
}

describe('role × operation matrix', () => {
  const results = new Map<string, Outcome>();

  beforeAll(async () => {
    const submitted = (await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    complaintId = submitted.complaint.id;
    trackingCode = submitted.trackingCode;
  });

  it('has every query and mutation of the schema', async () => {
    const schema = await buildAduanSchema();
    const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()));
    const inMatrix = new Set(OPERATIONS.map(rootFieldOf));
    expect(rootFields.filter((field) => !inMatrix.has(field)), 'root fields without a row in OPERATIONS').toEqual([]);
  });

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s: allowed exactly for its roles', async (_name, op) => {
    const outcomes: Record<string, Outcome> = {};
    const expected: Record<string, Outcome> = {};
    for (const role of ROLES) {
      const { body } = await call(role, op.query(), op.variables?.());
      outcomes[role] = outcomeOf(body.errors);
      results.set(`${op.name}|${role}`, outcomes[role]);
      expected[role] = op.allowed.includes(role) ? 'allow' : role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    }
    expect(outcomes, op.name).toEqual(expected); // every role's outcome at once: a failure shows the whole row
  });

  it('a Kota Bandung complaint is visible exactly to its handlers, its submitter and the auditor', async () => {
    for (const role of CLIENTS) {
      const { body } = await call(role, 'query ($id: ID!) { complaint(id: $id) { trackingCode } node(id: $id) { id } }', { id: complaintId });
      const visible = body.data.complaint !== null;
      results.set(`sees the complaint|${role}`, visible ? 'allow' : ('—' as Outcome));
      expect(visible, role).toBe(VISIBLE_TO.includes(role));
      expect(body.data.node !== null, `node as ${role}`).toBe(visible); // node and complaint agree: null, not FORBIDDEN
    }
  });

  it('writes the matrix (test-results/access-matrix.md)', () => {
    const rows = [...OPERATIONS.map((o) => o.name), 'sees the complaint'];
    const lines = [`| operation | ${ROLES.join(' | ')} |`, `| --- | ${ROLES.map(() => '---').join(' | ')} |`];
    for (const row of rows) {
      lines.push(`| ${row} | ${ROLES.map((r) => ({ allow: '✓', FORBIDDEN: 'FORBIDDEN', UNAUTHENTICATED: 'UNAUTH' } as Record<string, string>)[results.get(`${row}|${r}`) ?? ''] ?? '—').join(' | ')} |`);
    }
    const dir = path.join(__dirname, '../../test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'access-matrix.md'), `${lines.join('\n')}\n`);
    expect(lines.length).toBe(rows.length + 2);
  });
});
