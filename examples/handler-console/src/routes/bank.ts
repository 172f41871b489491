import type { DisbursementIssueOutcome } from '@aduan/sdk';
import type express from 'express';
import { sendPage, sessionOf, type ConsoleDeps } from '../app.js';
import { problemOf } from '../problems.js';
import type { Session } from '../sessions.js';
import { bankPage, OUTCOME_LABELS, type BankConference, type BankForm, type BankIssue, type BankReferral, type FormError } from '../views/bank-page.js';
import { messagePage } from '../views/layout.js';

/**
 * The bank officer's page: the referrals to answer, the failed transfers to
 * resolve, the case conferences the bank was invited to. Everything is on one
 * page, each item with its form, so a call-centre officer works down a list
 * without opening anything.
 */

/**
 * The complaints a bank sees are those referred to it (and those its call
 * centre filed); Aduan has no list of referrals, so they are read through the
 * complaints, each with the referrals made to this bank. Only what the page
 * shows is asked for: the complainant comes masked for a bank.
 */
const BANK_PAGE = /* GraphQL */ `
  query KonsolBank($after: String, $firstPage: Boolean!) {
    complaints(first: 50, after: $after, orderBy: NEWEST_FIRST) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id trackingCode statusLabel category createdAt occurredOn description subjectNik
          program { code name }
          region { name }
          complainant { name nik phone }
          referrals { id status reason createdAt dueAt fromOrganisation { name } toOrganisation { id } }
        }
      }
    }
    disbursementIssues(first: 100, filter: { status: [OPEN] }) @include(if: $firstPage) {
      totalCount
      edges { node { id period nik amount failureCode occurredOn createdAt program { name } linkedComplaints { trackingCode } } }
    }
    caseConferences(first: 20) @include(if: $firstPage) {
      edges {
        node {
          id status scheduledAt location agenda heldAt decisions
          convenedBy { name }
          participants { id name }
          complaints { trackingCode }
          actions { description dueOn responsibleOrganisation { id } }
        }
      }
    }
  }`;

type ComplaintNode = BankReferral['complaint'] & {
  referrals: { id: string; status: string; reason: string; createdAt: string; dueAt: string | null; fromOrganisation: { name: string } | null; toOrganisation: { id: string } }[];
};

interface BankPageResult {
  complaints: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: ComplaintNode }[] };
  disbursementIssues?: { totalCount: number; edges: { node: BankIssue }[] };
  caseConferences?: { edges: { node: Omit<BankConference, 'actions'> & { actions: (BankConference['actions'][number] & { responsibleOrganisation: { id: string } })[] } }[] };
}

/** Pages of complaints read for one page view: 10 × 50; a bank with more open referrals than that has a backlog the page says it cuts. */
const MAX_COMPLAINT_PAGES = 10;

const ANSWER_REFERRAL = /* GraphQL */ `
  mutation KonsolJawabRujukan($input: AnswerReferralInput!) {
    answerReferral(input: $input) {
      referral { id status answer answeredAt complaint { trackingCode } }
      userErrors { code field message }
    }
  }`;

const RESOLVE_ISSUE = /* GraphQL */ `
  mutation KonsolSelesaikanTransfer($input: ResolveDisbursementIssueInput!) {
    resolveDisbursementIssue(input: $input) {
      issue { id status resolvedAt resentOn resolutionNote }
      userErrors { code field message }
    }
  }`;

interface UserError { code: string; field: string[] | null; message: string }

interface BankData {
  referrals: BankReferral[];
  /** More complaints than the page reads: the oldest referrals may be missing from the list. */
  truncated: boolean;
  issues: BankIssue[];
  issueCount: number;
  conferences: BankConference[];
}

async function loadBankData(session: Session): Promise<BankData> {
  const referrals: BankReferral[] = [];
  let after: string | undefined;
  let first: BankPageResult | undefined;
  let truncated = false;
  for (let page = 0; ; page++) {
    const result = await session.aduan.request<BankPageResult, Record<string, unknown>>(BANK_PAGE, { after, firstPage: page === 0 });
    first ??= result;
    for (const { node } of result.complaints.edges) {
      const { referrals: made, ...complaint } = node;
      for (const referral of made) {
        if (referral.status === 'OPEN' && referral.toOrganisation.id === session.office.id) {
          referrals.push({ id: referral.id, reason: referral.reason, createdAt: referral.createdAt, dueAt: referral.dueAt, from: referral.fromOrganisation?.name ?? null, complaint });
        }
      }
    }
    if (!result.complaints.pageInfo.hasNextPage) break;
    if (page + 1 >= MAX_COMPLAINT_PAGES) {
      truncated = true;
      break;
    }
    after = result.complaints.pageInfo.endCursor ?? undefined;
  }
  // The most urgent first: the one due soonest (a referral without a due time last).
  referrals.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
  const conferences = (first!.caseConferences?.edges ?? []).map(({ node }) => ({
    ...node,
    // Aduan gives a bank only the actions it owns; the filter says so here too, should that ever widen.
    actions: node.actions.filter((action) => action.responsibleOrganisation.id === session.office.id),
  }));
  return {
    referrals, truncated, conferences,
    issues: (first!.disbursementIssues?.edges ?? []).map(({ node }) => node),
    issueCount: first!.disbursementIssues?.totalCount ?? 0,
  };
}

/** What a successful POST comes back to: a notice by code (the address never carries free text). */
const NOTICES: Record<string, string> = {
  rujukan: 'Jawaban rujukan terkirim dan tercatat atas nama Anda. Kantor yang merujuk sudah diberi tahu.',
  transfer: 'Penyelesaian transfer gagal tercatat atas nama Anda.',
};

export function registerBank(app: express.Express, { aduan }: ConsoleDeps): void {
  async function show(res: express.Response, status: number, form: BankForm | null, notice: string | null): Promise<void> {
    const session = sessionOf(res);
    let data: BankData;
    try {
      data = await loadBankData(session);
    } catch (error) {
      const problem = problemOf(error, 'bank page');
      return sendPage(res, problem.status, messagePage(session, 'Halaman bank tidak dapat dimuat', problem.message));
    }
    const categories = await aduan.reference.categories().catch(() => []);
    sendPage(res, status, bankPage({ session, ...data, categories, form, notice }));
  }

  // Only banks have this page; a social office's officer has the inbox instead.
  app.use('/bank', (_req, res, next) => (sessionOf(res).office.role === 'BANK' ? next() : res.redirect(303, '/')));

  app.get('/bank', async (req, res) => {
    const code = typeof req.query.berhasil === 'string' ? req.query.berhasil : '';
    const trackingCode = typeof req.query.kode === 'string' && /^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(req.query.kode) ? req.query.kode : null;
    const notice = NOTICES[code] ? `${trackingCode ? `${trackingCode}: ` : ''}${NOTICES[code]}` : null;
    await show(res, 200, null, notice);
  });

  app.post('/bank/rujukan/:id', async (req, res) => {
    const session = sessionOf(res);
    const answer = String(req.body?.answer ?? '');
    const form: BankForm = { kind: 'referral', id: req.params.id, values: { answer }, errors: [] };
    if (!answer.trim()) {
      form.errors.push({ field: 'answer', message: 'Tuliskan jawaban untuk kantor yang merujuk.' });
      return show(res, 422, form, null);
    }
    let result;
    try {
      ({ answerReferral: result } = await session.aduan.request<{ answerReferral: { referral: { status: string; answer: string | null; answeredAt: string | null; complaint: { trackingCode: string } | null } | null; userErrors: UserError[] } }, Record<string, unknown>>(
        ANSWER_REFERRAL, { input: { referralId: req.params.id, answer } }));
    } catch (error) {
      const problem = problemOf(error, 'answerReferral');
      return sendPage(res, problem.status, messagePage(session, 'Jawaban belum terkirim', problem.message));
    }
    if (result.userErrors.length === 0) {
      return res.redirect(303, `/bank?berhasil=rujukan&kode=${encodeURIComponent(result.referral?.complaint?.trackingCode ?? '')}#rujukan`);
    }
    form.errors = result.userErrors.map(formError);
    // Answered (or withdrawn) by someone else while this officer typed: say what happened; their text stays below.
    if (result.userErrors.some((e) => e.code === 'INVALID_TRANSITION') && result.referral && result.referral.status !== 'OPEN') {
      form.changed = result.referral.status === 'ANSWERED'
        ? { title: 'Rujukan ini sudah dijawab', text: `Rujukan ${result.referral.complaint?.trackingCode ?? ''} sudah dijawab ${result.referral.answeredAt ? 'pada ' + new Date(result.referral.answeredAt).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' }) + ' WIB' : ''} oleh petugas lain di bank Anda, dengan jawaban: “${result.referral.answer ?? ''}”. Jawaban Anda tidak dikirim; salinannya ada di bawah bila masih perlu disampaikan lewat kantor yang merujuk.` }
        : { title: 'Rujukan ini sudah ditarik', text: `Kantor yang merujuk ${result.referral.complaint?.trackingCode ?? ''} sudah menarik rujukannya; tidak ada yang perlu dijawab lagi. Jawaban Anda tidak dikirim; salinannya ada di bawah.` };
    }
    return show(res, 422, form, null);
  });

  app.post('/bank/transfer/:id', async (req, res) => {
    const session = sessionOf(res);
    const outcome = String(req.body?.outcome ?? '');
    const resentOn = String(req.body?.resentOn ?? '').trim();
    const note = String(req.body?.note ?? '');
    const form: BankForm = { kind: 'issue', id: req.params.id, values: { outcome, resentOn, note }, errors: [] };
    if (!(outcome in OUTCOME_LABELS)) {
      form.errors.push({ field: 'outcome', message: 'Pilih hasil penyelesaiannya.' });
      return show(res, 422, form, null);
    }
    let result;
    try {
      ({ resolveDisbursementIssue: result } = await session.aduan.request<{ resolveDisbursementIssue: { issue: { status: string } | null; userErrors: UserError[] } }, Record<string, unknown>>(
        RESOLVE_ISSUE, { input: { issueId: req.params.id, outcome: outcome as DisbursementIssueOutcome, ...(resentOn ? { resentOn } : {}), ...(note.trim() ? { note } : {}) } }));
    } catch (error) {
      const problem = problemOf(error, 'resolveDisbursementIssue');
      return sendPage(res, problem.status, messagePage(session, 'Penyelesaian belum tercatat', problem.message));
    }
    if (result.userErrors.length === 0) return res.redirect(303, '/bank?berhasil=transfer#transfer');
    form.errors = result.userErrors.map(formError);
    if (result.issue && result.issue.status !== 'OPEN') {
      form.changed = { title: 'Transfer gagal ini sudah diselesaikan', text: `Petugas lain di bank Anda sudah mencatat penyelesaiannya (${OUTCOME_LABELS[result.issue.status as DisbursementIssueOutcome] ?? result.issue.status}). Isian Anda tidak dikirim.` };
    }
    return show(res, 422, form, null);
  });
}

/** A userError next to its field: the last step of its path (`["input", "answer"]` → answer); none: the form's own. */
function formError(error: UserError): FormError {
  return { field: error.field?.at(-1) ?? null, message: error.message };
}
