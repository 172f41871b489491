import type { OpenDataset } from '../dataset';
import { MEASURE_COLUMNS, measures, MONTH_COLUMN, published } from './published-counts';

/** The nation's complaints per month: one API answer per month, its total. */
export const complaintsByMonth: OpenDataset = {
  name: 'complaints-by-month',
  title: 'Complaints per month, Indonesia',
  description: 'All complaints received in Indonesia each month (confidential ones too: only their number), with SLA compliance and the median time to resolve.',
  apiEquivalent: 'publicComplaintStatistics(filter: { month }) { total slaComplianceRate medianHoursToResolve }, one query per month',
  columns: [MONTH_COLUMN, ...MEASURE_COLUMNS],
  primaryKey: ['month'],
  async rows(source) {
    const rows = [];
    for (const month of source.months) {
      const answer = await published(source, { month });
      rows.push({ month, ...measures(answer.total, answer.slaComplianceRate, answer.medianHoursToResolve) });
    }
    return rows;
  },
};
