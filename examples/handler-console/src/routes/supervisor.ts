import type express from 'express';
import { sendPage, sessionOf, type ConsoleDeps } from '../app.js';
import { problemOf } from '../problems.js';
import { messagePage } from '../views/layout.js';
import { PERIODS, supervisorPage, type OfficeRow, type Period, type StatisticsNumbers } from '../views/supervisor-page.js';

/**
 * The supervisor's page: how each office handling the complaints of the
 * supervisor's jurisdiction is doing. One call to complaintStatistics grouped by
 * OFFICE (the office handling each complaint now) gives every number: Aduan
 * counts in SQL, the console only lays them out.
 */
const STATISTICS = /* GraphQL */ `
  query KonsolPenyelia($filter: ComplaintStatisticsFilter) {
    complaintStatistics(groupBy: [OFFICE], filter: $filter) {
      generatedAt
      ...Numbers
      groups { office { id name tier jurisdictionCode } ...GroupNumbers }
    }
  }
  fragment Numbers on ComplaintStatistics {
    total open resolved slaMet slaBreached slaComplianceRate medianHoursToResolve
    ageing { upTo3Days from4To7Days from8To14Days over14Days oldestOpenReceivedAt }
  }
  fragment GroupNumbers on ComplaintStatisticsGroup {
    count open resolved slaMet slaBreached slaComplianceRate medianHoursToResolve
    ageing { upTo3Days from4To7Days from8To14Days over14Days oldestOpenReceivedAt }
  }`;

interface StatisticsResult {
  complaintStatistics: Omit<StatisticsNumbers, 'count'> & {
    total: number;
    generatedAt: string;
    groups: (StatisticsNumbers & { office: OfficeRow['office'] })[];
  };
}

export function registerSupervisor(app: express.Express, _deps: ConsoleDeps): void {
  app.get('/penyelia', async (req, res) => {
    const session = sessionOf(res);
    // A supervisor of a social office: a bank has no offices to oversee, and an officer's account no such page.
    if (session.account.role !== 'penyelia' || session.office.role === 'BANK') {
      return sendPage(res, 403, messagePage(session, 'Khusus penyelia', 'Halaman kinerja kantor hanya untuk akun penyelia di kantor sosial. Hubungi pengelola konsol bila Anda memerlukannya.'));
    }
    const period: Period = typeof req.query.periode === 'string' && req.query.periode in PERIODS ? (req.query.periode as Period) : 'semua';
    const createdFrom = PERIODS[period].from(new Date());
    let result: StatisticsResult;
    try {
      result = await session.aduan.request<StatisticsResult, Record<string, unknown>>(STATISTICS, { filter: createdFrom ? { createdFrom: createdFrom.toISOString() } : {} });
    } catch (error) {
      const problem = problemOf(error, 'complaintStatistics');
      return sendPage(res, problem.status, messagePage(session, 'Kinerja kantor tidak dapat dimuat', problem.message));
    }
    const { groups, total, generatedAt, ...totals } = result.complaintStatistics;
    sendPage(res, 200, supervisorPage({
      session, period, generatedAt, createdFrom,
      rows: orderOffices(groups.map(({ office, ...numbers }) => ({ office, numbers })), session.office.jurisdictionCode),
      totals: { count: total, ...totals },
    }));
  });
}

const TIER_RANK: Record<string, number> = { VILLAGE: 0, DISTRICT: 1, PROVINCE: 2, NATIONAL: 3 };

/**
 * The offices of the supervisor's own jurisdiction first (the supervisor's office, then the ones below it by name),
 * then the offices above that handle complaints escalated from it, then the complaints no office handles.
 */
export function orderOffices(rows: OfficeRow[], jurisdictionCode: string | null): OfficeRow[] {
  const within = (row: OfficeRow) => row.office !== null && (jurisdictionCode === null || (row.office.jurisdictionCode ?? '').startsWith(jurisdictionCode));
  for (const row of rows) row.escalated = row.office !== null && !within(row);
  const rank = (row: OfficeRow) => (row.office === null ? 9 : row.escalated ? 5 + TIER_RANK[row.office.tier ?? 'NATIONAL'] / 10 : 3 - (TIER_RANK[row.office.tier ?? 'VILLAGE'] ?? 0));
  return rows.sort((a, b) => rank(a) - rank(b) || (a.office?.name ?? '').localeCompare(b.office?.name ?? '', 'id'));
}
