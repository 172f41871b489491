import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { WorkerUtils } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../sdk/src/index';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { DemoDisbursement, item, ownFamilies, REPORT, reportInput, RESOLVE, thisMonth } from '../support/disbursements';
import { clients, ok, organisationId, submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { eventually, startRunner, TestRunner, WebhookReceiver, workerUtils } from '../webhooks/receiver';

/**
 * One door into a complaint (docs/adr/0027-one-door.md): every path that changes a complaint — each handler's
 * mutation, a bank's report and resolution, the SLA sweep's escalation, breach, close and archive, the referral made
 * at intake — goes through applyChange, and so leaves exactly one new version and its event(s) on the timeline.
 *
 * The server's clock is the run's own, read through `clock` (no date is written here); the sweep's steps are given
 * times past the complaint's own due or resolution time.
 */
let clock = Date.now();
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const { portal, village, district, bri } = clients(api);
const DAY = 86_400_000;
const MINUTE = 60_000;
const iso = (at: number) => new Date(at).toISOString();

let villageOffice = '';
let bankBri = '';
let families: DemoDisbursement[] = [];
let period = '';
let today = '';
beforeAll(async () => {
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
  bankBri = await organisationId(db, 'Bank Rakyat Indonesia');
  ({ period, today } = await thisMonth(db));
  families = await ownFamilies(db, period, { count: 3, seriesStart: 52_000 });
});

const uuid = (id: string) => fromGlobalId(id)!.key;

async function snapshot(id: string): Promise<{ version: number; types: string[]; status: string }> {
  const [row] = await db.dataSource.query('SELECT version, status FROM complaints WHERE id = $1', [uuid(id)]);
  const events: { type: string }[] = await db.dataSource.query('SELECT type FROM complaint_events WHERE complaint_id = $1 ORDER BY seq', [uuid(id)]);
  return { version: row.version, status: row.status, types: events.map((e) => e.type) };
}

async function version(id: string): Promise<number> {
  return (await snapshot(id)).version;
}

async function verified() {
  const c = await submitted(api);
  await ok(village, 'verifyComplaint', { complaintId: c.id, version: 1 });
  return c;
}

async function resolvedComplaint() {
  const c = await verified();
  await ok(village, 'resolveComplaint', { complaintId: c.id, version: 2, decision: 'NOT_UPHELD', publicResponse: 'Keluarga Anda tidak memenuhi kriteria.' });
  return c;
}

/** Sweeps at `at` until the complaint's status changes (a run takes one batch of each kind; the demo holds others). */
async function sweepUntilChanged(id: string, at: number): Promise<void> {
  const before = (await snapshot(id)).status;
  for (let run = 0; run < 30 && (await snapshot(id)).status === before; run += 1) await sweepSla(db.dataSource, new Date(at));
}

const REFERRAL = 'referral { id } complaint { id version }';
const VISIT = 'homeVisit { id } complaint { id version }';
const CONFERENCE = 'caseConference { id }';

/**
 * A step: `prepare` makes the complaint(s) it acts on (each step its own, made just before it, so the sweeps of
 * other steps never touch them) and `act` takes the step; `expect` is what each complaint's timeline gains.
 */
interface Step {
  name: string;
  prepare: () => Promise<Record<string, unknown> & { ids: string[] }>;
  act: (prepared: Record<string, unknown> & { ids: string[] }) => Promise<unknown>;
  expect: string[][];
}

const steps: Step[] = [
  { name: 'verifyComplaint', prepare: async () => ({ ids: [(await submitted(api)).id] }),
    act: ({ ids: [id] }) => ok(village, 'verifyComplaint', { complaintId: id, version: 1 }), expect: [['VERIFIED']] },
  { name: 'assignComplaint', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'assignComplaint', { complaintId: id, version: 2, organisationId: villageOffice, officerName: 'Rina Marlina' }), expect: [['ASSIGNED']] },
  { name: 'respondToComplaint', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'respondToComplaint', { complaintId: id, version: 2, message: 'Sedang kami periksa.' }), expect: [['PUBLIC_RESPONSE']] },
  { name: 'addInternalNote', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'addInternalNote', { complaintId: id, version: 2, note: 'Cek ke bank.' }), expect: [['INTERNAL_NOTE']] },
  { name: 'requestInformation', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'requestInformation', { complaintId: id, version: 2, message: 'Mohon foto KKS.' }), expect: [['INFORMATION_REQUESTED']] },
  { name: 'provideInformation',
    prepare: async () => {
      const c = await verified();
      await ok(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Mohon foto KKS.' });
      return { ids: [c.id] };
    },
    act: ({ ids: [id] }) => ok(portal, 'provideInformation', { complaintId: id, version: 3, information: 'Foto KKS terlampir.' }), expect: [['INFORMATION_PROVIDED']] },
  { name: 'resetReplyPin', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'resetReplyPin', { complaintId: id }, 'replyPin complaint { version }'), expect: [['REPLY_PIN_RESET']] },
  { name: 'correctComplaint', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(district, 'correctComplaint', { complaintId: id, version: 2, category: 'ILLEGAL_LEVY', reason: 'Pengaduan tentang pungutan.' }), expect: [['CORRECTED']] },
  { name: 'escalateComplaint', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(district, 'escalateComplaint', { complaintId: id, version: 2, reason: 'Perlu data kabupaten.' }), expect: [['ESCALATED']] },
  { name: 'referComplaint', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: id, version: 2, organisationId: bankBri, reason: 'Cek rekening.' }, REFERRAL),
    expect: [['REFERRED']] },
  { name: 'answerReferral',
    prepare: async () => {
      const c = await verified();
      const referred = await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: bankBri, reason: 'Cek rekening.' }, REFERRAL);
      return { ids: [c.id], referralId: referred.referral.id };
    },
    act: ({ referralId }) => ok(bri, 'answerReferral', { referralId, answer: 'Rekening aktif kembali.' }, REFERRAL), expect: [['REFERRAL_ANSWERED']] },
  { name: 'scheduleHomeVisit', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'scheduleHomeVisit', { idempotencyKey: randomUUID(), complaintId: id, version: 2, socialWorkerName: 'Rina Marlina', scheduledFor: iso(clock + DAY) }, VISIT),
    expect: [['HOME_VISIT_SCHEDULED']] },
  { name: 'recordHomeVisit',
    prepare: async () => {
      const c = await verified();
      const visit = await ok(village, 'scheduleHomeVisit', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, socialWorkerName: 'Rina Marlina', scheduledFor: iso(clock + DAY) }, VISIT);
      return { ids: [c.id], homeVisitId: visit.homeVisit.id };
    },
    act: ({ homeVisitId }) => ok(village, 'recordHomeVisit', { homeVisitId, visitedAt: iso(clock - MINUTE), outcome: 'CONFIRMED', findings: 'Memenuhi kriteria.' }, VISIT),
    expect: [['HOME_VISIT_RECORDED']] },
  { name: 'scheduleCaseConference', prepare: async () => ({ ids: [(await verified()).id, (await verified()).id] }),
    act: ({ ids }) => ok(district, 'scheduleCaseConference', {
      idempotencyKey: randomUUID(), complaintIds: ids, participantIds: [villageOffice, bankBri], scheduledAt: iso(clock + 2 * DAY), location: 'Aula', agenda: 'Rekening pasif.',
    }, CONFERENCE),
    expect: [['CASE_CONFERENCE_SCHEDULED'], ['CASE_CONFERENCE_SCHEDULED']] },
  { name: 'recordCaseConference',
    prepare: async () => {
      const ids = [(await verified()).id, (await verified()).id];
      const scheduled = await ok(district, 'scheduleCaseConference', {
        idempotencyKey: randomUUID(), complaintIds: ids, participantIds: [villageOffice, bankBri], scheduledAt: iso(clock + 2 * DAY), location: 'Aula', agenda: 'Rekening pasif.',
      }, CONFERENCE);
      return { ids, caseConferenceId: scheduled.caseConference.id };
    },
    act: ({ caseConferenceId }) => ok(district, 'recordCaseConference', { caseConferenceId, decisions: 'Bank mengaktifkan rekening.', actions: [] }, CONFERENCE),
    expect: [['CASE_CONFERENCE_HELD'], ['CASE_CONFERENCE_HELD']] },
  { name: 'resolveComplaint', prepare: async () => ({ ids: [(await verified()).id] }),
    act: ({ ids: [id] }) => ok(village, 'resolveComplaint', { complaintId: id, version: 2, decision: 'UPHELD', publicResponse: 'Bantuan disalurkan ulang.' }), expect: [['RESOLVED']] },
  { name: 'rejectComplaint', prepare: async () => ({ ids: [(await submitted(api)).id] }),
    act: ({ ids: [id] }) => ok(village, 'rejectComplaint', { complaintId: id, version: 1, reason: 'INVALID', publicMessage: 'Tidak dapat ditindaklanjuti.' }), expect: [['REJECTED']] },
  { name: 'markDuplicate (the duplicate and the survivor)', prepare: async () => ({ ids: [(await submitted(api)).id, (await submitted(api)).id] }),
    act: ({ ids: [duplicate, survivor] }) => ok(village, 'markDuplicate', { complaintId: duplicate, version: 1, duplicateOfId: survivor }),
    expect: [['MARKED_DUPLICATE'], ['MARKED_DUPLICATE']] },
  { name: 'reopenComplaint (the original; the appeal is a new complaint)', prepare: async () => ({ ids: [(await resolvedComplaint()).id] }),
    act: ({ ids: [id] }) => ok(portal, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: id, version: 3, reason: 'Saya tidak setuju.' }, 'complaint { id } trackingCode'),
    expect: [['REOPENED']] },
  { name: 'a bank’s report links the complaint',
    prepare: async () => {
      const family = families.shift()!;
      const c = await submitted(api, { programCode: 'BPNT', category: 'NOT_RECEIVED', subjectNik: family.nik });
      return { ids: [c.id], family };
    },
    act: async ({ family }) => {
      const { body } = await bri(REPORT, { input: reportInput(period, [item((family as DemoDisbursement).nik, today, { amount: (family as DemoDisbursement).amount })]) });
      expect(body.data.reportDisbursementIssues.results[0].userErrors).toEqual([]);
    },
    expect: [['DISBURSEMENT_ISSUE_LINKED']] },
  { name: 'the bank resolves the linked issue',
    prepare: async () => {
      const family = families.shift()!;
      const c = await submitted(api, { programCode: 'BPNT', category: 'NOT_RECEIVED', subjectNik: family.nik });
      const { body } = await bri(REPORT, { input: reportInput(period, [item(family.nik, today, { amount: family.amount })]) });
      return { ids: [c.id], issueId: body.data.reportDisbursementIssues.results[0].issue.id };
    },
    act: async ({ issueId }) => {
      const { body } = await bri(RESOLVE, { input: { issueId, outcome: 'DATA_CORRECTED' } });
      expect(body.data.resolveDisbursementIssue.userErrors).toEqual([]);
    },
    expect: [['DISBURSEMENT_ISSUE_RESOLVED']] },
  // The sweep's steps come last: they are given times ahead of the server's clock.
  { name: 'the SLA sweep escalates a breached complaint (one version, one event: the escalation, naming the breach)',
    prepare: async () => ({ ids: [(await submitted(api)).id] }),
    act: async ({ ids: [id] }) => {
      const [{ due }] = await db.dataSource.query('SELECT due_at AS due FROM complaints WHERE id = $1', [uuid(id)]);
      await sweepSla(db.dataSource, new Date(due.getTime() + MINUTE));
    },
    expect: [['ESCALATED']] },
  { name: 'the SLA sweep marks a national breach',
    prepare: async () => {
      const c = await submitted(api);
      await ok(district, 'escalateComplaint', { complaintId: c.id, version: 1, reason: 'Langsung ke kementerian.', toTier: 'NATIONAL' });
      return { ids: [c.id] };
    },
    act: async ({ ids: [id] }) => {
      const [{ due }] = await db.dataSource.query('SELECT due_at AS due FROM complaints WHERE id = $1', [uuid(id)]);
      await sweepSla(db.dataSource, new Date(due.getTime() + MINUTE));
    },
    expect: [['SLA_BREACHED']] },
  { name: 'the SLA sweep closes a silent resolved complaint', prepare: async () => ({ ids: [(await resolvedComplaint()).id] }),
    act: ({ ids: [id] }) => sweepUntilChanged(id, clock + 30 * DAY), expect: [['CLOSED']] },
  { name: 'the SLA sweep archives an unanswered request for information',
    prepare: async () => {
      const c = await verified();
      await ok(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Mohon foto KKS.' });
      return { ids: [c.id] };
    },
    act: ({ ids: [id] }) => sweepUntilChanged(id, clock + 31 * DAY), expect: [['REJECTED']] },
];

describe('one door: every path that changes a complaint leaves one version and its event', () => {
  for (const step of steps) {
    it(step.name, async () => {
      const prepared = await step.prepare();
      const before = await Promise.all(prepared.ids.map(snapshot));
      await step.act(prepared);
      const after = await Promise.all(prepared.ids.map(snapshot));
      prepared.ids.forEach((_, i) => {
        expect(after[i].version, `complaint ${i}: one version`).toBe(before[i].version + 1);
        expect(after[i].types.slice(before[i].types.length), `complaint ${i}: its event(s)`).toEqual(step.expect[i]);
        expect(after[i].types.slice(0, before[i].types.length)).toEqual(before[i].types);
      });
    });
  }
});

describe('the referral made at intake', () => {
  const receiver = new WebhookReceiver(() => clock);
  let utils: WorkerUtils;
  let runner: TestRunner;
  let secret = '';
  beforeAll(async () => {
    await receiver.start();
    utils = await workerUtils(db);
    runner = await startRunner(db, () => clock);
    const { body } = await bri(`mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { signingSecret userErrors { code } } }`,
      { input: { idempotencyKey: randomUUID(), url: receiver.url('/bri'), eventTypes: ['COMPLAINT_REFERRED'] } });
    expect(body.data.createWebhookSubscription.userErrors).toEqual([]);
    secret = body.data.createWebhookSubscription.signingSecret;
  });
  afterAll(async () => {
    await runner?.stop();
    await utils?.release();
    await receiver.stop();
  });

  it('goes through the one door: a version after the intake’s, the REFERRED event, and COMPLAINT_REFERRED to the bank', async () => {
    const family = families.shift()!;
    const { body } = await portal(SUBMIT, { input: complaintInput({ programCode: 'BPNT', category: 'FAILED_TRANSFER', subjectNik: family.nik }) });
    const payload = body.data.submitComplaint;
    expect(payload.userErrors).toEqual([]);
    // Intake: version 1 with SUBMITTED (one statement); the referral: version 2 with REFERRED, in the same transaction.
    expect(payload.complaint.version).toBe(2);
    expect(await snapshot(payload.complaint.id)).toMatchObject({ version: 2, types: ['SUBMITTED', 'REFERRED'] });
    expect(await version(payload.complaint.id)).toBe(2);
    const [received] = await eventually(async () => {
      const found = receiver.at('/bri').filter((r) => r.body.includes(payload.complaint.id));
      return found.length > 0 ? found : undefined;
    }, 15_000, 'the COMPLAINT_REFERRED delivery');
    const event = await verifyWebhook({ secret, body: received.body, headers: received.headers as Record<string, string>, now: new Date(received.clock) });
    const [referral] = await db.dataSource.query('SELECT id FROM referrals WHERE complaint_id = $1', [uuid(payload.complaint.id)]);
    expect(event).toMatchObject({ type: 'COMPLAINT_REFERRED', data: { complaint: { id: payload.complaint.id }, referral: { organisationId: bankBri } } });
    expect(fromGlobalId((event.data as { referral: { id: string } }).referral.id)!.key).toBe(referral.id);
    expect(received.body).not.toContain(family.nik);
  });
});

describe('one writer per table', () => {
  // Writes to complaints and complaint_events outside applyChange (complaints/complaint-change.ts and the appendEvent
  // it calls) are intake only — a new complaint with its SUBMITTED event, and the demo's bulk seed — each justified in
  // docs/adr/0027-one-door.md. A new writer fails here until it goes through the door (or the ADR says why not).
  const ALLOWED: Record<string, string> = {
    'complaints/complaint-change.ts': 'the door: UPDATE complaints',
    'complaints/complaint-events.ts': 'appendEvent, called by the door (and for an appeal’s SUBMITTED event)',
    'complaints/submit-complaint.service.ts': 'intake: the single-statement INSERT of a complaint and its SUBMITTED event',
    'complaints/reopen-complaint.ts': 'intake of an appeal: a new complaint and its SUBMITTED event',
    'demo/seed-scale.ts': 'the demo’s bulk seed of a test database',
    'notifications/deliver-notification.ts': 'a notification attempt on the timeline: not a change of the complaint, so no version (ADR 0025)',
  };
  const WRITES = /\b(UPDATE\s+complaints\b|INSERT\s+INTO\s+complaint(s|_events)\b|DELETE\s+FROM\s+complaint(s|_events)\b|appendEvent\()/i;

  it('only applyChange and intake write complaints and complaint_events', () => {
    const root = join(__dirname, '../../server/src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) files.push(path);
      }
    };
    walk(root);
    const writers = files.filter((f) => WRITES.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f)).sort();
    expect(writers).toEqual(Object.keys(ALLOWED).sort());
  });
});
