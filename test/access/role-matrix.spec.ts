import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Every demo client of the contract (and the public) against every operation:
 * allowed, or refused with the right code; and for one complaint in Kota
 * Bandung, who can see it at all. Writes the matrix as a table to
 * test-results/access-matrix.md.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);

const ROLES = ['public', 'demo-ministry', 'demo-province-32', 'demo-dinsos-3273', 'demo-dinsos-3578', 'demo-village-3273011001',
  'demo-portal-3273', 'demo-bank-bri', 'demo-bank-bni', 'demo-ngo-lks', 'demo-ngo-csr', 'demo-auditor'] as const;
type Role = typeof ROLES[number];
type Outcome = 'allow' | 'FORBIDDEN' | 'UNAUTHENTICATED';

const HANDLERS: Role[] = ['demo-ministry', 'demo-province-32', 'demo-dinsos-3273', 'demo-dinsos-3578', 'demo-village-3273011001'];
const INTAKE: Role[] = ['demo-portal-3273', 'demo-ngo-lks', 'demo-ngo-csr'];
const BANKS: Role[] = ['demo-bank-bri', 'demo-bank-bni'];
const CLIENTS = ROLES.filter((r) => r !== 'public');

let complaintId = '';
let trackingCode = '';

interface Operation { name: string; query: () => string; variables?: () => Record<string, unknown>; allowed: Role[] }

const OPERATIONS: Operation[] = [
  { name: 'programs', query: () => '{ programs { code } }', allowed: [...ROLES] },
  { name: 'channels', query: () => '{ channels { code } }', allowed: [...ROLES] },
  { name: 'regions', query: () => '{ regions { code } }', allowed: [...ROLES] },
  { name: 'trackComplaint', query: () => 'query ($c: String!) { trackComplaint(trackingCode: $c) { status } }', variables: () => ({ c: trackingCode }), allowed: [...ROLES] },
  { name: 'node (region)', query: () => '{ node(id: "UmVnaW9uOjMy") { id } }', allowed: [...ROLES] },
  { name: 'viewer', query: () => '{ viewer { clientId } }', allowed: CLIENTS },
  { name: 'complaints', query: () => '{ complaints(first: 1) { totalCount } }', allowed: CLIENTS },
  { name: 'complaint', query: () => 'query ($id: ID!) { complaint(id: $id) { id } }', variables: () => ({ id: complaintId }), allowed: CLIENTS },
  { name: 'submitComplaint', query: () => SUBMIT, variables: () => ({ input: complaintInput({ description: '' }) }), allowed: [...HANDLERS, ...INTAKE] },
  { name: 'escalateComplaint', query: () => 'mutation { escalateComplaint(input: { complaintId: "x", version: 1, reason: "r" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'resolveComplaint', query: () => 'mutation { resolveComplaint(input: { complaintId: "x", version: 1, decision: UPHELD, publicResponse: "r" }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'verifyComplaint', query: () => 'mutation { verifyComplaint(input: { complaintId: "x", version: 1 }) { userErrors { code } } }', allowed: HANDLERS },
  { name: 'answerReferral', query: () => 'mutation { answerReferral(input: { referralId: "x", answer: "a" }) { userErrors { code } } }', allowed: [...HANDLERS, ...BANKS] },
  { name: 'requestEvidenceUpload', query: () => `mutation { requestEvidenceUpload(input: { idempotencyKey: "k", complaintId: "x", fileName: "f.pdf", contentType: "application/pdf", size: 1, sha256: "${'0'.repeat(64)}" }) { userErrors { code } } }`, allowed: [...HANDLERS, ...INTAKE] },
  { name: 'rateResolution', query: () => 'mutation { rateResolution(input: { trackingCode: "ADU-0000-0000", rating: 5 }) { userErrors { code } } }', allowed: [...ROLES] },
  { name: 'reportDisbursementIssues', query: () => 'mutation { reportDisbursementIssues(input: { idempotencyKey: "k", programCode: "PKH", period: "2026-10", items: [{ nik: "1", amount: 1, failureCode: OTHER, occurredOn: "2026-10-01" }] }) { userErrors { code } } }', allowed: BANKS },
  { name: 'resolveDisbursementIssue', query: () => 'mutation { resolveDisbursementIssue(input: { issueId: "x", outcome: DATA_CORRECTED }) { userErrors { code } } }', allowed: BANKS },
  { name: 'disbursementIssues', query: () => '{ disbursementIssues(first: 1) { totalCount } }', allowed: [...HANDLERS, ...BANKS, 'demo-auditor'] },
  { name: 'personalDataAccessLog', query: () => '{ personalDataAccessLog(first: 1) { totalCount } }', allowed: ['demo-auditor'] },
  { name: 'setApiClientDisabled', query: () => 'mutation { setApiClientDisabled(clientId: "nobody", disabled: true) { userErrors { code } } }', allowed: ['demo-ministry'] },
  { name: 'rotateClientSecret', query: () => 'mutation { rotateClientSecret(clientId: "nobody") { userErrors { code } } }', allowed: ['demo-ministry'] },
  { name: 'webhookSubscriptions', query: () => '{ webhookSubscriptions { id } }', allowed: [...HANDLERS, ...INTAKE, ...BANKS] },
  { name: 'webhookDeliveries', query: () => '{ webhookDeliveries(first: 1) { totalCount } }', allowed: [...HANDLERS, ...INTAKE, ...BANKS] },
  // An invalid URL: refused as data, so the matrix creates nothing.
  { name: 'createWebhookSubscription', query: () => 'mutation { createWebhookSubscription(input: { idempotencyKey: "k", url: "ftp://x", eventTypes: [COMPLAINT_STATUS_CHANGED] }) { userErrors { code } } }', allowed: [...HANDLERS, ...INTAKE, ...BANKS] },
  { name: 'redeliverWebhook', query: () => 'mutation { redeliverWebhook(input: { deliveryId: "x" }) { userErrors { code } } }', allowed: [...HANDLERS, ...INTAKE, ...BANKS] },
];

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

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s: allowed exactly for its roles', async (_name, op) => {
    for (const role of ROLES) {
      const { body } = await call(role, op.query(), op.variables?.());
      const code = body.errors?.find((e: { extensions?: { code?: string } }) => ['FORBIDDEN', 'UNAUTHENTICATED'].includes(e.extensions?.code ?? ''))?.extensions?.code;
      const outcome: Outcome = code ?? 'allow';
      results.set(`${op.name}|${role}`, outcome);
      const expected: Outcome = op.allowed.includes(role) ? 'allow' : role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(outcome, `${op.name} as ${role}`).toBe(expected);
    }
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
