import type { ComplaintCategory, ComplaintFilter, ComplaintOrder, ComplaintStatus, SlaState, Tier } from '@aduan/sdk';
import type express from 'express';
import { sendPage, sessionOf, type ConsoleDeps } from '../app.js';
import type { Region } from '../aduan.js';
import { OPEN_STATUSES, SLA_LABELS, STATUS_LABELS, TIER_LABELS } from '../labels.js';
import { problemOf } from '../problems.js';
import type { Session } from '../sessions.js';
import { inboxPage, type InboxFilters, type InboxRow } from '../views/inbox-page.js';
import { messagePage } from '../views/layout.js';

/** The inbox's page: 25 complaints, light enough for a slow connection. */
export const PAGE_SIZE = 25;

/** The inbox's own query: only what the table shows (no description, no complainant: nothing personal is read). */
const INBOX = /* GraphQL */ `
  query KonsolKotakMasuk($first: Int, $after: String, $filter: ComplaintFilter, $orderBy: ComplaintOrder) {
    complaints(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id trackingCode status statusLabel category currentTier slaState dueAt createdAt
          program { code name }
          region { code name }
          assignedOfficer { name }
          assignedOfficerName
        }
      }
    }
  }`;

interface InboxResult {
  complaints: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: InboxRow }[];
  };
}

export function registerInbox(app: express.Express, { aduan }: ConsoleDeps): void {
  app.get('/', async (req, res) => {
    const session = sessionOf(res);
    if (session.office.role === 'BANK') return res.redirect(303, '/bank');
    const filters = readFilters(req.query);
    let result: InboxResult;
    let categories: { code: string; label: string }[];
    let programs: { code: string; name: string }[];
    let areas: Region[];
    let villages: Region[];
    try {
      [result, categories, programs, areas, villages] = await Promise.all([
        session.aduan.request<InboxResult, Record<string, unknown>>(INBOX, { first: PAGE_SIZE, after: filters.after || undefined, filter: toFilter(filters), orderBy: filters.order }),
        aduan.reference.categories(),
        aduan.reference.programs(),
        areasOf(session, aduan.reference.regions.bind(aduan.reference)),
        filters.area ? aduan.reference.regions(filters.area) : Promise.resolve([]),
      ]);
    } catch (error) {
      const problem = problemOf(error, 'complaints');
      return sendPage(res, problem.status, messagePage(session, 'Kotak masuk tidak dapat dimuat', problem.message));
    }
    sendPage(res, 200, inboxPage({
      session, filters,
      rows: result.complaints.edges.map((edge) => edge.node),
      totalCount: result.complaints.totalCount,
      nextCursor: result.complaints.pageInfo.hasNextPage ? result.complaints.pageInfo.endCursor : null,
      categories, programs, areas, villages,
    }));
  });
}

/** The regions an officer can narrow the inbox to: those directly under their jurisdiction (none for a village). */
async function areasOf(session: Session, regions: (parent?: string) => Promise<Region[]>): Promise<Region[]> {
  const code = session.office.jurisdictionCode;
  if (session.office.tier === 'VILLAGE') return [];
  return regions(code ?? undefined);
}

const one = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');
const many = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The inbox's filters from the address (a GET form: a filtered inbox can be bookmarked and shared with a colleague). */
export function readFilters(query: Record<string, unknown>): InboxFilters {
  const statuses = many(query.status).filter((s): s is ComplaintStatus => s in STATUS_LABELS);
  return {
    // Untouched, the inbox shows what is still to be done; the filter form (f=1) may ask for any statuses, or all.
    statuses: query.status === undefined && query.f === undefined ? OPEN_STATUSES : statuses,
    tiers: many(query.tingkat).filter((t): t is Tier => t in TIER_LABELS),
    slaStates: many(query.sla).filter((s): s is SlaState => s in SLA_LABELS),
    programCode: one(query.program),
    category: one(query.kategori) as ComplaintCategory | '',
    area: /^[\d.]{2,13}$/.test(one(query.wilayah)) ? one(query.wilayah) : '',
    village: /^[\d.]{2,13}$/.test(one(query.desa)) ? one(query.desa) : '',
    search: one(query.q).trim().slice(0, 200),
    order: one(query.urut) === 'terbaru' ? 'NEWEST_FIRST' : 'DUE_SOONEST',
    after: one(query.setelah).slice(0, 200),
  };
}

function toFilter(filters: InboxFilters): ComplaintFilter {
  return {
    ...(filters.statuses.length ? { status: filters.statuses } : {}),
    ...(filters.tiers.length ? { tier: filters.tiers } : {}),
    ...(filters.slaStates.length ? { slaState: filters.slaStates } : {}),
    ...(filters.programCode ? { programCode: [filters.programCode] } : {}),
    ...(filters.category ? { category: [filters.category] } : {}),
    ...(filters.village || filters.area ? { regionCode: filters.village || filters.area } : {}),
    ...(filters.search ? { search: filters.search } : {}),
  };
}

export type { ComplaintOrder };
