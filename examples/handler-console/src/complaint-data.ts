import type { AduanClient, ComplaintCategory, ComplaintStatus, EventVisibility, OrganisationKind, ResolutionDecision, SlaState, Tier } from '@aduan/sdk';

/**
 * The complaint page's own GraphQL documents. The page asks for what it shows
 * and nothing personal: no `complainant` (asking for it at all is a logged
 * read of the NIK and phone for a handler), no `subjectNik`. Those come only
 * from REVEAL, which the officer asks for explicitly and Aduan logs under
 * their name.
 */
const EVENT_FIELDS = 'id seq type at actorName actorOfficer { name } message fromStatus toStatus fromTier toTier visibility';

const COMPLAINT_FIELDS = /* GraphQL */ `
  id trackingCode version status statusLabel category currentTier slaState dueAt createdAt updatedAt resolvedAt
  resolutionDecision occurredOn description channel { description } villageBypassed
  program { code name }
  region { code name parent { name parent { name } } }
  submittedBy { name }
  assignedTo { id name }
  assignedOfficer { id name }
  assignedOfficerName
  duplicateOf { id trackingCode statusLabel }
  appealOf { id trackingCode statusLabel }
  timeline(first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${EVENT_FIELDS} } }
  }
  evidence { id kind contentType fileName size attachedAt attachedBy { name } }
  referrals { id status reason answer createdAt answeredAt dueAt fromOrganisation { name } toOrganisation { name kind } }
  disbursementIssues { id period status failureCode amount occurredOn resolvedAt resolutionNote bank { name } program { name } }
  caseConferences { id status agenda location scheduledAt heldAt decisions convenedBy { name } participants { id name } actions { description dueOn responsibleOrganisation { name } } }
  homeVisits { id scheduledFor visitedAt socialWorkerName outcome findings organisation { name } }
`;

export const COMPLAINT = /* GraphQL */ `
  query KonsolPengaduan($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`;

/** The same, and the complainant's identity: each NIK, phone and e-mail read is logged under the officer. */
export const REVEAL = /* GraphQL */ `
  query KonsolPengaduanIdentitas($id: ID!) {
    complaint(id: $id) { ${COMPLAINT_FIELDS} subjectNik complainant { name nik phone email masked confidential } }
  }`;

/** Other complaints that may be about the same case (wip/console-api's Complaint.possibleDuplicates). */
export const POSSIBLE_DUPLICATES = /* GraphQL */ `
  query KonsolKemungkinanDuplikat($id: ID!) {
    complaint(id: $id) { possibleDuplicates { id trackingCode statusLabel createdAt category program { name } region { name } } }
  }`;

/** The banks, offices and NGOs a complaint can be referred to, or invited to a case conference. */
export const DIRECTORY = /* GraphQL */ `
  query KonsolDirektori($after: String) {
    organisations(first: 100, after: $after, filter: { kind: [BANK, DISTRICT_OFFICE, PROVINCE_OFFICE, MINISTRY, VILLAGE_OFFICE, NGO] }) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name kind tier jurisdictionCode } }
    }
  }`;

/** The rest of a long timeline (over 100 events: a complaint handled for months), 100 at a time. */
const TIMELINE_PAGE = /* GraphQL */ `
  query KonsolRiwayat($id: ID!, $after: String) {
    complaint(id: $id) { timeline(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${EVENT_FIELDS} } } } }
  }`;

/** One file of evidence, with a fresh download URL (5 minutes; the download is logged under the officer). */
export const EVIDENCE = /* GraphQL */ `
  query KonsolBukti($id: ID!) {
    node(id: $id) { ... on Evidence { id contentType fileName complaint { id } download { url } } }
  }`;

export interface TimelineEvent {
  id: string;
  seq: number;
  type: string;
  at: string;
  actorName: string | null;
  actorOfficer: { name: string } | null;
  message: string | null;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  fromTier: Tier | null;
  toTier: Tier | null;
  visibility: EventVisibility;
}

export interface ComplaintDetail {
  id: string;
  trackingCode: string;
  version: number;
  status: ComplaintStatus;
  statusLabel: string;
  category: ComplaintCategory;
  currentTier: Tier;
  slaState: SlaState;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolutionDecision: ResolutionDecision | null;
  occurredOn: string | null;
  description: string;
  channel: { description: string };
  villageBypassed: boolean;
  program: { code: string; name: string };
  region: { code: string; name: string; parent: { name: string; parent: { name: string } | null } | null };
  submittedBy: { name: string } | null;
  assignedTo: { id: string; name: string } | null;
  assignedOfficer: { id: string; name: string } | null;
  assignedOfficerName: string | null;
  duplicateOf: { id: string; trackingCode: string; statusLabel: string } | null;
  appealOf: { id: string; trackingCode: string; statusLabel: string } | null;
  timeline: { totalCount: number; pageInfo: PageInfo; edges: { node: TimelineEvent }[] };
  evidence: { id: string; kind: string; contentType: string; fileName: string | null; size: number; attachedAt: string; attachedBy: { name: string } }[];
  referrals: { id: string; status: string; reason: string; answer: string | null; createdAt: string; answeredAt: string | null; dueAt: string | null; fromOrganisation: { name: string } | null; toOrganisation: { name: string; kind: OrganisationKind } }[];
  disbursementIssues: { id: string; period: string; status: string; failureCode: string; amount: number; occurredOn: string; resolvedAt: string | null; resolutionNote: string | null; bank: { name: string }; program: { name: string } }[];
  caseConferences: { id: string; status: string; agenda: string; location: string; scheduledAt: string; heldAt: string | null; decisions: string | null; convenedBy: { name: string }; participants: { id: string; name: string }[]; actions: { description: string; dueOn: string | null; responsibleOrganisation: { name: string } }[] }[];
  homeVisits: { id: string; scheduledFor: string; visitedAt: string | null; socialWorkerName: string; outcome: string | null; findings: string | null; organisation: { name: string } }[];
  /** Only after the explicit reveal. */
  subjectNik?: string | null;
  complainant?: { name: string | null; nik: string | null; phone: string | null; email: string | null; masked: boolean; confidential: boolean } | null;
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface PossibleDuplicate {
  id: string;
  trackingCode: string;
  statusLabel: string;
  createdAt: string;
  category: string;
  program: { name: string };
  region: { name: string };
}

export interface DirectoryEntry {
  id: string;
  name: string;
  kind: OrganisationKind;
  tier: Tier | null;
  jurisdictionCode: string | null;
}

/** The complaint as the officer may see it; null when Aduan does not show it to them (unknown, or outside their jurisdiction). */
export async function readComplaint(aduan: AduanClient, id: string, reveal = false): Promise<ComplaintDetail | null> {
  const data = await aduan.request<{ complaint: ComplaintDetail | null }, { id: string }>(reveal ? REVEAL : COMPLAINT, { id });
  const complaint = data.complaint;
  // The whole timeline: what changed since the officer read it (STALE_VERSION) is at its end.
  let page = complaint?.timeline.pageInfo;
  for (let i = 0; complaint && page?.hasNextPage && page.endCursor && i < 20; i++) {
    const more = await aduan.request<{ complaint: { timeline: { pageInfo: PageInfo; edges: { node: TimelineEvent }[] } } | null }, { id: string; after: string }>(TIMELINE_PAGE, { id, after: page.endCursor });
    if (!more.complaint) break;
    complaint.timeline.edges.push(...more.complaint.timeline.edges);
    page = more.complaint.timeline.pageInfo;
  }
  return complaint;
}

/**
 * Possible duplicates, when the Aduan behind the console has the field (an
 * older server answers a validation error: the page then shows none rather
 * than failing).
 */
export async function readPossibleDuplicates(aduan: AduanClient, id: string): Promise<PossibleDuplicate[] | null> {
  try {
    const data = await aduan.request<{ complaint: { possibleDuplicates: PossibleDuplicate[] } | null }, { id: string }>(POSSIBLE_DUPLICATES, { id });
    return data.complaint?.possibleDuplicates ?? [];
  } catch (error) {
    if ((error as { code?: string }).code === 'GRAPHQL_VALIDATION_FAILED') return null;
    throw error;
  }
}

/** How long the directory is reused: organisations are registered a few times a year. */
const DIRECTORY_TTL_MS = 5 * 60_000;
const directories = new Map<string, { expires: number; value: Promise<DirectoryEntry[]> }>();

/**
 * Every organisation of the directory the console can pick from (a few
 * hundred at most), kept a few minutes per organisation's client (the key):
 * the same for all its officers, and no secret in it. A failed read is not kept.
 */
export function readDirectory(aduan: AduanClient, key: string): Promise<DirectoryEntry[]> {
  const hit = directories.get(key);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = loadDirectory(aduan);
  directories.set(key, { expires: Date.now() + DIRECTORY_TTL_MS, value });
  value.catch(() => {
    if (directories.get(key)?.value === value) directories.delete(key);
  });
  return value;
}

async function loadDirectory(aduan: AduanClient): Promise<DirectoryEntry[]> {
  const all: DirectoryEntry[] = [];
  let after: string | undefined;
  for (let page = 0; page < 20; page++) {
    const data = await aduan.request<{ organisations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: DirectoryEntry }[] } }, { after?: string }>(DIRECTORY, { after });
    all.push(...data.organisations.edges.map((edge) => edge.node));
    if (!data.organisations.pageInfo.hasNextPage || !data.organisations.pageInfo.endCursor) break;
    after = data.organisations.pageInfo.endCursor;
  }
  return all;
}
