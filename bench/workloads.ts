/**
 * The benchmark's workloads: what is asked, by whom, and Aduan's GraphQL for
 * it. Every contender answers the same input; `canonical` turns an answer into
 * what must be equal across contenders (keys sorted; values that differ by
 * nature — a new tracking code, the instant of a write — replaced by their shape).
 */

export type WorkloadName = 'inbox' | 'inboxDeep' | 'detail' | 'track' | 'submit' | 'bankReport' | 'recipient';

export interface InboxInput { after: string | null }
export interface DetailInput { id: string; nik: string }
export interface TrackInput { trackingCode: string }
export interface SubmitInput {
  idempotencyKey: string;
  channel: string;
  programCode: string;
  category: string;
  description: string;
  regionCode: string;
  complainant: { name: string; phone: string; anonymous: boolean; confidential: boolean };
}
export interface BankReportInput {
  idempotencyKey: string;
  programCode: string;
  period: string;
  items: { nik: string; amount: number; failureCode: string; occurredOn: string }[];
}
export interface RecipientInput { nik: string }
export type WorkloadInput = InboxInput | DetailInput | TrackInput | SubmitInput | BankReportInput | RecipientInput;

export interface Workload {
  name: WorkloadName;
  title: string;
  /** The demo client that asks (null: the public). */
  clientId: string | null;
}

/** The inbox's caller: Kota Bandung's district social office (demo-dinsos-3273), whose jurisdiction holds about a third of the complaints. */
export const INBOX_CLIENT = 'demo-dinsos-3273';
export const INBOX_DISTRICT = '32.73';
export const INBOX_PAGE_SIZE = 50;
export const TIMELINE_EVENTS = 3;
export const DETAIL_TIMELINE_EVENTS = 20;
export const FAMILY_COMPLAINTS = 10;
export const BANK_REPORT_ITEMS = 1000;

export const WORKLOADS: Record<WorkloadName, Workload> = {
  inbox: { name: 'inbox', title: 'Inbox, page 1 (50 complaints with programme, channel, region, organisation, 3 timeline events)', clientId: INBOX_CLIENT },
  inboxDeep: { name: 'inboxDeep', title: 'Inbox, page 1,000 (keyset cursor)', clientId: INBOX_CLIENT },
  detail: { name: 'detail', title: 'Complaint detail (20 timeline events, the family’s enrolments and last 10 complaints)', clientId: INBOX_CLIENT },
  track: { name: 'track', title: 'trackComplaint (public)', clientId: null },
  submit: { name: 'submit', title: 'submitComplaint (synchronous commit on)', clientId: 'demo-ngo-lks' },
  bankReport: { name: 'bankReport', title: 'reportDisbursementIssues, 1,000 items', clientId: 'demo-bank-bri' },
  recipient: { name: 'recipient', title: 'Recipient by NIK', clientId: INBOX_CLIENT },
};

const COMPLAINT_SUMMARY = `id trackingCode status statusLabel category currentTier createdAt dueAt slaState
  program { code name } channel { code name } region { code name } assignedTo { id name }`;

const INBOX = `query Inbox($after: String) {
  complaints(first: ${INBOX_PAGE_SIZE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${COMPLAINT_SUMMARY}
      timeline(first: ${TIMELINE_EVENTS}) { totalCount edges { node { seq type at } } } } }
  }
}`;

const DETAIL = `query Detail($id: ID!, $nik: String!) {
  complaint(id: $id) {
    ${COMPLAINT_SUMMARY} description occurredOn updatedAt version submittedBy { id name }
    timeline(first: ${DETAIL_TIMELINE_EVENTS}) { totalCount pageInfo { hasNextPage } edges { node { seq type at fromStatus toStatus message } } }
  }
  recipient(nik: $nik) {
    family {
      enrolments { program { code name } status enrolledOn bank { name } }
      complaints(first: ${FAMILY_COMPLAINTS}) { totalCount edges { node { id trackingCode status statusLabel createdAt } } }
    }
  }
}`;

const TRACK = `query Track($trackingCode: String!) {
  trackComplaint(trackingCode: $trackingCode) {
    trackingCode status statusLabel currentTier tierLabel submittedAt lastUpdatedAt dueAt publicResponses { at message }
  }
}`;

const SUBMIT = `mutation Submit($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) {
    trackingCode acknowledgement
    complaint { trackingCode status currentTier category createdAt dueAt program { code } region { code } }
    userErrors { field code message }
  }
}`;

const BANK_REPORT = `mutation Report($input: ReportDisbursementIssuesInput!) {
  reportDisbursementIssues(input: $input) {
    batch { itemCount acceptedCount rejectedCount period program { code } }
    results { index issue { status amount failureCode occurredOn period } userErrors { field code message } }
    userErrors { field code message }
  }
}`;

const RECIPIENT = `query Recipient($nik: String!) {
  recipient(nik: $nik) {
    id fullName sex birthDate isFamilyHead dtksStatus masked region { code name }
    enrolments { program { code } status enrolledOn }
  }
}`;

export function aduanOperation(workload: WorkloadName, input: WorkloadInput): { query: string; variables: Record<string, unknown> } {
  switch (workload) {
    case 'inbox':
    case 'inboxDeep':
      return { query: INBOX, variables: { after: (input as InboxInput).after } };
    case 'detail':
      return { query: DETAIL, variables: { ...(input as DetailInput) } };
    case 'track':
      return { query: TRACK, variables: { ...(input as TrackInput) } };
    case 'submit':
      return { query: SUBMIT, variables: { input } };
    case 'bankReport':
      return { query: BANK_REPORT, variables: { input } };
    case 'recipient':
      return { query: RECIPIENT, variables: { ...(input as RecipientInput) } };
  }
}

/**
 * An answer as compared across contenders. For a submission, the tracking code
 * and the reply PIN are drawn at random and the due time follows the instant of
 * the write: they are checked for their form, not their value. slaState and the rest are compared
 * as they are (the requests of one comparison are made within a second).
 */
export function canonical(workload: WorkloadName, answer: unknown): unknown {
  // What the operation answered; extensions (Aduan reports the query's cost there) are no part of it.
  const { data, errors } = (answer ?? {}) as { data?: unknown; errors?: unknown };
  let value: unknown = errors === undefined ? { data } : { data, errors };
  if (workload === 'submit') value = JSON.parse(JSON.stringify(value), (key, v) => {
    if (typeof v !== 'string') return v;
    if (key === 'trackingCode') return /^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(v) ? '<tracking code>' : v;
    if (key === 'createdAt' || key === 'dueAt') return Number.isNaN(Date.parse(v)) ? v : '<instant>';
    if (key === 'acknowledgement') {
      // The reply PIN is drawn at random too (docs/adr/0026-complainant-pin.md): its form, not its value.
      return v.replace(/ADU-[0-9A-Z]{4}-[0-9A-Z]{4}/g, '<tracking code>').replace(/\d{1,2} \p{L}+ \d{4} pukul \d{2}\.\d{2}/gu, '<local time>')
        .replace(/PIN Anda \d{6}:/g, 'PIN Anda <pin>:');
    }
    return v;
  });
  return sortKeys(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
